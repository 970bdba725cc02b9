"""The attendance-report parser: the demo samples, the known Zoom and Teams variations, the
errors an organizer sees, and fuzzing that nothing but ReportError ever escapes."""

from __future__ import annotations

import codecs
import hashlib
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import allin
from allin.events.reports import (
    UNKNOWN_FORMAT,
    ParsedReport,
    ReportError,
    canonical_template,
    parse_report,
)

REPORTS = Path(allin.__file__).parent / "demo" / "content" / "reports"
NY = ZoneInfo("America/New_York")
FUZZ = settings(max_examples=200, deadline=None)


def sample(name: str) -> bytes:
    return (REPORTS / name).read_bytes()


def at(hour: int, minute: int, second: int = 0, tz=NY) -> datetime:
    return datetime(2026, 11, 20, hour, minute, second, tzinfo=tz)


def minutes(report: ParsedReport) -> dict[str, int]:
    return {row.name: row.minutes for row in report.rows}


def person(report: ParsedReport, name: str):
    return next(row for row in report.rows if row.name == name)


def teams_text() -> str:
    return sample("teams-attendance.csv").decode("utf-16")


def error(data: bytes, **kwargs) -> ReportError:
    with pytest.raises(ReportError) as caught:
        parse_report(data, **kwargs)
    return caught.value


# --- The demo samples --------------------------------------------------------------------


def test_zoom_meeting_sample_merges_rejoins_and_skips_the_waiting_room():
    report = parse_report(sample("zoom-meeting-participants.csv"))
    assert report.format == "zoom_meeting"
    assert report.skipped == 1  # Tomás's stint in the waiting room
    assert minutes(report) == {
        "Sam Okafor": 66,
        "Renee Alvarez": 64,
        "Amara Osei": 60,  # 21 signed in, then 39 from a phone without an email
        "Dr. Helen Cho": 47,
        "Hannah Lindqvist": 61,
        "Priya Natarajan": 58,
        "Marcus Bell": 56,  # 29 + 27
        "Jordan Whitfield": 49,
        "Kwame Mensah": 53,
        "Luis Ferreira-Gomez": 15,
        "Tomás Rivera": 30,
    }
    marcus = person(report, "Marcus Bell")
    assert (marcus.first_join, marcus.last_leave) == (at(12, 2, 44), at(13, 0, 2))
    assert (marcus.email, marcus.line, marcus.role) == ("marcus.bell@mssm.edu", 11, "")
    amara = person(report, "Amara Osei")
    assert (amara.email, amara.last_leave) == ("amara.osei@mssm.edu", at(12, 59, 55))
    assert person(report, "Priya Natarajan").email == ""
    assert report.sha256 == hashlib.sha256(sample("zoom-meeting-participants.csv")).hexdigest()


def test_zoom_webinar_sample_skips_registrants_who_did_not_attend():
    report = parse_report(sample("zoom-webinar-attendees.csv"))
    assert report.format == "zoom_webinar"
    assert report.skipped == 2
    assert minutes(report) == {
        "Sam Okafor": 67,
        "Dr. Helen Cho": 64,
        "Dr. Ade Coleman": 62,
        "Amara Osei": 57,
        "Renee Alvarez": 61,
        "Priya Natarajan": 58,
        "Marcus Bell": 49,
        "Jordan Whitfield": 57,
        "Kwame Mensah": 36,
        "Grace Adeyemi-Park": 13,
    }
    roles = {row.name: row.role for row in report.rows}
    assert roles["Sam Okafor"] == "Organizer"
    assert roles["Dr. Ade Coleman"] == roles["Dr. Helen Cho"] == "Presenter"
    assert roles["Marcus Bell"] == "Attendee"
    assert person(report, "Priya Natarajan").email == ""
    assert person(report, "Amara Osei").first_join == at(12, 0, 2)


TEAMS_MINUTES = {
    "Sam Okafor": 66,
    "Dr. Helen Cho": 61,
    "Renee Alvarez": 61,
    "Amara Osei": 40,
    "Marcus Bell": 54,
    "Priya Natarajan": 49,
    "Tomás Rivera": 55,
    "Jordan Whitfield": 32,
    "Kwame Mensah": 6,
    "Grace Adeyemi-Park": 1,
    "Hannah Lindqvist": 16,
}


