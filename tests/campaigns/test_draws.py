import json
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.campaigns import draws, raffle, services
from allin.campaigns.models import Entrant, Raffle
from allin.core.models import ActivityLog
from allin.events import checkin
from tests.conftest import make_member
from tests.factories import make_event

RANDOMNESS = "ab" * 32


@pytest.fixture
def week(institution, organizer):
    start = timezone.now() - timedelta(days=4)
    campaign = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    for rank, name in enumerate(["Headphones", "Hatch Restore 2"], start=1):
        services.add_prize(campaign, actor=None, rank=rank, name=name)
    people = [make_member(institution, email=f"p{i}@alpha.example") for i in range(4)]
    for i in range(3):
        event = make_event(
            institution,
            slug=f"s{i}",
            raffle_eligible=True,
            starts_at=start + timedelta(days=i, hours=12),
        )
        services.add_session(campaign, event, actor=None)
        for person in people[: i + 2]:
            checkin.staff_check_in(event, user=person, actor=organizer)
    return campaign


def _through_the_draw(week, organizer):
    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at)
    later = draws.round_published_at(draw.beacon_round) + timedelta(seconds=1)
    with time_machine.travel(later):
        draw = draws.freeze_entries(draw, actor=organizer)
        return draws.run_draw(draw, actor=organizer, randomness_hex=RANDOMNESS)


def test_rules_name_the_round_after_the_close(week, organizer):
    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at)
    assert draw.beacon_round == raffle.beacon_round_for(week.ends_at)
    assert draws.round_published_at(draw.beacon_round) >= week.ends_at + timedelta(minutes=10)
    assert f"round {draw.beacon_round}" in draw.rules
    assert draw.rules_sha256 == raffle.rules_sha256(draw.rules.encode())
    with pytest.raises(ValidationError, match="already published"):
        draws.publish_rules(week, actor=organizer, closes_at=week.ends_at)


def test_entries_are_tickets_from_the_ledger_under_private_codes(week, organizer):
    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at)
    with pytest.raises(ValidationError, match="still open"):
        draws.freeze_entries(draw, actor=organizer)
    with time_machine.travel(week.ends_at + timedelta(seconds=1)):
        draw = draws.freeze_entries(draw, actor=organizer)
    tickets = sorted(Entrant.objects.values_list("tickets", flat=True))
    assert tickets == [1, 2, 3, 3]
    assert "@" not in draw.entries_file and "p0" not in draw.entries_file
    assert raffle.parse_entries(draw.entries_file.encode()) == dict(
        Entrant.objects.values_list("code", "tickets")
    )


def test_the_published_files_verify_and_a_changed_ticket_does_not(client, week, organizer):
    _through_the_draw(week, organizer)
    entries = client.get("/alpha/campaigns/wai/raffle/entries.csv").content
    record = json.loads(client.get("/alpha/campaigns/wai/raffle/draw.json").content)
    assert raffle.verify(entries, record) == []
    # Two prizes and three alternates asked for; four entrants is all there are.
    assert len(record["winners"]) == 4
    first = entries.decode().splitlines()[1].split(",")
    changed = entries.decode().replace(f"{first[0]},{first[1]}", f"{first[0]},{int(first[1]) + 1}")
    assert raffle.verify(changed.encode(), record)


def test_the_draw_runs_once(week, organizer):
    draw = _through_the_draw(week, organizer)
    with (
        time_machine.travel(draws.round_published_at(draw.beacon_round) + timedelta(minutes=1)),
        pytest.raises(ValidationError, match="already made"),
    ):
        draws.run_draw(Raffle.objects.get(), actor=organizer, randomness_hex="cd" * 32)
    assert Raffle.objects.get().beacon_randomness == RANDOMNESS
    assert ActivityLog.objects.filter(action="campaigns.raffle.drawn").count() == 1


def test_no_draw_before_the_round_or_with_bad_randomness(week, organizer):
    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at)
    with time_machine.travel(week.ends_at + timedelta(seconds=1)):
        draw = draws.freeze_entries(draw, actor=organizer)
        with pytest.raises(ValidationError, match="not published yet"):
            draws.run_draw(draw, actor=organizer, randomness_hex=RANDOMNESS)
    with (
        time_machine.travel(draws.round_published_at(draw.beacon_round)),
        pytest.raises(ValidationError, match="64 hexadecimal"),
    ):
        draws.run_draw(draw, actor=organizer, randomness_hex="not-random")


def test_entrants_see_their_own_code_and_members_cannot_run_steps(
    client_for, institution, week, organizer, member
):
    draw = _through_the_draw(week, organizer)
    person = Entrant.objects.order_by("-tickets").first()
    page = client_for(person.user).get("/alpha/campaigns/wai/raffle/").content.decode()
    assert f"Your entrant code is <strong>{person.code}</strong>" in page
    for code in draw.winners[:2]:
        assert code in page
    assert client_for(member).post("/alpha/campaigns/wai/raffle/steps/draw/").status_code == 403


def test_organizer_runs_the_steps_from_the_page(client_for, week, organizer):
    client = client_for(organizer)
    client.post("/alpha/campaigns/wai/raffle/steps/publish/")
    draw = Raffle.objects.get()
    with time_machine.travel(draws.round_published_at(draw.beacon_round) + timedelta(seconds=5)):
        client.post("/alpha/campaigns/wai/raffle/steps/freeze/")
        client.post("/alpha/campaigns/wai/raffle/steps/draw/", {"randomness": RANDOMNESS})
        again = client.post(
            "/alpha/campaigns/wai/raffle/steps/draw/", {"randomness": "cd" * 32}, follow=True
        )
    assert Raffle.objects.get().drawn_at is not None
    assert "The draw is made" in again.content.decode()


def test_winners_are_named_only_with_consent_and_emailed(
    client, week, organizer, django_capture_on_commit_callbacks
):
    from django.core import mail

    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at)
    with time_machine.travel(draws.round_published_at(draw.beacon_round) + timedelta(seconds=1)):
        draw = draws.freeze_entries(draw, actor=organizer)
        first = raffle.draw(
            raffle.parse_entries(draw.entries_file.encode()), 1, draw.beacon_round, RANDOMNESS
        ).winners[0]
        winner = Entrant.objects.get(code=first)
        draws.set_name_consent(winner, user=winner.user, consent=True)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            draw = draws.run_draw(draw, actor=organizer, randomness_hex=RANDOMNESS)
    second = Entrant.objects.select_related("user").get(code=draw.winners[1])
    landing = client.get("/alpha/campaigns/wai/").content.decode()
    assert (
        f"Congratulations to prize winners {winner.user.display_name}, and entry {second.code}!"
        in landing
    )
    assert second.user.display_name not in landing
    assert sorted(m.to[0] for m in mail.outbox) == sorted([winner.user.email, second.user.email])
    assert "won the Headphones" in next(m for m in mail.outbox if m.to == [winner.user.email]).body
