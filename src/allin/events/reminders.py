"""Reminders the day before and shortly before each event, claimed once per event.

Run ``allin send_event_reminders`` every few minutes (cron or a systemd timer). Each event's
reminder is claimed with a conditional UPDATE, so overlapping runs never email twice.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.core.audit import log_action
from allin.events.enums import EventStatus, RSVPStatus
from allin.events.models import RSVP, Event

DAY_BEFORE = timedelta(hours=24)
SOON = timedelta(minutes=60)
KINDS = {"day": ("day_reminder_sent_at", DAY_BEFORE), "soon": ("soon_reminder_sent_at", SOON)}


def _send(kind: str, now: datetime) -> int:
    from allin.events import tasks

    field, lead = KINDS[kind]
    due = Event.objects.filter(
        status=EventStatus.SCHEDULED,
        starts_at__gt=now,
        starts_at__lte=now + lead,
        **{f"{field}__isnull": True},
    ).select_related("institution")
    if kind == "day":
        # An event an hour away gets the "soon" reminder only, not two emails at once.
        due = due.filter(starts_at__gt=now + SOON)
    sent = 0
    for event in due:
        with transaction.atomic():
            # The window again: the event may have moved since it was listed.
            claimed = Event.objects.filter(
                pk=event.pk,
                starts_at__gt=now,
                starts_at__lte=now + lead,
                **{f"{field}__isnull": True},
            ).update(**{field: now})
            if not claimed:
                continue
            ids = list(
                RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).values_list(
                    "pk", flat=True
                )
            )
            log_action(
                event,
                "events.event.reminder_sent",
                actor=None,
                institution=event.institution,
                data={
                    "kind": "Day-before" if kind == "day" else "Starting-soon",
                    "count": len(ids),
                },
            )
            for pk in ids:
                transaction.on_commit(
                    lambda pk=pk: tasks.send_reminder.enqueue(rsvp_id=pk, kind=kind)
                )
            sent += len(ids)
    return sent


def send_due_reminders(now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    with scopes_disabled():
        return {"soon": _send("soon", now), "day": _send("day", now)}
