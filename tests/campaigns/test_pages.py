from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.campaigns import services
from allin.events import checkin
from allin.events.enums import Audience
from tests.factories import make_event


def text(response):
    return response.content.decode()


@pytest.fixture
def week(institution):
    start = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    campaign = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    for day, slug in enumerate(["identity-mapping", "equity-impact"]):
        services.create_challenge(
            campaign,
            actor=None,
            slug=slug,
            title=slug.replace("-", " ").title(),
            purpose=f"Purpose of {slug}.",
            questions=["First question?", "Second question?"],
            reveal_at=start + timedelta(days=day, hours=1),
        )
    return campaign


def test_countdown_is_right_without_javascript(client, week):
    with time_machine.travel(
        week.starts_at - timedelta(days=2, hours=3, minutes=4, seconds=5), tick=False
    ):
        html = text(client.get("/alpha/campaigns/wai/"))
    assert 'data-unit="days">2<' in html
    assert 'data-unit="hours">03<' in html
    assert 'data-unit="minutes">04<' in html
    assert 'data-unit="seconds">05<' in html
    with time_machine.travel(week.starts_at + timedelta(minutes=1)):
        assert "data-countdown" not in text(client.get("/alpha/campaigns/wai/"))


def test_a_challenge_is_hidden_until_revealed_and_previewable_by_organizers(
    client_for, week, member, organizer
):
    url = "/alpha/campaigns/wai/challenges/equity-impact/"
    reveal = week.starts_at + timedelta(days=1, hours=1)
    with time_machine.travel(reveal - timedelta(seconds=1)):
        assert client_for(member).get(url).status_code == 404
        assert "Equity Impact" not in text(client_for(member).get("/alpha/campaigns/wai/"))
        preview = client_for(organizer).get(url)
        assert preview.status_code == 200 and "Preview: members see this challenge" in text(preview)
    with time_machine.travel(reveal):
        page = text(client_for(member).get(url))
        assert "Second question?" in page and "Preview" not in page
        assert "Today's challenge: Equity Impact" in text(
            client_for(member).get("/alpha/campaigns/wai/")
        )


def test_entries_are_attended_raffle_sessions(client_for, institution, week, member, organizer):
    past = timezone.now() - timedelta(days=1)
    counted = [
        make_event(
            institution, slug=f"s{i}", raffle_eligible=True, starts_at=past + timedelta(hours=i)
        )
        for i in range(2)
    ]
    not_counted = make_event(institution, slug="other", raffle_eligible=False, starts_at=past)
    for event in [*counted, not_counted]:
        services.add_session(week, event, actor=None)
        checkin.staff_check_in(event, user=member, actor=organizer)
    html = text(client_for(member).get("/alpha/campaigns/wai/"))
    assert "Your entries: <strong>2</strong>" in html


def test_sessions_follow_the_events_audience(client, client_for, institution, week, member):
    services.add_session(
        week,
        make_event(institution, slug="open", title="Open House", audience=Audience.PUBLIC),
        actor=None,
    )
    services.add_session(
        week, make_event(institution, slug="inside", title="Members Chat"), actor=None
    )
    assert "Members Chat" not in text(client.get("/alpha/campaigns/wai/"))
    assert "Members Chat" in text(client_for(member).get("/alpha/campaigns/wai/"))


def test_service_rules(institution, other_institution, week):
    with pytest.raises(ValidationError, match="on a day of the campaign"):
        services.create_challenge(
            week,
            actor=None,
            slug="late",
            title="Late",
            purpose="x",
            reveal_at=week.ends_at + timedelta(hours=1),
        )
    services.add_prize(week, actor=None, rank=1, name="Bose QuietComfort Headphones")
    with pytest.raises(ValidationError, match="already a prize of rank 1"):
        services.add_prize(week, actor=None, rank=1, name="Hatch Restore 2")
    with pytest.raises(ValidationError, match="event of this institution"):
        services.add_session(week, make_event(other_institution, slug="theirs"), actor=None)


@pytest.mark.parametrize("size", [2, 6])
def test_landing_query_count_is_constant(
    client_for, institution, week, organizer, size, django_assert_num_queries
):
    # As an organizer, who also sees the challenges still to come.
    for i in range(size):
        services.add_session(week, make_event(institution, slug=f"e{i}"), actor=None)
        services.add_prize(week, actor=None, rank=i + 1, name=f"Prize {i}")
        services.create_challenge(
            week,
            actor=None,
            slug=f"extra-{i}",
            title=f"Extra {i}",
            purpose="x",
            reveal_at=week.starts_at + timedelta(hours=i),
        )
    client = client_for(organizer)
    client.get("/alpha/campaigns/wai/")
    # The winners' lookup is one query more until a draw is made.
    with django_assert_num_queries(9):
        client.get("/alpha/campaigns/wai/")