def test_teams_sample_reads_only_the_participants_section():
    data = sample("teams-attendance.csv")
    assert data.startswith(codecs.BOM_UTF16_LE)
    report = parse_report(data)
    assert report.format == "teams"
    assert minutes(report) == TEAMS_MINUTES
    marcus = person(report, "Marcus Bell")
    assert (marcus.first_join, marcus.last_leave, marcus.line) == (
        at(12, 1, 30),
        at(12, 58, 20),
        15,
    )
    assert person(report, "Sam Okafor").role == "Organizer"
    assert person(report, "Dr. Helen Cho").role == "Presenter"
    # A guest's UPN is not a mailbox; the Email column is.
    assert person(report, "Jordan Whitfield").email == "jordan.whitfield@example.edu"
    assert person(report, "Priya Natarajan").email == ""


def test_teams_with_only_in_meeting_activities_merges_one_row_per_join():
    text = teams_text()
    head, rest = text.split("2. Participants", 1)
    only_activities = head + rest[rest.index("3. In-Meeting Activities") :]
    report = parse_report(only_activities.encode("utf-16"))
    assert report.format == "teams"
    assert minutes(report) == TEAMS_MINUTES
    full = parse_report(sample("teams-attendance.csv"))
    for row in full.rows:
        merged = person(report, row.name)
        assert (merged.first_join, merged.last_leave) == (row.first_join, row.last_leave)


def test_canonical_sample_and_template():
    report = parse_report(sample("all-in-template.csv"))
    assert report.format == "canonical"
    assert minutes(report) == {
        "Sam Okafor": 67,
        "Renee Alvarez": 62,
        "Dr. Helen Cho": 50,
        "Priya Natarajan": 56,
        "Marcus Bell": 51,
        "Jordan Whitfield": 40,  # no minutes given: from join and leave
        "Kwame Mensah": 30,
        "Grace Adeyemi-Park": 20,
    }
    assert person(report, "Marcus Bell").last_leave == at(13, 0)
    template = parse_report(canonical_template().encode())
    assert template.format == "canonical"
    assert [(r.email, r.name, r.minutes) for r in template.rows] == [
        ("jane.doe@example.edu", "Jane Doe", 55)
    ]
    assert canonical_template().splitlines()[0] == (
        "email,name,session_code,join_time_iso,leave_time_iso,minutes,source"
    )


def test_minutes_are_capped_at_the_session_length():
    report = parse_report(sample("zoom-meeting-participants.csv"), session_minutes=60)
    assert max(minutes(report).values()) == 60
    assert person(report, "Marcus Bell").minutes == 56


def test_naive_times_follow_the_import_time_zone():
    report = parse_report(sample("zoom-meeting-participants.csv"), time_zone="America/Chicago")
    sam = person(report, "Sam Okafor")
    assert sam.first_join == datetime(2026, 11, 20, 11, 56, 40, tzinfo=ZoneInfo("America/Chicago"))


# --- Variations seen in the wild ---------------------------------------------------------

ZOOM_B = (
    "Name (original name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Priya Natarajan,Priya.Natarajan@MSSM.edu,2026-11-20 12:00:05,2026-11-20 12:40:00,40,No\n"
    "Kwame Mensah,,2026-11-20 12:01:00,2026-11-20 12:31:00,30,Yes\n"
    "priya  natarajan,priya.natarajan@mssm.edu,2026-11-20 12:45:00,2026-11-20 12:55:00,10,No\n"
)


def test_zoom_table_only_with_lower_case_headings_and_iso_like_times():
    report = parse_report(ZOOM_B.encode())
    assert report.format == "zoom_meeting"
    assert minutes(report) == {"Priya Natarajan": 50, "Kwame Mensah": 30}
    priya = person(report, "Priya Natarajan")
    assert (priya.email, priya.first_join, priya.last_leave) == (
        "priya.natarajan@mssm.edu",
        at(12, 0, 5),
        at(12, 55),
    )


