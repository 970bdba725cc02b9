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
    reveal_at = models.DateTimeField()

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


class Visibility(models.TextChoices):
    PRIVATE = "private", "Only me"
    ORGANIZERS = "organizers", "My institution's organizers"
    ANONYMOUS = "anonymous", "The community, without my name"
    NAMED = "named", "The community, with my name"


class Reflection(TimeStampedModel):
    """A person's reflection on a challenge: private unless they choose otherwise, per
    reflection. It stays linked to its author so they can edit and delete it, but an anonymous
    one never shows who wrote it. Reflections feed no analytics and no raffle."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="reflections"
    )
    body = models.TextField()
    visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.PRIVATE)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "author"], name="one_reflection_per_challenge"
            ),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Never the text, never the author: this string reaches the audit log.
        return f"Reflection on {self.challenge}"


class Raffle(TimeStampedModel):
    """The campaign's draw under WAI-RAFFLE-v1, step by step: rules published with their hash,
    entries frozen at the close with theirs, then one draw from the announced beacon round.
    Every published field is kept as published, so anyone can re-check it later."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    campaign = models.OneToOneField(Campaign, on_delete=models.CASCADE, related_name="raffle")
    closes_at = models.DateTimeField(help_text="Entries close; the beacon round follows.")
    rules = models.TextField()
    rules_sha256 = models.CharField(max_length=64)
    beacon_round = models.PositiveBigIntegerField()
    entries_file = models.TextField(blank=True)
    entries_sha256 = models.CharField(max_length=64, blank=True)
    frozen_at = models.DateTimeField(null=True, blank=True)
    beacon_randomness = models.CharField(max_length=64, blank=True)
    seed = models.CharField(max_length=64, blank=True)
    winners = models.JSONField(default=list, blank=True)
    drawn_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    def __str__(self) -> str:
        return f"Raffle of {self.campaign}"


class Entrant(models.Model):
    """A person's private entrant code: the published entries list codes, never names."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    raffle = models.ForeignKey(Raffle, on_delete=models.CASCADE, related_name="entrants")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=8)
    tickets = models.PositiveIntegerField()
    # Winners are named only if they said so; otherwise the results show their code.
    name_if_winner = models.BooleanField(default=False)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["raffle", "user"], name="one_entrant_per_person"),
            models.UniqueConstraint(fields=["raffle", "code"], name="entrant_codes_unique"),
        ]

    def __str__(self) -> str:
        return self.code


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


class Worksheet(TimeStampedModel):
    """A person's Equity Impact worksheet for a challenge: private, theirs alone."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="worksheets")
    owner = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    mode = models.CharField(max_length=10, choices=[("quick", "Quick"), ("full", "Full")])
    question_set = models.CharField(max_length=40, help_text="The version of the questions.")
    decision_title = models.CharField(max_length=200)
    decision_description = models.TextField(blank=True)
    answers = models.JSONField(default=dict, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "owner", "mode"], name="one_worksheet_per_mode"
            ),
        ]

    def __str__(self) -> str:
        return "Equity impact worksheet"
