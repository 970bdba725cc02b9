"""Email about events, sent by tasks after the transaction that caused it commits."""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.core.mail import send_templated_email
from allin.events.enums import RSVPStatus
from allin.events.models import RSVP, Event


def _load(rsvp_id: int) -> RSVP | None:
    with scopes_disabled():
        return (
            RSVP.objects.select_related(
                "event", "event__institution", "event__series", "event__cohort", "user"
            )
            .filter(pk=rsvp_id)
            .first()
        )


def _invite(event: Event, *, method: str, join_link: bool) -> list[tuple[str, bytes, str]]:
    from allin.events.ical import event_calendar

    data = event_calendar(
        event, base_url=settings.SITE_URL, include_join_link=join_link, method=method
    )
    return [(f"{event.slug}.ics", data, f"text/calendar; method={method}; charset=utf-8")]


def _still_for(row: RSVP) -> bool:
    """Whether the event is still for this person (they may have left its cohort)."""
    from allin.events.services import audience_problem

    with scopes_disabled():
        return audience_problem(row.event, row.user) is None


def _send(template: str, row: RSVP, **extra: object) -> None:
    event = row.event
    send_templated_email(
        template,
        to=[row.user.email],
        context={"rsvp": row, "event": event, "institution": event.institution, **extra},
        attachments=_invite(event, method="REQUEST", join_link=False)
        if row.status == RSVPStatus.CONFIRMED
        else [],
    )


@task
def send_rsvp_email(*, rsvp_id: int) -> None:
    row = _load(rsvp_id)
    if row is None or row.status == RSVPStatus.CANCELLED:
        return
    _send("email/rsvp", row)


@task
def send_promotion_email(*, rsvp_id: int) -> None:
    row = _load(rsvp_id)
    if row is None or row.status != RSVPStatus.CONFIRMED or row.event.is_cancelled:
        return
    _send("email/promotion", row)


@task
def send_reminder(*, rsvp_id: int, kind: str) -> None:
    row = _load(rsvp_id)
    if row is None or row.status != RSVPStatus.CONFIRMED or row.event.is_cancelled:
        return
    if not _still_for(row):
        return
    event = row.event
    starts = timezone.localtime(event.starts_at, event.zone).date()
    day = "today" if starts == timezone.localtime(timezone=event.zone).date() else "tomorrow"
    _send("email/reminder", row, kind=kind, day=day)


@task
def send_change_notices(*, event_id: int) -> None:
    """The time or place changed: everyone coming gets the new details and an updated
    invitation (same UID, higher SEQUENCE) that moves the entry in their calendar."""
    with scopes_disabled():
        ids = list(
            RSVP.objects.filter(event_id=event_id, status=RSVPStatus.CONFIRMED).values_list(
                "pk", flat=True
            )
        )
    for pk in ids:
        row = _load(pk)
        if row is not None and not row.event.is_cancelled and _still_for(row):
            _send("email/event_changed", row)


@task
def send_cancellation_notices(*, event_id: int) -> None:
    with scopes_disabled():
        event = Event.objects.select_related("institution", "series").get(pk=event_id)
        rows = list(
            RSVP.objects.filter(event=event)
            .exclude(status=RSVPStatus.CANCELLED)
            .select_related("user")
        )
    attachment = _invite(event, method="CANCEL", join_link=False)
    for row in rows:
        send_templated_email(
            "email/event_cancelled",
            to=[row.user.email],
            context={"rsvp": row, "event": event, "institution": event.institution},
            attachments=attachment,
        )
