"""Fifty parallel scans of the room's QR code by one phone leave one ledger row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.core.models import ActivityLog
from allin.events.models import Attendance
from tests.concurrency.harness import fire, gunicorn, session_cookie
from tests.factories import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def live(institution):
    start = timezone.now() - timedelta(minutes=5)
    return make_event(institution, slug="live", starts_at=start, ends_at=start + timedelta(hours=1))


def test_one_person_checks_in_50_times_at_once_and_gets_one_row(live, member):
    cookie = session_cookie(member)
    with gunicorn() as port:
        statuses = fire(port, "/alpha/events/live/check-in/", [cookie] * 50)
    # 302 for the requests that recorded (or found) the row, 200 for those that saw it
    # already there and showed "you're checked in"; never a server error.
    assert set(statuses) <= {200, 302} and sum(statuses.values()) == 50
    with scopes_disabled():
        assert Attendance.objects.filter(event=live, user=member).count() == 1
    assert ActivityLog.objects.filter(action="events.attendance.recorded").count() == 1


def test_naive_look_then_insert_fails_in_the_same_harness(live, member):
    cookie = session_cookie(member)
    with gunicorn() as port:
        statuses = fire(port, "/race/naive-check-in/live/", [cookie] * 50)
    # The constraint keeps the ledger right, but the naive code answers with server errors.
    assert statuses[500] > 0, "the harness failed to show a race; it proves nothing"
    with scopes_disabled():
        assert Attendance.objects.filter(event=live, user=member).count() == 1
