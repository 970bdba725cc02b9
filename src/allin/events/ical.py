"""iCalendar for one event (download, emailed invitation) and for subscription feeds.

The rules and why each exists are in the research notes, section 8 (iCalendar feeds).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from datetime import UTC, date, datetime, timedelta
from email.utils import parseaddr
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.utils import timezone
from markdown_it import MarkdownIt

from allin.events.enums import EventFormat, EventStatus

if TYPE_CHECKING:
    from allin.events.models import Event

PRODID = "-//All In//Events//EN"
METHODS = ("REQUEST", "CANCEL")
REFRESH = timedelta(hours=1)

_md = MarkdownIt("commonmark", {"html": False, "typographer": True}).enable(
    ["table", "strikethrough"]
)


def event_calendar(
    event: Event, *, base_url: str, include_join_link: bool = False, method: str | None = None
) -> bytes:
    """One event, for a download or an email attachment.

    No NAME/X-WR-CALNAME here: with a calendar name Outlook opens the file as a new calendar
    instead of adding the event to the person's own (MS-OXCICAL says to omit it).
    """
    if method is not None and method not in METHODS:
        raise ValueError(f"Unsupported iTIP method: {method}")
    cal = _calendar()
    if method:
        cal.add("method", method)
    vevent = _vevent(
        event,
        base_url=base_url,
        stamp=timezone.now(),
        include_join_link=include_join_link,
        cancelled=method == "CANCEL",
    )
    if method:
        # iTIP (RFC 5546) requires an ORGANIZER on REQUEST and CANCEL; replies go nowhere useful,
        # but without one some clients refuse the invitation.
        _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
        vevent.add("organizer", f"mailto:{address}", parameters={"CN": event.institution.name})
    cal.add_component(vevent)
    _add_timezones(cal, [event])
    return cal.to_ical()


def feed_calendar(
    events: Iterable[Event],
    *,
    name: str,
    base_url: str,
    include_join_links: bool | Container[int] = False,
) -> bytes:
    """A subscription feed. No METHOD: PUBLISH would expect an ORGANIZER, and attendees are
    never listed, whoever the feed belongs to. ``include_join_links`` is all or nothing, or
    the ids of the events whose link the feed's owner may have."""
    events = list(events)
    cal = _calendar()
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", icalendar.vDuration(REFRESH))
    stamp = timezone.now()
    for event in events:
        cal.add_component(
            _vevent(
                event,
                base_url=base_url,
                stamp=stamp,
                include_join_link=include_join_links
                if isinstance(include_join_links, bool)
                else event.pk in include_join_links,
            )
        )
    _add_timezones(cal, events)
    return cal.to_ical()


def _calendar() -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    return cal


def _vevent(
    event: Event,
    *,
    base_url: str,
    stamp: datetime,
    include_join_link: bool,
    cancelled: bool = False,
) -> icalendar.Event:
    host = urlsplit(base_url).hostname
    if not host:
        raise ValueError(f"base_url needs a host: {base_url!r}")
    url = base_url.rstrip("/") + event.get_absolute_url()
    join = event.join_url if include_join_link and event.format != EventFormat.IN_PERSON else ""
    cancelled = cancelled or event.status == EventStatus.CANCELLED

    vevent = icalendar.Event()
    # From the stored UUID only, so edits to title or time update the entry instead of adding one.
    vevent.add("uid", f"allin-{event.uid}@{host}")
    vevent.add("dtstamp", stamp.astimezone(UTC))
    vevent.add("last-modified", event.updated_at.astimezone(UTC))
    vevent.add("sequence", event.sequence)
    # Local time with TZID, not UTC, so clients keep the wall-clock time the organizer meant.
    vevent.add("dtstart", event.starts_at.astimezone(event.zone))
    vevent.add("dtend", event.ends_at.astimezone(event.zone))
    vevent.add("summary", event.title)
    vevent.add("description", _description(event, url=url, join=join, cancelled=cancelled))
    location = _location(event, join)
    if location:
        vevent.add("location", location)
    vevent.add("url", url)
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if event.series_id:
        vevent.add("categories", [event.series.name])
    return vevent


def _location(event: Event, join: str) -> str:
    place = ", ".join(part for part in (event.room, event.building) if part)
    online = join or "Online"
    if event.format == EventFormat.VIRTUAL:
        return online
    if event.format == EventFormat.HYBRID:
        return f"{place} and {online}" if place else online
    return place


def _description(event: Event, *, url: str, join: str, cancelled: bool) -> str:
    # Google ignores STATUS:CANCELLED in subscribed calendars, so say it in words too.
    parts = ["This event has been cancelled."] if cancelled else []
    parts += [plain_text(event.description), f"Event page: {url}"]
    if join:
        parts.append(f"Join online: {join}")
    return "\n\n".join(part for part in parts if part)


def _add_timezones(cal: icalendar.Calendar, events: list[Event]) -> None:
    """One VTIMEZONE per TZID used. The library writes the real transitions from tzdata; the
    range is kept to the years the events span so a feed is not decades of dates."""
    if not events:
        return
    first = min(e.starts_at.astimezone(e.zone) for e in events).year
    last = max(e.ends_at.astimezone(e.zone) for e in events).year
    cal.add_missing_timezones(first_date=date(first, 1, 1), last_date=date(last + 1, 1, 1))
    missing = cal.get_missing_tzids()
    if missing:
        # A TZID without its VTIMEZONE makes Outlook shift or reject the event.
        raise ValueError(f"No VTIMEZONE for {', '.join(sorted(missing))}")


def plain_text(markdown: str) -> str:
    """Markdown as readable text: calendar apps show DESCRIPTION verbatim, and links keep
    their address since nothing in a calendar is clickable markup."""
    out: list[str] = []
    lists: list[str] = []
    for token in _md.parse(markdown or ""):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            lists.append(kind)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            if not lists:
                out.append("\n\n")
        elif kind == "list_item_open":
            marker = f"{token.info}{token.markup}" if token.info else "-"
            out.append("\n" + "  " * (len(lists) - 1) + marker + " ")
        elif kind == "inline":
            out.append(_inline(token.children or []))
        elif kind in ("paragraph_close", "heading_close", "table_close") and not token.hidden:
            out.append("\n\n")
        elif kind in ("fence", "code_block"):
            out.append(token.content + "\n")
        elif kind in ("th_open", "td_open") and out and not out[-1].endswith("\n"):
            out.append(" | ")
        elif kind in ("tr_close", "hr"):
            out.append("\n")
    text = re.sub(r"\n{3,}", "\n\n", "".join(out))
    return "\n".join(line.rstrip() for line in text.strip().splitlines())


def _inline(children: list) -> str:
    out: list[str] = []
    href, start = "", 0
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(child.content)
        elif child.type == "link_open":
            href, start = str(child.attrs.get("href", "")), len(out)
        elif child.type == "link_close" and href and "".join(out[start:]) != href:
            out.append(f" ({href})")
    return "".join(out)
