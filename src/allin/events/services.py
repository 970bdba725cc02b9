"""Every write to series, events and RSVPs.

Capacity is guarded by a conditional UPDATE (``confirmed_count < capacity``) plus a check
constraint; one row per person per event is guarded by a unique constraint and a row lock. A
cancellation promotes the head of the waitlist in the same transaction (research/reliability-
perf.md §3.3).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.core.cache import forget_events
from allin.core.db import unique_or_error
from allin.core.waitlist import promote_in_order
from allin.events.enums import Audience, EventStatus, RSVPMode, RSVPStatus
from allin.events.models import RSVP, Event, Series
from allin.institutions.models import Institution
from allin.institutions.rules import cached_membership

# Addresses under /<institution>/events/ that are pages, not events.
RESERVED_SLUGS = frozenset({"new", "manage", "feed", "month", "series"})

# In the order the organizer's form shows them.
EVENT_FIELDS = (
    "title",
    "slug",
    "series",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "format",
    "room",
    "building",
    "join_url",
    "capacity",
    "min_minutes",
    "rsvp_mode",
    "rsvp_opens_at",
    "rsvp_closes_at",
    "audience",
    "cohort",
    "raffle_eligible",
    "not_recorded",
    "repeat_of",
)


def create_series(
    institution: Institution, *, actor: User | None, slug: str, name: str, description: str = ""
) -> Series:
    series = Series(institution=institution, slug=slug, name=name, description=description)
    series.full_clean(validate_constraints=False)
    with unique_or_error("slug", "Another series already uses this short name."):
        series.save()
        log_action(series, "events.series.created", actor=actor, institution=institution)
    return series


def update_series(series: Series, *, actor: User, **changes: Any) -> Series:
    unknown = set(changes) - {"slug", "name", "description"}
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    changed = {k: v for k, v in changes.items() if getattr(series, k) != v}
    if not changed:
        return series
    for key, value in changed.items():
        setattr(series, key, value)
    series.full_clean(validate_constraints=False)
    with unique_or_error("slug", "Another series already uses this short name."):
        series.save(update_fields=[*changed, "updated_at"])
        _forget_events(series)
        log_action(
            series,
            "events.series.updated",
            actor=actor,
            institution=series.institution,
            data={"fields": ", ".join(sorted(changed))},
        )
    return series


def create_event(institution: Institution, *, actor: User | None, **fields: Any) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"Unknown event fields: {', '.join(sorted(unknown))}")
    fields.setdefault("time_zone", institution.time_zone)
    event = Event(institution=institution, **fields)
    _validate(event)
    with unique_or_error("slug", "Another event already uses this short name."):
        event.save()
        log_action(
            event,
            "events.event.created",
            actor=actor,
            institution=institution,
            data={"starts_at": event.starts_at.isoformat()},
        )
        _forget_events(event)
    return event


def _validate(event: Event) -> None:
    event.full_clean(validate_constraints=False)
    errors: dict[str, str] = {}
    if event.ends_at <= event.starts_at:
        errors["ends_at"] = "The event must end after it starts."
    if event.rsvp_opens_at and event.rsvp_closes_at and event.rsvp_closes_at <= event.rsvp_opens_at:
        errors["rsvp_closes_at"] = "RSVPs must close after they open."
    if event.series_id and event.series.institution_id != event.institution_id:
        errors["series"] = "Choose a series of this institution."
    if event.audience == Audience.COHORT and not event.cohort_id:
        errors["cohort"] = "Choose the cohort this event is for."
    elif event.audience != Audience.COHORT and event.cohort_id:
        errors["cohort"] = "Only an event for one cohort names a cohort."
    elif event.cohort_id and event.cohort.institution_id != event.institution_id:
        errors["cohort"] = "Choose a cohort of this institution."
    if event.slug in RESERVED_SLUGS:
        errors["slug"] = "This short name is reserved; choose another."
    elif (
        Event.objects.filter(institution=event.institution, slug=event.slug)
        .exclude(pk=event.pk)
        .exists()
    ):
        errors["slug"] = "Another event already uses this short name."
    if errors:
        raise ValidationError(errors)


# Changes people who are coming must hear about: their calendars hold the old time or place.
NOTIFY_FIELDS = {"starts_at", "ends_at", "time_zone", "format", "room", "building"}


def update_event(event: Event, *, actor: User, **changes: Any) -> Event:
    """Change details; capacity goes through set_capacity so the waitlist moves with it."""
    from allin.events import tasks

    unknown = set(changes) - (set(EVENT_FIELDS) - {"capacity"})
    if unknown:
        raise ValueError(f"Not editable here: {', '.join(sorted(unknown))}")
    changed = {k: v for k, v in changes.items() if getattr(event, k) != v}
    if not changed:
        return event
    for key, value in changed.items():
        setattr(event, key, value)
    _validate(event)
    fields = [*changed, "sequence", "updated_at"]
    if "starts_at" in changed:
        # A moved event is reminded of again, for its new time.
        event.day_reminder_sent_at = event.soon_reminder_sent_at = None
        fields += ["day_reminder_sent_at", "soon_reminder_sent_at"]
    with transaction.atomic():
        event.sequence = F("sequence") + 1
        event.save(update_fields=fields)
        event.refresh_from_db(fields=["sequence"])
        log_action(
            event,
            "events.event.updated",
            actor=actor,
            institution=event.institution,
            data={"fields": ", ".join(sorted(changed))},
        )
        _forget_events(event)
        if changed.keys() & {"audience", "cohort"}:
            release_outsiders(event, actor=actor)
        if changed.keys() & NOTIFY_FIELDS and event.ends_at > timezone.now():
            transaction.on_commit(lambda: tasks.send_change_notices.enqueue(event_id=event.pk))
    return event


def _forget_events(event: Event) -> None:
    institution_id = event.institution_id
    transaction.on_commit(lambda: forget_events(institution_id))


def edit_event(event: Event, *, actor: User, capacity: int | None, **changes: Any) -> Event:
    """The organizer's edit form: details and capacity together, or neither."""
    with transaction.atomic():
        event = update_event(event, actor=actor, **changes)
        return set_capacity(event, actor=actor, capacity=capacity)


