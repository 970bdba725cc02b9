"""Template helpers for data-walk snippets included from other apps' pages."""

from __future__ import annotations

from typing import Any

from django import template

from allin.datawalks.models import DataWalk
from allin.institutions.rules import is_member

register = template.Library()


@register.simple_tag(takes_context=True)
def may_see_walk(context: Any, walk: DataWalk | None) -> bool:
    """Whether the person viewing the page may see ``walk``: anyone if it is public, else
    members of its institution. Decided from the page's request, so a snippet included in
    another app's template needs nothing from that app's view."""
    if walk is None:
        return False
    if walk.is_public:
        return True
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    institution = getattr(request, "institution", None)
    if institution is None or institution.pk != walk.institution_id:
        institution = walk.institution
    return bool(is_member(user, institution))
