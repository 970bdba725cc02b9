"""The platform admin's tools. New institutions go through the service (pages, audit)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.http import HttpRequest

from allin.core.admin import ReadOnlyAdmin
from allin.core.audit import log_action
from allin.core.cache import forget_home_listing, forget_institution
from allin.institutions import services
from allin.institutions.models import Institution, Membership


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "kind", "is_host", "time_zone"]
    search_fields = ["name", "slug"]
    list_filter = ["kind", "is_host"]

    def get_readonly_fields(self, request: HttpRequest, obj: Institution | None = None) -> Any:
        return ["slug"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Institution, form: Any, change: bool) -> None:
        if change:
            obj.save()
            transaction.on_commit(lambda: forget_institution(obj.slug))
            transaction.on_commit(forget_home_listing)
            log_action(
                obj,
                "institutions.institution.updated",
                actor=request.user,
                institution=obj,
                data={"fields": ", ".join(form.changed_data)},
            )
            return
        fields = {
            f: getattr(obj, f) for f in ("time_zone", "kind", "is_host", "tagline", "contact_email")
        }
        created = services.create_institution(
            actor=request.user, slug=obj.slug, name=obj.name, short_name=obj.short_name, **fields
        )
        obj.pk = created.pk


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    """Roles change through the institution's own People pages, where they are audited."""

    list_display = ["user", "institution", "affiliation", "role", "ended_at"]
    list_filter = ["institution", "role", "affiliation"]
    search_fields = ["user__email", "user__name"]
