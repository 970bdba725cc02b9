from __future__ import annotations

from django.db import models
from django_scopes import ScopedManager

from allin.campaigns.models.campaign import Campaign
from allin.core.models import TimeStampedModel


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
    # The round's BLS signature (hex), when known: its SHA-256 is the randomness, and it
    # verifies against the chain's public key, so nobody need trust whoever typed the value.
    beacon_signature = models.CharField(max_length=192, blank=True)
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
    # A winner who declines (or never claims) passes their place to the next alternate.
    declined_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["raffle", "user"], name="one_entrant_per_person"),
            models.UniqueConstraint(fields=["raffle", "code"], name="entrant_codes_unique"),
        ]

    def __str__(self) -> str:
        return self.code