def test_zoom_short_preamble():
    text = (
        "Meeting ID,Topic,Start Time\n81244703391,Lunch n' Unlearn,11/20/2026 12:00 PM\n\n" + ZOOM_B
    )
    report = parse_report(text.encode())
    assert minutes(report) == {"Priya Natarajan": 50, "Kwame Mensah": 30}
    assert person(report, "Kwame Mensah").line == 6


def test_zoom_recording_consent_column_and_24_hour_times():
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest,"
        "Recording Consent\n"
        "Marcus Bell,marcus.bell@mssm.edu,11/20/2026 12:02,11/20/2026 12:47,45,No,Yes\n"
    )
    row = parse_report(text.encode()).rows[0]
    assert (row.minutes, row.first_join) == (45, at(12, 2))


def test_zoom_unique_users_total_duration():
    text = (
        "Name (Original Name),User Email,Total Duration (Minutes),Guest\n"
        "Marcus Bell,marcus.bell@mssm.edu,56,No\n"
        "Kwame Mensah,,53,Yes\n"
    )
    report = parse_report(text.encode())
    assert minutes(report) == {"Marcus Bell": 56, "Kwame Mensah": 53}
    assert report.rows[0].first_join is None


def test_zoom_month_name_times():
    text = (
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        'Marcus Bell,,"Nov 20, 2026 12:02:00 PM","Nov 20, 2026 12:30:00 PM",28\n'
    )
    assert parse_report(text.encode()).rows[0].first_join == at(12, 2)


TEAMS_UTC = (
    "Name\tFirst join (UTC)\tLast leave (UTC)\tIn-meeting duration\tEmail\tRole\n"
    "Marcus Bell\t11/20/26, 5:01:30 PM\t11/20/26, 5:58:20 PM\t56m 50s\tmarcus.bell@mssm.edu\t"
    "Attendee\n"
)


def test_teams_utc_suffix_and_lower_case_headings():
    row = parse_report(TEAMS_UTC.encode("utf-16")).rows[0]
    assert row.first_join == datetime(2026, 11, 20, 17, 1, 30, tzinfo=UTC)
    assert row.first_join == at(12, 1, 30)
    assert (row.minutes, row.role) == (57, "Attendee")


def test_teams_webinar_registration_email():
    text = (
        "2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tRegistration Email\tRole\n"
        "Grace Adeyemi-Park\t11/20/26, 12:10:00 PM\t11/20/26, 12:40:00 PM\t30m 0s\t\t"
        "Grace.Adeyemi-Park@example.edu\tAttendee\n"
    )
    row = parse_report(text.encode("utf-16")).rows[0]
    assert row.email == "grace.adeyemi-park@example.edu"


@pytest.mark.parametrize(
    ("duration", "expected"),
    [("1h 5m 20s", 65), ("6m 31s", 7), ("45s", 1), ("1h", 60), ("0s", 0), ("01:05:20", 65)],
)
def test_teams_durations(duration, expected):
    text = f"Name\tIn-Meeting Duration\tEmail\nKwame Mensah\t{duration}\t\n"
    assert parse_report(text.encode("utf-16")).rows[0].minutes == expected


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"),
        lambda t: t.encode("utf-16-le"),  # no BOM
        lambda t: t.encode("utf-16-be"),  # no BOM
        lambda t: codecs.BOM_UTF8 + t.encode(),
        lambda t: t.encode(),
    ],
    ids=["utf-16-be", "utf-16-le-no-bom", "utf-16-be-no-bom", "utf-8-bom", "utf-8"],
)
def test_teams_in_other_encodings(encode):
    assert minutes(parse_report(encode(teams_text()))) == TEAMS_MINUTES


def test_teams_saved_again_as_comma_separated():
    lines = teams_text().splitlines()
    text = "\n".join(",".join(f'"{cell}"' for cell in line.split("\t")) for line in lines)
    assert minutes(parse_report(text.encode())) == TEAMS_MINUTES


