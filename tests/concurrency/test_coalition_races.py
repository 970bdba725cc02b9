"""Coalition acceptances and mini project sign-ups at the same instant, on PostgreSQL, each beside
a naive count-then-insert that must over-fill in the same harness."""

from __future__ import annotations

import http.client
import secrets
import threading
from collections import Counter

import pytest
from django.conf import settings
from django_scopes import scopes_disabled

from allin.coalitions import projects, services
from allin.coalitions.models import Application, MiniProject, ProjectSignup, Term
from tests.concurrency.harness import fire, gunicorn, session_cookie
from tests.concurrency.test_rsvp_races import crowd
from tests.conftest import make_member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def fire_each(port: int, requests: list[tuple[str, str, bytes]]) -> Counter[int]:
    """Like harness.fire, but each request has its own path: (path, session cookie, body)."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []
    lock = threading.Lock()

    def one(path: str, cookie: str, body: bytes) -> None:
        csrf = secrets.token_hex(16)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {
            "Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}; csrftoken={csrf}",
            "X-CSRFToken": csrf,
            "Content-Length": str(len(body)),
            "Content-Type": "application/x-www-form-urlencoded",
        }
        barrier.wait()
        try:
            conn.request("POST", path, body=body, headers=headers)
            status = conn.getresponse().status
        except OSError:
            status = 0
        finally:
            conn.close()
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=one, args=r) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Counter(statuses)


def _pending(institution, capacity: int, n: int) -> list[Application]:
    coalition = services.create_coalition(
        institution, actor=None, slug="rbi", name="RBI", capacity=capacity
    )
    return [
        services.apply(coalition, user=person, why="To help.", brings="Time.")
        for person in crowd(institution, n)
    ]


def _accepted() -> int:
    with scopes_disabled():
        assert Term.objects.count() == Application.objects.filter(status="accepted").count()
        return Term.objects.count()


def _organizers(institution, n: int) -> list[str]:
    return [
        session_cookie(make_member(institution, "organizer", email=f"org{i}@alpha.example"))
        for i in range(n)
    ]


def test_parallel_acceptances_fill_exactly_the_capacity(institution):
    applications = _pending(institution, capacity=10, n=32)
    cookies = _organizers(institution, 4)
    body = b"decision=accept"
    requests = [
        (
            f"/alpha/coalitions/manage/rbi/applications/{a.public_id}/",
            cookies[i % len(cookies)],
            body,
        )
        for i, a in enumerate(applications)
    ]
    with gunicorn() as port:
        statuses = fire_each(port, requests)
    # Ten redirects to the list; the rest see the decision page again, saying it is full.
    assert statuses == {302: 10, 200: 22}
    assert _accepted() == 10
    with scopes_disabled():
        assert Application.objects.filter(status="pending").count() == 22


def test_naive_count_then_accept_over_fills_in_the_same_harness(institution):
    applications = _pending(institution, capacity=10, n=32)
    cookies = _organizers(institution, 4)
    requests = [
        (f"/race/naive-accept/{a.public_id}/", cookies[i % len(cookies)], b"")
        for i, a in enumerate(applications)
    ]
    with gunicorn() as port:
        statuses = fire_each(port, requests)
    assert sum(statuses.values()) == 32
    assert _accepted() > 10, "the harness failed to show a race; it proves nothing"


def test_one_person_signing_up_20_times_at_once_has_one_application(institution, member):
    services.create_coalition(institution, actor=None, slug="rbi", name="RBI")
    with gunicorn() as port:
        statuses = fire(
            port,
            "/alpha/coalitions/rbi/sign-up/",
            [session_cookie(member)] * 20,
            b"why=To+help.&brings=Time.",
        )
    # One redirect; every other request sees the page saying the application is waiting.
    assert statuses == {302: 1, 200: 19}
    with scopes_disabled():
        assert Application.objects.filter(user=member).count() == 1


def _project(institution, capacity: int) -> MiniProject:
    return projects.create_project(
        institution, actor=None, slug="walk", title="Data Walk", capacity=capacity
    )


def _confirmed(project: MiniProject) -> int:
    with scopes_disabled():
        return ProjectSignup.objects.filter(project=project, status="confirmed").count()


def test_120_people_sign_up_at_once_for_30_places(institution):
    project = _project(institution, 30)
    cookies = [session_cookie(u) for u in crowd(institution, 120)]
    with gunicorn() as port:
        statuses = fire(port, "/alpha/coalitions/projects/walk/sign-up/", cookies)
    assert statuses == {302: 120}
    project.refresh_from_db()
    with scopes_disabled():
        places = sorted(
            ProjectSignup.objects.filter(project=project, status="waitlisted").values_list(
                "queue_number", flat=True
            )
        )
    assert (_confirmed(project), project.confirmed_count) == (30, 30)
    assert places == list(range(1, 91))


def test_naive_count_then_insert_over_fills_a_project(institution):
    project = _project(institution, 30)
    cookies = [session_cookie(u) for u in crowd(institution, 120)]
    with gunicorn() as port:
        statuses = fire(port, "/race/naive-project/walk/", cookies)
    assert sum(statuses.values()) == 120
    assert _confirmed(project) > 30, "the harness failed to show a race; it proves nothing"


def test_parallel_withdrawals_promote_exactly_one_each(institution):
    project = _project(institution, 20)
    people = crowd(institution, 40)
    for person in people:
        projects.sign_up(project, user=person)
    leavers = people[:10]
    with gunicorn() as port:
        statuses = fire(
            port, "/alpha/coalitions/projects/walk/withdraw/", [session_cookie(u) for u in leavers]
        )
    assert statuses == {302: 10}
    project.refresh_from_db()
    with scopes_disabled():
        going = set(
            ProjectSignup.objects.filter(project=project, status="confirmed").values_list(
                "user_id", flat=True
            )
        )
    assert (len(going), project.confirmed_count) == (20, 20)
    assert going == {p.pk for p in people[10:30]}
