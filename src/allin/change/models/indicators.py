"""Indicators in the IATI / Salesforce shape (research/methods.md §3.3): an indicator has a
baseline, targets per period and results per period."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django_scopes import ScopedManager

from allin.change.enums import Direction, IndicatorUnit
from allin.core.models import PublicIdMixin
from allin.core.privacy import THRESHOLD


class Indicator(PublicIdMixin, models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(
        "change.ChangeTarget", on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(max_length=200)
    definition = models.TextField(help_text="Exactly what is counted, and over whom.")
    unit = models.CharField(max_length=10, choices=IndicatorUnit)
    direction = models.CharField(max_length=10, choices=Direction, default=Direction.INCREASE)
    data_source = models.CharField(max_length=300, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Never below the platform threshold (research/methods.md §5.3): results built from fewer
    # people than this could point at someone.
    min_cell_size = models.PositiveSmallIntegerField(
        default=THRESHOLD, validators=[MinValueValidator(THRESHOLD)]
    )
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_cell_size__gte=THRESHOLD), name="indicator_min_cell_size_floor"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorBaseline(PublicIdMixin, models.Model):
    """Where the indicator stood before the work; the latest by date is the one compared with."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="baselines")
    value = models.DecimalField(max_digits=12, decimal_places=2)
    as_of = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["-as_of", "-id"]

    def __str__(self) -> str:
        return f"{self.value} as of {self.as_of}"


class IndicatorTarget(PublicIdMixin, models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["period_end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="indicator_target_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value} by {self.period_end}"


class IndicatorResult(PublicIdMixin, models.Model):
    """A measured value for a period. ``suppressed`` is set by the service from the counts
    behind the value; a suppressed value is never shown, on a page or in an export."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results")
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=12, decimal_places=2)
    numerator = models.PositiveIntegerField(null=True, blank=True)
    denominator = models.PositiveIntegerField(null=True, blank=True)
    suppressed = models.BooleanField(default=False, editable=False)
    evidence_url = models.URLField(blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["period_end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="indicator_result_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Result {self.period_start} to {self.period_end}"

    @property
    def shown_value(self):  # type: ignore[no-untyped-def]
        """The value for display; None when it must stay hidden."""
        return None if self.suppressed else self.value
