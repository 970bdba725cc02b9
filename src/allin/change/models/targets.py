from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.change.enums import KotterStep, SystemsCondition, TargetStatus
from allin.core.models import PublicIdMixin, TimeStampedModel


class ChangeTarget(TimeStampedModel):
    """An incremental desired outcome a sphere works toward in one yearly cycle. At the end of
    a cycle it is course-corrected into the next cycle's target (``previous``), so each year
    keeps its own record."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="change_targets"
    )
    # PROTECT: a sphere with targets is history; it is renamed, never deleted under them.
    sphere = models.ForeignKey("change.Sphere", on_delete=models.PROTECT, related_name="targets")
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    desired_outcome = models.TextField(help_text="Markdown. What will be different, for whom.")
    rationale = models.TextField(blank=True, help_text="Markdown. Why this, why now.")
    cycle = models.PositiveSmallIntegerField(help_text="The academic year the target runs in.")
    status = models.CharField(max_length=20, choices=TargetStatus, default=TargetStatus.DRAFT)
    systems_condition = models.CharField(max_length=20, choices=SystemsCondition)
    # A list of KotterStep values rather than an M2M to a lookup table: the eight steps are
    # fixed by the model, never edited, and every read wants the whole list with the target.
    # A JSON list needs no seeded rows and no join; "which steps has the school worked on" is
    # a union over a few dozen targets, done in Python.
    kotter_steps = models.JSONField(default=list, blank=True)
    owners = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    # The guiding coalition that leads it; SET_NULL: a target outlives a coalition's renaming
    # or ending, and its history must not go with it.
    coalition = models.ForeignKey(
        "coalitions.Coalition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="targets",
    )
    # PROTECT: the earlier cycle is the record of what was tried; it must outlive its successor.
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_cycles",
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="change_target_slug_per_institution"
            ),
            models.CheckConstraint(
                condition=Q(cycle__gte=2000) & Q(cycle__lte=2200), name="change_target_cycle_year"
            ),
        ]
        ordering = ["-cycle", "title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.cycle})"

    @property
    def kotter_step_labels(self) -> list[str]:
        return [KotterStep(step).label for step in self.kotter_steps if step in KotterStep.values]

    def get_absolute_url(self) -> str:
        return reverse(
            "change:target", kwargs={"institution": self.institution.slug, "target": self.slug}
        )


class SmartObjective(PublicIdMixin, models.Model):
    """A specific, measurable, time-bound step toward the target's desired outcome."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(ChangeTarget, on_delete=models.CASCADE, related_name="objectives")
    text = models.TextField()
    measure = models.CharField(max_length=300, help_text="How you will know it is met.")
    due_date = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["order", "due_date", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class TacticalTask(PublicIdMixin, models.Model):
    """An item of the tactical plan. A target's percent complete is done tasks over all tasks,
    computed in queries (see change.targets), never stored."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(ChangeTarget, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["order", "due_date", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class ShortTermWin(PublicIdMixin, models.Model):
    """Kotter step 6: a visible, unambiguous success worth telling people about."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.ForeignKey(ChangeTarget, on_delete=models.CASCADE, related_name="wins")
    date = models.DateField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    evidence_url = models.URLField(blank=True)
    publicised = models.BooleanField(
        default=False, help_text="It has been announced (news post, email, meeting)."
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title
