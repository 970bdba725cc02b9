from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from allin.events import imports
from allin.events.enums import ImportStatus, RowOutcome
from allin.events.models import RSVP, Attendance, AttendanceImport, ImportRow
from tests.conftest import make_member
from tests.factories import make_event

REPORTS = Path(__file__).parents[2] / "src/allin/demo/content/reports"
NEW_YORK = ZoneInfo("America/New_York")
ZOOM = (REPORTS / "zoom-meeting-participants.csv").read_bytes()


@pytest.fixture
def lunch(institution):
    return make_event(
        institution,
        slug="lunch",
        title="Lunch n' Unlearn",
        format="virtual",
        starts_at=datetime(2026, 11, 20, 12, tzinfo=NEW_YORK),
        ends_at=datetime(2026, 11, 20, 13, tzinfo=NEW_YORK),
    )


@pytest.fixture
def people(institution, lunch):
    """Members from the sample report; Priya signed in to Zoom without her email, but RSVPed."""
    made = {
        name: make_member(institution, email=email, name=name)
        for name, email in [
            ("Renee Alvarez", "renee.alvarez@mssm.edu"),
            ("Marcus Bell", "Marcus.Bell@mssm.edu"),
            ("Luis Ferreira-Gomez", "luis.ferreira-gomez@mssm.edu"),
            ("Priya Natarajan", "priya.natarajan@mssm.edu"),
        ]
    }
    # She RSVPed before the event; the event is now past, so the row is made directly.
    RSVP.objects.create(
        institution=institution, event=lunch, user=made["Priya Natarajan"], status="confirmed"
    )
    return made


def outcome_of(report, name):
    return report.rows.get(name=name).outcome


def test_preview_matches_by_email_then_by_name_among_rsvps_and_writes_nothing(
    lunch, people, organizer
):
    report = imports.preview_import(lunch, actor=organizer, filename="zoom.csv", data=ZOOM)
    assert report.format == "zoom_meeting" and report.status == ImportStatus.PREVIEW
    assert not Attendance.objects.exists()
    renee = report.rows.get(name="Renee Alvarez")
    assert (renee.user, renee.matched_by) == (people["Renee Alvarez"], "email")
    priya = report.rows.get(name="Priya Natarajan")
    assert (priya.user, priya.matched_by) == (people["Priya Natarajan"], "name")
    # Rejoins merged and minutes summed: 29 + 27.
    assert report.rows.get(name="Marcus Bell").minutes == 56
    assert outcome_of(report, "Luis Ferreira-Gomez") == RowOutcome.TOO_SHORT
    assert outcome_of(report, "Hannah Lindqvist") == RowOutcome.UNMATCHED


def test_applying_writes_one_row_per_matched_person(lunch, people, organizer):
    report = imports.preview_import(lunch, actor=organizer, filename="zoom.csv", data=ZOOM)
    added = imports.apply_import(report, actor=organizer)
    got = set(Attendance.objects.values_list("user__name", "source"))
    assert added == 3
    assert got == {
        ("Renee Alvarez", "zoom"),
        ("Marcus Bell", "zoom"),
        ("Priya Natarajan", "zoom"),
    }


def test_the_same_file_twice_changes_nothing(lunch, people, organizer):
    first = imports.preview_import(lunch, actor=organizer, filename="zoom.csv", data=ZOOM)
    imports.apply_import(first, actor=organizer)
    before = list(Attendance.objects.values_list("pk", "user_id", "minutes", "updated_at"))
    with pytest.raises(ValidationError, match="already imported"):
        imports.preview_import(lunch, actor=organizer, filename="again.csv", data=ZOOM)
    assert list(Attendance.objects.values_list("pk", "user_id", "minutes", "updated_at")) == before
    assert AttendanceImport.objects.count() == 1


def test_two_previews_of_one_file_apply_once(lunch, people, organizer):
    one = imports.preview_import(lunch, actor=organizer, filename="a.csv", data=ZOOM)
    two = imports.preview_import(lunch, actor=organizer, filename="b.csv", data=ZOOM)
    imports.apply_import(one, actor=organizer)
    count = Attendance.objects.count()
    with pytest.raises(ValidationError, match="already imported"):
        imports.apply_import(two, actor=organizer)
    assert Attendance.objects.count() == count


