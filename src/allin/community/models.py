from __future__ import annotations

from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from allin.core.models import TimeStampedModel


class NewsPost(TimeStampedModel):
    """A news post of the institution, e.g. a monthly "On the Pulse" action update. Public
    once published; tagged by sphere so each sphere's page and feed can show its own."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="news"
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=400, blank=True)
    body = models.TextField(help_text="Markdown.")
    author = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(db_index=True)
    spheres = models.ManyToManyField("change.Sphere", blank=True, related_name="news")
    targets = models.ManyToManyField("change.ChangeTarget", blank=True, related_name="news")

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="news_slug_per_institution"
            ),
        ]
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "community:post", kwargs={"institution": self.institution.slug, "post": self.slug}
        )


class ActionUpdate(TimeStampedModel):
    """A month's action updates across the spheres: drafted, edited, then published as one
    news post with a section per sphere."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="action_updates"
    )
    month = models.DateField(help_text="The first day of the month reported on.")
    intro = models.TextField(blank=True)
    post = models.OneToOneField(
        NewsPost, null=True, blank=True, on_delete=models.SET_NULL, related_name="action_update"
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["institution", "month"], name="one_update_per_month"),
        ]
        ordering = ["-month"]

    def __str__(self) -> str:
        return f"Action updates, {self.month:%B %Y}"

    @property
    def published(self) -> bool:
        return self.post_id is not None


class SphereReport(models.Model):
    """One sphere's part of a month's update; "nothing to report" is an honest answer."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    update = models.ForeignKey(ActionUpdate, on_delete=models.CASCADE, related_name="reports")
    sphere = models.ForeignKey("change.Sphere", on_delete=models.CASCADE, related_name="+")
    body = models.TextField(blank=True, help_text="Markdown.")
    nothing_to_report = models.BooleanField(default=False)
    # The targets the draft spoke of: the published post is tagged with them.
    targets = models.ManyToManyField("change.ChangeTarget", blank=True, related_name="+")

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["update", "sphere"], name="one_report_per_sphere"),
        ]
        ordering = ["sphere__order", "sphere__name"]

    def __str__(self) -> str:
        return f"{self.sphere} in {self.update}"
