from datetime import timedelta

import icalendar
import time_machine
from django.core import mail
from django.utils import timezone

from allin.core.models import ActivityLog
from allin.events import services
from allin.events.enums import Audience
from allin.events.models import CalendarFeed
from allin.events.reminders import send_due_reminders
from tests.factories import make_event


def events_in(response):
    cal = icalendar.Calendar.from_ical(response.content)
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def new_address(client):
    client.post("/me/calendar/new-address/")
    html = client.get("/me/calendar/").content.decode()
    start = html.index("/cal/u/")
    return html[start : html.index(".ics", start) + 4]


def test_public_feed_lists_public_events_without_join_links(client, institution):
    make_event(
        institution,
        slug="open",
        title="RBI Virtual Open House",
        audience=Audience.PUBLIC,
        join_url="https://zoom.example/j/1",
    )
    make_event(institution, slug="inside", title="Members Chat")
    response = client.get("/alpha/events/feed.ics")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" not in response.get("Content-Disposition", "")
    found = events_in(response)
    assert list(found) == ["RBI Virtual Open House"]
    assert b"zoom.example" not in response.content
    again = client.get("/alpha/events/feed.ics", headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304


def test_event_ics_is_a_download_with_a_stable_uid(client_for, institution, member, organizer):
    event = make_event(institution, slug="chat", title="Chats for Change")
    first = client_for(member).get("/alpha/events/chat/event.ics")
    assert first["Content-Disposition"] == 'attachment; filename="chat.ics"'
    services.update_event(event, actor=organizer, title="Chats for Change: Getting on Board")
    second = client_for(member).get("/alpha/events/chat/event.ics")
    (one,), (two,) = events_in(first).values(), events_in(second).values()
    assert one["UID"] == two["UID"]
    assert int(two["SEQUENCE"]) == int(one["SEQUENCE"]) + 1


def test_personal_feed_holds_my_rsvps_with_join_links(client_for, institution, member):
    going = make_event(
        institution,
        slug="chat",
        title="Chat",
        format="virtual",
        join_url="https://zoom.example/j/9",
    )
    make_event(institution, slug="other", title="Not mine")
    services.rsvp(going, user=member)
    client = client_for(member)
    address = new_address(client)
    feed = client_for(None).get(address)
    (entry,) = events_in(feed).values()
    assert str(entry["SUMMARY"]) == "Chat"
    assert "https://zoom.example/j/9" in str(entry["DESCRIPTION"])
    stored = CalendarFeed.objects.get(user=member)
    assert address.split("/")[-1].removesuffix(".ics") not in stored.token_hash
    assert len(stored.token_hash) == 64


def test_a_new_address_stops_the_old_one(client_for, member):
    client = client_for(member)
    old = new_address(client)
    new = new_address(client)
    assert old != new
    assert client_for(None).get(old).status_code == 404
    assert client_for(None).get(new).status_code == 200
    assert ActivityLog.objects.filter(action="events.feed.rotated").count() == 1


def test_the_address_is_shown_once(client_for, member):
    client = client_for(member)
    new_address(client)
    assert "/cal/u/" not in client.get("/me/calendar/").content.decode()


def test_turning_the_feed_off(client_for, member):
    client = client_for(member)
    address = new_address(client)
    client.post("/me/calendar/turn-off/")
    assert client_for(None).get(address).status_code == 404
    assert not CalendarFeed.objects.exists()


def test_cancelled_events_stay_in_the_feed_marked(client_for, institution, member, organizer):
    event = make_event(institution, slug="chat", title="Chat")
    services.rsvp(event, user=member)
    address = new_address(client_for(member))
    services.cancel_event(event, actor=organizer)
    (entry,) = events_in(client_for(None).get(address)).values()
    assert str(entry["STATUS"]) == "CANCELLED"
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        assert events_in(client_for(None).get(address)) == {}


def test_reminders_go_once_the_day_before_and_shortly_before(
    institution, member, django_capture_on_commit_callbacks
):
    start = timezone.now() + timedelta(days=1, hours=3)
    event = make_event(
        institution, slug="chat", starts_at=start, join_url="https://zoom.example/j/5"
    )
    services.rsvp(event, user=member)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_reminders(start - timedelta(hours=30)) == {"day": 0, "soon": 0}
        assert send_due_reminders(start - timedelta(hours=20)) == {"day": 1, "soon": 0}
        assert send_due_reminders(start - timedelta(hours=19)) == {"day": 0, "soon": 0}
        assert send_due_reminders(start - timedelta(minutes=50)) == {"day": 0, "soon": 1}
        assert send_due_reminders(start - timedelta(minutes=10)) == {"day": 0, "soon": 0}
    day, soon = mail.outbox
    assert day.subject.startswith("[All In] Tomorrow:")
    assert "zoom.example" not in day.body
    assert soon.subject.startswith("[All In] Starting soon:")
    assert "Join online: https://zoom.example/j/5" in soon.body


def test_no_reminders_for_cancelled_events(institution, member, organizer):
    start = timezone.now() + timedelta(hours=20)
    event = make_event(institution, slug="chat", starts_at=start)
    services.rsvp(event, user=member)
    services.cancel_event(event, actor=organizer)
    assert send_due_reminders() == {"day": 0, "soon": 0}


def test_rsvp_confirmation_carries_the_invitation(
    institution, member, django_capture_on_commit_callbacks
):
    event = make_event(institution, slug="chat", join_url="https://zoom.example/j/5")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.rsvp(event, user=member)
    (message,) = mail.outbox
    name, content, mimetype = message.attachments[0]
    content = content.decode() if isinstance(content, bytes) else content
    assert name == "chat.ics" and mimetype.startswith("text/calendar")
    assert "METHOD:REQUEST" in content and "zoom.example" not in content


def test_public_feed_is_cached_but_shows_a_change_at_once(
    client, institution, organizer, django_capture_on_commit_callbacks, django_assert_num_queries
):
    event = make_event(institution, slug="open", title="Open House", audience=Audience.PUBLIC)
    client.get("/alpha/events/feed.ics")
    with django_assert_num_queries(0):
        client.get("/alpha/events/feed.ics")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(event, actor=organizer)
    (entry,) = events_in(client.get("/alpha/events/feed.ics")).values()
    assert str(entry["STATUS"]) == "CANCELLED"


def test_plain_text_email_is_not_html_escaped(
    institution, member, django_capture_on_commit_callbacks
):
    event = make_event(institution, slug="lunch", title="Lunch n' Unlearn")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.rsvp(event, user=member)
    (message,) = mail.outbox
    assert message.subject == "[All In] You're going: Lunch n' Unlearn"
    assert "You are going to Lunch n' Unlearn." in message.body
    assert "Lunch n&#x27; Unlearn" in message.alternatives[0].content


def test_the_reminder_command_reports_what_it_sent(institution, member):
    from io import StringIO

    from django.core.management import call_command

    start = timezone.now() + timedelta(minutes=40)
    event = make_event(institution, slug="soon", starts_at=start)
    services.rsvp(event, user=member)
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    assert out.getvalue().strip() == "Sent 0 day-before and 1 starting-soon reminders."
