"""Builders for data-walk tests: an open walk with a station, notes on it, and one of each
object of Beta for the URL sweep."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from allin.datawalks import notes, services, synthesis
from allin.datawalks.enums import Prompt, Visibility
from allin.datawalks.models import DataWalk, Note, Station, Theme, Vote

FIGURES = [["Black", "7"], ["Latinx", "9"], ["White", "52"], ["Asian, South Asian", "24"]]


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def make_walk(institution, slug="gsbs-2023", **fields) -> DataWalk:  # type: ignore[no-untyped-def]
    """Open online now, for a day, unless told otherwise."""
    now = timezone.now().replace(microsecond=0)
    values = {
        "title": "GSBS Data Walk",
        "intro": "Drop in any time; stay as long as you like.",
        "opens_at": now - timedelta(hours=1),
        "closes_at": now + timedelta(days=1),
        **fields,
    }
    return services.create_walk(institution, actor=None, slug=slug, **values)


def make_station(walk, title="Who studies here", **fields) -> Station:  # type: ignore[no-untyped-def]
    values = {
        "figure_title": "PhD students by race and ethnicity",
        "figure_rows": FIGURES,
        "figure_unit": "%",
        **fields,
    }
    return services.add_station(walk, actor=None, title=title, **values)


def leave(
    station, author, body="Fewer Black students than in the city.", prompt=Prompt.NOTICE
) -> Note:  # type: ignore[no-untyped-def]
    return notes.post_note(station, author=author, prompt=prompt, body=body)


def beta_datawalk_objects(institution, author) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A members-only walk of Beta with a station, a note and a theme, keyed by URL argument."""
    walk = make_walk(institution, slug="beta-walk", visibility=Visibility.MEMBERS)
    station = make_station(walk, title="Beta station")
    note = leave(station, author, body="Beta's words.")
    theme = synthesis.add_theme(walk, actor=None, name="Beta theme")
    return {
        "walk": walk.slug,
        "station": station.public_id,
        "note": note.public_id,
        "theme": theme.public_id,
    }


def beta_datawalk_state(institution) -> tuple[object, ...]:  # type: ignore[no-untyped-def]
    return (
        sorted(
            DataWalk.objects.filter(institution=institution).values_list(
                "slug", "title", "event_id", "opens_at", "closes_at", "visibility"
            )
        ),
        sorted(
            Station.objects.filter(institution=institution).values_list(
                "public_id", "title", "order", "figure_rows"
            )
        ),
        sorted(
            Note.objects.filter(institution=institution).values_list(
                "public_id", "body", "theme_id", "need_sphere_id"
            )
        ),
        sorted(Theme.objects.filter(institution=institution).values_list("public_id", "name")),
        Vote.objects.filter(institution=institution).count(),
    )
