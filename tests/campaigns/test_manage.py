from datetime import timedelta

import pytest
from django.utils import timezone

from allin.campaigns import services
from allin.campaigns.models import Campaign, Challenge, Prize
from allin.core.privacy import shown
from allin.events import checkin
from tests.conftest import make_member
from tests.factories import make_event


def text(response):
    return response.content.decode()


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def week(institution):
    start = (timezone.now() - timedelta(days=1)).replace(second=0, microsecond=0)
    return services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )


def test_organizer_schedules_a_campaign(client_for, organizer):
    start = timezone.now() + timedelta(days=30)
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/",
        {
            "name": "We're All In 2027",
            "slug": "wai-2027",
            "tagline": "",
            "description": "",
            "starts_at": local(start),
            "ends_at": local(start + timedelta(days=5)),
        },
    )
    assert response["Location"] == "/alpha/campaigns/manage/wai-2027/"
    assert Campaign.objects.get().name == "We're All In 2027"


def test_a_campaign_that_ends_before_it_starts_is_refused_by_the_field(client_for, organizer):
    start = timezone.now() + timedelta(days=30)
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/",
        {
            "name": "Backwards",
            "slug": "backwards",
            "starts_at": local(start),
            "ends_at": local(start - timedelta(days=1)),
        },
    )
    assert 'id="id_ends_at_error"' in text(response)
    assert not Campaign.objects.exists()


def test_organizer_adds_a_challenge_with_questions_and_steps(client_for, week, organizer):
    client_for(organizer).post(
        "/alpha/campaigns/manage/wai/add/challenge/",
        {
            "title": "Empathy Building Challenge",
            "slug": "empathy-building",
            "purpose": "Enhance empathy.",
            "body": "",
            "questions": "What did you notice?\n\nWhat changed?\n",
            "steps": "## Set the stage\nAgree on grounding assumptions.\n\n"
            "## Share personal stories\nListen.",
            "video_url": "",
            "reveal_at": local(week.starts_at + timedelta(days=2)),
        },
    )
    challenge = Challenge.objects.get()
    assert challenge.questions == ["What did you notice?", "What changed?"]
    assert challenge.steps == [
        {"title": "Set the stage", "body": "Agree on grounding assumptions."},
        {"title": "Share personal stories", "body": "Listen."},
    ]


def test_a_challenge_outside_the_campaign_is_refused_by_the_field(client_for, week, organizer):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/add/challenge/",
        {
            "title": "Late",
            "slug": "late",
            "purpose": "x",
            "reveal_at": local(week.ends_at + timedelta(days=1)),
        },
    )
    assert "Reveal the challenge on a day of the campaign." in text(response)
    assert 'id="id_reveal_at_error"' in text(response)
    assert not Challenge.objects.exists()


def test_organizer_adds_a_session_and_a_prize(client_for, institution, week, organizer):
    event = make_event(institution, slug="chat", starts_at=week.starts_at + timedelta(hours=5))
    client = client_for(organizer)
    client.post("/alpha/campaigns/manage/wai/add/session/", {"event": event.pk})
    client.post(
        "/alpha/campaigns/manage/wai/add/prize/", {"rank": 1, "name": "Kindle", "quantity": 2}
    )
    assert list(week.sessions.values_list("event__slug", flat=True)) == ["chat"]
    assert list(Prize.objects.values_list("name", "quantity")) == [("Kindle", 2)]


def test_members_cannot_manage_campaigns(client_for, week, member):
    assert client_for(member).get("/alpha/campaigns/manage/").status_code == 403
    response = client_for(member).post(
        "/alpha/campaigns/manage/wai/add/prize/", {"rank": 1, "name": "x", "quantity": 1}
    )
    assert response.status_code == 403
    assert not Prize.objects.exists()


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "0"), (1, "fewer than 11"), (10, "fewer than 11"), (11, "11"), (1234, "1,234")],
)
def test_small_counts_are_hidden(count, expected):
    assert shown(count) == expected


def test_participation_hides_small_counts(client_for, institution, week, organizer):
    small = make_event(institution, slug="small", starts_at=week.starts_at + timedelta(hours=2))
    large = make_event(institution, slug="large", starts_at=week.starts_at + timedelta(hours=4))
    for event in (small, large):
        services.add_session(week, event, actor=None)
    people = [make_member(institution, email=f"p{i}@alpha.example") for i in range(12)]
    for person in people[:3]:
        checkin.staff_check_in(small, user=person, actor=organizer)
    for person in people:
        checkin.staff_check_in(large, user=person, actor=organizer)
    page = text(client_for(organizer).get("/alpha/campaigns/manage/wai/"))
    assert "People who attended a session: <strong>12</strong>" in page
    assert "<td>fewer than 11</td>" in page and "<td>12</td>" in page
    assert "<td>3</td>" not in page


@pytest.mark.parametrize("size", [2, 6])
def test_manage_page_query_count_is_constant(
    client_for, institution, week, organizer, size, django_assert_num_queries
):
    for i in range(size):
        event = make_event(institution, slug=f"e{i}", starts_at=week.starts_at + timedelta(hours=i))
        services.add_session(week, event, actor=None)
        services.add_prize(week, actor=None, rank=i + 1, name=f"Prize {i}")
        services.create_challenge(
            week,
            actor=None,
            slug=f"c{i}",
            title=f"C{i}",
            purpose="x",
            reveal_at=week.starts_at + timedelta(hours=i),
        )
    client = client_for(organizer)
    client.get("/alpha/campaigns/manage/wai/")
    with django_assert_num_queries(NUM_MANAGE_QUERIES):
        client.get("/alpha/campaigns/manage/wai/")


NUM_MANAGE_QUERIES = 15
