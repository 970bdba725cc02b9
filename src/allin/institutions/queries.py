from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.core.cache import institution_key, pages_key
from allin.institutions.enums import PageKind
from allin.institutions.models import Institution, InstitutionPage, Invitation, Membership

CACHE_SECONDS = 300


def institutions_for_home() -> list[Institution]:
    with scopes_disabled():
        return list(
            Institution.objects.annotate(
                member_count=Count("memberships", filter=Q(memberships__ended_at__isnull=True))
            ).order_by("-is_host", "name")
        )


def membership_for(user: User, institution: Institution) -> Membership | None:
    if not user.is_authenticated:
        return None
    with scopes_disabled():
        return Membership.objects.filter(
            institution=institution, user=user, ended_at__isnull=True
        ).first()


def memberships_for_user(user: User) -> list[Membership]:
    with scopes_disabled():
        return list(
            Membership.objects.filter(user=user, ended_at__isnull=True)
            .select_related("institution")
            .order_by("institution__name")
        )


def institution_by_slug(slug: str) -> Institution | None:
    """Every tenant request starts here, so the institution comes from the cache."""
    key = institution_key(slug)
    institution = cache.get(key)
    if institution is None:
        institution = Institution.objects.filter(slug=slug).first()
        if institution is not None:
            cache.set(key, institution, CACHE_SECONDS)
    return institution


def pages_by_kind(institution: Institution) -> dict[str, InstitutionPage]:
    key = pages_key(institution.pk)
    pages = cache.get(key)
    if pages is None:
        pages = {p.kind: p for p in InstitutionPage.objects.filter(institution=institution)}
        cache.set(key, pages, CACHE_SECONDS)
    return pages


def page_order() -> list[str]:
    return [PageKind.PURPOSE, PageKind.VALUES, PageKind.GOALS, PageKind.TEAM]


def people(
    institution: Institution, *, search: str = "", include_ended: bool = False
) -> QuerySet[Membership]:
    qs = Membership.objects.filter(institution=institution).select_related("user")
    if not include_ended:
        qs = qs.filter(ended_at__isnull=True)
    if search:
        qs = qs.filter(Q(user__name__icontains=search) | Q(user__email__icontains=search))
    return qs.order_by("user__name", "user__email")


def open_invitations(institution: Institution) -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            institution=institution, accepted_at__isnull=True, revoked_at__isnull=True
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )
