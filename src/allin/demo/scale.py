"""A large data set for the benchmark, built with the same services as real use where it counts.

Institutions go through create_institution (so their pages and audit rows exist as in real
life); people and memberships, the high-volume rows, are bulk-created with one shared password
hash, because hashing thirty thousand passwords would measure PBKDF2, not All In.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.institutions import services as institution_services
from allin.institutions.enums import Affiliation, Role
from allin.institutions.models import Institution, Membership

BATCH = 2_000


@dataclass(frozen=True)
class ScaleReport:
    institutions: int
    people: int
    memberships: int


BENCH_PASSWORD = "bench-password"  # noqa: S105  (throw-away benchmark data)


def build_scale(
    *, institutions: int, people: int, seed: int = 0, password: str = BENCH_PASSWORD
) -> ScaleReport:
    rng = random.Random(seed)
    with scopes_disabled(), transaction.atomic():
        schools = [
            institution_services.create_institution(
                actor=None,
                slug=f"school-{i:03d}",
                name=f"Benchmark School of Medicine {i}",
                short_name=f"School {i}",
                is_host=(i == 0),
            )
            for i in range(institutions)
        ]
        hashed = make_password(password)
        users = User.objects.bulk_create(
            (
                User(email=f"person{i:06d}@bench.example", name=f"Person {i}", password=hashed)
                for i in range(people)
            ),
            batch_size=BATCH,
        )
        EmailAddress.objects.bulk_create(
            (EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users),
            batch_size=BATCH,
        )
        Membership.objects.bulk_create(_memberships(rng, schools, users), batch_size=BATCH)
        # Later parts add their high-volume rows here: events, RSVPs, attendance, ...
        return ScaleReport(
            institutions=len(schools),
            people=len(users),
            memberships=Membership.objects.count(),
        )


def _memberships(rng: random.Random, schools: list[Institution], users: list[User]):  # type: ignore[no-untyped-def]
    affiliations = list(Affiliation)
    for index, user in enumerate(users):
        # Everyone belongs somewhere; one in five also belongs to a second school.
        homes = rng.sample(schools, k=2 if len(schools) > 1 and index % 5 == 0 else 1)
        for school in homes:
            role = (
                Role.ADMIN
                if index < len(schools)
                else (Role.ORGANIZER if rng.random() < 0.01 else Role.MEMBER)
            )
            yield Membership(
                institution=school, user=user, role=role, affiliation=rng.choice(affiliations)
            )
