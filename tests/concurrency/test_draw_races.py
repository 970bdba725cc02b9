"""Two organizers press "Draw" at the same instant: one draw is made, the other finds it done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django_scopes import scopes_disabled

from allin.campaigns import draws, services
from allin.campaigns.models import Raffle
from allin.core.models import ActivityLog
from allin.events import checkin
from allin.institutions.enums import Role
from tests import beacon_vector as real
from tests.concurrency.harness import fire, gunicorn, session_cookie
from tests.conftest import make_member
from tests.factories import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def frozen(institution, organizer):
    """A frozen raffle whose announced round is the real, long published one of
    tests/beacon_vector.py, so each request's signature verifies."""
    start = real.CLOSES_AT - timedelta(days=5)
    week = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=real.CLOSES_AT,
    )
    services.add_prize(week, actor=None, rank=1, name="Headphones")
    event = make_event(
        institution, slug="s", raffle_eligible=True, starts_at=start + timedelta(hours=12)
    )
    services.add_session(week, event, actor=None)
    for i in range(5):
        checkin.staff_check_in(
            event, user=make_member(institution, email=f"p{i}@alpha.example"), actor=organizer
        )
    raffle = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at, now=start)
    return draws.freeze_entries(raffle, actor=organizer)


def _drawn() -> int:
    return ActivityLog.objects.filter(action="campaigns.raffle.drawn").count()


def test_simultaneous_draws_make_one(institution, frozen):
    cookies = [
        session_cookie(make_member(institution, Role.ORGANIZER, email=f"o{i}@alpha.example"))
        for i in range(12)
    ]
    body = ("signature=" + real.SIGNATURE).encode()
    with gunicorn() as port:
        statuses = fire(port, "/alpha/campaigns/wai/raffle/steps/draw/", cookies, body)
    assert statuses == {302: 12}
    with scopes_disabled():
        assert Raffle.objects.get().drawn_at is not None
    assert _drawn() == 1


def test_naive_look_then_draw_draws_twice_in_the_same_harness(institution, frozen):
    cookies = [
        session_cookie(make_member(institution, email=f"m{i}@alpha.example")) for i in range(12)
    ]
    with gunicorn() as port:
        fire(port, "/race/naive-draw/wai/", cookies)
    assert _drawn() > 1, "the harness failed to show a race; it proves nothing"
