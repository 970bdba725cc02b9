from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.coalitions.enums import SignupStatus
from allin.core.models import TimeStampedModel
from allin.institutions.enums import Affiliation


class MiniProject(TimeStampedModel):
    """A small, time-boxed way to take part, for people for whom the coalition is too much:
    an entry in the year's catalogue with who may sign up, when, how many hours a month, the
    point person and who you work with."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="mini_projects"
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    description = models.TextField("Topic and description", blank=True, help_text="Markdown.")
    eligibility = models.CharField(
        "Who can sign up", max_length=300, blank=True, help_text="In words, e.g. “All students”."
    )
    # Affiliation codes (institutions.enums.Affiliation); empty means anyone in the school.
    affiliations = models.JSONField(default=list, blank=True)
    season = models.CharField(
        max_length=120, blank=True, help_text="In words, e.g. “September to December 2023”."
    )
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    hours_per_month = models.PositiveSmallIntegerField(null=True, blank=True)
    point_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    works_with = models.CharField("Who you work with", max_length=300, blank=True)
    capacity = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="How many people. Leave empty for no limit.",
    )
    # Places taken, kept by a conditional UPDATE so two sign-ups can never take the last place.
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    # Hands out waitlist numbers under the project's row lock, so the queue is arrival order.
    waitlist_counter = models.PositiveIntegerField(default=0, editable=False)
    opens_at = models.DateTimeField("Sign-ups open", null=True, blank=True)
    closes_at = models.DateTimeField("Sign-ups close", null=True, blank=True)
    sphere = models.ForeignKey(
        "change.Sphere",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mini_projects",
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="mini_project_slug_per_institution"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(confirmed_count__lte=F("capacity")),
                name="mini_project_never_over_capacity",
            ),
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="mini_project_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="mini_project_closes_after_opening",
            ),
        ]
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "coalitions:project",
            kwargs={"institution": self.institution.slug, "project": self.slug},
        )

    @property
    def open_to(self) -> str:
        """The affiliations it is limited to, in words: "PhD students and Postdocs"."""
        labels = [str(Affiliation(a).label) for a in self.affiliations if a in Affiliation.values]
        if len(labels) < 2:
            return "".join(labels)
        return f"{', '.join(labels[:-1])} and {labels[-1]}"

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed_count, 0)


class ProjectSignup(TimeStampedModel):
    """One row per person per project; withdrawing keeps the row, so history and order survive."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(MiniProject, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_signups"
    )
    status = models.CharField(max_length=20, choices=SignupStatus, default=SignupStatus.WITHDRAWN)
    queued_at = models.DateTimeField(null=True, blank=True)
    # Place in the waitlist, first come first served; someone who signs up again takes a new one.
    queue_number = models.PositiveIntegerField(null=True, blank=True)
    promoted_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_signup_per_person"),
            models.UniqueConstraint(
                fields=["project", "queue_number"], name="one_person_per_project_place"
            ),
        ]
        indexes = [models.Index(fields=["project", "status", "queue_number"])]

    def __str__(self) -> str:
        return f"Sign-up for {self.project}"
