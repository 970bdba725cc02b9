from __future__ import annotations

from django.conf import settings
from django.db import models

from allin.accounts.enums import URiM


class SelfIdentification(models.Model):
    """How a person describes themselves, if they choose to: kept in its own table, apart from
    their name and profile, and only ever shown as counts of 11 or more (core/privacy.py).

    Platform-wide, like the profile: a person says it once, not once per school.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="self_identification"
    )
    # RaceEthnicity codes, any number of them, or only "prefer_not".
    race_ethnicity = models.JSONField(default=list, blank=True)
    urim = models.CharField("Underrepresented in medicine", max_length=20, choices=URiM, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        # Never the person or the answers: this string reaches the audit log.
        return "Self-identification"
