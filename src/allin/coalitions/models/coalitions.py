from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.coalitions.enums import OPEN_STATUSES, ApplicationStatus
from allin.core.models import PublicIdMixin, TimeStampedModel


class Coalition(TimeStampedModel):
    """A guiding coalition: the group of change leaders that oversees a school's change
    strategy. A school may run several (the medical school's RBI, the graduate school's gRBI).
    People sign up with a statement; organizers decide; accepted people serve terms."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="coalitions"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    role = models.TextField(
        "Role and commitment", blank=True, help_text="What members do and how much time it takes."
    )
    criteria = models.TextField(
        "Membership criteria", blank=True, help_text="What the coalition looks for in a member."
    )
    term_months = models.PositiveSmallIntegerField(
        "Term length in months",
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many members at once. Leave empty for no limit.",
    )
    signups_open = models.BooleanField("Sign-ups open", default=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="coalition_slug_per_institution"
            ),
            models.CheckConstraint(
                condition=Q(term_months__gte=1), name="coalition_term_at_least_a_month"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1),
                name="coalition_capacity_positive",
            ),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "coalitions:detail",
            kwargs={"institution": self.institution.slug, "coalition": self.slug},
        )


class Application(PublicIdMixin, TimeStampedModel):
    """Someone asking to join a coalition, in their own words. Decided applications stay, so a
    person's history with the coalition survives."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_applications"
    )
    why = models.TextField("Why you want to join")
    brings = models.TextField("What you would bring")
    status = models.CharField(
        max_length=20, choices=ApplicationStatus, default=ApplicationStatus.PENDING
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True, help_text="Sent to the applicant with the decision.")

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "user"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_application_per_person",
            ),
        ]
        indexes = [models.Index(fields=["coalition", "status", "created_at"])]
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"Application to {self.coalition}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class Term(PublicIdMixin, TimeStampedModel):
    """A person's time on a coalition, from ``starts_on`` up to but not including ``ends_on``,
    so a renewal starting on the day the last term ends does not overlap it. Ending early moves
    ``ends_on`` back and keeps ``planned_ends_on``."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="terms")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coalition_terms"
    )
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="term"
    )
    renewal_of = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="renewal"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    planned_ends_on = models.DateField()

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            # Overlap itself is checked by the services under the coalition's row lock; these
            # catch the twins a double submission would make.
            models.UniqueConstraint(
                fields=["coalition", "user", "starts_on"], name="one_term_start_per_person"
            ),
            models.CheckConstraint(
                condition=Q(planned_ends_on__gt=F("starts_on"))
                & Q(ends_on__gte=F("starts_on"))
                & Q(ends_on__lte=F("planned_ends_on")),
                name="term_dates_in_order",
            ),
        ]
        indexes = [models.Index(fields=["coalition", "starts_on", "ends_on"])]
        ordering = ["starts_on", "id"]

    def __str__(self) -> str:
        return f"Term on {self.coalition}"

    @property
    def ended_early(self) -> bool:
        return self.ends_on < self.planned_ends_on

    def state_on(self, today: date) -> str:
        if self.ends_on == self.starts_on:
            return "cancelled"  # ended before its first day
        if today < self.starts_on:
            return "upcoming"
        return "current" if today < self.ends_on else "over"
