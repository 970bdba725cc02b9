"""Organizers' work on the notes: themes, needs, and a note turned into a draft target."""

import pytest
from django.core.exceptions import ValidationError

from allin.change.models import ChangeTarget
from allin.core.models import ActivityLog
from allin.datawalks import synthesis
from allin.datawalks.enums import Prompt
from allin.datawalks.models import Note, TargetOrigin, Theme
from tests.change.helpers import make_sphere, make_target
from tests.datawalks.helpers import leave, make_station, make_walk

DRAFT = {
    "slug": "holistic-review",
    "title": "Holistic review in every admission",
    "desired_outcome": "Every committee scores with the holistic rubric.",
    "cycle": 2026,
    "systems_condition": "structural",
}


def test_themes_gather_notes(station, member, organizer):
    note = leave(station, member)
    theme = synthesis.add_theme(station.walk, actor=organizer, name="  Who gets  in ")
    synthesis.set_note_theme(note, actor=organizer, theme=theme)
    assert (Theme.objects.get().name, Note.objects.get().theme) == ("Who gets in", theme)
    with pytest.raises(ValidationError) as caught:
        synthesis.add_theme(station.walk, actor=organizer, name="who gets in")
    assert caught.value.message_dict == {"name": ["This walk already has a theme with that name."]}
    synthesis.remove_theme(theme, actor=organizer)
    assert Note.objects.get().theme is None
    assert [e.display for e in ActivityLog.objects.filter(actor=organizer).order_by("id")] == [
        "Theme Who gets in was added",
        "A note at Who studies here was put under the theme Who gets in",
        "Theme Who gets in was removed; its notes have no theme now",
    ]


def test_a_theme_belongs_to_its_walk(station, member, institution):
    other_walk = make_walk(institution, slug="other")
    theme = synthesis.add_theme(other_walk, actor=None, name="Elsewhere")
    with pytest.raises(ValidationError):
        synthesis.set_note_theme(leave(station, member), actor=None, theme=theme)
    assert Note.objects.get().theme is None


def test_a_what_should_change_note_becomes_a_need(station, member, organizer, sphere):
    note = leave(station, member, prompt=Prompt.CHANGE, body="Mentors who look like us")
    synthesis.mark_need(note, actor=organizer, sphere=sphere)
    assert Note.objects.get().need_sphere == sphere
    entry = ActivityLog.objects.get(action="datawalks.note.need_marked")
    assert (entry.actor, entry.object_repr, entry.display) == (
        organizer,
        "GSBS Data Walk",
        "A note at Who studies here was marked as a need of Admissions",
    )
    synthesis.mark_need(note, actor=organizer, sphere=None)
    assert Note.objects.get().need_sphere is None


def test_only_what_should_change_is_a_need(station, member, sphere, other_institution):
    with pytest.raises(ValidationError) as caught:
        synthesis.mark_need(leave(station, member), actor=None, sphere=sphere)
    assert caught.value.messages == ["Only a “What should change” note can be a need."]
    change = leave(station, member, prompt=Prompt.CHANGE)
    with pytest.raises(ValidationError):
        synthesis.mark_need(change, actor=None, sphere=make_sphere(other_institution))
    assert list(Note.objects.values_list("need_sphere", flat=True)) == [None, None]


def test_a_note_becomes_a_draft_target_once(station, member, organizer, sphere):
    note = leave(station, member, prompt=Prompt.CHANGE, body="Holistic review")
    target = synthesis.draft_target_from_note(note, actor=organizer, sphere=sphere, **DRAFT)
    assert (target.status, target.sphere, target.title) == ("draft", sphere, DRAFT["title"])
    origin = TargetOrigin.objects.get()
    assert (origin.note, origin.walk, origin.station, origin.prompt) == (
        note,
        station.walk,
        station,
        "change",
    )
    assert ActivityLog.objects.get(action="datawalks.note.drafted").display == (
        "A note at Who studies here became the draft change target "
        "Holistic review in every admission"
    )
    with pytest.raises(ValidationError) as caught:
        synthesis.draft_target_from_note(
            note, actor=organizer, sphere=sphere, **{**DRAFT, "slug": "again"}
        )
    assert caught.value.messages == [
        "This note already became the draft target “Holistic review in every admission”."
    ]
    assert ChangeTarget.objects.count() == 1


def test_a_refused_target_writes_nothing(station, member, organizer, sphere):
    make_target(sphere, slug="holistic-review")
    note = leave(station, member, prompt=Prompt.CHANGE)
    with pytest.raises(ValidationError) as caught:
        synthesis.draft_target_from_note(note, actor=organizer, sphere=sphere, **DRAFT)
    assert caught.value.message_dict == {
        "slug": ["Another change target already has the address “holistic-review”."]
    }
    assert (ChangeTarget.objects.count(), TargetOrigin.objects.count()) == (1, 0)


def test_another_schools_sphere_is_refused(station, member, other_institution):
    note = leave(station, member)
    with pytest.raises(ValidationError):
        synthesis.draft_target_from_note(
            note, actor=None, sphere=make_sphere(other_institution), **DRAFT
        )
    assert not ChangeTarget.objects.exists()


def test_notes_of_two_walks_keep_their_themes_apart(institution, member):
    first = make_station(make_walk(institution, slug="one"))
    second = make_station(make_walk(institution, slug="two"))
    synthesis.add_theme(first.walk, actor=None, name="Mentoring")
    synthesis.add_theme(second.walk, actor=None, name="Mentoring")
    assert Theme.objects.count() == 2
