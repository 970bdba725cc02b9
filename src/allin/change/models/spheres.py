from __future__ import annotations

from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from allin.core.models import PublicIdMixin, TimeStampedModel


class Sphere(TimeStampedModel):
    """A functional area of the school (Admissions, Clinical, ...) where change targets live.
    Problems people raise are mapped onto the sphere that can act on them."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="spheres"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, help_text="Markdown.")
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="sphere_slug_per_institution"
            ),
        ]
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "change:sphere", kwargs={"institution": self.institution.slug, "sphere": self.slug}
        )


class WorkingGroup(PublicIdMixin, models.Model):
    """A working group inside a sphere, e.g. Admissions' selection committees."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    sphere = models.ForeignKey(Sphere, on_delete=models.CASCADE, related_name="working_groups")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name