def test_zoom_with_utf8_bom_and_windows_code_page():
    data = sample("zoom-meeting-participants.csv")
    assert minutes(parse_report(codecs.BOM_UTF8 + data)) == minutes(parse_report(data))
    ansi = parse_report(data.decode().encode("cp1252"))
    assert "Tomás Rivera" in minutes(ansi)


def test_canonical_times_with_offsets():
    text = (
        "email,name,session_code,join_time_iso,leave_time_iso,minutes,source\n"
        "kwame.mensah@mssm.edu,Kwame Mensah,x,2026-11-20T17:00:00Z,2026-11-20T12:30:00-05:00,,zoom\n"
    )
    row = parse_report(text.encode()).rows[0]
    assert (row.first_join, row.minutes) == (at(12, 0), 30)


LEGACY = (
    "Full Name\tUser Action\tTimestamp\n"
    "Sam Okafor\tJoined before\t11/20/2026, 12:00:00 PM\n"
    "Priya Natarajan\tJoined\t11/20/2026, 12:02:00 PM\n"
    "Marcus Bell\tJoined\t11/20/2026, 12:05:00 PM\n"
    "Marcus Bell\tLeft\t11/20/2026, 12:20:00 PM\n"
    "Marcus Bell\tJoined\t11/20/2026, 12:30:00 PM\n"
    "Helen Cho\tLeft\t11/20/2026, 12:40:00 PM\n"
    "Priya Natarajan\tLeft\t11/20/2026, 12:50:00 PM\n"
    "Sam Okafor\tLeft\t11/20/2026, 1:00:00 PM\n"
)


def test_legacy_teams_pairs_joins_and_leaves():
    report = parse_report(codecs.BOM_UTF16_LE + LEGACY.encode("utf-16-le"))
    assert report.format == "teams_legacy"
    # Marcus is still in when the log ends; Helen was there before logging began.
    assert minutes(report) == {
        "Sam Okafor": 60,
        "Priya Natarajan": 48,
        "Marcus Bell": 45,
        "Helen Cho": 40,
    }
    marcus = person(report, "Marcus Bell")
    assert (marcus.first_join, marcus.last_leave, marcus.line) == (at(12, 5), at(13, 0), 4)


# --- Errors an organizer sees ------------------------------------------------------------

PREAMBLE = "Meeting ID,Topic,Start Time\n81244703391,Lunch,11/20/2026 12:00 PM\n\n"
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
GOOD = "Marcus Bell,marcus.bell@mssm.edu,11/20/2026 12:02 PM,11/20/2026 12:40 PM,38,No\n"


def zoom(*rows: str) -> bytes:
    return (PREAMBLE + HEADER + GOOD + GOOD + "".join(rows)).encode()


def test_bad_join_time_names_the_line():
    err = error(zoom("Kwame Mensah,,13/45/2026 9:00,11/20/2026 12:40 PM,38,No\n"))
    assert err.line == 7
    assert str(err) == "Line 7: the join time '13/45/2026 9:00' is not a date and time."
    assert err.reason == "The join time '13/45/2026 9:00' is not a date and time."


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("Kwame Mensah,,11/20/2026 12:02 PM,yesterday,38,No\n", "leave time 'yesterday'"),
        ("Kwame Mensah,,11/20/2026 12:02 PM,11/20/2026 12:40 PM,lots,No\n", "duration 'lots'"),
        (",,11/20/2026 12:02 PM,11/20/2026 12:40 PM,38,No\n", "neither a name nor an email"),
        ("Kwame Mensah,,11/20/2026 12:02 PM\n", "3 fields"),
    ],
)
def test_malformed_rows_name_their_line(row, words):
    err = error(zoom(row))
    assert err.line == 7
    assert words in err.reason


@pytest.mark.parametrize("data", [b"", b"\n \r\n\t\n", codecs.BOM_UTF16_LE])
def test_empty_file(data):
    err = error(data)
    assert (err.line, err.reason) == (None, "The file is empty.")


def test_unknown_file():
    err = error(b"Topic,Meeting ID\nLunch,812\n")
    assert (err.line, err.reason, str(err)) == (None, UNKNOWN_FORMAT, UNKNOWN_FORMAT)


