import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.core import mail
from django.utils import timezone

from allin.core.models import ActivityLog
from allin.events import checkin, services
from allin.events.models import RSVP, Event, Series
from tests.conftest import make_member
from tests.factories import make_event


def text(response):
    return response.content.decode()


def form_data(**overrides):
    start = timezone.localtime(timezone.now() + timedelta(days=3)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    data = {
        "title": "Chats for Change: Getting People on Board",
        "slug": "chats-getting-on-board",
        "description": "An open conversation.",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "time_zone": "America/New_York",
        "format": "virtual",
        "join_url": "https://zoom.example/j/123",
        "capacity": "",
        "rsvp_mode": "required",
        "audience": "members",
    }
    data.update(overrides)
    return data


def test_organizer_creates_an_event_in_its_time_zone(client_for, organizer):
    response = client_for(organizer).post("/alpha/events/new/", form_data())
    event = Event.objects.get(slug="chats-getting-on-board")
    assert response["Location"] == "/alpha/events/chats-getting-on-board/"
    assert timezone.localtime(event.starts_at, event.zone).hour == 12
    assert ActivityLog.objects.filter(action="events.event.created").exists()


def test_a_wall_clock_time_in_another_zone_stays_that_time(client_for, organizer):
    client_for(organizer).post("/alpha/events/new/", form_data(time_zone="America/Los_Angeles"))
    event = Event.objects.get()
    assert timezone.localtime(event.starts_at, event.zone).hour == 12
    assert event.time_zone == "America/Los_Angeles"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("ends_at", "2020-01-01T00:00", "must end after it starts"),
        ("slug", "new", "reserved"),
        ("time_zone", "Mars/Olympus", "Select a valid choice"),
        ("join_url", "not a link", "Enter a valid URL"),
    ],
)
def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(
    client_for, organizer, field, value, message
):
    response = client_for(organizer).post("/alpha/events/new/", form_data(**{field: value}))
    assert response.status_code == 200
    assert message in text(response)
    assert f'id="id_{field}_error"' in text(response)
    assert not Event.objects.exists()


def test_members_cannot_create_events(client_for, member):
    assert client_for(member).get("/alpha/events/new/").status_code == 403
    assert client_for(member).post("/alpha/events/new/", form_data()).status_code == 403
    assert not Event.objects.exists()