def test_people_already_checked_in_keep_their_row(lunch, people, organizer):
    from allin.events import checkin

    checkin.staff_check_in(lunch, user=people["Renee Alvarez"], actor=organizer)
    report = imports.preview_import(lunch, actor=organizer, filename="zoom.csv", data=ZOOM)
    assert imports.apply_import(report, actor=organizer) == 2
    assert Attendance.objects.get(user=people["Renee Alvarez"]).source == "staff"


def test_review_queue_assigns_and_dismisses(lunch, people, organizer, institution):
    hannah = make_member(institution, email="h.lindqvist@mssm.edu", name="Hannah L.")
    report = imports.preview_import(lunch, actor=organizer, filename="zoom.csv", data=ZOOM)
    imports.apply_import(report, actor=organizer)
    imports.resolve_row(report.rows.get(name="Hannah Lindqvist"), user=hannah, actor=organizer)
    assert Attendance.objects.filter(user=hannah, event=lunch).exists()
    jordan = report.rows.get(name="Jordan Whitfield")
    imports.dismiss_row(jordan, actor=organizer)
    jordan.refresh_from_db()
    assert jordan.outcome == RowOutcome.DISMISSED
    with pytest.raises(ValidationError):
        imports.resolve_row(jordan, user=hannah, actor=organizer)


def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_written(lunch, organizer):
    bad = ZOOM.replace(b"11/20/2026 12:04:10 PM", b"13/45/2026 9:00")
    with pytest.raises(ValidationError) as caught:
        imports.preview_import(lunch, actor=organizer, filename="zoom.csv", data=bad)
    assert "Line 12" in str(caught.value)
    assert not AttendanceImport.objects.exists() and not ImportRow.objects.exists()


def test_upload_page_shows_the_error_next_to_the_file(client_for, lunch, organizer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for(organizer).post(
        "/alpha/events/lunch/attendance/import/",
        {"file": SimpleUploadedFile("notes.txt", b"just some notes\nnothing here\n")},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_file_error"' in html and "does not look like a Zoom or Teams" in html


def test_upload_preview_confirm_through_the_pages(client_for, lunch, people, organizer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(organizer)
    response = client.post(
        "/alpha/events/lunch/attendance/import/",
        {"file": SimpleUploadedFile("zoom.csv", ZOOM, content_type="text/csv")},
    )
    preview = client.get(response["Location"]).content.decode()
    assert "Nothing is saved yet" in preview and "Import 3 attendance records" in preview
    client.post(response["Location"] + "confirm/")
    assert Attendance.objects.count() == 3
    assert "Imported" in client.get(response["Location"]).content.decode()


def test_members_cannot_import(client_for, lunch, member):
    assert client_for(member).get("/alpha/events/lunch/attendance/import/").status_code == 403


def test_the_template_downloads(client_for, lunch, organizer):
    response = client_for(organizer).get("/alpha/events/lunch/attendance/template.csv")
    assert response.content.decode().startswith("email,name,session_code,")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_upload_is_a_preview_or_a_clear_refusal_never_a_partial_write(
    client_for, lunch, people, organizer, data
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    lines = ZOOM.split(b"\n")
    cut = data.draw(st.integers(0, len(lines)))
    junk = data.draw(st.binary(max_size=80))
    where = data.draw(st.integers(0, len(lines)))
    body = b"\n".join([*lines[:where], junk, *lines[where:cut]]) if cut > where else junk
    imports_before = AttendanceImport.objects.count()
    rows_before = ImportRow.objects.count()
    response = client_for(organizer).post(
        "/alpha/events/lunch/attendance/import/",
        {"file": SimpleUploadedFile("fuzz.csv", body)},
    )
    assert response.status_code in (200, 302)
    assert not Attendance.objects.exists()
    if response.status_code == 200:
        assert 'id="id_file_error"' in response.content.decode()
        assert AttendanceImport.objects.count() == imports_before
        assert ImportRow.objects.count() == rows_before


def test_preview_warns_when_the_report_is_from_another_day(client_for, institution, organizer):
    other = make_event(
        institution,
        slug="other-day",
        starts_at=datetime(2026, 12, 4, 12, tzinfo=NEW_YORK),
        ends_at=datetime(2026, 12, 4, 13, tzinfo=NEW_YORK),
    )
    report = imports.preview_import(other, actor=organizer, filename="zoom.csv", data=ZOOM)
    url = f"/alpha/events/other-day/attendance/import/{report.pk}/"
    assert (
        "joined on November 20, 2026, not on the day"
        in client_for(organizer).get(url).content.decode()
    )