def test_teams_section_without_headings():
    text = "1. Summary\nMeeting title\tBook Club\n\n2. Participants\nMarcus Bell\t11/20/26\n"
    assert error(text.encode("utf-16")).line == 5
    assert error(b"1. Summary\n\n2. Participants\n\n").line == 3


def test_error_line_counts_lines_of_the_decoded_file():
    text = teams_text().replace("54m 5s", "54 minutes-ish")
    err = error(text.encode("utf-16"))
    assert err.line == 15
    assert "duration '54 minutes-ish'" in err.reason


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("Kwame Mensah\tWaved\t11/20/2026, 12:10:00 PM\n", "action 'Waved'"),
        ("Kwame Mensah\tJoined\t\n", "no timestamp"),
        ("Kwame Mensah\t\t11/20/2026, 12:10:00 PM\n", "joined or left"),
    ],
)
def test_legacy_errors(row, words):
    err = error((LEGACY + row).encode())
    assert (err.line, words in err.reason) == (10, True)


def test_unknown_time_zone():
    err = error(sample("all-in-template.csv"), time_zone="Mars/Olympus_Mons")
    assert err.line is None


# --- Fuzzing -----------------------------------------------------------------------------

SAMPLES = [
    sample("zoom-meeting-participants.csv"),
    sample("zoom-webinar-attendees.csv"),
    sample("teams-attendance.csv"),
    sample("all-in-template.csv"),
    LEGACY.encode(),
]


def outcome(data: bytes, **kwargs) -> ParsedReport | tuple[int | None, str]:
    try:
        report = parse_report(data, **kwargs)
    except ReportError as exc:
        assert exc.line is None or exc.line >= 1
        assert exc.reason and isinstance(exc.reason, str)
        return exc.line, exc.reason
    assert report.format in {"zoom_meeting", "zoom_webinar", "teams", "teams_legacy", "canonical"}
    for row in report.rows:
        assert row.name or row.email
        assert row.email == row.email.lower()
        assert row.minutes >= 0 and row.line >= 1
        assert row.role in {"", "Organizer", "Presenter", "Attendee"}
        for when in (row.first_join, row.last_leave):
            assert when is None or when.utcoffset() is not None
    return report


@st.composite
def mutated(draw) -> bytes:
    data = draw(st.sampled_from(SAMPLES))
    utf16 = data.startswith(codecs.BOM_UTF16_LE)
    lines = data.decode("utf-16" if utf16 else "utf-8").splitlines()
    junk = st.text(st.characters(codec="utf-8", exclude_characters="\r\n"), max_size=40)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(lines)))
        kind = draw(st.sampled_from(["insert", "replace_field", "delete", "duplicate"]))
        if kind == "insert" or at == len(lines):
            lines.insert(at, draw(junk))
        elif kind == "replace_field":
            delim = "\t" if "\t" in lines[at] else ","
            fields = lines[at].split(delim)
            fields[draw(st.integers(0, len(fields) - 1))] = draw(junk)
            lines[at] = delim.join(fields)
        elif kind == "delete":
            del lines[at]
        else:
            lines.insert(at, lines[at])
    text = "\n".join(lines)
    raw = codecs.BOM_UTF16_LE + text.encode("utf-16-le") if utf16 else text.encode()
    if draw(st.booleans()):
        raw = raw[: draw(st.integers(0, len(raw)))]
    return raw


@FUZZ
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_report_or_a_report_error(data):
    outcome(data)


@FUZZ
@given(
    st.sampled_from([HEADER, TEAMS_UTC.splitlines()[0] + "\n", LEGACY.splitlines()[0] + "\n"]),
    st.text(st.sampled_from('ab@.:,\t\n /0123456789APM-hms"é'), max_size=300),
)
def test_a_real_heading_over_random_rows(header, body):
    outcome((header + body).encode(), session_minutes=30)


@FUZZ
@given(mutated())
def test_mutated_reports_give_a_report_or_a_report_error(data):
    outcome(data)


@FUZZ
@given(st.one_of(mutated(), st.binary(max_size=1000)))
def test_parsing_is_deterministic(data):
    assert outcome(data) == outcome(data)
