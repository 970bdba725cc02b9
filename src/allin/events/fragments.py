"""Rendered pieces of event lists, cached across people and requests.

An event's entry in the calendar (time, place, title, series, summary) is the same for everyone
who may see it; only the RSVP badge beside it is personal. Entries are kept in the cache under
the institution's events generation, which every change to an event or its seats retires.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from allin.core.cache import events_generation
from allin.events.models import Event

SECONDS = 3600


def _key(event: Event, generation: str) -> str:
    # The generation covers changes made in this process or through a shared cache; the
    # timestamps cover a change made in another worker with a per-process cache.
    series = event.series.updated_at.timestamp() if event.series else 0
    return f"allin:events:item:{event.pk}:{generation}:{event.updated_at.timestamp()}:{series}"


def calendar_items(events: Sequence[Event]) -> dict[int, SafeString]:
    if not events:
        return {}
    generation = events_generation(events[0].institution_id)
    keys = {e.pk: _key(e, generation) for e in events}
    found = cache.get_many(list(keys.values()))
    items, fresh = {}, {}
    for event in events:
        html = found.get(keys[event.pk])
        if html is None:
            html = fresh[keys[event.pk]] = render_to_string("events/_item.html", {"event": event})
        items[event.pk] = mark_safe(html)  # noqa: S308 - our own template's output
    if fresh:
        cache.set_many(fresh, SECONDS)
    return items
