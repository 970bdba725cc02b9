"""Attendance reports from Zoom and Teams, and the All In CSV template, read into one shape.

Pure Python and free of Django so any bytes an organizer uploads can be fuzzed cheaply: the only
exception that leaves `parse_report` is `ReportError`, which names the line and says what is
wrong in words an organizer can act on. Chat and Q&A text is never read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from allin.events import report_formats as rf

PARSER_VERSION = "1"

CANONICAL_HEADER = (
    "email",
    "name",
    "session_code",
    "join_time_iso",
    "leave_time_iso",
    "minutes",
    "source",
)
UNKNOWN_FORMAT = (
    "This does not look like a Zoom or Teams attendance report, or the All In CSV template."
)

# Tried in this order on each line's headings: a webinar's "User Name (Original Name)" would
# otherwise pass for a meeting's "Name (Original Name)".
_SIGNATURES = (
    ("canonical", "join_time_iso"),
    ("teams", "in-meeting duration"),
    ("teams_legacy", "user action"),
    ("zoom_webinar", "time in session (minutes)"),
    ("zoom_meeting", "name (original name)"),
)
_TEAMS_SECTIONS = ("2. participants", "3. in-meeting activities")
# Fields a row must reach for its values to mean anything; trailing Role or UPN may be cut.
_NEEDED = ("name", "email", "join", "leave", "minutes", "attended", "action", "time")
_ROLE_RANK = {"": 0, "Attendee": 1, "Presenter": 2, "Organizer": 3}


class ReportError(ValueError):
    def __init__(self, line: int | None, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(
            f"Line {line}: {reason[:1].lower()}{reason[1:]}" if line is not None else reason
        )


@dataclass(frozen=True)
class AttendeeRow:
    name: str
    email: str
    first_join: datetime | None
    last_leave: datetime | None
    minutes: int
    line: int
    role: str


@dataclass(frozen=True)
class ParsedReport:
    format: str
    rows: tuple[AttendeeRow, ...]
    sha256: str
    skipped: int


@dataclass(frozen=True)
class _Entry:
    """One data row, or one paired join and leave of the legacy Teams log."""

    name: str
    email: str
    join: datetime | None
    leave: datetime | None
    seconds: int
    line: int
    role: str


class _Row:
    """A data row with its headings, answering by canonical field name."""

    def __init__(self, line: int, cells: list[str], columns: dict[str, int], utc: set[str]):
        self.line, self.cells, self.columns, self.utc = line, cells, columns, utc

    def get(self, field: str) -> str:
        at = self.columns.get(field)
        return rf.value(self.cells[at]) if at is not None and at < len(self.cells) else ""

    def time(self, field: str, label: str, zone: tzinfo) -> datetime | None:
        raw = self.get(field)
        if not raw:
            return None
        when = rf.parse_time(raw, zone, utc=field in self.utc)
        if when is None:
            raise ReportError(self.line, f"The {label} '{_clip(raw)}' is not a date and time.")
        return when

    def who(self) -> tuple[str, str]:
        name = self.get("name")
        address = next(
            (e for f in ("email", "email2", "email3") if (e := rf.email(self.get(f)))), ""
        )
        if not name and not address:
            raise ReportError(self.line, "This row has neither a name nor an email address.")
        return name, address


def parse_report(
    data: bytes, *, time_zone: str = "America/New_York", session_minutes: int | None = None
) -> ParsedReport:
    data = bytes(data)
    zone = _zone(time_zone)
    lines = rf.split_lines(rf.decode(data))
    if not any(line.strip() for line in lines):
        raise ReportError(None, "The file is empty.")
    form, header = _detect(lines)
    rows = _rows(lines, header, form)
    if form == "teams_legacy":
        entries, skipped = _legacy(rows, zone), 0
    else:
        entries, skipped = _table(rows, zone)
    people = _collapse(entries, session_minutes)
    return ParsedReport(form, people, hashlib.sha256(data).hexdigest(), skipped)


def canonical_template() -> str:
    example = (
        "jane.doe@example.edu",
        "Jane Doe",
        "lunch-n-unlearn-2026-11-20",
        "2026-11-20T12:00:00-05:00",
        "2026-11-20T12:55:00-05:00",
        "55",
        "zoom",
    )
    return ",".join(CANONICAL_HEADER) + "\n" + ",".join(example) + "\n"


def _zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        raise ReportError(None, f"'{_clip(name)}' is not a time zone.") from None


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _split(lines: list[str], index: int, delim: str | None = None) -> list[str] | None:
    line = lines[index]
    return rf.cells(line, delim or rf.delimiter(line))


def _detect(lines: list[str]) -> tuple[str, int]:
    """The format, and the index of its heading row."""
    for index in range(len(lines)):
        cells = _split(lines, index)
        if not cells:
            continue
        title = rf.lone_cell(cells)
        if title and " ".join(title.casefold().split()) in _TEAMS_SECTIONS:
            for header in range(index + 1, len(lines)):
                if lines[header].strip():
                    return "teams", header
            raise ReportError(index + 1, "The participants section has no column headings.")
        headings = {rf.heading(c)[0] for c in cells}
        for form, signature in _SIGNATURES:
            if signature in headings:
                return form, index
    raise ReportError(None, UNKNOWN_FORMAT)


def _columns(cells: list[str], line: int) -> tuple[dict[str, int], set[str]]:
    columns: dict[str, int] = {}
    utc: set[str] = set()
    for at, cell in enumerate(cells):
        text, in_utc = rf.heading(cell)
        field = rf.FIELDS.get(text)
        if field and field not in columns:
            columns[field] = at
            if in_utc:
                utc.add(field)
    if "name" not in columns and "email" not in columns:
        raise ReportError(line, "Expected the column headings (Name, Email, …) on this line.")
    return columns, utc


def _rows(lines: list[str], header: int, form: str) -> Iterator[tuple[_Row, str]]:
    """Data rows of the participant table with the section role they fall under."""
    delim = rf.delimiter(lines[header])
    columns, utc = _columns(_split(lines, header, delim) or [], header + 1)
    role = _title_before(lines, header) if form == "zoom_webinar" else ""
    for index in range(header + 1, len(lines)):
        cells = _split(lines, index, delim)
        if cells is None:
            raise ReportError(index + 1, "This line could not be read as part of a table.")
        if not any(c.strip() for c in cells):
            continue
        title = rf.lone_cell(cells)
        if title and form == "teams" and rf.is_section(title):
            break  # only one section is read; section 3 repeats section 2 per join
        if title and (section := rf.title_role(title)) and form == "zoom_webinar":
            role = section
            continue
        if sum(rf.heading(c)[0] in rf.FIELDS for c in cells) >= 3:
            # Webinar sections each restate their headings, with different columns.
            columns, utc = _columns(cells, index + 1)
            continue
        needed = max((columns[f] for f in _NEEDED if f in columns), default=0) + 1
        if len(cells) < needed:
            found = f"{len(cells)} field" + ("" if len(cells) == 1 else "s")
            raise ReportError(index + 1, f"This row has {found} where {needed} are expected.")
        yield _Row(index + 1, cells, columns, utc), role


def _title_before(lines: list[str], header: int) -> str:
    for index in range(header - 1, -1, -1):
        if lines[index].strip():
            title = rf.lone_cell(_split(lines, index) or [])
            return (rf.title_role(title) if title else None) or ""
    return ""


def _table(rows: Iterator[tuple[_Row, str]], zone: tzinfo) -> tuple[list[_Entry], int]:
    entries: list[_Entry] = []
    skipped = 0
    for row, section_role in rows:
        # Registrants who never came, and time spent in Zoom's waiting room, are not attendance.
        if row.get("attended").casefold() in {"no", "false", "n"}:
            skipped += 1
            continue
        if row.get("waiting").casefold() in {"yes", "true", "y"}:
            skipped += 1
            continue
        name, address = row.who()
        join = row.time("join", "join time", zone)
        leave = row.time("leave", "leave time", zone)
        raw = row.get("minutes")
        if raw:
            seconds = rf.parse_seconds(raw)
            if seconds is None:
                raise ReportError(row.line, f"The duration '{_clip(raw)}' is not a length of time.")
        elif join and leave:
            seconds = max(0, int((leave - join).total_seconds()))
        else:
            seconds = 0
        role = rf.role(row.get("role")) if "role" in row.columns else section_role
        entries.append(_Entry(name, address, join, leave, seconds, row.line, role))
    return entries, skipped


def _legacy(rows: Iterator[tuple[_Row, str]], zone: tzinfo) -> list[_Entry]:
    """Pair the 2020 Teams log's Joined and Left events into stretches of presence."""
    events: dict[tuple[str, str], list[tuple[datetime, bool, _Row]]] = {}
    for row, _ in rows:
        name, address = row.who()
        when = row.time("time", "timestamp", zone)
        if when is None:
            raise ReportError(row.line, "This row has no timestamp.")
        action = row.get("action").casefold()
        if not action:
            raise ReportError(row.line, "This row does not say whether the person joined or left.")
        if action not in {"joined", "joined before", "left"}:
            raise ReportError(
                row.line, f"The action '{_clip(row.get('action'))}' is not Joined or Left."
            )
        key = ("email", address) if address else ("name", _fold(name))
        events.setdefault(key, []).append((when, action != "left", row))
    stamps = [when for log in events.values() for when, _, _ in log]
    # The log ends when the report was taken; whoever is still in stayed until then. A bare
    # Left means the person was already there when logging began.
    start, end = min(stamps, default=None), max(stamps, default=None)
    entries = []
    for log in events.values():
        log.sort(key=lambda event: (event[0], event[2].line))
        opened: tuple[datetime, _Row] | None = None
        stretches: list[tuple[datetime, datetime, _Row]] = []
        for when, joins, row in log:
            if joins and opened is None:
                opened = (when, row)
            elif not joins and opened is not None:
                stretches.append((opened[0], when, opened[1]))
                opened = None
            elif not joins and not stretches and start is not None:
                stretches.append((start, when, row))
        if opened is not None and end is not None:
            stretches.append((opened[0], end, opened[1]))
        for join, leave, row in stretches:
            name, address = row.who()
            seconds = max(0, int((leave - join).total_seconds()))
            entries.append(_Entry(name, address, join, leave, seconds, row.line, ""))
    return entries


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _collapse(entries: list[_Entry], cap: int | None) -> tuple[AttendeeRow, ...]:
    groups: dict[tuple[str, str], list[_Entry]] = {}
    for entry in entries:
        key = ("email", entry.email) if entry.email else ("name", _fold(entry.name))
        groups.setdefault(key, []).append(entry)
    # Someone who rejoins from a phone without signing in keeps their name but loses their
    # email; fold them back in when exactly one signed-in person has that name.
    signed_in: dict[str, set[tuple[str, str]]] = {}
    for key, group in groups.items():
        if key[0] == "email":
            for entry in group:
                signed_in.setdefault(_fold(entry.name), set()).add(key)
    for key in [k for k in groups if k[0] == "name"]:
        owners = signed_in.get(key[1], set())
        if len(owners) == 1:
            groups[next(iter(owners))].extend(groups.pop(key))
    people = [_person(group, cap) for group in groups.values()]
    return tuple(sorted(people, key=lambda person: person.line))


def _person(group: list[_Entry], cap: int | None) -> AttendeeRow:
    group = sorted(group, key=lambda entry: entry.line)
    joins = [e.join for e in group if e.join is not None]
    leaves = [e.leave for e in group if e.leave is not None]
    # Teams counts seconds and Zoom whole minutes; rounding to the nearest keeps them alike.
    minutes = (sum(e.seconds for e in group) + 30) // 60
    if cap is not None:
        minutes = min(minutes, max(cap, 0))
    return AttendeeRow(
        name=next((e.name for e in group if e.name), ""),
        email=next((e.email for e in group if e.email), ""),
        first_join=min(joins, default=None),
        last_leave=max(leaves, default=None),
        minutes=minutes,
        line=group[0].line,
        role=max((e.role for e in group), key=_ROLE_RANK.__getitem__),
    )
