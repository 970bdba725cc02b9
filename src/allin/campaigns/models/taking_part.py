from __future__ import annotations

from django.db import models
from django.urls import reverse
from django_scopes import ScopedManager

from allin.campaigns.models.campaign import Challenge
from allin.core.models import TimeStampedModel


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


class ChallengeGroup(TimeStampedModel):
    """A facilitated group taking a challenge together (a storytelling circle, a dialogue).
    Members join with its code; what the group records is seen by its members alone."""

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="groups")
    facilitator = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="facilitated_groups"
    )
    name = models.CharField(max_length=120)
    code = models.CharField(max_length=6, help_text="What members type to join.")
    current_step = models.PositiveSmallIntegerField(default=0)
    shared_goals = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["institution", "code"], name="group_code_per_institution"
            ),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "campaigns:group",
            kwargs={
                "institution": self.challenge.campaign.institution.slug,
                "campaign": self.challenge.campaign.slug,
                "challenge": self.challenge.slug,
                "group": self.code,
            },
        )


class GroupMember(models.Model):
    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    group = models.ForeignKey(ChallengeGroup, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    joined_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group"),
        ]
        ordering = ["joined_at"]

    def __str__(self) -> str:
        return f"Member of {self.group}"
