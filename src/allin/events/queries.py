from __future__ import annotations

import calendar as pycalendar
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.events.enums import Audience, EventStatus, RSVPMode, RSVPStatus
from allin.events.models import RSVP, Attendance, Event
from allin.institutions.models import Institution, Membership
from allin.institutions.rules import cached_membership

# The join link appears this long before the start (a person arriving early finds it).
JOIN_LINK_LEAD = timedelta(minutes=15)


def visible_events(institution: Institution, user: User) -> QuerySet[Event]:
    """Public events for everyone; members' events for members; a cohort's events for its
    people and the organizers who run them."""
    events = Event.objects.filter(institution=institution).select_related(
        "institution", "series", "cohort"
    )
    membership = cached_membership(user, institution)
    if membership is None:
        return events.filter(audience=Audience.PUBLIC)
    if membership.is_organizer:
        return events
    from allin.learning.models import CohortMembership

    mine = CohortMembership.objects.filter(user=user).values("cohort_id")
    return events.filter(~Q(audience=Audience.COHORT) | Q(cohort_id__in=mine))


def _filtered(events: QuerySet[Event], series: str, format: str, audience: str) -> QuerySet[Event]:
    if series:
        events = events.filter(series__slug=series)
    if format:
        events = events.filter(format=format)
    if audience:
        events = events.filter(audience=audience)
    return events


def calendar(
    institution: Institution,
    user: User,
    *,
    past: bool = False,
    series: str = "",
    format: str = "",
    audience: str = "",
) -> QuerySet[Event]:
    now = timezone.now()
    events = _filtered(visible_events(institution, user), series, format, audience)
    if past:
        return events.filter(ends_at__lte=now).order_by("-starts_at")
    return events.filter(ends_at__gt=now).order_by("starts_at")


def parse_month(value: str) -> date:
    """``2026-11`` to the first of that month; anything else is this month."""
    try:
        year, month = (int(part) for part in value.split("-"))
        if 1900 <= year <= 2200:
            return date(year, month, 1)
    except ValueError:
        pass
    return timezone.localdate().replace(day=1)


def neighbour_months(month: date) -> dict[str, date]:
    previous = (month - timedelta(days=1)).replace(day=1)
    following = (month + timedelta(days=32)).replace(day=1)
    return {"previous_month": previous, "next_month": following}


def month_events(
    institution: Institution,
    user: User,
    month: date,
    *,
    series: str = "",
    format: str = "",
    audience: str = "",
) -> QuerySet[Event]:
    # A day's margin each side: an event's own time zone may put it in the next month.
    start = datetime.combine(month, time.min, tzinfo=timezone.get_current_timezone())
    end = datetime.combine(
        neighbour_months(month)["next_month"], time.min, tzinfo=timezone.get_current_timezone()
    )
    events = visible_events(institution, user).filter(
        starts_at__gte=start - timedelta(days=1), starts_at__lt=end + timedelta(days=1)
    )
    return _filtered(events, series, format, audience).order_by("starts_at")


def month_grid(month: date, events: Iterable[Event]) -> list[list[tuple[date, list[Event]]]]:
    """Weeks from Sunday, as US wall calendars print them, each day with its events."""
    days = dict(by_day(events))
    weeks = pycalendar.Calendar(firstweekday=6).monthdatescalendar(month.year, month.month)
    return [[(d, days.get(d, []) if d.month == month.month else []) for d in w] for w in weeks]


def feed_events(events: QuerySet[Event]) -> QuerySet[Event]:
    """What a subscribed calendar should hold: a month back and everything ahead. Cancelled
    events stay a fortnight after the change, so subscribers see them struck through."""
    now = timezone.now()
    return (
        events.filter(ends_at__gte=now - timedelta(days=30))
        .exclude(status=EventStatus.CANCELLED, updated_at__lt=now - timedelta(days=14))
        .select_related("series", "institution")
        .order_by("starts_at")
    )


def by_day(
    events: Iterable[Event], *, newest_first: bool = False
) -> list[tuple[date, list[Event]]]:
    """Group by the day each event starts, in its own time zone, as a printed calendar does."""

    days: dict[date, list[Event]] = {}
    for event in events:
        days.setdefault(timezone.localtime(event.starts_at, event.zone).date(), []).append(event)
    # Events in several zones can sort by instant yet not by local day.
    return sorted(days.items(), reverse=newest_first)


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


