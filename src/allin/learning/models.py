from __future__ import annotations

from django.db import models
from django_scopes import ScopedManager

from allin.core.models import TimeStampedModel


class Program(TimeStampedModel):
    """A multi-school program (ART in MedEd) run by its host institution for partner schools."""

    institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.CASCADE,
        related_name="hosted_programs",
        help_text="The host institution that runs the program.",
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    summary = models.CharField(max_length=400, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    partners = models.ManyToManyField(
        "institutions.Institution", blank=True, related_name="partner_programs"
    )
    is_public = models.BooleanField(default=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "slug"], name="program_slug_per_host"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name


class Cohort(TimeStampedModel):
    """A named group of an institution's members: a fellowship class, an ART in MedEd cohort.

    Events can be held for a cohort alone; later the learning path tracks progress per cohort.
    """

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="cohorts"
    )
    program = models.ForeignKey(
        Program, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    members = models.ManyToManyField(
        "accounts.User", through="CohortMembership", related_name="cohorts"
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="cohort_slug_per_institution"
            ),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CohortMembership(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    is_lead = models.BooleanField(default=False)
    added_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_place_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.cohort}"
