"""iCalendar output, read back with the same library a calendar app's parser resembles."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest

from allin.events import services
from allin.events.enums import EventFormat
from allin.events.ical import event_calendar, feed_calendar, plain_text
from tests.factories import make_event

BASE = "https://allin.example"
NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def only_event(body: bytes) -> icalendar.Event:
    (vevent,) = parse(body).walk("VEVENT")
    return vevent


def unfolded(body: bytes) -> str:
    return body.decode().replace("\r\n ", "")


@pytest.fixture
def event(institution):
    series = services.create_series(institution, actor=None, slug="chats", name="Chats for Change")
    return make_event(
        institution,
        slug="chat",
        title="Getting People on Board",
        description="Join **us** for a [reading](https://read.example/a).\n\n- bring lunch",
        starts_at=datetime(2024, 9, 10, 12, tzinfo=NY),
        ends_at=datetime(2024, 9, 10, 13, tzinfo=NY),
        time_zone="America/New_York",
        room="5-205",
        building="Annenberg",
        series=series,
    )


def test_single_event_has_the_calendar_and_event_properties(event):
    body = event_calendar(event, base_url=BASE)
    cal = parse(body)
    assert cal["VERSION"] == "2.0"
    assert cal["PRODID"] == "-//All In//Events//EN"
    assert cal["CALSCALE"] == "GREGORIAN"
    # A calendar name would make Outlook open the download as a separate calendar.
    assert "X-WR-CALNAME" not in cal
    assert "METHOD" not in cal
    vevent = only_event(body)
    assert vevent["UID"] == f"allin-{event.uid}@allin.example"
    assert vevent["SUMMARY"] == "Getting People on Board"
    assert vevent["LOCATION"] == "5-205, Annenberg"
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent["URL"] == f"{BASE}/alpha/events/chat/" == BASE + event.get_absolute_url()
    assert vevent.categories == ["Chats for Change"]
    assert vevent["DESCRIPTION"] == (
        "Join us for a reading (https://read.example/a).\n\n- bring lunch\n\n"
        f"Event page: {BASE}/alpha/events/chat/"
    )
    assert vevent.DTSTAMP.tzinfo is not None
    assert vevent.DTSTAMP.utcoffset() == timedelta(0)
    assert event.updated_at.replace(microsecond=0) == vevent.LAST_MODIFIED
    assert "ATTENDEE" not in vevent


def test_uid_is_stable_and_sequence_follows_the_event(event, organizer):
    first = only_event(event_calendar(event, base_url=BASE))
    assert first["UID"] == only_event(event_calendar(event, base_url=BASE))["UID"]
    assert first["SEQUENCE"] == 0

    services.update_event(event, actor=organizer, title="A New Title")
    services.update_event(event, actor=organizer, room="5-206")
    again = only_event(event_calendar(event, base_url=BASE))
    assert again["UID"] == first["UID"]
    assert again["SUMMARY"] == "A New Title"
    assert again["SEQUENCE"] == event.sequence == 2


def test_cancelled_event_stays_in_the_feed_marked_cancelled(event, organizer):
    services.cancel_event(event, actor=organizer)
    (vevent,) = parse(feed_calendar([event], name="Alpha", base_url=BASE)).walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == 1
    assert vevent["DESCRIPTION"].startswith("This event has been cancelled.")


def test_invitation_and_cancellation_carry_the_itip_method(event):
    request = parse(event_calendar(event, base_url=BASE, method="REQUEST"))
    assert request["METHOD"] == "REQUEST"
    (vevent,) = request.walk("VEVENT")
    assert vevent["STATUS"] == "CONFIRMED"
    assert str(vevent["ORGANIZER"]).startswith("mailto:")

    cancel = parse(event_calendar(event, base_url=BASE, method="CANCEL"))
    assert cancel["METHOD"] == "CANCEL"
    (vevent,) = cancel.walk("VEVENT")
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["UID"] == f"allin-{event.uid}@allin.example"

    with pytest.raises(ValueError, match="Unsupported"):
        event_calendar(event, base_url=BASE, method="PUBLISH-ALL")


def test_times_carry_a_tzid_declared_once_with_both_offsets(event, institution):
    winter = make_event(
        institution,
        slug="winter",
        starts_at=datetime(2025, 1, 14, 12, tzinfo=NY),
        ends_at=datetime(2025, 1, 14, 13, tzinfo=NY),
        time_zone="America/New_York",
    )
    body = feed_calendar([event, winter], name="Alpha", base_url=BASE)
    text = unfolded(body)
    assert "DTSTART;TZID=America/New_York:20240910T120000\r\n" in text
    assert "DTEND;TZID=America/New_York:20240910T130000\r\n" in text
    assert "DTSTART;TZID=America/New_York:20250114T120000\r\n" in text

    (zone,) = parse(body).walk("VTIMEZONE")
    assert zone["TZID"] == "America/New_York"
    daylight = zone.walk("DAYLIGHT")
    standard = zone.walk("STANDARD")
    assert daylight
    assert standard
    assert {d["TZOFFSETTO"].to_ical() for d in daylight} == {"-0400"}
    assert {s["TZOFFSETTO"].to_ical() for s in standard} == {"-0500"}
    # The parsed events land on the right instants, so the VTIMEZONE and TZID agree.
    starts = sorted(e.DTSTART for e in parse(body).walk("VEVENT"))
    assert starts[0].astimezone(UTC) == datetime(2024, 9, 10, 16, tzinfo=UTC)
    assert starts[1].astimezone(UTC) == datetime(2025, 1, 14, 17, tzinfo=UTC)


def test_feed_in_two_time_zones_declares_both(event, institution):
    berlin = make_event(
        institution,
        slug="berlin",
        starts_at=datetime(2024, 10, 1, 18, tzinfo=BERLIN),
        ends_at=datetime(2024, 10, 1, 19, tzinfo=BERLIN),
        time_zone="Europe/Berlin",
    )
    body = feed_calendar([event, berlin], name="Alpha events", base_url=BASE)
    cal = parse(body)
    assert sorted(z["TZID"] for z in cal.walk("VTIMEZONE")) == [
        "America/New_York",
        "Europe/Berlin",
    ]
    assert "DTSTART;TZID=Europe/Berlin:20241001T180000\r\n" in unfolded(body)
    assert cal["NAME"] == cal["X-WR-CALNAME"] == "Alpha events"
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body
    assert b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in body
    assert b"ATTENDEE" not in body
    assert b"METHOD" not in body


def test_utc_event_is_written_in_utc_never_floating(institution):
    event = make_event(
        institution,
        slug="utc",
        starts_at=datetime(2024, 9, 10, 12, tzinfo=UTC),
        ends_at=datetime(2024, 9, 10, 13, tzinfo=UTC),
        time_zone="UTC",
    )
    assert "DTSTART:20240910T120000Z\r\n" in unfolded(event_calendar(event, base_url=BASE))


def test_join_link_only_when_asked(institution):
    event = make_event(
        institution,
        slug="online",
        format=EventFormat.VIRTUAL,
        join_url="https://zoom.example/j/123",
        time_zone="America/New_York",
    )
    for body in (
        event_calendar(event, base_url=BASE),
        event_calendar(event, base_url=BASE, method="REQUEST"),
        feed_calendar([event], name="Alpha", base_url=BASE),
    ):
        assert b"zoom.example" not in body
        assert only_event(body)["LOCATION"] == "Online"

    for body in (
        event_calendar(event, base_url=BASE, include_join_link=True),
        feed_calendar([event], name="Mine", base_url=BASE, include_join_links=True),
    ):
        vevent = only_event(body)
        assert vevent["LOCATION"] == "https://zoom.example/j/123"
        assert vevent["DESCRIPTION"].endswith("Join online: https://zoom.example/j/123")


def test_hybrid_location_names_the_room_and_online(institution):
    event = make_event(
        institution,
        slug="hybrid",
        format=EventFormat.HYBRID,
        room="5-205",
        building="Annenberg",
        join_url="https://zoom.example/j/123",
    )
    assert only_event(event_calendar(event, base_url=BASE))["LOCATION"] == (
        "5-205, Annenberg and Online"
    )


def test_lines_end_in_crlf_and_fold_at_75_octets(event):
    # Non-ASCII makes octets and characters differ, which is where folding goes wrong.
    event.title = "Überlegungen zur Gleichstellung — " * 6
    event.description = "Ünïcödé " * 80
    body = feed_calendar([event], name="Alpha", base_url=BASE)
    assert body.endswith(b"\r\n")
    assert body.count(b"\n") == body.count(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)
    for line in lines:
        line.decode()  # folding never splits a UTF-8 sequence
    assert only_event(body)["SUMMARY"] == event.title


def test_commas_semicolons_and_newlines_are_escaped_and_round_trip(event):
    event.title = "Chats, for; Change\nPart 2 \\ more"
    body = event_calendar(event, base_url=BASE)
    assert "SUMMARY:Chats\\, for\\; Change\\nPart 2 \\\\ more\r\n" in unfolded(body)
    assert only_event(body)["SUMMARY"] == event.title


def test_base_url_must_name_a_host(event):
    with pytest.raises(ValueError, match="host"):
        event_calendar(event, base_url="/relative")


def test_markdown_becomes_readable_text():
    source = "# Agenda\n\n1. Welcome\n2. Talk by *Dr. Lee*\n   - Q&A\n\nSee <https://x.example>."
    assert plain_text(source) == (
        "Agenda\n\n1. Welcome\n2. Talk by Dr. Lee\n  - Q&A\n\nSee https://x.example."
    )
    assert plain_text("") == ""
