"""Participants' writes: sticky notes and votes on them.

A walk takes notes while its event runs (in the room) and within its online window, each exact
to the second in the institution's time zone: closing at 23:59:59 accepts any moment of that
second and refuses 00:00:00. Nothing written here records who wrote or voted in the audit log.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.datawalks.enums import Prompt
from allin.datawalks.models import DataWalk, Note, Station, Vote
from allin.institutions.rules import cached_membership

MAX_NOTE = 500


def _moment(value: datetime, walk: DataWalk) -> str:
    return date_format(timezone.localtime(value, walk.institution.zone), "F j, Y, g:i:s A T")


def _windows(walk: DataWalk) -> list[tuple[datetime, datetime]]:
    found = []
    if walk.event_id and not walk.event.is_cancelled:
        found.append((walk.event.starts_at, walk.event.ends_at))
    if walk.opens_at and walk.closes_at:
        found.append((walk.opens_at, walk.closes_at))
    return found


def open_problem(walk: DataWalk, *, at: datetime | None = None) -> str | None:
    """Why the walk takes no notes or votes now, in a sentence, or None while it is open."""
    at = (at or timezone.now()).replace(microsecond=0)
    windows = _windows(walk)
    if any(start <= at <= end for start, end in windows):
        return None
    upcoming = [start for start, _ in windows if start > at]
    if upcoming:
        return f"Notes open on {_moment(min(upcoming), walk)}."
    if windows:
        return f"This data walk closed on {_moment(max(end for _, end in windows), walk)}."
    return "This data walk takes no notes."


def _may_take_part(walk: DataWalk, user: User) -> None:
    if cached_membership(user, walk.institution) is None:
        raise ValidationError(f"Notes and votes are for members of {walk.institution}.")
    if (problem := open_problem(walk)) is not None:
        raise ValidationError(problem)


def post_note(station: Station, *, author: User, prompt: str, body: str) -> Note:
    walk = station.walk
    body = body.strip()
    errors: dict[str, str] = {}
    if prompt not in Prompt.values:
        errors["prompt"] = "Choose one of the three prompts."
    if not body:
        errors["body"] = "Write your note before posting it."
    elif len(body) > MAX_NOTE:
        errors["body"] = f"Keep a note under {MAX_NOTE} characters; this one has {len(body)}."
    if errors:
        raise ValidationError(errors)
    _may_take_part(walk, author)
    with transaction.atomic():
        note = Note.objects.create(
            institution_id=station.institution_id,
            station=station,
            author=author,
            prompt=prompt,
            body=body,
        )
        log_action(
            note,
            "datawalks.note.posted",
            actor=None,
            institution=walk.institution,
            data={"station": station.title, "prompt": note.get_prompt_display()},
        )
    return note


def delete_note(note: Note, *, author: User) -> None:
    """The author's own note goes for real, whenever they like, votes and all. A target drafted
    from it keeps its origin (walk and station), without the words."""
    if note.author_id != author.pk:
        raise PermissionDenied("Only its author can delete a note.")
    station = note.station
    with transaction.atomic():
        Note.objects.filter(pk=note.pk).delete()
        log_action(
            station.walk,
            "datawalks.note.deleted",
            actor=None,
            institution=station.walk.institution,
            data={"station": station.title},
        )


def toggle_vote(note: Note, *, voter: User) -> bool:
    """One vote per person per note: a vote there is withdrawn, otherwise cast. True when the
    person's vote stands afterwards."""
    _may_take_part(note.station.walk, voter)
    with transaction.atomic():
        withdrawn, _ = Vote.objects.filter(note=note, voter=voter).delete()
        if withdrawn:
            action, voted = "datawalks.vote.withdrawn", False
        else:
            try:
                with transaction.atomic():
                    Vote.objects.create(institution_id=note.institution_id, note=note, voter=voter)
            except IntegrityError:
                # Their other click, a moment earlier, cast it: the vote stands.
                return True
            action, voted = "datawalks.vote.cast", True
        log_action(note, action, actor=None, institution=note.station.walk.institution)
    return voted