def cancel_event(event: Event, *, actor: User) -> Event:
    """Cancel, and tell everyone who RSVPed or waits; the calendar entry stays, marked."""
    from allin.events import tasks

    with transaction.atomic():
        updated = Event.objects.filter(pk=event.pk, status=EventStatus.SCHEDULED).update(
            status=EventStatus.CANCELLED, sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        if updated:
            log_action(event, "events.event.cancelled", actor=actor, institution=event.institution)
            _forget_events(event)
            transaction.on_commit(
                lambda: tasks.send_cancellation_notices.enqueue(event_id=event.pk)
            )
    event.refresh_from_db()
    return event


def rsvp_problem(event: Event, user: User, *, at: Any = None) -> str | None:
    """Why this person cannot RSVP now, in a sentence, or None if they can."""
    at = at or timezone.now()
    if event.is_cancelled:
        return "This event was cancelled."
    if event.rsvp_mode == RSVPMode.NONE:
        return "This event takes no RSVPs: just come."
    if event.rsvps_closed:
        return "RSVPs for this event are closed."
    if event.rsvp_opens_at and at < event.rsvp_opens_at:
        return "RSVPs are not open yet."
    if (event.rsvp_closes_at and at >= event.rsvp_closes_at) or at >= event.ends_at:
        return "RSVPs for this event have closed."
    return audience_problem(event, user)


def audience_problem(event: Event, user: User) -> str | None:
    """Whether this person is among those the event is for."""
    if event.audience == Audience.PUBLIC:
        return None
    if cached_membership(user, event.institution) is None:
        return "This event is for members of the institution."
    if event.audience == Audience.COHORT and not in_cohort(user, event.cohort_id):
        return f"This event is for the {event.cohort} cohort."
    return None


def in_cohort(user: User, cohort_id: int | None) -> bool:
    from allin.learning.models import CohortMembership

    return CohortMembership.objects.filter(cohort_id=cohort_id, user=user).exists()


def _rsvp_row(event: Event, user: User) -> RSVP:
    """The person's row, created if missing and locked, so their own parallel requests queue."""
    try:
        with transaction.atomic():
            RSVP.objects.get_or_create(
                event=event, user=user, defaults={"institution_id": event.institution_id}
            )
    except IntegrityError:
        pass  # their other request created it a moment ago
    return RSVP.objects.select_for_update().get(event=event, user=user)


def _claim_seat(event: Event) -> bool:
    # The database decides, not the caller's copy of the event, which may be stale.
    seats = Event.objects.filter(
        Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity")), pk=event.pk
    )
    return seats.update(confirmed_count=F("confirmed_count") + 1) == 1


def _take_number(event: Event) -> int:
    # The UPDATE takes the event's row lock until commit, so numbers follow arrival order.
    Event.objects.filter(pk=event.pk).update(waitlist_counter=F("waitlist_counter") + 1)
    return Event.objects.values_list("waitlist_counter", flat=True).get(pk=event.pk)


def rsvp(event: Event, *, user: User) -> RSVP:
    """RSVP, or join the waitlist when the event is full. Asking twice changes nothing."""
    from allin.events import tasks

    event = Event.objects.select_related("institution").get(pk=event.pk)
    problem = rsvp_problem(event, user)
    if problem:
        raise ValidationError(problem)
    with transaction.atomic():
        row = _rsvp_row(event, user)
        if row.status != RSVPStatus.CANCELLED:
            return row
        row.queued_at = timezone.now()
        if _claim_seat(event):
            row.status, row.queue_number = RSVPStatus.CONFIRMED, None
        else:
            row.status, row.queue_number = RSVPStatus.WAITLISTED, _take_number(event)
        row.save(update_fields=["status", "queued_at", "queue_number", "updated_at"])
        action = "confirmed" if row.status == RSVPStatus.CONFIRMED else "waitlisted"
        log_action(
            row,
            f"events.rsvp.{action}",
            actor=user,
            institution=event.institution,
            data={"person": user.display_name},
        )
        transaction.on_commit(lambda: tasks.send_rsvp_email.enqueue(rsvp_id=row.pk))
        _forget_events(event)
    return row


def cancel_rsvp(row: RSVP, *, actor: User | None) -> RSVP:
    """Give up a seat (promoting the head of the waitlist) or leave the waitlist."""
    with transaction.atomic():
        row = RSVP.objects.select_for_update().select_related("event", "user").get(pk=row.pk)
        if row.status == RSVPStatus.CANCELLED:
            return row
        if row.event.is_cancelled or row.event.ends_at <= timezone.now():
            # The RSVP is part of the event's history now; it stays as it was.
            raise ValidationError("This event is over, so its RSVPs can no longer change.")
        was = row.status
        row.status, row.queue_number = RSVPStatus.CANCELLED, None
        row.save(update_fields=["status", "queue_number", "updated_at"])
        _forget_events(row.event)
        if was == RSVPStatus.CONFIRMED:
            Event.objects.filter(pk=row.event_id).update(confirmed_count=F("confirmed_count") - 1)
            log_action(
                row,
                "events.rsvp.cancelled",
                actor=actor,
                institution=row.event.institution,
                data={"person": row.user.display_name},
            )
            _promote(row.event, actor=None)
        else:
            log_action(
                row,
                "events.rsvp.left_waitlist",
                actor=actor,
                institution=row.event.institution,
                data={"person": row.user.display_name},
            )
    return row


def release_outsiders(event: Event, *, actor: User | None) -> int:
    """Give back the places of people the event is no longer for (its audience changed, or
    they left its cohort), so they hold no seat, get no reminder and the waitlist moves up."""
    if event.is_cancelled or event.ends_at <= timezone.now():
        return 0
    rows = RSVP.objects.filter(event=event).exclude(status=RSVPStatus.CANCELLED)
    released = 0
    for row in rows.select_related("user", "event__institution", "event__cohort"):
        if audience_problem(row.event, row.user) is not None:
            cancel_rsvp(row, actor=actor)
            released += 1
    return released


def _promote(event: Event, *, actor: User | None) -> list[RSVP]:
    """Fill free seats from the head of the waitlist, first in first out."""
    from allin.events import tasks

    # A seat freed at a cancelled or finished event is nobody's to take.
    state = Event.objects.values("status", "ends_at").get(pk=event.pk)
    if state["status"] == EventStatus.CANCELLED or state["ends_at"] <= timezone.now():
        return []

    def promoted(head: RSVP) -> None:
        log_action(
            head,
            "events.rsvp.promoted",
            actor=actor,
            institution=event.institution,
            data={"person": head.user.display_name},
        )
        transaction.on_commit(lambda pk=head.pk: tasks.send_promotion_email.enqueue(rsvp_id=pk))

    return promote_in_order(
        RSVP.objects.filter(event=event, status=RSVPStatus.WAITLISTED),
        claim=lambda: _claim_seat(event),
        confirmed=RSVPStatus.CONFIRMED,
        promoted=promoted,
    )


def set_capacity(event: Event, *, actor: User, capacity: int | None) -> Event:
    """Raise (promoting in order), lower, or remove the limit. Never below who is confirmed."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if capacity is not None and capacity < locked.confirmed_count:
            going = locked.confirmed_count
            raise ValidationError(
                {"capacity": f"{going} people are going; capacity cannot be lower than that."}
            )
        if capacity == locked.capacity:
            return locked
        old = locked.capacity
        locked.capacity = capacity
        locked.sequence += 1
        locked.save(update_fields=["capacity", "sequence", "updated_at"])
        _forget_events(locked)
        log_action(
            locked,
            "events.event.capacity_changed",
            actor=actor,
            institution=locked.institution,
            data={
                "old": "no limit" if old is None else old,
                "new": "no limit" if capacity is None else capacity,
            },
        )
        _promote(locked, actor=actor)
    locked.refresh_from_db()
    return locked


def set_rsvps_closed(event: Event, *, actor: User, closed: bool) -> Event:
    with transaction.atomic():
        updated = Event.objects.filter(pk=event.pk, rsvps_closed=not closed).update(
            rsvps_closed=closed, updated_at=timezone.now()
        )
        if updated:
            _forget_events(event)
            action = "rsvps_closed" if closed else "rsvps_reopened"
            log_action(event, f"events.event.{action}", actor=actor, institution=event.institution)
    event.refresh_from_db()
    return event
