import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from allin.campaigns import beacon, draws, raffle, services
from allin.campaigns.models import Entrant, Raffle
from allin.core.models import ActivityLog
from allin.events import checkin
from tests import beacon_vector as real
from tests.conftest import make_member
from tests.factories import make_event

START = real.CLOSES_AT - timedelta(days=5)
AFTER_THE_ROUND = real.PUBLISHED_AT + timedelta(seconds=1)


@pytest.fixture
def week(institution, organizer):
    """Closes so that the announced round is the real one of tests/beacon_vector.py."""
    campaign = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=START,
        ends_at=real.CLOSES_AT,
    )
    for rank, name in enumerate(["Headphones", "Hatch Restore 2"], start=1):
        services.add_prize(campaign, actor=None, rank=rank, name=name)
    people = [make_member(institution, email=f"p{i}@alpha.example") for i in range(4)]
    for i in range(3):
        event = make_event(
            institution,
            slug=f"s{i}",
            raffle_eligible=True,
            starts_at=START + timedelta(days=i, hours=12),
        )
        services.add_session(campaign, event, actor=None)
        for person in people[: i + 2]:
            checkin.staff_check_in(event, user=person, actor=organizer)
    return campaign


def _publish(week, organizer):  # type: ignore[no-untyped-def]
    return draws.publish_rules(week, actor=organizer, closes_at=week.ends_at, now=START)


def _frozen(week, organizer):  # type: ignore[no-untyped-def]
    return draws.freeze_entries(_publish(week, organizer), actor=organizer, now=AFTER_THE_ROUND)


def _through_the_draw(week, organizer, **source):  # type: ignore[no-untyped-def]
    return draws.run_draw(
        _frozen(week, organizer),
        actor=organizer,
        now=AFTER_THE_ROUND,
        **(source or {"signature_hex": real.SIGNATURE}),
    )


def test_rules_name_the_round_after_the_close(week, organizer):
    draw = _publish(week, organizer)
    assert draw.beacon_round == raffle.beacon_round_for(week.ends_at) == real.ROUND
    assert draws.round_published_at(draw.beacon_round) >= week.ends_at + timedelta(minutes=10)
    assert f"round {draw.beacon_round}" in draw.rules
    assert draw.rules_sha256 == raffle.rules_sha256(draw.rules.encode())
    with pytest.raises(ValidationError, match="already published"):
        _publish(week, organizer)


def test_entries_are_tickets_from_the_ledger_under_private_codes(week, organizer):
    draw = _publish(week, organizer)
    with pytest.raises(ValidationError, match="still open"):
        draws.freeze_entries(draw, actor=organizer, now=week.ends_at - timedelta(seconds=1))
    draw = draws.freeze_entries(draw, actor=organizer, now=week.ends_at + timedelta(seconds=1))
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
    assert record["beacon_signature"] == real.SIGNATURE
    assert record["beacon_randomness"] == real.RANDOMNESS
    # Two prizes and three alternates asked for; four entrants is all there are.
    assert len(record["winners"]) == 4
    first = entries.decode().splitlines()[1].split(",")
    changed = entries.decode().replace(f"{first[0]},{first[1]}", f"{first[0]},{int(first[1]) + 1}")
    assert raffle.verify(changed.encode(), record)


def test_the_draw_runs_once(week, organizer):
    _through_the_draw(week, organizer)
    with pytest.raises(ValidationError, match="already made"):
        draws.run_draw(Raffle.objects.get(), actor=organizer, signature_hex=real.SIGNATURE)
    assert Raffle.objects.get().beacon_randomness == real.RANDOMNESS
    log = ActivityLog.objects.get(action="campaigns.raffle.drawn")
    assert log.data["signature_verified"] is True


def test_no_draw_before_the_round_or_from_a_signature_that_does_not_verify(week, organizer):
    draw = draws.freeze_entries(_publish(week, organizer), actor=organizer, now=week.ends_at)
    with pytest.raises(ValidationError, match="not published yet"):
        draws.run_draw(
            draw,
            actor=organizer,
            signature_hex=real.SIGNATURE,
            now=AFTER_THE_ROUND - timedelta(seconds=2),
        )
    for signature, message in [
        ("not-a-signature", "96 hexadecimal"),
        (real.flipped(200), f"not drand quicknet's signature of round {real.ROUND}"),
        (real.OTHER_SIGNATURE, f"not drand quicknet's signature of round {real.ROUND}"),
        ("", "Enter the signature"),
    ]:
        with pytest.raises(ValidationError, match=message) as caught:
            draws.run_draw(draw, actor=organizer, signature_hex=signature, now=AFTER_THE_ROUND)
        assert list(caught.value.message_dict) == ["signature"]
    with pytest.raises(ValidationError, match="not both"):
        draws.run_draw(
            draw,
            actor=organizer,
            signature_hex=real.SIGNATURE,
            randomness_hex=real.RANDOMNESS,
            now=AFTER_THE_ROUND,
        )
    assert Raffle.objects.get().drawn_at is None


