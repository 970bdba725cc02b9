from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django_scopes import ScopedManager

from allin.core.models import TimeStampedModel


class Campaign(TimeStampedModel):
    """An activation week such as We're All In: a countdown, its sessions, a challenge a day and
    a raffle. Past campaigns keep their pages."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="campaigns"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    tagline = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "slug"], name="campaign_slug_per_institution"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="campaign_ends_after_start"
            ),
        ]
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "campaigns:detail",
            kwargs={"institution": self.institution.slug, "campaign": self.slug},
        )


class CampaignEvent(models.Model):
    """A session of the campaign: it shows on the campaign's page and, if raffle-eligible,
    each attendance at it is one raffle ticket."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sessions")
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "event"], name="event_once_per_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.event} in {self.campaign}"


class Challenge(TimeStampedModel):
    """One daily challenge. Invisible to members until it is revealed."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="challenges")
    slug = models.SlugField(max_length=60)
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=300, help_text="One line: what the challenge is for.")
    body = models.TextField(blank=True, help_text="Markdown.")
    questions = models.JSONField(default=list, blank=True, help_text="Guiding questions, in order.")
    steps = models.JSONField(
        default=list, blank=True, help_text="Steps in order, each a title and a markdown body."
    )
    video_url = models.URLField(blank=True)
    has_worksheet = models.BooleanField(
        default=False, help_text="Offer the Equity Impact worksheet with this challenge."
    )
    group_mode = models.BooleanField(
        default=False,
        help_text="Members may also take this challenge as a group with a facilitator.",
    )
    reveal_at = models.DateTimeField()
    # Moving the reveal time later hides a revealed challenge again; this remembers it was out,
    # so its address stays fixed (campaigns.editing.slug_is_fixed).
    was_revealed = models.BooleanField(default=False, editable=False)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "slug"], name="challenge_slug_per_campaign"
            ),
        ]
        ordering = ["reveal_at", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse(
            "campaigns:challenge",
            kwargs={
                "institution": self.campaign.institution.slug,
                "campaign": self.campaign.slug,
                "challenge": self.slug,
            },
        )


class Prize(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="prizes")
    rank = models.PositiveSmallIntegerField(help_text="1 for the first prize.")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    quantity = models.PositiveSmallIntegerField(default=1)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "rank"], name="one_prize_per_rank"),
            models.CheckConstraint(condition=Q(quantity__gte=1), name="prize_quantity_positive"),
        ]
        ordering = ["rank"]

    def __str__(self) -> str:
        return self.name


class ChallengeOpen(models.Model):
    """That a member opened a challenge, once: for the organizers' participation figures."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="opens")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="one_open_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.challenge} opened"
