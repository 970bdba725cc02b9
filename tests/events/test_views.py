from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from allin.events import services
from allin.events.enums import Audience, RSVPMode
from allin.events.models import RSVP
from tests.conftest import make_member
from tests.factories import make_event


def text(response):
    return response.content.decode()


def at(day_offset, hour, minute=0):
    """A time in New York (the institutions' zone), day_offset days from today."""
    from zoneinfo import ZoneInfo

    local = timezone.now().astimezone(ZoneInfo("America/New_York")) + timedelta(days=day_offset)
    return local.replace(hour=hour, minute=minute, second=0, microsecond=0)


def test_calendar_groups_by_day_in_the_events_time_zone(client_for, institution, member):
    make_event(
        institution, slug="late", title="Late Chat", starts_at=at(2, 23), ends_at=at(2, 23, 30)
    )
    make_event(
        institution,
        slug="lunch",
        title="Lunch n' Unlearn",
        starts_at=at(2, 12),
        ends_at=at(2, 13, 30),
        rsvp_mode=RSVPMode.REQUESTED,
        room="5-205",
        building="Annenberg",
    )
    make_event(
        institution, slug="fair", title="Activities Fair", starts_at=at(3, 14), ends_at=at(3, 17)
    )
    html = text(client_for(member).get("/alpha/events/"))
    day2 = f"{at(2, 12):%A, %B} {at(2, 12).day}"
    assert html.count('<h2 id="day-') == 2
    assert day2 in html
    assert (
        html.index("Lunch n&#x27; Unlearn")
        < html.index("Late Chat")
        < html.index("Activities Fair")
    )
    assert "12:00 PM\N{EN DASH}1:30 PM E" in html  # EST or EDT, whichever applies that day
    assert "5-205, Annenberg" in html
    assert "RSVP requested, not required" in html


def test_visitors_see_only_public_events(client, client_for, institution, member):
    make_event(institution, slug="open", title="Open House", audience=Audience.PUBLIC)
    make_event(institution, slug="inside", title="Members Chat", audience=Audience.MEMBERS)
    assert "Members Chat" not in text(client.get("/alpha/events/"))
    assert "Open House" in text(client.get("/alpha/events/"))
    # Signed out, a members' event asks for sign-in (its link came in an email) and shows
    # nothing of itself; signed in as someone else, it is not found.
    response = client.get("/alpha/events/inside/")
    assert response["Location"] == "/accounts/login/?next=/alpha/events/inside/"
    assert "Members Chat" not in text(response)
    assert "Members Chat" in text(client_for(member).get("/alpha/events/"))


def test_past_events_and_filters(client_for, institution, member):
    make_event(
        institution, slug="old", title="Old Session", starts_at=at(-3, 12), ends_at=at(-3, 13)
    )
    series = services.create_series(institution, actor=None, slug="c4c", name="Chats for Change")
    make_event(institution, slug="chat", title="A Chat", series=series)
    make_event(institution, slug="fair", title="A Fair", format="in_person")
    client = client_for(member)
    assert "Old Session" not in text(client.get("/alpha/events/"))
    assert "Old Session" in text(client.get("/alpha/events/", {"when": "past"}))
    html = text(client.get("/alpha/events/", {"series": "c4c"}))
    assert "A Chat" in html and "A Fair" not in html


def test_rsvp_without_javascript_then_cancel(client_for, institution, member):
    event = make_event(institution, slug="chat", capacity=10)
    client = client_for(member)
    response = client.post("/alpha/events/chat/rsvp/")
    assert response.status_code == 302
    assert response["Location"] == "/alpha/events/chat/"
    html = text(client.get("/alpha/events/chat/"))
    assert "You&#x27;re going" in html
    assert "1 of 10 seats taken" in html
    client.post("/alpha/events/chat/rsvp/cancel/")
    assert RSVP.objects.get(event=event, user=member).status == "cancelled"


def test_rsvp_with_htmx_returns_the_panel_only(client_for, institution, member):
    event = make_event(institution, slug="chat", capacity=1)
    services.rsvp(event, user=make_member(institution, email="taker@alpha.example"))
    response = client_for(member).post("/alpha/events/chat/rsvp/", headers={"HX-Request": "true"})
    html = text(response)
    assert "<html" not in html
    assert 'id="rsvp-panel"' in html
    assert "On the waitlist: number 1" in html
    assert "Leave the waitlist" in html


def test_anonymous_rsvp_goes_to_sign_in(client, institution):
    make_event(institution, slug="open", audience=Audience.PUBLIC)
    response = client.post("/alpha/events/open/rsvp/")
    assert response["Location"] == "/accounts/login/?next=/alpha/events/open/"
    assert RSVP.objects.count() == 0