def test_a_draw_from_randomness_alone_says_it_is_unverified(client, week, organizer):
    """Only the demo's made-up last year draws this way; nothing ties its randomness to drand."""
    draw = _through_the_draw(week, organizer, randomness_hex="ab" * 32)
    assert draw.beacon_signature == ""
    record = json.loads(client.get("/alpha/campaigns/wai/raffle/draw.json").content)
    assert record["beacon_signature"] == ""
    entries = client.get("/alpha/campaigns/wai/raffle/entries.csv").content
    assert raffle.verify(entries, record) == []
    page = client.get("/alpha/campaigns/wai/raffle/").content.decode()
    assert "No drand signature was recorded for this draw" in page
    assert "Signature verified" not in page
    assert not ActivityLog.objects.get(action="campaigns.raffle.drawn").data["signature_verified"]


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


DRAW = "/alpha/campaigns/wai/raffle/steps/draw/"


def test_organizer_runs_the_steps_from_the_page(client_for, week, organizer):
    client = client_for(organizer)
    with time_machine.travel(START):
        client.post("/alpha/campaigns/wai/raffle/steps/publish/")
    with time_machine.travel(AFTER_THE_ROUND):
        client.post("/alpha/campaigns/wai/raffle/steps/freeze/")
        page = client.get("/alpha/campaigns/wai/raffle/").content.decode()
        assert f'href="{beacon.round_url(real.ROUND)}"' in page
        assert f"Signature of round {real.ROUND}" in page
        client.post(DRAW, {"signature": f"  {real.SIGNATURE.upper()}\n"})
        again = client.post(DRAW, {"signature": real.SIGNATURE}, follow=True)
    assert Raffle.objects.get().beacon_signature == real.SIGNATURE
    page = again.content.decode()
    assert "The draw is made" in page and "The draw was already made." in page
    assert "Signature verified against the drand quicknet public key" in page


def test_a_signature_that_does_not_verify_is_refused_next_to_its_field(
    client_for, week, organizer, monkeypatch
):
    _frozen(week, organizer)
    client = client_for(organizer)
    with time_machine.travel(AFTER_THE_ROUND):
        refused = client.post(DRAW, {"signature": real.OTHER_SIGNATURE})
        monkeypatch.setattr(beacon, "fetch_beacon", lambda round_: None)
        unreachable = client.post(DRAW, {"signature": ""})
    assert refused.status_code == unreachable.status_code == 200
    field = re.search(
        r'<ul class="errorlist" id="id_signature_error"><li>(.*?)</li>', refused.content.decode()
    )
    assert field and f"not drand quicknet&#x27;s signature of round {real.ROUND}" in field[1]
    assert 'aria-invalid="true"' in refused.content.decode()
    assert "drand could not be reached" in unreachable.content.decode()
    assert Raffle.objects.get().drawn_at is None


def test_left_empty_the_signature_is_fetched_from_drand(client_for, week, organizer, monkeypatch):
    _frozen(week, organizer)
    fetched = beacon.Beacon(real.ROUND, real.RANDOMNESS, real.SIGNATURE)
    monkeypatch.setattr(beacon, "fetch_beacon", lambda round_: fetched)
    with time_machine.travel(AFTER_THE_ROUND):
        client_for(organizer).post(DRAW, {"signature": ""})
    assert Raffle.objects.get().beacon_signature == real.SIGNATURE


def test_winners_are_named_only_with_consent_and_emailed(
    client, week, organizer, django_capture_on_commit_callbacks
):
    from django.core import mail

    draw = _frozen(week, organizer)
    first = raffle.draw(
        raffle.parse_entries(draw.entries_file.encode()), 1, draw.beacon_round, real.RANDOMNESS
    ).winners[0]
    winner = Entrant.objects.get(code=first)
    draws.set_name_consent(winner, user=winner.user, consent=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        draw = draws.run_draw(
            draw, actor=organizer, signature_hex=real.SIGNATURE, now=AFTER_THE_ROUND
        )
    second = Entrant.objects.select_related("user").get(code=draw.winners[1])
    landing = client.get("/alpha/campaigns/wai/").content.decode()
    assert (
        f"Congratulations to prize winners {winner.user.display_name}, and entry {second.code}!"
        in landing
    )
    assert second.user.display_name not in landing
    assert sorted(m.to[0] for m in mail.outbox) == sorted([winner.user.email, second.user.email])
    assert "won the Headphones" in next(m for m in mail.outbox if m.to == [winner.user.email]).body