def test_edit_raises_the_sequence_and_capacity_promotes_in_order(
    client_for, institution, organizer
):
    event = make_event(institution, slug="lunch", capacity=1)
    people = [make_member(institution, email=f"p{i}@alpha.example") for i in range(3)]
    for person in people:
        services.rsvp(event, user=person)
    local = timezone.localtime(event.starts_at)
    data = form_data(
        slug="lunch",
        title="Lunch n' Unlearn",
        capacity="2",
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
    )
    response = client_for(organizer).post("/alpha/events/lunch/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "Lunch n' Unlearn" and event.sequence >= 2
    statuses = dict(RSVP.objects.values_list("user__email", "status"))
    assert statuses == {
        "p0@alpha.example": "confirmed",
        "p1@alpha.example": "confirmed",
        "p2@alpha.example": "waitlisted",
    }


def test_capacity_below_who_is_going_is_refused_whole(client_for, institution, organizer):
    event = make_event(institution, slug="lunch", capacity=3)
    for i in range(2):
        services.rsvp(event, user=make_member(institution, email=f"p{i}@alpha.example"))
    local = timezone.localtime(event.starts_at)
    data = form_data(
        slug="lunch",
        title="Renamed",
        capacity="1",
        starts_at=local.strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    )
    response = client_for(organizer).post("/alpha/events/lunch/edit/", data)
    assert "2 people are going" in text(response)
    event.refresh_from_db()
    assert (event.title, event.capacity) == ("Chats for Change", 3)


def test_hold_again_links_the_repeat(client_for, institution, organizer):
    original = make_event(institution, slug="info-session", title="Fellowship info session")
    page = text(client_for(organizer).get("/alpha/events/info-session/again/"))
    assert 'value="info-session-again"' in page
    start = timezone.localtime(original.starts_at + timedelta(days=7))
    client_for(organizer).post(
        "/alpha/events/info-session/again/",
        form_data(
            title="Fellowship info session",
            slug="info-session-sept-17",
            starts_at=start.strftime("%Y-%m-%dT%H:%M"),
            ends_at=(start + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        ),
    )
    repeat = Event.objects.get(slug="info-session-sept-17")
    assert repeat.repeat_of == original
    assert "Held again" in text(client_for(organizer).get("/alpha/events/info-session-sept-17/"))


def test_cancelling_tells_everyone_who_rsvped_with_a_calendar_cancellation(
    client_for, institution, organizer, django_capture_on_commit_callbacks
):
    event = make_event(institution, slug="chat", capacity=1)
    going, waiting = (make_member(institution, email=f"p{i}@alpha.example") for i in range(2))
    services.rsvp(event, user=going)
    services.rsvp(event, user=waiting)
    mail.outbox.clear()
    assert "2 people RSVPed" in text(client_for(organizer).get("/alpha/events/chat/cancel/"))
    with django_capture_on_commit_callbacks(execute=True):
        client_for(organizer).post("/alpha/events/chat/cancel/")
    event.refresh_from_db()
    assert event.is_cancelled
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@alpha.example", "p1@alpha.example"]
    ics = mail.outbox[0].attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "METHOD:CANCEL" in ics and "STATUS:CANCELLED" in ics
    assert "Cancelled" in text(client_for(organizer).get("/alpha/events/"))


def test_close_and_reopen_rsvps(client_for, institution, organizer, member):
    event = make_event(institution, slug="chat")
    client_for(organizer).post("/alpha/events/chat/rsvps-closed/", {"closed": "1"})
    event.refresh_from_db()
    assert event.rsvps_closed
    assert "RSVPs for this event are closed" in text(client_for(member).get("/alpha/events/chat/"))
    client_for(organizer).post("/alpha/events/chat/rsvps-closed/", {"closed": "0"})
    event.refresh_from_db()
    assert not event.rsvps_closed


def _roster_event(institution, organizer):
    event = make_event(institution, slug="chat", starts_at=timezone.now() - timedelta(hours=2))
    sneaky = make_member(institution, email="sneaky@alpha.example", name='=HYPERLINK("x")')
    RSVP.objects.create(institution=institution, event=event, user=sneaky, status="confirmed")
    checkin.staff_check_in(event, user=sneaky, actor=organizer)
    return event


def test_csv_export_is_safe_against_formula_injection(client_for, institution, organizer):
    _roster_event(institution, organizer)
    response = client_for(organizer).get("/alpha/events/chat/roster.csv")
    body = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Name", "Email", "RSVP"]
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][5] == "yes"


def test_xlsx_export_holds_no_formula(client_for, institution, organizer):
    _roster_event(institution, organizer)
    response = client_for(organizer).get("/alpha/events/chat/roster.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert sheet["A2"].value == '\'=HYPERLINK("x")'


def test_exports_are_for_organizers_only(client_for, institution, organizer, member):
    _roster_event(institution, organizer)
    assert client_for(member).get("/alpha/events/chat/roster.csv").status_code == 403
    assert client_for(organizer).get("/alpha/events/chat/roster.pdf").status_code == 404


@pytest.mark.parametrize("size", [2, 8])
def test_roster_query_count_is_constant(
    client_for, institution, organizer, size, django_assert_num_queries
):
    event = make_event(institution, slug="chat", starts_at=timezone.now() - timedelta(hours=2))
    for i in range(size):
        person = make_member(institution, email=f"p{i}@alpha.example")
        RSVP.objects.create(institution=institution, event=event, user=person, status="confirmed")
        if i % 2:
            checkin.staff_check_in(event, user=person, actor=organizer)
    client = client_for(organizer)
    client.get("/alpha/events/chat/roster/")
    with django_assert_num_queries(NUM_ROSTER_QUERIES):
        client.get("/alpha/events/chat/roster/")


NUM_ROSTER_QUERIES = 8


@pytest.mark.parametrize("size", [2, 8])
def test_calendar_query_count_is_constant(
    client_for, institution, member, size, django_assert_num_queries
):
    for i in range(size):
        event = make_event(
            institution, slug=f"e{i}", starts_at=timezone.now() + timedelta(days=i + 1)
        )
        services.rsvp(event, user=member)
    client = client_for(member)
    client.get("/alpha/events/")
    with django_assert_num_queries(NUM_CALENDAR_QUERIES):
        client.get("/alpha/events/")
    with django_assert_num_queries(NUM_CALENDAR_QUERIES):
        client.get("/alpha/events/?view=month")


NUM_CALENDAR_QUERIES = 6


def test_organizer_creates_and_edits_a_series(client_for, institution, organizer, member):
    client = client_for(organizer)
    client.post(
        "/alpha/events/series/",
        {"name": "Lunch n' Unlearn", "slug": "lunch", "description": "Over *lunch*."},
    )
    series = Series.objects.get(slug="lunch")
    duplicate = client.post(
        "/alpha/events/series/", {"name": "Other", "slug": "lunch", "description": ""}
    )
    assert "Another series already uses this short name." in text(duplicate)
    client.post(
        "/alpha/events/series/lunch/",
        {"name": "Lunch n' Unlearn", "slug": "lunch", "description": "In person, over lunch."},
    )
    series.refresh_from_db()
    assert series.description == "In person, over lunch."
    assert ActivityLog.objects.filter(action="events.series.updated").exists()
    page = text(client_for(member).get("/alpha/events/?series=lunch"))
    assert "In person, over lunch." in page
    assert client_for(member).get("/alpha/events/series/").status_code == 403
