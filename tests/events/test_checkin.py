from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from allin.core.models import ActivityLog
from allin.events import checkin, services
from allin.events.models import Attendance
from tests.factories import make_event


def text(response):
    return response.content.decode()


@pytest.fixture
def live(institution):
    start = timezone.now() + timedelta(minutes=20)
    return make_event(institution, slug="live", starts_at=start, ends_at=start + timedelta(hours=1))


def test_qr_check_in_records_the_person_once(client_for, live, member):
    client = client_for(member)
    page = client.get("/alpha/events/live/check-in/")
    assert "I'm here: check me in" in text(page)
    client.post("/alpha/events/live/check-in/")
    again = client.post("/alpha/events/live/check-in/", follow=True)
    assert "You're checked in" in text(again)
    assert Attendance.objects.filter(event=live, user=member).count() == 1
    assert ActivityLog.objects.filter(action="events.attendance.recorded").count() == 1


@pytest.mark.parametrize(
    ("shift", "message"),
    [
        (timedelta(minutes=-31), "Check-in opens 30 minutes before"),
        (timedelta(hours=1, minutes=30), "This event has ended"),
    ],
)
def test_qr_check_in_only_during_the_window(client_for, live, member, shift, message):
    with time_machine.travel(live.starts_at + shift):
        response = client_for(member).post("/alpha/events/live/check-in/")
    assert message in text(response)
    assert not Attendance.objects.exists()


def test_check_in_opens_thirty_minutes_before(live, member):
    with time_machine.travel(live.starts_at - timedelta(minutes=30)):
        assert checkin.check_in_problem(live, member) is None


def test_anonymous_check_in_asks_to_sign_in(client, live):
    response = client.get("/alpha/events/live/check-in/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/alpha/events/live/check-in/")


def test_cancelled_event_takes_no_check_in(live, organizer, member):
    services.cancel_event(live, actor=organizer)
    with pytest.raises(Exception, match="cancelled"):
        checkin.self_check_in(live, user=member)


def test_staff_check_in_and_undo_from_the_roster(client_for, live, organizer, member):
    client = client_for(organizer)
    client.post("/alpha/events/live/roster/check-in/", {"person": member.public_id})
    row = Attendance.objects.get(event=live, user=member)
    assert (row.source, row.recorded_by) == ("staff", organizer)
    roster = text(client.get("/alpha/events/live/roster/"))
    assert "Yes: Checked in by staff" in roster
    client.post(f"/alpha/events/live/roster/{row.pk}/undo/")
    assert not Attendance.objects.exists()
    assert ActivityLog.objects.filter(action="events.attendance.removed").count() == 1


def test_roster_search_finds_members_to_check_in(client_for, live, organizer, member):
    member.name = "Kayla Washington"
    member.save()
    response = client_for(organizer).get(
        "/alpha/events/live/roster/?q=kayla",
        headers={"HX-Request": "true", "HX-Target": "check-in-results"},
    )
    assert "Kayla Washington" in text(response)
    assert "<html" not in text(response)


def test_members_cannot_check_others_in(client_for, live, member, organizer):
    response = client_for(member).post(
        "/alpha/events/live/roster/check-in/", {"person": organizer.public_id}
    )
    assert response.status_code == 403
    assert not Attendance.objects.exists()


def test_staff_cannot_check_in_an_outsider_at_a_members_event(live, organizer, outsider):
    with pytest.raises(Exception, match="not a member"):
        checkin.staff_check_in(live, user=outsider, actor=organizer)


def test_event_page_shows_check_in_link_during_the_window(client_for, live, member):
    html = text(client_for(member).get("/alpha/events/live/"))
    assert "/alpha/events/live/check-in/" in html
    checkin.self_check_in(live, user=member)
    assert "You attended" in text(client_for(member).get("/alpha/events/live/"))


def test_qr_page_shows_a_code_for_the_check_in_address(client_for, live, organizer, member):
    html = text(client_for(organizer).get("/alpha/events/live/qr/"))
    assert "<svg" in html and 'role="img"' in html
    assert "/alpha/events/live/check-in/" in html
    assert client_for(member).get("/alpha/events/live/qr/").status_code == 403
