from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.core.models import TimeStampedModel
from allin.events.enums import Audience, EventFormat, EventStatus, RSVPMode, RSVPStatus
from allin.institutions.models import validate_time_zone


class Series(TimeStampedModel):
    """A recurring programme of events: Chats for Change, Lunch n' Unlearn, ..."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="series"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")

    objects = ScopedManager(institution="institution")

    class Meta:
        verbose_name_plural = "series"
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="series_slug_per_institution"
            ),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Event(TimeStampedModel):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="events"
    )
    uid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text="Stable identity, also the iCalendar UID.",
    )
    slug = models.SlugField(max_length=80)
    series = models.ForeignKey(
        Series, null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    time_zone = models.CharField(max_length=64, validators=[validate_time_zone])
    format = models.CharField(max_length=20, choices=EventFormat, default=EventFormat.IN_PERSON)
    room = models.CharField(max_length=120, blank=True)
    building = models.CharField(max_length=120, blank=True)
    join_url = models.URLField(
        blank=True, help_text="Shown only to people who may attend, from shortly before the start."
    )
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    # Seats taken, kept by a conditional UPDATE so two requests can never take the last seat.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    # Hands out waitlist numbers under the event's row lock, so the queue is the arrival order.
    waitlist_counter = models.PositiveIntegerField(default=0, editable=False)
    rsvp_mode = models.CharField(max_length=20, choices=RSVPMode, default=RSVPMode.REQUIRED)
    rsvp_opens_at = models.DateTimeField(null=True, blank=True)
    rsvp_closes_at = models.DateTimeField(null=True, blank=True)
    rsvps_closed = models.BooleanField(default=False, help_text="Closed by an organizer.")
    audience = models.CharField(max_length=20, choices=Audience, default=Audience.MEMBERS)
    cohort = models.ForeignKey(
        "learning.Cohort",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="For an event held for one cohort only.",
    )
    raffle_eligible = models.BooleanField(default=False)
    not_recorded = models.BooleanField(
        default=False, help_text="Not recorded / confidential, shown on the page."
    )
    status = models.CharField(max_length=20, choices=EventStatus, default=EventStatus.SCHEDULED)
    repeat_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="repeats"
    )
    sequence = models.PositiveIntegerField(
        default=0, editable=False, help_text="iCalendar SEQUENCE, raised on every change."
    )
    min_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="Minutes online that count as attending. Empty: 30, or half the length "
        "of a shorter event.",
    )
    # Claimed with a conditional UPDATE, so two reminder runs never send twice.
    day_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    soon_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="event_slug_per_institution"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(audience="cohort", cohort__isnull=False)
                | (~Q(audience="cohort") & Q(cohort__isnull=True)),
                name="event_cohort_with_cohort_audience",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=F("capacity")),
                name="event_never_over_capacity",
            ),
        ]
        indexes = [models.Index(fields=["institution", "starts_at"])]
        ordering = ["starts_at", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "events:detail", kwargs={"institution": self.institution.slug, "event": self.slug}
        )

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def attendance_threshold(self) -> int:
        if self.min_minutes is not None:
            return self.min_minutes
        length = int((self.ends_at - self.starts_at).total_seconds() // 60)
        return min(30, length // 2)

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed_count, 0)


class RSVP(TimeStampedModel):
    """One row per person per event; cancelling keeps the row, so history and order survive."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps"
    )
    status = models.CharField(max_length=20, choices=RSVPStatus, default=RSVPStatus.CANCELLED)
    queued_at = models.DateTimeField(null=True, blank=True)
    # Place in the waitlist, first come first served; a person who rejoins takes a new number.
    queue_number = models.PositiveIntegerField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_rsvp_per_person"),
            models.UniqueConstraint(fields=["event", "queue_number"], name="one_person_per_place"),
        ]
        indexes = [models.Index(fields=["event", "status", "queue_number"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.event}: {self.get_status_display()}"
