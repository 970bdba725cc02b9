"""A large data set for the benchmark, built with the same services as real use where it counts.

Institutions go through create_institution (so their pages and audit rows exist as in real
life); people and memberships, the high-volume rows, are bulk-created with one shared password
hash, because hashing thirty thousand passwords would measure PBKDF2, not All In.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.demo.scale_change import build_change_scale
from allin.events.enums import AttendanceSource, Audience, EventFormat, RSVPStatus
from allin.events.models import RSVP, Attendance, Event
from allin.institutions import services as institution_services
from allin.institutions.enums import Affiliation, Role
from allin.institutions.models import Institution, Membership

BATCH = 2_000


@dataclass(frozen=True)
class ScaleReport:
    institutions: int
    people: int
    memberships: int
    events: int
    rsvps: int
    attendance: int
    targets: int


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
        events = Event.objects.bulk_create(_events(schools), batch_size=BATCH)
        rsvps, attended = _rsvps_and_attendance(rng, events)
        # The first school's change work grows with the data set: 30 targets at 30,000
        # people, 300 at 300,000 (and at least the six spheres' worth).
        targets = build_change_scale(schools[0], max(6, people // 1_000))
        return ScaleReport(
            institutions=len(schools),
            people=len(users),
            memberships=Membership.objects.count(),
            events=len(events),
            rsvps=rsvps,
            attendance=attended,
            targets=targets,
        )


EVENTS_PER_SCHOOL = 40


def _events(schools: list[Institution]):  # type: ignore[no-untyped-def]
    """Forty sessions a school, a fortnight apart half behind and half ahead; half public."""
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for school in schools:
        for i in range(EVENTS_PER_SCHOOL):
            start = now + timedelta(days=(i - EVENTS_PER_SCHOOL // 2) * 3, hours=2)
            yield Event(
                institution=school,
                slug=f"session-{i:03d}",
                title=f"Chats for Change {i}",
                description="A conversation about racism and bias in medicine. " * 5,
                starts_at=start,
                ends_at=start + timedelta(hours=1),
                time_zone=school.time_zone,
                format=EventFormat.HYBRID,
                room="5-205",
                building="Annenberg",
                capacity=200,
                audience=Audience.PUBLIC if i % 2 == 0 else Audience.MEMBERS,
                raffle_eligible=True,
            )


def _rsvps_and_attendance(rng: random.Random, events: list[Event]) -> tuple[int, int]:
    """Each member RSVPs to three sessions of one school; past RSVPs mostly came."""
    by_school: dict[int, list[Event]] = {}
    for event in events:
        by_school.setdefault(event.institution_id, []).append(event)
    now = timezone.now()
    rsvps, attendance, seats = [], [], dict.fromkeys((e.pk for e in events), 0)
    for m in Membership.objects.values("user_id", "institution_id").iterator():
        for event in rng.sample(by_school[m["institution_id"]], k=3):
            if seats[event.pk] >= (event.capacity or 0):
                continue
            seats[event.pk] += 1
            rsvps.append(
                RSVP(
                    institution_id=event.institution_id,
                    event=event,
                    user_id=m["user_id"],
                    status=RSVPStatus.CONFIRMED,
                    queued_at=now,
                )
            )
            if event.ends_at < now and rng.random() < 0.8:
                attendance.append(
                    Attendance(
                        institution_id=event.institution_id,
                        event=event,
                        user_id=m["user_id"],
                        source=AttendanceSource.STAFF,
                        checked_in_at=event.starts_at,
                    )
                )
    RSVP.objects.bulk_create(rsvps, batch_size=BATCH)
    Attendance.objects.bulk_create(attendance, batch_size=BATCH)
    for pk, count in seats.items():
        if count:
            Event.objects.filter(pk=pk).update(confirmed_count=count)
    return len(rsvps), len(attendance)


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
