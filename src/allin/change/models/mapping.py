"""Outcome Mapping (research/methods.md §3): whom a target hopes to change, how that change
would look step by step, and a journal of what was seen."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django_scopes import ScopedManager

from allin.change.enums import ChangeLevel, MarkerLevel, PartnerKind
from allin.core.models import PublicIdMixin, TimeStampedModel


class BoundaryPartner(PublicIdMixin, models.Model):
    """Someone the sphere works with directly and can hope to influence, but not control."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    sphere = models.ForeignKey(
        "change.Sphere", on_delete=models.CASCADE, related_name="boundary_partners"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=PartnerKind, default=PartnerKind.GROUP)
    description = models.TextField(blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sphere", "name"], name="boundary_partner_name_per_sphere"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class OutcomeChallenge(PublicIdMixin, models.Model):
    """The changed behaviour a target hopes to see in one boundary partner."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(
        "change.ChangeTarget", on_delete=models.CASCADE, related_name="challenges"
    )
    # PROTECT: a partner named in a challenge (of this or an earlier cycle) stays.
    boundary_partner = models.ForeignKey(
        BoundaryPartner, on_delete=models.PROTECT, related_name="challenges"
    )
    text = models.TextField(help_text='Completes "We intend to see [partner] who ...".')

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["boundary_partner__name", "id"]

    def __str__(self) -> str:
        return f"{self.boundary_partner}: {self.text[:60]}"


class ProgressMarker(PublicIdMixin, models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(
        OutcomeChallenge, on_delete=models.CASCADE, related_name="markers"
    )
    level = models.CharField(max_length=10, choices=MarkerLevel)
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["challenge", "order", "id"]

    def __str__(self) -> str:
        return self.text


class OutcomeJournalEntry(PublicIdMixin, TimeStampedModel):
    """What changed in a period, written for a target or for a boundary partner."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(
        "change.ChangeTarget",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="journal_entries",
    )
    boundary_partner = models.ForeignKey(
        BoundaryPartner,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="journal_entries",
    )
    period_start = models.DateField()
    period_end = models.DateField()
    description = models.TextField(help_text="What changed.")
    contributing_factors = models.TextField(blank=True)
    evidence = models.TextField(blank=True, help_text="Sources of evidence.")
    unanticipated_change = models.TextField(blank=True)
    lessons = models.TextField(blank=True, help_text="Lessons, and what the programme will change.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target__isnull=False) | Q(boundary_partner__isnull=False),
                name="journal_entry_has_subject",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="journal_entry_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Journal {self.period_start} to {self.period_end}"


class MarkerRating(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    entry = models.ForeignKey(OutcomeJournalEntry, on_delete=models.CASCADE, related_name="ratings")
    marker = models.ForeignKey(ProgressMarker, on_delete=models.CASCADE, related_name="ratings")
    level = models.CharField(max_length=10, choices=ChangeLevel, default=ChangeLevel.NONE)
    note = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["entry", "marker"], name="one_rating_per_marker"),
        ]

    def __str__(self) -> str:
        return f"{self.marker}: {self.get_level_display()}"
