"""Races on PostgreSQL with real parallel requests, each beside a naive version that must fail."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import make_password
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.events.enums import RSVPStatus
from allin.events.models import RSVP, Event
from allin.institutions.enums import Affiliation
from allin.institutions.models import Membership
from tests.concurrency.harness import fire, gunicorn, session_cookie
from tests.factories import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def crowd(institution, n: int) -> list[User]:
    users = User.objects.bulk_create(
        User(email=f"crowd{i}@alpha.example", name=f"Crowd {i}", password=make_password(None))
        for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(institution=institution, user=u, affiliation=Affiliation.MD_STUDENT)
        for u in users
    )
    return users


def confirmed(event: Event) -> int:
    with scopes_disabled():
        return RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).count()


def test_200_people_rsvp_at_once_for_50_seats(institution):
    event = make_event(institution, slug="race", capacity=50)
    cookies = [session_cookie(u) for u in crowd(institution, 200)]
    with gunicorn() as port:
        statuses = fire(port, "/alpha/events/race/rsvp/", cookies)
    assert statuses == {302: 200}  # every request answered, no server error
    event.refresh_from_db()
    with scopes_disabled():
        places = sorted(
            RSVP.objects.filter(event=event, status=RSVPStatus.WAITLISTED).values_list(
                "queue_number", flat=True
            )
        )
    assert (confirmed(event), event.confirmed_count) == (50, 50)
    # Arrival order: numbers handed out one by one under the event's lock, no gap, no twin.
    assert places == list(range(1, 151))


def test_naive_check_then_insert_oversells_in_the_same_harness(institution):
    event = make_event(institution, slug="naive", capacity=50)
    cookies = [session_cookie(u) for u in crowd(institution, 200)]
    with gunicorn() as port:
        statuses = fire(port, "/race/naive/naive/", cookies)
    assert sum(statuses.values()) == 200
    assert confirmed(event) > 50, "the harness failed to show a race; it proves nothing"


def test_one_person_50_times_at_once_gets_one_row(institution, member):
    event = make_event(institution, slug="same", capacity=50)
    cookie = session_cookie(member)
    with gunicorn() as port:
        statuses = fire(port, "/alpha/events/same/rsvp/", [cookie] * 50)
    assert statuses == {302: 50}
    event.refresh_from_db()
    with scopes_disabled():
        assert RSVP.objects.filter(event=event).count() == 1
    assert (confirmed(event), event.confirmed_count) == (1, 1)


def test_parallel_cancellations_promote_exactly_one_each(institution):
    from allin.events import services

    event = make_event(institution, slug="churn", capacity=20)
    people = crowd(institution, 40)
    for person in people:
        services.rsvp(event, user=person)
    leavers = people[:10]
    with gunicorn() as port:
        statuses = fire(
            port, "/alpha/events/churn/rsvp/cancel/", [session_cookie(u) for u in leavers]
        )
    assert statuses == {302: 10}
    event.refresh_from_db()
    with scopes_disabled():
        going = set(
            RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).values_list(
                "user_id", flat=True
            )
        )
    assert (len(going), event.confirmed_count) == (20, 20)
    # The ten promoted are exactly the first ten of the waitlist.
    assert going == {p.pk for p in people[10:30]}
