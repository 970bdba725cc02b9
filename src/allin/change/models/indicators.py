"""Indicators in the IATI / Salesforce shape (research/methods.md §3.3): an indicator has a
baseline, targets per period and results per period."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django_scopes import ScopedManager

from allin.change.enums import Direction, IndicatorUnit
from allin.core.models import PublicIdMixin
from allin.core.privacy import SUPPRESSED, THRESHOLD


def format_value(value: Decimal, unit: str) -> str:
    """An indicator's value as every page, draft and export writes it: "50%", "12", "3.5"."""
    text = f"{value.normalize():f}"
    return f"{text}%" if unit == IndicatorUnit.PERCENT else text


def small_count(value: Decimal, unit: str, min_cell_size: int) -> bool:
    """A count of 1 to min_cell_size - 1 people (3 people hired) could point at them."""
    return unit == IndicatorUnit.COUNT and 0 < value < min_cell_size


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

    @property
    def hidden(self) -> bool:
        """A baseline is a measurement too: a small count of people stays hidden like a result
        would. (A period target is an aim, not people counted, and is shown.)"""
        indicator = self.indicator
        return small_count(self.value, indicator.unit, indicator.min_cell_size)

    @property
    def shown_value(self) -> str:
        return SUPPRESSED if self.hidden else format_value(self.value, self.indicator.unit)


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

    @property
    def shown_value(self) -> str:
        return format_value(self.value, self.indicator.unit)


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
    def shown_value(self) -> str:
        """The value as shown on every page, draft and export: "hidden" when suppressed."""
        return SUPPRESSED if self.suppressed else format_value(self.value, self.indicator.unit)