def my_upcoming(user: User) -> list[RSVP]:
    """My RSVPs ahead, across institutions, with waitlist places."""
    with scopes_disabled():
        rows = list(
            RSVP.objects.filter(user=user, event__ends_at__gt=timezone.now())
            .exclude(status=RSVPStatus.CANCELLED)
            .select_related("event", "event__institution")
            .order_by("event__starts_at")
        )
        waiting = [r for r in rows if r.status == RSVPStatus.WAITLISTED]
        if waiting:
            ahead = _places(waiting)
            for r in waiting:
                r.position = ahead[r.pk]
    return rows


def _places(rows: list[RSVP]) -> dict[int, int]:
    # One query for all my waitlists: how many wait before me in each.
    counts = (
        RSVP.objects.filter(
            event_id=OuterRef("event_id"),
            status=RSVPStatus.WAITLISTED,
            queue_number__lt=OuterRef("queue_number"),
        )
        .order_by()
        .values("event_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    annotated = RSVP.objects.filter(pk__in=[r.pk for r in rows]).annotate(ahead=Subquery(counts))
    return {r.pk: (r.ahead or 0) + 1 for r in annotated}


def my_attendance(user: User, *, limit: int = 50) -> list[Attendance]:
    with scopes_disabled():
        return list(
            Attendance.objects.filter(user=user)
            .select_related("event", "event__institution")
            .order_by("-event__starts_at")[:limit]
        )


def my_feed_events(user: User) -> tuple[list[Event], set[int]]:
    """Events I am going to or waiting for (a cancelled event stays, marked, for a while), and
    those whose join link I may have: a seat, or no RSVP needed, and still among the people
    the event is for."""
    from allin.events.services import audience_problem

    with scopes_disabled():
        mine = dict(
            RSVP.objects.filter(user=user)
            .exclude(status=RSVPStatus.CANCELLED)
            .values_list("event_id", "status")
        )
        events = list(feed_events(Event.objects.filter(pk__in=list(mine))))
        links = {
            e.pk
            for e in events
            if e.join_url
            and (mine[e.pk] == RSVPStatus.CONFIRMED or e.rsvp_mode != RSVPMode.REQUIRED)
            and audience_problem(e, user) is None
        }
    return events, links


class RosterLine:
    """One person on an event's roster: their RSVP, their attendance, or both."""

    def __init__(self, user: User, rsvp: RSVP | None, attendance: Attendance | None) -> None:
        self.user, self.rsvp, self.attendance = user, rsvp, attendance

    @property
    def sort_key(self) -> tuple[int, int, str]:
        order = {RSVPStatus.CONFIRMED: 0, RSVPStatus.WAITLISTED: 1}
        status = self.rsvp.status if self.rsvp else ""
        return (
            order.get(status, 2),
            (self.rsvp.queue_number or 0) if self.rsvp else 0,
            (self.user.name or self.user.email).casefold(),
        )


def roster(event: Event, *, search: str = "") -> list[RosterLine]:
    """Everyone who RSVPed or came, in two queries whatever the size."""
    rsvps = RSVP.objects.filter(event=event).select_related("user")
    attended = Attendance.objects.filter(event=event).select_related("user")
    if search:
        match = Q(user__name__icontains=search) | Q(user__email__icontains=search)
        rsvps, attended = rsvps.filter(match), attended.filter(match)
    lines: dict[int, RosterLine] = {r.user_id: RosterLine(r.user, r, None) for r in rsvps}
    for a in attended:
        if a.user_id in lines:
            lines[a.user_id].attendance = a
        else:
            lines[a.user_id] = RosterLine(a.user, None, a)
    return sorted(lines.values(), key=lambda line: line.sort_key)


def check_in_candidates(event: Event, search: str) -> QuerySet[Membership]:
    """Members to check in by hand, found by name or email."""
    if not search:
        return Membership.objects.none()
    return (
        Membership.objects.filter(institution=event.institution, ended_at__isnull=True)
        .filter(Q(user__name__icontains=search) | Q(user__email__icontains=search))
        .exclude(user__attendance__event=event)
        .select_related("user")
        .order_by("user__name")[:20]
    )
