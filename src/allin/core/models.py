from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django_scopes import ScopedManager


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class PublicIdMixin(models.Model):
    """A UUID for URLs, so tenant data is never addressed by a guessable sequential id."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


class ActivityLog(models.Model):
    """Append-only audit trail: who did what to which object, written in the same transaction."""

    institution = models.ForeignKey(
        "institutions.Institution",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="activity",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    # A readable name of the object at the time, so history survives the object's deletion.
    object_repr = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=100)
    data = models.JSONField(default=dict, blank=True)
    timestamp = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-timestamp"]),
            models.Index(fields=["institution", "-timestamp"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_repr}"

    @property
    def display(self) -> str:
        from allin.core.audit import describe

        return describe(self)

    @property
    def data_items(self) -> list[tuple[str, Any]]:
        return sorted(self.data.items()) if isinstance(self.data, dict) else []
