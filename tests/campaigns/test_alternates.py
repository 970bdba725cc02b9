"""A winner who declines, or is marked as not claiming, passes the place to the next alternate."""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from allin.campaigns import draws, raffle, services, tasks
from allin.campaigns.models import Entrant
from allin.core.models import ActivityLog
from allin.events import checkin
from tests import beacon_vector as real
from tests.conftest import make_member
from tests.factories import make_event

RAFFLE = "/alpha/campaigns/wai/raffle/"


@pytest.fixture
def frozen(institution, organizer):
    """Three places (one Headphones, two Hatch) and seven entrants, so three alternates; the
    announced round is the real one of tests/beacon_vector.py."""
    start = real.CLOSES_AT - timedelta(days=5)
    week = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=real.CLOSES_AT,
    )
    services.add_prize(week, actor=None, rank=1, name="Headphones")
    services.add_prize(week, actor=None, rank=2, name="Hatch Restore 2", quantity=2)
    event = make_event(
        institution, slug="s", raffle_eligible=True, starts_at=start + timedelta(hours=12)
    )
    services.add_session(week, event, actor=None)
    for i in range(7):
        person = make_member(institution, email=f"p{i}@alpha.example", name=f"Person {i}")
        checkin.staff_check_in(event, user=person, actor=organizer)
    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at, now=start)
    return draws.freeze_entries(draw, actor=organizer, now=week.ends_at + timedelta(minutes=1))


@pytest.fixture
def drawn(frozen, organizer):
    return draws.run_draw(frozen, actor=organizer, signature_hex=real.SIGNATURE)


def _at(draw, index):  # type: ignore[no-untyped-def]
    return Entrant.objects.select_related("user").get(raffle=draw, code=draw.winners[index])


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def test_a_winner_declines_and_the_first_alternate_takes_the_place(drawn):
    winner = _at(drawn, 0)
    called = draws.decline(winner, actor=winner.user)
    assert called.code == drawn.winners[3]
    outcome = draws.results(drawn)
    first = outcome.places[0]
    assert (first["code"], first["alternate"], first["declined"]) == (
        drawn.winners[3],
        1,
        [{"code": winner.code, "name": ""}],
    )
    assert [a["took"] for a in outcome.alternates] == [1, None, None]
    # The winner's own decline names no one and logs no code.
    log = ActivityLog.objects.get(action="campaigns.raffle.prize_declined")
    assert (log.actor, log.data) == (None, {"place": 1})


def test_two_declines_call_in_alternates_one_and_two_in_the_order_made(drawn):
    third, first = _at(drawn, 2), _at(drawn, 0)
    moment = timezone.now()
    # Even at the same instant, the second decline comes after the first.
    draws.decline(third, actor=third.user, now=moment)
    draws.decline(first, actor=first.user, now=moment)
    places = draws.results(drawn).places
    assert [p["code"] for p in places] == [drawn.winners[4], drawn.winners[1], drawn.winners[3]]
    assert [p["alternate"] for p in places] == [2, None, 1]
    assert [p["prize"] for p in places] == ["Headphones", "Hatch Restore 2", "Hatch Restore 2"]


def test_a_place_with_no_alternate_left_is_unclaimed(client, drawn, organizer):
    holder = _at(drawn, 1)
    for expected in [*drawn.winners[3:], None]:
        called = draws.decline(holder, actor=organizer)
        assert (called.code if called else None) == expected
        holder = called
    outcome = draws.results(drawn)
    second = outcome.places[1]
    assert (second["unclaimed"], second["code"]) == (True, "")
    assert [d["code"] for d in second["declined"]] == [drawn.winners[1], *drawn.winners[3:]]
    assert [a["declined"] for a in outcome.alternates] == [True, True, True]
    codes = ", ".join(drawn.winners[i] for i in (1, 3, 4))
    assert (
        f"Hatch Restore 2: unclaimed, after {codes} and {drawn.winners[5]} declined; "
        "no alternate is left" in _text(client.get(RAFFLE))
    )
    assert (
        f"Congratulations to prize winners entry {drawn.winners[0]}, and entry {drawn.winners[2]}!"
        in _text(client.get("/alpha/campaigns/wai/"))
    )


def test_refusals_write_nothing(drawn, organizer, member):
    alternate = _at(drawn, 3)
    nobody = Entrant.objects.exclude(code__in=drawn.winners).get()
    for person in (alternate, nobody):
        with pytest.raises(ValidationError, match="alternate not called in has none yet"):
            draws.decline(person, actor=person.user)
    winner = _at(drawn, 0)
    with pytest.raises(PermissionDenied):
        draws.decline(winner, actor=member)
    draws.decline(winner, actor=winner.user)
    with pytest.raises(ValidationError, match="You have already declined your prize"):
        draws.decline(winner, actor=winner.user)
    with pytest.raises(ValidationError, match="already declined or not claimed"):
        draws.decline(winner, actor=organizer)
    assert list(Entrant.objects.filter(declined_at__isnull=False).values_list("code")) == [
        (winner.code,)
    ]
    assert ActivityLog.objects.filter(action__startswith="campaigns.raffle.prize_").count() == 1


