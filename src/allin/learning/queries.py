from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count
from django_scopes import scopes_disabled

from allin.learning.models import Program

HOME_CACHE_KEY = "allin:home:programs:v1"


def programs_for_home() -> list[Program]:
    return cache.get_or_set(HOME_CACHE_KEY, _programs, 60)


def forget_home_listing() -> None:
    cache.delete(HOME_CACHE_KEY)


def _programs() -> list[Program]:
    with scopes_disabled():
        return list(
            Program.objects.filter(is_public=True)
            .select_related("institution")
            .annotate(partner_count=Count("partners"))
            .order_by("name")
        )
