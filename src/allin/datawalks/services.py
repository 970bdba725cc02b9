"""The organizer's writes to walks and stations. Notes and votes are in notes.py; themes,
needs and drafting targets in synthesis.py."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from allin.accounts.models import User
from allin.change.models import ChangeTarget
from allin.coalitions.models import MiniProject
from allin.core.audit import log_action
from allin.core.cache import forget_events
from allin.core.db import unique_or_error
from allin.datawalks.enums import Visibility
from allin.datawalks.figures import check_rows
from allin.datawalks.models import DataWalk, Station
from allin.institutions.models import Institution

# Addresses under /<institution>/data-walks/ that a walk's slug would hide.
RESERVED_SLUGS = {"manage", "map"}
WALK_FIELDS = ("slug", "title", "intro", "event", "opens_at", "closes_at", "visibility")
STATION_FIELDS = (
    "order",
    "title",
    "figure_title",
    "figure_rows",
    "figure_unit",
    "figure_source",
    "context",
    "quote",
    "quote_attribution",
    "sphere",
)
STATION_LINKS = ("targets", "projects")
SLUG_TAKEN = "Another data walk already uses this short name."
# Two organizers saving at once both pass the checks; the unique constraints then decide.
RACE = "Another data walk was saved with this short name or event a moment ago; try again."


def _validate_walk(walk: DataWalk) -> None:
    walk.full_clean(validate_unique=False, validate_constraints=False)
    errors: dict[str, str] = {}
    if walk.slug in RESERVED_SLUGS:
        errors["slug"] = f"“{walk.slug}” is part of the site's addresses; choose another."
    elif (
        DataWalk.objects.filter(institution=walk.institution, slug=walk.slug)
        .exclude(pk=walk.pk)
        .exists()
    ):
        errors["slug"] = SLUG_TAKEN
    if (walk.opens_at is None) != (walk.closes_at is None):
        missing = "closes_at" if walk.closes_at is None else "opens_at"
        errors[missing] = "Give both ends of the online window, or neither."
    elif walk.opens_at and walk.closes_at and walk.closes_at <= walk.opens_at:
        errors["closes_at"] = "Online notes must close after they open."
    elif walk.opens_at is None and walk.event_id is None:
        errors["opens_at"] = (
            "Give an online window, or choose the event the walk happens at, or both."
        )
    if walk.event_id:
        if walk.event.institution_id != walk.institution_id:
            errors["event"] = "Choose an event of this institution."
        else:
            other = DataWalk.objects.filter(event_id=walk.event_id).exclude(pk=walk.pk).first()
            if other is not None:
                errors["event"] = f"This event is already the data walk “{other.title}”."
    if errors:
        raise ValidationError(errors)


def _event_pages_follow(walk: DataWalk) -> None:
    # The event's page, cached for visitors, links to its walk.
    institution_id = walk.institution_id
    transaction.on_commit(lambda: forget_events(institution_id))


def create_walk(institution: Institution, *, actor: User | None, **fields: Any) -> DataWalk:
    if unknown := set(fields) - set(WALK_FIELDS):
        raise ValueError(f"Unknown data walk fields: {', '.join(sorted(unknown))}")
    fields.setdefault("visibility", Visibility.MEMBERS)
    walk = DataWalk(institution=institution, **fields)
    _validate_walk(walk)
    with unique_or_error("__all__", RACE):
        walk.save()
        log_action(walk, "datawalks.walk.created", actor=actor, institution=institution)
        if walk.event_id:
            _event_pages_follow(walk)
    return walk


def update_walk(walk: DataWalk, *, actor: User | None, **changes: Any) -> DataWalk:
    """The slug stays as created: it is on the event page and in links people were sent."""
    if unknown := set(changes) - (set(WALK_FIELDS) - {"slug"}):
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        fresh = DataWalk.objects.select_for_update().select_related("institution").get(pk=walk.pk)
        changed = {k: v for k, v in changes.items() if getattr(fresh, k) != v}
        if not changed:
            return fresh
        for key, value in changed.items():
            setattr(fresh, key, value)
        _validate_walk(fresh)
        with unique_or_error("__all__", RACE):
            fresh.save(update_fields=[*changed, "updated_at"])
        log_action(
            fresh,
            "datawalks.walk.changed",
            actor=actor,
            institution=fresh.institution,
            data={"fields": ", ".join(sorted(changed))},
        )
        if "event" in changed:
            _event_pages_follow(fresh)
    return fresh


def _validate_station(
    station: Station,
    targets: Sequence[ChangeTarget] | None,
    projects: Sequence[MiniProject] | None,
) -> None:
    station.full_clean(exclude=["walk", "institution", "figure_rows"])
    try:
        check_rows(station.figure_rows)
    except ValidationError as exc:
        raise ValidationError({"figure_rows": exc.messages}) from exc
    errors: dict[str, str] = {}
    if station.sphere_id and station.sphere.institution_id != station.institution_id:
        errors["sphere"] = "Choose a sphere of this institution."
    if any(t.institution_id != station.institution_id for t in targets or ()):
        errors["targets"] = "Choose change targets of this institution."
    if any(p.institution_id != station.institution_id for p in projects or ()):
        errors["projects"] = "Choose mini projects of this institution."
    if errors:
        raise ValidationError(errors)


def add_station(
    walk: DataWalk,
    *,
    actor: User | None,
    targets: Sequence[ChangeTarget] = (),
    projects: Sequence[MiniProject] = (),
    **fields: Any,
) -> Station:
    """Added last unless an ``order`` is given."""
    if unknown := set(fields) - set(STATION_FIELDS):
        raise ValueError(f"Unknown station fields: {', '.join(sorted(unknown))}")
    if fields.get("order") is None:
        last = Station.objects.filter(walk=walk).aggregate(last=Max("order"))["last"]
        fields["order"] = 1 if last is None else last + 1
    station = Station(institution_id=walk.institution_id, walk=walk, **fields)
    _validate_station(station, targets, projects)
    with transaction.atomic():
        station.save()
        station.targets.set(targets)
        station.projects.set(projects)
        log_action(
            walk,
            "datawalks.station.added",
            actor=actor,
            institution=walk.institution,
            data={"station": station.title},
        )
    return station


def update_station(station: Station, *, actor: User | None, **changes: Any) -> Station:
    if unknown := set(changes) - set(STATION_FIELDS) - set(STATION_LINKS):
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if changes.get("order", 0) is None:
        del changes["order"]
    links = {name: changes.pop(name) for name in STATION_LINKS if name in changes}
    with transaction.atomic():
        fresh = Station.objects.select_for_update().select_related("walk").get(pk=station.pk)
        changed = [k for k, v in changes.items() if getattr(fresh, k) != v]
        for key in changed:
            setattr(fresh, key, changes[key])
        _validate_station(fresh, links.get("targets"), links.get("projects"))
        for name, chosen in links.items():
            related = getattr(fresh, name)
            if set(related.values_list("pk", flat=True)) != {obj.pk for obj in chosen}:
                related.set(chosen)
                changed.append(name)
        if not changed:
            return fresh
        fields = [name for name in changed if name not in STATION_LINKS]
        if fields:
            fresh.save(update_fields=[*fields, "updated_at"])
        log_action(
            fresh.walk,
            "datawalks.station.changed",
            actor=actor,
            institution=fresh.walk.institution,
            data={"station": fresh.title, "fields": ", ".join(sorted(changed))},
        )
    return fresh


def remove_station(station: Station, *, actor: User | None) -> None:
    """Only a station nobody wrote on: notes are participants' words and stay with it."""
    with transaction.atomic():
        fresh = Station.objects.select_for_update().select_related("walk").get(pk=station.pk)
        if fresh.notes.exists():
            raise ValidationError("People left notes at this station; it stays. Edit it instead.")
        fresh.delete()
        log_action(
            fresh.walk,
            "datawalks.station.removed",
            actor=actor,
            institution=fresh.walk.institution,
            data={"station": fresh.title},
        )
