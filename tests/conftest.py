"""Two institutions, each with a member, an organizer and an admin, plus an outsider.

Fixture set-up runs with scopes disabled; requests in tests run through the real middleware,
so scoping is exercised exactly as in production.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache
from django.test import Client
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.institutions.enums import Affiliation, Role
from allin.institutions.models import Institution, Invitation, Membership
from tests.factories import InstitutionFactory, MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _unscoped() -> Iterator[None]:
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    # Rate-limit counters live in the cache; one test's sign-ins must not limit the next.
    cache.clear()
    yield


def _with_totp(user: User) -> User:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, generate_totp_secret())
    return user


def make_member(institution: Institution, role: str = Role.MEMBER, **user_fields: object) -> User:
    user = UserFactory(**user_fields)
    MembershipFactory(
        institution=institution,
        user=user,
        role=role,
        affiliation=Affiliation.STAFF if role != Role.MEMBER else Affiliation.MD_STUDENT,
    )
    if role != Role.MEMBER:
        # Staff must have a second factor (ALLIN_MFA_REQUIRED_FOR_STAFF); tests of that rule
        # make their own organizer without one.
        _with_totp(user)
    return user


@pytest.fixture
def institution(db) -> Institution:  # type: ignore[no-untyped-def]
    return InstitutionFactory(slug="alpha", name="Alpha School of Medicine", short_name="Alpha")


@pytest.fixture
def other_institution(db) -> Institution:  # type: ignore[no-untyped-def]
    return InstitutionFactory(slug="beta", name="Beta College of Medicine", short_name="Beta")


@pytest.fixture
def member(institution: Institution) -> User:
    return make_member(institution, Role.MEMBER, email="member@alpha.example", name="Ada Member")


@pytest.fixture
def organizer(institution: Institution) -> User:
    return make_member(
        institution, Role.ORGANIZER, email="organizer@alpha.example", name="Olu Organizer"
    )


@pytest.fixture
def admin(institution: Institution) -> User:
    return make_member(institution, Role.ADMIN, email="admin@alpha.example", name="Ari Admin")


@pytest.fixture
def other_member(other_institution: Institution) -> User:
    return make_member(
        other_institution, Role.MEMBER, email="member@beta.example", name="Bo Member"
    )


@pytest.fixture
def other_organizer(other_institution: Institution) -> User:
    return make_member(
        other_institution, Role.ORGANIZER, email="organizer@beta.example", name="Bea Organizer"
    )


@pytest.fixture
def other_admin(other_institution: Institution) -> User:
    return make_member(other_institution, Role.ADMIN, email="admin@beta.example", name="Ben Admin")


@pytest.fixture
def outsider(other_institution: Institution) -> User:
    """Signed in, verified, an organizer somewhere else, and nothing at Alpha."""
    return make_member(
        other_institution, Role.ORGANIZER, email="outsider@beta.example", name="Oscar Outsider"
    )


@pytest.fixture
def other_outsider(institution: Institution) -> User:
    """Beta's outsider: an organizer at Alpha and nothing at Beta."""
    return make_member(
        institution, Role.ORGANIZER, email="outsider@alpha.example", name="Olive Outsider"
    )


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


def membership_of(user: User, institution: Institution) -> Membership:
    return Membership.objects.get(user=user, institution=institution, ended_at__isnull=True)


def invite(
    institution: Institution,
    inviter: User,
    email: str,
    affiliation: str = Affiliation.STAFF,
    role: str = Role.MEMBER,
) -> tuple[Invitation, str]:
    from allin.institutions.services import invite_member

    return invite_member(
        institution,
        actor=inviter,
        actor_membership=membership_of(inviter, institution),
        email=email,
        affiliation=affiliation,
        role=role,
    )


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    """Race tests need PostgreSQL: SQLite serializes writers and would hide the race."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
