from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from allin.core.models import ActivityLog


class ReadOnlyAdmin(admin.ModelAdmin):
    """For rows that change only through services (and so the audit trail), never by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ActivityLog)
class ActivityLogAdmin(ReadOnlyAdmin):
    """The audit trail is append-only, here as everywhere."""

    list_display = ["timestamp", "institution", "actor", "action", "object_repr"]
    list_filter = ["institution"]
    search_fields = ["action", "object_repr"]
