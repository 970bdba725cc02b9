"""What an organizer or member would trip over at the edges: moved, cancelled, finished events,
odd input, and people from elsewhere."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from allin.events import services
from allin.events.models import RSVP, Attendance, AttendanceImport
from allin.events.reminders import send_due_reminders
from tests.conftest import make_member
from tests.factories import make_event

NEW_YORK = ZoneInfo("America/New_York")


def text(response):
    return response.content.decode()


def test_personal_feed_gives_join_links_only_to_those_with_a_seat(client_for, institution, member):
    full = make_event(
        institution,
        slug="full",
        title="Full",
        format="virtual",
        capacity=1,
        join_url="https://zoom.example/j/77",
    )
    services.rsvp(full, user=make_member(institution, email="first@alpha.example"))
    services.rsvp(full, user=member)  # waitlisted
    client = client_for(member)
    client.post("/me/calendar/new-address/")
    html = text(client.get("/me/calendar/"))
    address = html[html.index("/cal/u/") : html.index(".ics", html.index("/cal/u/")) + 4]
    feed = icalendar.Calendar.from_ical(client_for(None).get(address).content)
    (entry,) = feed.walk("VEVENT")
    assert "zoom.example" not in str(entry.get("DESCRIPTION", "")) + str(entry["LOCATION"])


def test_a_cancelled_event_promotes_nobody(
    institution, organizer, django_capture_on_commit_callbacks
):
    event = make_event(institution, slug="chat", capacity=1)
    going, waiting = (make_member(institution, email=f"p{i}@alpha.example") for i in range(2))
    services.rsvp(event, user=going)
    services.rsvp(event, user=waiting)
    services.cancel_event(event, actor=organizer)
    mail.outbox.clear()
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError, match="over"),
    ):
        services.cancel_rsvp(RSVP.objects.get(user=going), actor=going)
    assert RSVP.objects.get(user=going).status == "confirmed"
    assert RSVP.objects.get(user=waiting).status == "waitlisted"
    assert mail.outbox == []


def test_moving_an_event_tells_who_is_coming_and_reminds_again(
    institution, organizer, member, django_capture_on_commit_callbacks
):
    start = timezone.now() + timedelta(hours=20)
    event = make_event(
        institution, slug="chat", starts_at=start, ends_at=start + timedelta(hours=1)
    )
    services.rsvp(event, user=member)
    send_due_reminders()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_event(
            event,
            actor=organizer,
            starts_at=start + timedelta(days=7),
            ends_at=start + timedelta(days=7, hours=1),
        )
    (notice,) = mail.outbox
    assert notice.subject.startswith("[All In] Changed:")
    invitation = notice.attachments[0][1]
    invitation = invitation.decode() if isinstance(invitation, bytes) else invitation
    assert "METHOD:REQUEST" in invitation and "SEQUENCE:1" in invitation
    event.refresh_from_db()
    assert event.day_reminder_sent_at is None


def test_a_reminder_for_later_today_says_today(
    institution, member, django_capture_on_commit_callbacks
):
    now = datetime(2026, 11, 24, 8, tzinfo=NEW_YORK)
    event = make_event(
        institution,
        slug="chat",
        starts_at=now + timedelta(hours=10),
        ends_at=now + timedelta(hours=11),
    )
    RSVP.objects.create(institution=institution, event=event, user=member, status="confirmed")
    with time_machine.travel(now), django_capture_on_commit_callbacks(execute=True):
        send_due_reminders()
    assert mail.outbox[-1].subject.startswith("[All In] Today:")


def test_hold_again_keeps_the_wall_clock_time_across_a_change_of_clocks(
    client_for, institution, organizer
):
    make_event(
        institution,
        slug="info",
        starts_at=datetime(2026, 10, 28, 12, tzinfo=NEW_YORK),
        ends_at=datetime(2026, 10, 28, 13, tzinfo=NEW_YORK),
    )
    page = text(client_for(organizer).get("/alpha/events/info/again/"))
    assert 'value="2026-11-04T12:00"' in page


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2026-13", "x"])
def test_odd_months_fall_back_to_this_month(client, institution, month):
    assert client.get(f"/alpha/events/?month={month}").status_code == 200


def test_staff_check_in_only_reaches_people_of_the_event(
    client_for, institution, organizer, outsider
):
    make_event(institution, slug="chat")
    client = client_for(organizer)
    assert (
        client.post("/alpha/events/chat/roster/check-in/", {"person": "nonsense"}).status_code
        == 404
    )
    response = client.post("/alpha/events/chat/roster/check-in/", {"person": outsider.public_id})
    assert response.status_code == 404
    assert not Attendance.objects.exists()


def test_an_oversized_report_is_refused_before_it_is_read(client_for, institution, organizer):
    make_event(institution, slug="chat")
    big = SimpleUploadedFile("big.csv", b"x" * (5 * 1024 * 1024 + 1))
    response = client_for(organizer).post("/alpha/events/chat/attendance/import/", {"file": big})
    assert "larger than 5 MB" in text(response)
    assert not AttendanceImport.objects.exists()


def test_reserved_short_names_are_refused_by_the_service(institution):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="reserved"):
        make_event(institution, slug="new")


@override_settings(ALLIN_RATE_LIMITS={"rsvp": (3, 60), "check_in": (3, 60)})
def test_rsvp_clicks_are_rate_limited_per_person(client_for, institution, member):
    make_event(institution, slug="chat")
    client = client_for(member)
    codes = [client.post("/alpha/events/chat/rsvp/").status_code for _ in range(4)]
    assert codes == [302, 302, 302, 429]
    assert "Too many attempts" in text(client.post("/alpha/events/chat/rsvp/"))
