"""Who may do what in an institution. Predicates take (user, institution)."""

from __future__ import annotations

import rules

from allin.institutions.enums import Role
from allin.institutions.models import Institution, Membership


def cached_membership(user, institution: Institution) -> Membership | None:
    """The user's active membership, looked up once per request and institution."""
    if user is None or not user.is_authenticated or institution is None:
        return None
    # getattr/setattr rather than __dict__: request.user is a lazy proxy around the real user.
    cache: dict[int, Membership | None] | None = getattr(user, "_allin_memberships", None)
    if cache is None:
        cache = {}
        user._allin_memberships = cache
    if institution.pk not in cache:
        from allin.institutions.queries import membership_for

        cache[institution.pk] = membership_for(user, institution)
    return cache[institution.pk]


@rules.predicate
def is_member(user, institution: Institution) -> bool:
    return cached_membership(user, institution) is not None


@rules.predicate
def is_organizer(user, institution: Institution) -> bool:
    membership = cached_membership(user, institution)
    return membership is not None and membership.has_role(Role.ORGANIZER)


@rules.predicate
def is_admin(user, institution: Institution) -> bool:
    membership = cached_membership(user, institution)
    return membership is not None and membership.has_role(Role.ADMIN)


rules.add_perm("institutions.view_members_area", is_member)
rules.add_perm("institutions.manage", is_organizer)
rules.add_perm("institutions.edit_pages", is_organizer)
rules.add_perm("institutions.manage_people", is_organizer)
rules.add_perm("institutions.edit_settings", is_admin)
rules.add_perm("institutions.view_audit", is_admin)