def test_only_a_drawn_raffle_has_declines(frozen):
    entrant = Entrant.objects.select_related("user").first()
    with pytest.raises(ValidationError, match="not drawn yet"):
        draws.decline(entrant, actor=entrant.user)
    assert draws.results(frozen).places == []


def test_declines_leave_the_published_draw_as_it_was(client, drawn):
    record = client.get(f"{RAFFLE}draw.json").content
    winner = _at(drawn, 0)
    draws.decline(winner, actor=winner.user)
    assert client.get(f"{RAFFLE}draw.json").content == record
    entries = client.get(f"{RAFFLE}entries.csv").content
    assert raffle.verify(entries, json.loads(record)) == []


def test_the_called_in_alternate_is_emailed(drawn, django_capture_on_commit_callbacks):
    winner = _at(drawn, 1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        called = draws.decline(winner, actor=winner.user)
    assert [m.to for m in mail.outbox] == [[called.user.email]]
    assert mail.outbox[0].subject == (
        "[All In] A prize in the We're All In raffle passes to you: the Hatch Restore 2"
    )
    assert f"your entry {called.code} was drawn as an alternate" in mail.outbox[0].body


def test_no_email_to_an_alternate_who_declined_before_it_went(
    drawn, django_capture_on_commit_callbacks
):
    winner = _at(drawn, 0)
    with django_capture_on_commit_callbacks() as callbacks:
        called = draws.decline(winner, actor=winner.user)
    with django_capture_on_commit_callbacks():
        draws.decline(called, actor=called.user)
    mail.outbox.clear()
    for callback in callbacks:
        callback()
    tasks.send_alternate_email.call(entrant_id=0)
    assert mail.outbox == []


def test_only_the_winner_sees_the_decline_button_and_uses_it(client_for, drawn, organizer):
    winner, alternate = _at(drawn, 0), _at(drawn, 3)
    assert "Decline my prize" in _text(client_for(winner.user).get(RAFFLE))
    for other in (alternate.user, organizer):
        assert "Decline my prize" not in _text(client_for(other).get(RAFFLE))
    client = client_for(winner.user)
    assert client.get(f"{RAFFLE}decline/").status_code == 405
    page = _text(client.post(f"{RAFFLE}decline/", follow=True))
    assert "You have declined your prize; it passes to the next alternate." in page
    assert f"Headphones: {alternate.code} (alternate 1), after {winner.code} declined" in page
    assert f"Alternate 1: {alternate.code}, called in for place 1" in page
    again = _text(client.post(f"{RAFFLE}decline/", follow=True))
    assert "You have already declined your prize." in again
    assert "Decline my prize" in _text(client_for(alternate.user).get(RAFFLE))


def test_a_winner_named_with_consent_is_named_as_declining(client, drawn):
    winner = _at(drawn, 0)
    draws.set_name_consent(winner, user=winner.user, consent=True)
    draws.decline(winner, actor=winner.user)
    page = _text(client.get(RAFFLE))
    assert f"after {winner.user.display_name} ({winner.code}) declined" in page


def test_an_organizer_marks_a_winner_as_not_claimed(client_for, drawn, organizer):
    winner = _at(drawn, 2)
    page = _text(
        client_for(organizer).post(f"{RAFFLE}steps/decline/", {"code": winner.code}, follow=True)
    )
    assert (
        f"{winner.code} no longer holds a prize; alternate {drawn.winners[3]} is called in" in page
    )
    log = ActivityLog.objects.get(action="campaigns.raffle.prize_released")
    assert (log.actor, log.data) == (organizer, {"place": 3})
    unknown = client_for(organizer).post(f"{RAFFLE}steps/decline/", {"code": "NOPE"}, follow=True)
    assert "No entrant has that code." in _text(unknown)


def test_members_cannot_mark_winners(client_for, drawn):
    winner, other = _at(drawn, 0), _at(drawn, 1)
    response = client_for(winner.user).post(f"{RAFFLE}steps/decline/", {"code": other.code})
    assert response.status_code == 403
    assert Entrant.objects.filter(declined_at__isnull=False).count() == 0


def test_outsiders_and_people_without_an_entry_get_404(client_for, drawn, outsider, member):
    code = drawn.winners[0]
    assert client_for(outsider).post(f"{RAFFLE}decline/").status_code == 404
    assert client_for(outsider).post(f"{RAFFLE}steps/decline/", {"code": code}).status_code == 404
    assert client_for(member).post(f"{RAFFLE}decline/").status_code == 404
    assert Entrant.objects.filter(declined_at__isnull=False).count() == 0


def test_the_landing_page_shows_the_alternate_who_took_the_place(client, drawn):
    winner = _at(drawn, 0)
    called = draws.decline(winner, actor=winner.user)
    landing = _text(client.get("/alpha/campaigns/wai/"))
    assert (
        f"Congratulations to prize winners entry {called.code}, entry {drawn.winners[1]}, "
        f"and entry {drawn.winners[2]}!" in landing
    )
