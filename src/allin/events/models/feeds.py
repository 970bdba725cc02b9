from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

from allin.core.models import TimeStampedModel


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(TimeStampedModel):
    """A person's private calendar address. Only the SHA-256 of the secret is stored.

    Calendar apps cannot sign in, so the secret in the URL is the credential: it can be
    rotated (the old address stops working at once) or revoked by deleting the row.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, hash_token(token)
