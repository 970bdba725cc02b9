"""Every write to the attendance ledger by hand: QR self check-in, staff check-in and undo.

One row per person per event is guarded by the unique constraint, so fifty parallel scans by one
phone leave one row and one audit entry (research/reliability-perf.md §3.3).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.events.enums import AttendanceSource, Audience
from allin.events.models import Attendance, Event
from allin.events.services import audience_problem
from allin.institutions.rules import cached_membership

# People arrive early; the QR code on the screen should already work when they do.
CHECK_IN_OPENS_BEFORE = timedelta(minutes=30)


def check_in_problem(event: Event, user: User, *, at: datetime | None = None) -> str | None:
    at = at or timezone.now()
    if event.is_cancelled:
        return "This event was cancelled."
    if at < event.starts_at - CHECK_IN_OPENS_BEFORE:
        return "Check-in opens 30 minutes before the event starts."
    if at >= event.ends_at:
        return "This event has ended, so check-in is closed. Ask an organizer to add you."
    return audience_problem(event, user)


def _record(
    event: Event,
    user: User,
    *,
    source: str,
    actor: User | None,
    minutes: int | None = None,
) -> tuple[Attendance, bool]:
    try:
        with transaction.atomic():
            row = Attendance.objects.create(
                institution_id=event.institution_id,
                event=event,
                user=user,
                source=source,
                checked_in_at=timezone.now(),
                minutes=minutes,
                recorded_by=actor,
            )
            log_action(
                row,
                "events.attendance.recorded",
                actor=actor,
                institution=event.institution,
                data={"person": user.display_name, "source": row.get_source_display()},
            )
    except IntegrityError:
        return Attendance.objects.get(event=event, user=user), False
    return row, True


def self_check_in(event: Event, *, user: User) -> tuple[Attendance, bool]:
    """Record the signed-in person once; scanning again says they are already in."""
    problem = check_in_problem(event, user)
    if problem:
        raise ValidationError(problem)
    return _record(event, user, source=AttendanceSource.QR, actor=user)


def staff_check_in(event: Event, *, user: User, actor: User) -> tuple[Attendance, bool]:
    """Organizers may record attendance at any time, also after the event, but not for a
    person outside the institution at a members-only event."""
    if event.is_cancelled:
        raise ValidationError("This event was cancelled.")
    if event.audience != Audience.PUBLIC and cached_membership(user, event.institution) is None:
        raise ValidationError(f"{user.display_name} is not a member of the institution.")
    return _record(event, user, source=AttendanceSource.STAFF, actor=actor)


def undo_check_in(row: Attendance, *, actor: User) -> None:
    with transaction.atomic():
        deleted, _ = Attendance.objects.filter(pk=row.pk).delete()
        if deleted:
            log_action(
                row.event,
                "events.attendance.removed",
                actor=actor,
                institution=row.event.institution,
                data={"person": row.user.display_name},
            )
