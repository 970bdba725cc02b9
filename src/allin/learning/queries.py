from __future__ import annotations

from django.db.models import Count
from django_scopes import scopes_disabled

from allin.learning.models import Program


def programs_for_home() -> list[Program]:
    with scopes_disabled():
        return list(
            Program.objects.filter(is_public=True)
            .select_related("institution")
            .annotate(partner_count=Count("partners"))
            .order_by("name")
        )
