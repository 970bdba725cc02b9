from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.core.models import PublicIdMixin, TimeStampedModel
from allin.datawalks.enums import Prompt, Visibility


class DataWalk(TimeStampedModel):
    """A gallery of data stations people walk through, in the room at its event and online
    between ``opens_at`` and ``closes_at``, leaving sticky notes that feed change targets."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="data_walks"
    )
    slug = models.SlugField(max_length=80)
    title = models.CharField(max_length=200)
    intro = models.TextField(blank=True, help_text="Markdown.")
    # The event makes the walk happen in a room: notes are open while it runs, and its page
    # and QR check-in point here.
    event = models.OneToOneField(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_walk",
    )
    opens_at = models.DateTimeField("Online notes open", null=True, blank=True)
    closes_at = models.DateTimeField("Online notes close", null=True, blank=True)
    visibility = models.CharField(
        "Who can see it", max_length=20, choices=Visibility, default=Visibility.MEMBERS
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="data_walk_slug_per_institution"
            ),
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True, closes_at__isnull=True)
                | Q(opens_at__isnull=False, closes_at__gt=F("opens_at")),
                name="data_walk_window_closes_after_opening",
            ),
        ]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "datawalks:walk", kwargs={"institution": self.institution.slug, "walk": self.slug}
        )

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC


class Station(PublicIdMixin, TimeStampedModel):
    """One display of the walk: a small table of figures drawn as a bar chart, what it means,
    perhaps a quote, and the targets and projects it speaks to."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    walk = models.ForeignKey(DataWalk, on_delete=models.CASCADE, related_name="stations")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=200)
    figure_title = models.CharField("What the figure shows", max_length=200, blank=True)
    # [[label, value], ...] with the value a decimal string, as figures.parse_rows reads it.
    figure_rows = models.JSONField(default=list, blank=True)
    figure_unit = models.CharField("Unit", max_length=20, blank=True)
    figure_source = models.CharField("Source of the figures", max_length=300, blank=True)
    context = models.TextField(blank=True, help_text="Markdown.")
    quote = models.TextField(blank=True)
    quote_attribution = models.CharField(max_length=200, blank=True)
    sphere = models.ForeignKey(
        "change.Sphere", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    targets = models.ManyToManyField(
        "change.ChangeTarget", blank=True, related_name="data_walk_stations"
    )
    projects = models.ManyToManyField(
        "coalitions.MiniProject", blank=True, related_name="data_walk_stations"
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Theme(PublicIdMixin, models.Model):
    """A name the organizers give to notes that say the same thing, across stations."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    walk = models.ForeignKey(DataWalk, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=120)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["walk", "name"], name="data_walk_theme_name_once"),
        ]
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Note(PublicIdMixin, TimeStampedModel):
    """A participant's sticky note. The author is kept only so they can delete it; nothing
    shows who wrote it, the audit log included."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    prompt = models.CharField(max_length=20, choices=Prompt)
    body = models.TextField()
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.SET_NULL, related_name="notes"
    )
    # Set by an organizer on a "what should change" note: a need of that sphere, shown on the
    # project community map.
    need_sphere = models.ForeignKey(
        "change.Sphere",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="data_walk_needs",
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(need_sphere__isnull=True) | Q(prompt=Prompt.CHANGE),
                name="data_walk_need_is_what_should_change",
            ),
        ]
        indexes = [models.Index(fields=["station", "-created_at"])]
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        # No words and no author: this is what the audit log keeps of the note.
        return f"A “{self.get_prompt_display()}” note"


class Vote(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    note = models.ForeignKey(Note, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["note", "voter"], name="one_vote_per_person_per_note"),
        ]

    def __str__(self) -> str:
        return "A vote"


class TargetOrigin(models.Model):
    """Where a draft change target came from. Outlives the note (its author may delete it) so
    the target still says which walk and station it grew out of."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    target = models.OneToOneField(
        "change.ChangeTarget", on_delete=models.CASCADE, related_name="data_walk_origin"
    )
    note = models.OneToOneField(
        Note, null=True, blank=True, on_delete=models.SET_NULL, related_name="target_origin"
    )
    walk = models.ForeignKey(DataWalk, on_delete=models.CASCADE, related_name="+")
    station = models.ForeignKey(
        Station, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    prompt = models.CharField(max_length=20, choices=Prompt)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    def __str__(self) -> str:
        return f"Origin of {self.target_id}"
