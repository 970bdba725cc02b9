"""Sticky notes and votes: open only while the walk is, exact to the second; for members; and
nothing anywhere says who wrote or voted."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from allin.core.models import ActivityLog
from allin.datawalks import notes, synthesis
from allin.datawalks.enums import Prompt
from allin.datawalks.models import Note, TargetOrigin, Vote
from tests.datawalks.helpers import leave, make_station, make_walk
from tests.factories import make_event

NEW_YORK = ZoneInfo("America/New_York")
OPENS = datetime(2023, 9, 14, 15, 0, 0, tzinfo=NEW_YORK)
CLOSES = datetime(2023, 9, 21, 23, 59, 59, tzinfo=NEW_YORK)


@pytest.fixture
def online(institution):  # type: ignore[no-untyped-def]
    return make_station(make_walk(institution, opens_at=OPENS, closes_at=CLOSES))


def test_a_member_leaves_a_note(station, member):
    note = leave(station, member, body="  Fewer Black students than in the city.  ")
    assert Note.objects.values_list("prompt", "body", "author").get() == (
        "notice",
        "Fewer Black students than in the city.",
        member.pk,
    )
    assert str(note) == "A “What I notice” note"


@pytest.mark.parametrize(
    ("moment", "accepted"),
    [
        (datetime(2023, 9, 14, 14, 59, 59, 999_999, tzinfo=NEW_YORK), False),
        (datetime(2023, 9, 14, 15, 0, 0, tzinfo=NEW_YORK), True),
        (datetime(2023, 9, 21, 23, 59, 59, 999_999, tzinfo=NEW_YORK), True),
        (datetime(2023, 9, 22, 0, 0, 0, tzinfo=NEW_YORK), False),
    ],
)
def test_the_online_window_is_exact_to_the_second(online, member, moment, accepted):
    with time_machine.travel(moment, tick=False):
        if accepted:
            leave(online, member)
        else:
            with pytest.raises(ValidationError):
                leave(online, member)
    assert Note.objects.count() == (1 if accepted else 0)


def test_a_closed_walk_says_when_it_closed_and_refuses(online, member):
    midnight = datetime(2023, 9, 22, 0, 0, 0, tzinfo=NEW_YORK)
    with time_machine.travel(midnight, tick=False), pytest.raises(ValidationError) as caught:
        leave(online, member)
    assert caught.value.messages == [
        "This data walk closed on September 21, 2023, 11:59:59 PM EDT."
    ]
    assert not Note.objects.exists()


def test_before_the_walk_it_says_when_it_opens(online, member):
    with time_machine.travel(datetime(2023, 9, 1, tzinfo=NEW_YORK), tick=False):
        assert (
            notes.open_problem(online.walk) == "Notes open on September 14, 2023, 3:00:00 PM EDT."
        )


def test_in_the_room_notes_are_open_while_the_event_runs(institution, member):
    start = datetime(2023, 9, 14, 15, 0, tzinfo=NEW_YORK)
    event = make_event(
        institution, slug="walk", starts_at=start, ends_at=start + timedelta(hours=3)
    )
    station = make_station(make_walk(institution, event=event, opens_at=None, closes_at=None))
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        leave(station, member)
    with time_machine.travel(start + timedelta(hours=3, seconds=1), tick=False):
        assert (
            notes.open_problem(station.walk)
            == "This data walk closed on September 14, 2023, 6:00:00 PM EDT."
        )
    assert Note.objects.count() == 1


def test_a_cancelled_event_opens_nothing(institution, member):
    from allin.events import services as events

    start = datetime(2023, 9, 14, 15, 0, tzinfo=NEW_YORK)
    event = make_event(
        institution, slug="walk", starts_at=start, ends_at=start + timedelta(hours=3)
    )
    walk = make_walk(institution, event=event, opens_at=None, closes_at=None)
    events.cancel_event(event, actor=None)
    walk.refresh_from_db()
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert notes.open_problem(walk) == "This data walk takes no notes."


@pytest.mark.parametrize(
    ("prompt", "body", "expected"),
    [
        ("notice", "   ", {"body": ["Write your note before posting it."]}),
        ("notice", "x" * 501, {"body": ["Keep a note under 500 characters; this one has 501."]}),
        ("wish", "Words", {"prompt": ["Choose one of the three prompts."]}),
    ],
)
def test_bad_notes_are_refused_with_a_reason(station, member, prompt, body, expected):
    with pytest.raises(ValidationError) as caught:
        notes.post_note(station, author=member, prompt=prompt, body=body)
    assert caught.value.message_dict == expected
    assert not Note.objects.exists()


def test_notes_are_for_members(station, other_member):
    with pytest.raises(ValidationError) as caught:
        leave(station, other_member)
    assert caught.value.messages == ["Notes and votes are for members of Alpha."]
    assert not Note.objects.exists()


def test_the_audit_log_names_no_author_and_keeps_no_words(station, member):
    note = leave(station, member, body="My own words")
    notes.toggle_vote(note, voter=member)
    notes.toggle_vote(note, voter=member)
    notes.delete_note(note, author=member)
    entries = list(ActivityLog.objects.filter(action__startswith="datawalks.note").order_by("id"))
    entries += list(ActivityLog.objects.filter(action__startswith="datawalks.vote").order_by("id"))
    assert [(e.action, e.actor_id, e.data, e.display) for e in entries] == [
        (
            "datawalks.note.posted",
            None,
            {"station": "Who studies here", "prompt": "What I notice"},
            "A note was left at Who studies here under “What I notice”",
        ),
        (
            "datawalks.note.deleted",
            None,
            {"station": "Who studies here"},
            "A note at Who studies here was deleted by its author",
        ),
        ("datawalks.vote.cast", None, {}, "A vote was cast on a note"),
        ("datawalks.vote.withdrawn", None, {}, "A vote on a note was withdrawn"),
    ]
    logged = " ".join(f"{e.object_repr} {e.data}" for e in ActivityLog.objects.all())
    assert "My own words" not in logged and member.name not in logged


def test_a_vote_toggles_one_per_person(station, member, organizer):
    note = leave(station, member)
    assert notes.toggle_vote(note, voter=organizer) is True
    assert notes.toggle_vote(note, voter=member) is True
    assert Vote.objects.count() == 2
    assert notes.toggle_vote(note, voter=organizer) is False
    assert list(Vote.objects.values_list("voter", flat=True)) == [member.pk]


def test_a_closed_walk_refuses_votes(online, member):
    with time_machine.travel(OPENS, tick=False):
        note = leave(online, member)
    with (
        time_machine.travel(CLOSES + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError),
    ):
        notes.toggle_vote(note, voter=member)
    assert not Vote.objects.exists()


def test_only_the_author_deletes_a_note(station, member, organizer):
    note = leave(station, member)
    with pytest.raises(PermissionDenied):
        notes.delete_note(note, author=organizer)
    notes.delete_note(note, author=member)
    assert not Note.objects.exists()


def test_a_deleted_note_leaves_its_target_its_origin(station, member, organizer, sphere):
    note = leave(station, member, prompt=Prompt.CHANGE, body="Holistic review")
    target = synthesis.draft_target_from_note(
        note,
        actor=organizer,
        sphere=sphere,
        slug="holistic",
        title="Holistic review",
        desired_outcome="Holistic review in every admission.",
        cycle=2026,
        systems_condition="structural",
    )
    notes.delete_note(note, author=member)
    origin = TargetOrigin.objects.get()
    assert (origin.target, origin.note, origin.station, origin.prompt) == (
        target,
        None,
        station,
        "change",
    )