def test_refused_rsvp_shows_the_reason(client_for, institution, member):
    make_event(institution, slug="walkin", rsvp_mode=RSVPMode.NONE)
    client = client_for(member)
    client.post("/alpha/events/walkin/rsvp/")
    html = text(client.get("/alpha/events/walkin/"))
    assert "This event takes no RSVPs: just come." in html
    assert RSVP.objects.count() == 0


def test_rsvp_get_is_not_allowed(client_for, institution, member):
    make_event(institution, slug="chat")
    assert client_for(member).get("/alpha/events/chat/rsvp/").status_code == 405


def test_join_link_only_for_the_going_and_only_near_the_start(client_for, institution, member):
    event = make_event(
        institution,
        slug="zoom",
        format="virtual",
        join_url="https://zoom.example/j/123",
        starts_at=at(1, 12),
        ends_at=at(1, 13),
    )
    other = make_member(institution, email="other@alpha.example")
    services.rsvp(event, user=member)
    with time_machine.travel(event.starts_at - timedelta(minutes=16), tick=False):
        assert "zoom.example" not in text(client_for(member).get("/alpha/events/zoom/"))
    with time_machine.travel(event.starts_at - timedelta(minutes=15), tick=False):
        assert "zoom.example" in text(client_for(member).get("/alpha/events/zoom/"))
        assert "zoom.example" not in text(client_for(other).get("/alpha/events/zoom/"))
    with time_machine.travel(event.ends_at, tick=False):
        assert "zoom.example" not in text(client_for(member).get("/alpha/events/zoom/"))


def test_outsider_cannot_see_or_rsvp_members_events(client_for, institution, outsider):
    make_event(institution, slug="chat")
    client = client_for(outsider)
    assert client.get("/alpha/events/chat/").status_code == 404
    assert client.post("/alpha/events/chat/rsvp/").status_code == 404
    assert RSVP.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_calendar_query_count_is_constant(
    client_for, institution, member, count, django_assert_num_queries
):
    series = services.create_series(institution, actor=None, slug="s", name="Series")
    for i in range(count):
        event = make_event(
            institution, slug=f"e{i}", series=series, starts_at=at(1 + i, 12), ends_at=at(1 + i, 13)
        )
        services.rsvp(event, user=member)
    client = client_for(member)
    client.get("/alpha/events/")
    with django_assert_num_queries(6):
        client.get("/alpha/events/")


def test_waitlist_position_counts_only_those_ahead(client_for, institution, member):
    event = make_event(institution, slug="full", capacity=1)
    first, second = (make_member(institution, email=f"w{i}@alpha.example") for i in range(2))
    for person in (make_member(institution, email="seat@alpha.example"), first, second, member):
        services.rsvp(event, user=person)
    assert "On the waitlist: number 3" in text(client_for(member).get("/alpha/events/full/"))
    services.cancel_rsvp(RSVP.objects.get(event=event, user=first), actor=first)
    assert "On the waitlist: number 2" in text(client_for(member).get("/alpha/events/full/"))


def test_visitors_get_a_cached_page_that_follows_every_change(
    client,
    client_for,
    institution,
    member,
    django_capture_on_commit_callbacks,
    django_assert_num_queries,
):
    make_event(institution, slug="open", title="Open House", audience=Audience.PUBLIC, capacity=5)
    assert "0 of 5 seats taken" in text(client.get("/alpha/events/open/"))
    with django_assert_num_queries(0):
        client.get("/alpha/events/open/")
    event = services.Event.objects.get(slug="open")
    with django_capture_on_commit_callbacks(execute=True):
        services.rsvp(event, user=member)
    assert "1 of 5 seats taken" in text(client.get("/alpha/events/open/"))
    # Signed-in people are never served the visitors' copy.
    assert "You're going" in text(client_for(member).get("/alpha/events/open/"))


def test_calendar_entries_follow_a_change_for_everyone(
    client_for, institution, member, organizer, django_capture_on_commit_callbacks
):
    event = make_event(institution, slug="chat", title="Chats for Change")
    assert "Chats for Change" in text(client_for(member).get("/alpha/events/"))
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(event, actor=organizer, title="Chats for Change: On Board")
    assert "Chats for Change: On Board" in text(client_for(member).get("/alpha/events/"))
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event, actor=organizer)
    assert "Cancelled" in text(client_for(member).get("/alpha/events/"))


def test_made_up_parameters_share_the_visitors_copy(client, institution, django_assert_num_queries):
    make_event(institution, slug="open", title="Open House", audience=Audience.PUBLIC)
    client.get("/alpha/events/?format=virtual")
    with django_assert_num_queries(0):
        client.get("/alpha/events/?format=virtual&utm_source=newsletter&x=1")
