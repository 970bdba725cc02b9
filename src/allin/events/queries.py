from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from itertools import groupby

from django.db.models import QuerySet
from django.utils import timezone

from allin.accounts.models import User
from allin.events.enums import Audience, RSVPMode, RSVPStatus
from allin.events.models import RSVP, Event
from allin.institutions.models import Institution
from allin.institutions.rules import cached_membership

# The join link appears this long before the start (a person arriving early finds it).
JOIN_LINK_LEAD = timedelta(minutes=15)


def visible_events(institution: Institution, user: User) -> QuerySet[Event]:
    events = Event.objects.filter(institution=institution).select_related("institution", "series")
    if cached_membership(user, institution) is None:
        events = events.filter(audience=Audience.PUBLIC)
    return events


def calendar(
    institution: Institution, user: User, *, past: bool = False, series: str = "", format: str = ""
) -> QuerySet[Event]:
    now = timezone.now()
    events = visible_events(institution, user)
    events = (
        events.filter(ends_at__lte=now).order_by("-starts_at")
        if past
        else events.filter(ends_at__gt=now).order_by("starts_at")
    )
    if series:
        events = events.filter(series__slug=series)
    if format:
        events = events.filter(format=format)
    return events


def by_day(events: Iterable[Event]) -> list[tuple[date, list[Event]]]:
    """Group by the day each event starts, in its own time zone, as a printed calendar does."""

    def day(event: Event) -> date:
        return timezone.localtime(event.starts_at, event.zone).date()

    return [(d, list(group)) for d, group in groupby(events, key=day)]


def rsvps_by_event(user: User, events: Iterable[Event]) -> dict[int, RSVP]:
    if not user.is_authenticated:
        return {}
    ids = [e.pk for e in events]
    return {
        r.event_id: r
        for r in RSVP.objects.filter(user=user, event_id__in=ids).exclude(
            status=RSVPStatus.CANCELLED
        )
    }


def waitlist_position(row: RSVP) -> int | None:
    if row.status != RSVPStatus.WAITLISTED:
        return None
    ahead = RSVP.objects.filter(
        event_id=row.event_id, status=RSVPStatus.WAITLISTED, queue_number__lt=row.queue_number
    ).count()
    return ahead + 1


def may_see_join_link(event: Event, user: User, row: RSVP | None, *, at=None) -> bool:  # type: ignore[no-untyped-def]
    at = at or timezone.now()
    if not event.join_url or event.is_cancelled or not user.is_authenticated:
        return False
    if not (event.starts_at - JOIN_LINK_LEAD <= at < event.ends_at):
        return False
    if row is not None and row.status == RSVPStatus.CONFIRMED:
        return True
    # Where an RSVP is not required, anyone who may see the event may come.
    return event.rsvp_mode != RSVPMode.REQUIRED
