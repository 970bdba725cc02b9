"""Winners decline at the same instant: each place goes to a different alternate."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from allin.campaigns import draws, services
from allin.campaigns.models import Entrant, Raffle
from allin.core.models import ActivityLog
from allin.events import checkin
from allin.institutions.enums import Role
from tests import beacon_vector as real
from tests.concurrency.harness import fire, gunicorn, session_cookie
from tests.conftest import make_member
from tests.factories import make_event

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def drawn(institution, organizer):
    """Three places and three alternates, drawn from the real round of tests/beacon_vector.py."""
    start = real.CLOSES_AT - timedelta(days=5)
    week = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=real.CLOSES_AT,
    )
    services.add_prize(week, actor=None, rank=1, name="Headphones", quantity=3)
    event = make_event(
        institution, slug="s", raffle_eligible=True, starts_at=start + timedelta(hours=12)
    )
    services.add_session(week, event, actor=None)
    for i in range(6):
        checkin.staff_check_in(
            event, user=make_member(institution, email=f"p{i}@alpha.example"), actor=organizer
        )
    draw = draws.publish_rules(week, actor=organizer, closes_at=week.ends_at, now=start)
    draw = draws.freeze_entries(draw, actor=organizer, now=week.ends_at)
    return draws.run_draw(draw, actor=organizer, signature_hex=real.SIGNATURE)


def test_simultaneous_declines_call_in_different_alternates(drawn, tmp_path, monkeypatch):
    with scopes_disabled():
        winners = [Entrant.objects.get(code=code).user for code in drawn.winners[:3]]
        alternates = [Entrant.objects.get(code=code).user for code in drawn.winners[3:]]
    cookies = [session_cookie(user) for user in winners]
    monkeypatch.setenv("RACE_MAIL_DIR", str(tmp_path))
    with gunicorn() as port:
        statuses = fire(port, "/alpha/campaigns/wai/raffle/decline/", cookies)
    assert statuses == {302: 3}
    with scopes_disabled():
        places = draws.results(Raffle.objects.get()).places
    assert sorted(p["code"] for p in places) == sorted(drawn.winners[3:])
    # The outcome replays the declines either way; without the lock, two declines would both
    # call in alternate 1 and email them twice, and alternate 3 would hear nothing.
    sent = re.findall(r"^To: (\S+)$", _mail(tmp_path), flags=re.MULTILINE)
    assert sorted(sent) == sorted(user.email for user in alternates)


def _mail(folder: Path) -> str:
    return "".join(f.read_text() for f in folder.iterdir())


def test_an_organizer_pressing_twice_declines_once(institution, drawn):
    cookies = [
        session_cookie(make_member(institution, Role.ORGANIZER, email=f"o{i}@alpha.example"))
        for i in range(8)
    ]
    body = f"code={drawn.winners[0]}".encode()
    with gunicorn() as port:
        fire(port, "/alpha/campaigns/wai/raffle/steps/decline/", cookies, body)
    with scopes_disabled():
        places = draws.results(Raffle.objects.get()).places
        assert Entrant.objects.filter(declined_at__isnull=False).count() == 1
    assert places[0]["code"] == drawn.winners[3]
    assert ActivityLog.objects.filter(action="campaigns.raffle.prize_released").count() == 1
