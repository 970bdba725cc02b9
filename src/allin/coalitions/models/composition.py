from __future__ import annotations

from django.db import models
from django_scopes import ScopedManager


class CompositionSnapshot(models.Model):
    """A coalition's members by self-identified group, counted once for a month and kept.

    Only rows already fit to show are stored, never an answer or a name (research/methods.md
    §5.3, point 6). The page reads this and nothing live, so a member changing their answer,
    or a term dated back, cannot move a published count the same day (§5.3, point 5).
    """

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    coalition = models.ForeignKey(
        "coalitions.Coalition", on_delete=models.CASCADE, related_name="composition_snapshots"
    )
    month = models.DateField(help_text="The first day of the month; members on that day count.")
    counted = models.PositiveIntegerField(help_text="Members on the first day of the month.")
    race = models.JSONField(default=list, help_text="[group, count] rows fit to show.")
    urim = models.JSONField(default=list, help_text="[answer, count] rows fit to show.")
    taken_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["coalition", "month"], name="one_composition_per_coalition_month"
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="composition_month_is_a_first"
            ),
        ]
        ordering = ["coalition", "-month"]

    def __str__(self) -> str:
        return f"Composition of {self.coalition} for {self.month:%B %Y}"
