"""A dozen people type the code of a group with one seat left at the same instant: one gets in."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.campaigns import groups, services
from allin.campaigns.models import ChallengeGroup, GroupMember
from tests.concurrency.harness import fire, gunicorn, session_cookie
from tests.conftest import make_member

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def one_seat_left(institution, member):
    start = timezone.now() - timedelta(days=1)
    week = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    challenge = services.create_challenge(
        week,
        actor=None,
        slug="empathy",
        title="Empathy Building Challenge",
        purpose="Stories.",
        group_mode=True,
        reveal_at=start,
    )
    group = groups.open_group(challenge, facilitator=member, name="Circle")
    for i in range(groups.MAX_MEMBERS - 2):
        groups.join_group(
            challenge, user=make_member(institution, email=f"in{i}@alpha.example"), code=group.code
        )
    return group


def _joiners(institution) -> list[str]:
    return [
        session_cookie(make_member(institution, email=f"late{i}@alpha.example")) for i in range(12)
    ]


def test_the_last_seat_goes_once(institution, one_seat_left):
    cookies = _joiners(institution)
    body = f"code={one_seat_left.code}".encode()
    with gunicorn() as port:
        statuses = fire(port, "/alpha/campaigns/wai/challenges/empathy/groups/join/", cookies, body)
    # One redirect into the group; everyone else sees the form again, saying it is full.
    assert statuses == {302: 1, 200: 11}
    with scopes_disabled():
        assert GroupMember.objects.filter(group=one_seat_left).count() == groups.MAX_MEMBERS
        assert ChallengeGroup.objects.count() == 1


def test_naive_count_then_join_overfills_in_the_same_harness(institution, one_seat_left):
    with gunicorn() as port:
        fire(port, f"/race/naive-join/{one_seat_left.code}/", _joiners(institution))
    with scopes_disabled():
        joined = GroupMember.objects.filter(group=one_seat_left).count()
    assert joined > groups.MAX_MEMBERS, "the harness failed to show a race; it proves nothing"
