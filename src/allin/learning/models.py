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
