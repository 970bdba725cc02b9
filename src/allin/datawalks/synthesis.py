"""The organizers' work on the notes after (or during) the walk: themes, needs of a sphere, and
turning a note into a draft change target. Logged on the walk, under the organizer's name; the
note's author stays unnamed."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from allin.accounts.models import User
from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget, Sphere
from allin.change.targets import create_target
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.datawalks.enums import Prompt
from allin.datawalks.models import DataWalk, Note, TargetOrigin, Theme

THEME_TAKEN = "This walk already has a theme with that name."


def _log(note: Note, action: str, actor: User | None, **data: str) -> None:
    walk = note.station.walk
    log_action(
        walk,
        action,
        actor=actor,
        institution=walk.institution,
        data={"station": note.station.title, **data},
    )


def add_theme(walk: DataWalk, *, actor: User | None, name: str) -> Theme:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": "Name the theme."})
    if len(name) > 120:
        raise ValidationError({"name": "Keep a theme's name under 120 characters."})
    if Theme.objects.filter(walk=walk, name__iexact=name).exists():
        raise ValidationError({"name": THEME_TAKEN})
    with unique_or_error("name", THEME_TAKEN):
        theme = Theme.objects.create(institution_id=walk.institution_id, walk=walk, name=name)
        log_action(
            walk,
            "datawalks.theme.added",
            actor=actor,
            institution=walk.institution,
            data={"theme": name},
        )
    return theme


def remove_theme(theme: Theme, *, actor: User | None) -> None:
    """Its notes stay, without a theme."""
    walk = theme.walk
    with transaction.atomic():
        Theme.objects.filter(pk=theme.pk).delete()
        log_action(
            walk,
            "datawalks.theme.removed",
            actor=actor,
            institution=walk.institution,
            data={"theme": theme.name},
        )


def set_note_theme(note: Note, *, actor: User | None, theme: Theme | None) -> Note:
    if theme is not None and theme.walk_id != note.station.walk_id:
        raise ValidationError({"theme": "Choose a theme of this walk."})
    if note.theme_id == (theme.pk if theme else None):
        return note
    with transaction.atomic():
        Note.objects.filter(pk=note.pk).update(theme=theme)
        note.theme = theme
        if theme is None:
            _log(note, "datawalks.note.unthemed", actor)
        else:
            _log(note, "datawalks.note.themed", actor, theme=theme.name)
    return note


def mark_need(note: Note, *, actor: User | None, sphere: Sphere | None) -> Note:
    """A "what should change" note as an identified need of a sphere (None: no longer one).
    Needs show on the project community map."""
    if sphere is not None:
        if note.prompt != Prompt.CHANGE:
            raise ValidationError("Only a “What should change” note can be a need.")
        if sphere.institution_id != note.institution_id:
            raise ValidationError({"sphere": "Choose a sphere of this institution."})
    if note.need_sphere_id == (sphere.pk if sphere else None):
        return note
    with transaction.atomic():
        Note.objects.filter(pk=note.pk).update(need_sphere=sphere)
        note.need_sphere = sphere
        if sphere is None:
            _log(note, "datawalks.note.need_cleared", actor)
        else:
            _log(note, "datawalks.note.need_marked", actor, sphere=sphere.name)
    return note


def draft_target_from_note(
    note: Note,
    *,
    actor: User | None,
    sphere: Sphere,
    slug: str,
    title: str,
    desired_outcome: str,
    cycle: int,
    systems_condition: str,
    rationale: str = "",
) -> ChangeTarget:
    """A draft change target in the change app, and the record of which note it came from, in
    one transaction: if either is refused, neither is written."""
    if sphere.institution_id != note.institution_id:
        raise ValidationError({"sphere": "Choose a sphere of this institution."})
    with transaction.atomic():
        fresh = Note.objects.select_for_update().select_related("station__walk").get(pk=note.pk)
        earlier = TargetOrigin.objects.filter(note=fresh).select_related("target").first()
        if earlier is not None:
            raise ValidationError(
                f"This note already became the draft target “{earlier.target.title}”."
            )
        target = create_target(
            sphere,
            actor=actor,
            slug=slug,
            title=title,
            desired_outcome=desired_outcome,
            cycle=cycle,
            systems_condition=systems_condition,
            rationale=rationale,
            status=TargetStatus.DRAFT,
        )
        with unique_or_error("__all__", "This note already became a draft target."):
            TargetOrigin.objects.create(
                institution_id=fresh.institution_id,
                target=target,
                note=fresh,
                walk=fresh.station.walk,
                station=fresh.station,
                prompt=fresh.prompt,
            )
        _log(fresh, "datawalks.note.drafted", actor, target=target.title)
    return target
