from __future__ import annotations

from django.contrib import admin

from allin.learning.models import Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "institution", "is_public"]
    filter_horizontal = ["partners"]
