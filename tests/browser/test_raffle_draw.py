"""An organizer runs the draw and publishes the winners; a winner declines and an alternate
takes the place. Every page passes axe."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from allin.campaigns import beacon, draws, raffle, services
from allin.campaigns.models import Entrant, Raffle
from allin.events import checkin
from tests import beacon_vector as real
from tests.browser.conftest import check_a11y
from tests.conftest import make_member
from tests.factories import make_event


def _ended_week(institution, organizer):  # type: ignore[no-untyped-def]
    """A week whose rules were published before it began and whose announced beacon round is
    the real, long published one of tests/beacon_vector.py (drand cannot be reached from here,
    so the organizer pastes its signature); five people attended one to three sessions."""
    start = real.CLOSES_AT - timedelta(days=5)
    week = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=real.CLOSES_AT,
    )
    services.add_prize(week, actor=None, rank=1, name="Bose QuietComfort Headphones")
    services.add_prize(week, actor=None, rank=2, name="Hatch Restore 2")
    people = [
        make_member(institution, email=f"p{i}@alpha.example", name=f"Person {i}") for i in range(5)
    ]
    for day in range(3):
        event = make_event(
            institution,
            slug=f"day-{day}",
            raffle_eligible=True,
            starts_at=start + timedelta(days=day, hours=12),
        )
        services.add_session(week, event, actor=None)
        for person in people[day:]:
            checkin.staff_check_in(event, user=person, actor=organizer)
    draws.publish_rules(week, actor=organizer, closes_at=week.ends_at, now=start)
    return week


def _click(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name=name).click()
    page.wait_for_load_state()
    check_a11y(page)


def test_an_organizer_runs_the_draw_and_publishes_the_winners(
    page, visit, login_as, institution, organizer
):
    week = _ended_week(institution, organizer)
    login_as(organizer)
    visit("/alpha/campaigns/wai/raffle/")
    expect(page.get_by_text("Entries are frozen at the close.")).to_be_visible()
    _click(page, "Freeze the entries")
    expect(page.get_by_text("The entries are frozen and published.")).to_be_visible()
    draw = Raffle.objects.get(campaign=week)
    expect(page.get_by_text(draw.entries_sha256)).to_be_visible()

    # The person the published stream will draw first says they may be named.
    stream = raffle.draw(
        raffle.parse_entries(draw.entries_file.encode()), 5, draw.beacon_round, real.RANDOMNESS
    ).winners
    first, second = (Entrant.objects.select_related("user").get(code=c) for c in stream[:2])
    login_as(first.user)
    visit("/alpha/campaigns/wai/raffle/")
    expect(page.get_by_text(f"Your entrant code is {first.code}")).to_be_visible()
    page.get_by_label(re.compile("Show my name if I win")).check()
    _click(page, "Save")
    expect(page.get_by_text("If you win, your name will be shown.")).to_be_visible()

    login_as(organizer)
    visit("/alpha/campaigns/wai/raffle/")
    signature = page.get_by_label(f"Signature of round {real.ROUND}")
    expect(page.get_by_role("link", name=beacon.round_url(real.ROUND))).to_be_visible()
    # The signature of another round is refused next to the field, and nothing is drawn.
    signature.fill(real.OTHER_SIGNATURE)
    _click(page, "Draw the winners")
    expect(signature).to_have_accessible_description(
        re.compile(f"not drand quicknet's signature of round {real.ROUND}")
    )
    expect(signature).to_have_attribute("aria-invalid", "true")
    signature.fill(real.SIGNATURE.upper())
    _click(page, "Draw the winners")
    expect(page.get_by_text("The draw is made and published.")).to_be_visible()
    expect(
        page.get_by_text("Signature verified against the drand quicknet public key")
    ).to_be_visible()
    winners = page.get_by_role("list", name="Winners")
    expect(winners.get_by_role("listitem")).to_have_text(
        [
            f"Bose QuietComfort Headphones: {first.user.display_name} ({first.code})",
            f"Hatch Restore 2: {second.code}",
        ]
    )
    expect(page.get_by_role("list", name="Alternates, in the order drawn")).to_contain_text(
        f"Alternate 1: {stream[2]}, not called in"
    )

    visit("/alpha/campaigns/wai/")
    expect(page.get_by_role("heading", name="Raffle winners")).to_be_visible()
    expect(
        page.get_by_text(
            f"Congratulations to prize winners {first.user.display_name}, and entry {second.code}!"
        )
    ).to_be_visible()


def test_a_winner_declines_and_the_alternate_takes_the_place(
    page, visit, login_as, institution, organizer
):
    week = _ended_week(institution, organizer)
    draw = draws.freeze_entries(Raffle.objects.get(campaign=week), actor=organizer)
    draw = draws.run_draw(draw, actor=organizer, signature_hex=real.SIGNATURE)
    first, second, alternate, fallback = (
        Entrant.objects.select_related("user").get(code=c) for c in draw.winners[:4]
    )

    login_as(second.user)
    visit("/alpha/campaigns/wai/raffle/")
    expect(page.get_by_role("heading", name="You won the Hatch Restore 2")).to_be_visible()
    page.get_by_text("I cannot take my prize").click()
    check_a11y(page)
    _click(page, "Decline my prize")
    expect(page.get_by_text("You have declined your prize")).to_be_visible()
    winners = page.get_by_role("list", name="Winners")
    expect(winners.get_by_role("listitem").nth(1)).to_have_text(
        f"Hatch Restore 2: {alternate.code} (alternate 1), after {second.code} declined"
    )
    expect(page.get_by_role("button", name="Decline my prize")).to_have_count(0)

    # The first winner never answers: the organizer marks the prize as not claimed.
    login_as(organizer)
    visit("/alpha/campaigns/wai/raffle/")
    _click(page, f"Mark {first.code} (Bose QuietComfort Headphones) as declined or not claimed")
    expect(
        page.get_by_text(
            f"{first.code} no longer holds a prize; alternate {fallback.code} is called in"
        )
    ).to_be_visible()

    visit("/alpha/campaigns/wai/")
    expect(
        page.get_by_text(
            f"Congratulations to prize winners entry {fallback.code}, and entry {alternate.code}!"
        )
    ).to_be_visible()
    login_as(alternate.user)
    visit("/alpha/campaigns/wai/raffle/")
    expect(page.get_by_role("heading", name="You won the Hatch Restore 2")).to_be_visible()
