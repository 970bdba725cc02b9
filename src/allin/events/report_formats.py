"""Low-level reading for attendance reports: bytes to text, lines to cells, cells to values.

Every helper here answers None (or a safe default) instead of raising, so that `reports` alone
decides which line a problem belongs to and how to word it.
"""

from __future__ import annotations

import codecs
import csv
import re
from datetime import UTC, datetime, tzinfo

# Canonical field for each known column heading, after `heading()` has normalised it. The
# email fallbacks come second and third so a Teams webinar row with a blank Email still counts.
FIELDS = {
    "name (original name)": "name",
    "user name (original name)": "name",
    "name": "name",
    "full name": "name",
    "display name": "name",
    "participant name": "name",
    "user email": "email",
    "email": "email",
    "email address": "email",
    "registration email": "email2",
    "participant id (upn)": "email3",
    "join time": "join",
    "first join": "join",
    "join_time_iso": "join",
    "leave time": "leave",
    "last leave": "leave",
    "leave_time_iso": "leave",
    "duration (minutes)": "minutes",
    "total duration (minutes)": "minutes",
    "time in session (minutes)": "minutes",
    "in-meeting duration": "minutes",
    "duration": "minutes",
    "minutes": "minutes",
    "guest": "guest",
    "is guest": "guest",
    "role": "role",
    "attended": "attended",
    "in waiting room": "waiting",
    "user action": "action",
    "timestamp": "time",
}

# Zoom writes "--" where a registrant who never came has no join time.
_ABSENT = {"", "-", "--", "n/a"}

_DATES = ("%m/%d/%Y", "%m/%d/%y", "%Y-%m-%d", "%Y/%m/%d", "%b %d %Y", "%B %d %Y")
_TIMES = ("%I:%M:%S %p", "%I:%M %p", "%H:%M:%S", "%H:%M")
_FORMATS = tuple(f"{d} {t}" for d in _DATES for t in _TIMES)

_NUMBER = re.compile(r"(\d{1,7})(?:\.(\d{1,6}))?")
_CLOCK = re.compile(r"(\d{1,4}):([0-5]?\d)(?::([0-5]?\d))?")
_HMS = re.compile(r"(?:(\d{1,5})\s*h)?\s*(?:(\d{1,6})\s*m(?:in)?)?\s*(?:(\d{1,7})\s*s(?:ec)?)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SECTION = re.compile(r"\d{1,2}\.\s*\D.*")
_TITLE = re.compile(r"(host|panelist|attendee|other attended)s?(?: details)?:?")
_TITLE_ROLES = {
    "host": "Organizer",
    "panelist": "Presenter",
    "attendee": "Attendee",
    "other attended": "Attendee",
}


def decode(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", "replace")
    elif data.startswith(codecs.BOM_UTF16_LE):
        text = data[2:].decode("utf-16-le", "replace")
    elif data.startswith(codecs.BOM_UTF16_BE):
        text = data[2:].decode("utf-16-be", "replace")
    elif encoding := _bomless_utf16(data[:512]):
        text = data.decode(encoding, "replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Excel on Windows saves "CSV" as the ANSI code page.
            text = data.decode("cp1252", "replace")
    return text.replace("\x00", "")


def _bomless_utf16(head: bytes) -> str | None:
    # Mostly-ASCII UTF-16 has a NUL in every other byte: odd positions for LE, even for BE.
    half = len(head) // 2
    if half < 2:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= half * 0.4 and even <= half * 0.05:
        return "utf-16-le"
    if even >= half * 0.4 and odd <= half * 0.05:
        return "utf-16-be"
    return None


def split_lines(text: str) -> list[str]:
    return re.split(r"\r\n|\r|\n", text)


def delimiter(line: str) -> str:
    tabs = line.count("\t")
    return "\t" if tabs and tabs >= line.count(",") else ","


def cells(line: str, delim: str) -> list[str] | None:
    """The fields of one physical line. Lines are read one by one so a stray quote in a name
    cannot swallow the rest of the file."""
    try:
        return next(csv.reader([line], delimiter=delim), [])
    except csv.Error:
        return None


def heading(cell: str) -> tuple[str, bool]:
    """A column heading in comparable form, and whether it carried a "(UTC)" suffix."""
    text = " ".join(cell.replace("\ufeff", "").strip().strip('"').casefold().split())
    if text.endswith("(utc)"):
        return text[:-5].rstrip(), True
    return text, False


def value(raw: str) -> str:
    text = " ".join(raw.replace("\ufeff", "").split())
    return "" if text.casefold() in _ABSENT else text


def email(raw: str) -> str:
    # Teams guests carry a UPN like "a_b.org#EXT#@tenant"; that is not a mailbox.
    text = raw.strip().lower()
    return text if _EMAIL.fullmatch(text) and "#ext#" not in text else ""


def parse_time(raw: str, zone: tzinfo, *, utc: bool = False) -> datetime | None:
    """An aware datetime; naive values are in `zone`, or UTC when the heading said so. US
    month-first dates are assumed because both Zoom and Teams export them for US accounts."""
    if ":" not in raw:
        return None
    when = None
    try:
        when = datetime.fromisoformat(raw.strip())
    except ValueError:
        text = " ".join(raw.replace(",", " ").split())
        for pattern in _FORMATS:
            try:
                when = datetime.strptime(text, pattern)  # noqa: DTZ007  (zone added below)
            except ValueError:
                continue
            break
    if when is None or not 1900 <= when.year <= 2200:
        # Far-off years would overflow when converted between zones.
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC if utc else zone)
    return when


def parse_seconds(raw: str) -> int | None:
    """A duration in seconds from Zoom minutes ("45"), a clock ("1:05:20") or Teams ("1h 5m")."""
    text = raw.strip().casefold()
    if match := _NUMBER.fullmatch(text):
        fraction = round(float(f"0.{match[2]}") * 60) if match[2] else 0
        return int(match[1]) * 60 + fraction
    if match := _CLOCK.fullmatch(text):
        return int(match[1]) * 3600 + int(match[2]) * 60 + int(match[3] or 0)
    if text and (match := _HMS.fullmatch(text)) and any(match.groups()):
        hours, minutes, seconds = (int(g or 0) for g in match.groups())
        return hours * 3600 + minutes * 60 + seconds
    return None


def role(raw: str) -> str:
    text = raw.casefold()
    if "organi" in text or "host" in text:
        return "Organizer"
    if "present" in text or "panel" in text:
        return "Presenter"
    return "Attendee" if "attend" in text else ""


def lone_cell(row: list[str]) -> str | None:
    """The text of a row with exactly one filled field (a section title), else None."""
    filled = [c.strip() for c in row if c.strip()]
    return filled[0] if len(filled) == 1 else None


def is_section(text: str) -> bool:
    """Teams numbers its sections: "2. Participants", "3. In-Meeting Activities"."""
    return bool(_SECTION.fullmatch(text))


def title_role(text: str) -> str | None:
    """The role implied by a Zoom webinar section title such as "Panelist Details"."""
    match = _TITLE.fullmatch(" ".join(text.casefold().split()))
    return _TITLE_ROLES[match[1]] if match else None
