"""Every write to a target's Outcome Mapping: boundary partners (per sphere), outcome
challenges and their progress markers, and the outcome journal with its marker ratings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from allin.accounts.models import User
from allin.change.enums import ChangeLevel, MarkerLevel, PartnerKind
from allin.change.models import (
    BoundaryPartner,
    ChangeTarget,
    MarkerRating,
    OutcomeChallenge,
    OutcomeJournalEntry,
    ProgressMarker,
    Sphere,
)
from allin.change.writing import apply, locked_target, not_blank
from allin.core.audit import log_action
from allin.core.db import unique_or_error


def _log(obj: Model, action: str, institution: object, actor: User | None, **data: object) -> None:
    log_action(obj, action, actor=actor, institution=institution, data=data)  # type: ignore[arg-type]


def _partner_taken(sphere: Sphere, name: str, exclude: int | None = None) -> str | None:
    clash = BoundaryPartner.objects.filter(sphere=sphere, name__iexact=name.strip())
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    return (
        f"{sphere.name} already has a boundary partner named “{name.strip()}”."
        if clash.exists()
        else None
    )


def add_boundary_partner(
    sphere: Sphere, *, actor: User | None, name: str, kind: str, description: str = ""
) -> BoundaryPartner:
    not_blank(name=name)
    if kind not in PartnerKind.values:
        raise ValidationError({"kind": "Choose individual, group or organisation."})
    if message := _partner_taken(sphere, name):
        raise ValidationError({"name": message})
    with unique_or_error("name", f"{sphere.name} already has a boundary partner of that name."):
        partner = BoundaryPartner.objects.create(
            institution_id=sphere.institution_id,
            sphere=sphere,
            name=name.strip(),
            kind=kind,
            description=description,
        )
        _log(partner, "change.partner.added", sphere.institution, actor, sphere=sphere.name)
    return partner


def update_boundary_partner(
    partner: BoundaryPartner, *, actor: User | None, name: str, kind: str, description: str = ""
) -> BoundaryPartner:
    not_blank(name=name)
    if kind not in PartnerKind.values:
        raise ValidationError({"kind": "Choose individual, group or organisation."})
    if message := _partner_taken(partner.sphere, name, exclude=partner.pk):
        raise ValidationError({"name": message})
    with unique_or_error("name", "Another boundary partner of this sphere has that name."):
        fresh = BoundaryPartner.objects.select_for_update().get(pk=partner.pk)
        changed = apply(fresh, {"name": name.strip(), "kind": kind, "description": description})
        if changed:
            fresh.save(update_fields=changed)
            _log(
                fresh,
                "change.partner.changed",
                partner.sphere.institution,
                actor,
                fields=", ".join(changed),
            )
    return fresh


def _check_partner(target: ChangeTarget, partner: BoundaryPartner) -> None:
    if partner.institution_id != target.institution_id or partner.sphere_id != target.sphere_id:
        raise ValidationError(
            {"boundary_partner": "Choose a boundary partner of this target's sphere."}
        )


def add_outcome_challenge(
    target: ChangeTarget, *, actor: User | None, boundary_partner: BoundaryPartner, text: str
) -> OutcomeChallenge:
    not_blank(text=text)
    _check_partner(target, boundary_partner)
    with transaction.atomic():
        fresh = locked_target(target)
        challenge = OutcomeChallenge.objects.create(
            institution_id=fresh.institution_id,
            target=fresh,
            boundary_partner=boundary_partner,
            text=text.strip(),
        )
        _log(challenge, "change.outcome.added", fresh.institution, actor, target=fresh.title)
    return challenge


def update_outcome_challenge(
    challenge: OutcomeChallenge, *, actor: User | None, boundary_partner: BoundaryPartner, text: str
) -> OutcomeChallenge:
    not_blank(text=text)
    _check_partner(challenge.target, boundary_partner)
    with transaction.atomic():
        target = locked_target(challenge.target)
        fresh = OutcomeChallenge.objects.get(pk=challenge.pk)
        changed = apply(fresh, {"boundary_partner_id": boundary_partner.pk, "text": text.strip()})
        if changed:
            fresh.save(update_fields=changed)
            _log(fresh, "change.outcome.changed", target.institution, actor, target=target.title)
    return fresh


def add_marker(
    challenge: OutcomeChallenge, *, actor: User | None, level: str, text: str
) -> ProgressMarker:
    not_blank(text=text)
    if level not in MarkerLevel.values:
        raise ValidationError({"level": "Choose expect, like or love to see."})
    with transaction.atomic():
        target = locked_target(challenge.target)
        marker = ProgressMarker.objects.create(
            institution_id=challenge.institution_id,
            challenge=challenge,
            level=level,
            text=text.strip(),
            order=challenge.markers.filter(level=level).count(),
        )
        _log(marker, "change.marker.added", target.institution, actor, target=target.title)
    return marker


def delete_marker(marker: ProgressMarker, *, actor: User | None) -> None:
    """A marker rated in the journal is part of that record and stays."""
    with transaction.atomic():
        target = locked_target(marker.challenge.target)
        if MarkerRating.objects.filter(marker=marker).exists():
            raise ValidationError(
                "This marker has been rated in the outcome journal; it stays with those entries."
            )
        ProgressMarker.objects.filter(pk=marker.pk).delete()
        _log(
            marker.challenge, "change.marker.deleted", target.institution, actor, marker=marker.text
        )


@dataclass(frozen=True)
class Rating:
    marker: ProgressMarker
    level: str
    note: str = ""


def write_journal_entry(
    target: ChangeTarget,
    *,
    actor: User | None,
    period_start: date,
    period_end: date,
    description: str,
    contributing_factors: str = "",
    evidence: str = "",
    unanticipated_change: str = "",
    lessons: str = "",
    ratings: list[Rating] | tuple[Rating, ...] = (),
    boundary_partner: BoundaryPartner | None = None,
) -> OutcomeJournalEntry:
    """An entry about a target, optionally narrowed to one of its boundary partners. Allowed on
    a course-corrected target: the journal looks back, and a cycle is often written up after
    it ends."""
    not_blank(description=description)
    if period_end < period_start:
        raise ValidationError({"period_end": "The period must end on or after its start."})
    if boundary_partner is not None:
        _check_partner(target, boundary_partner)
    if len({r.marker.pk for r in ratings}) != len(ratings):
        raise ValidationError("Rate each progress marker once.")
    if any(r.level not in ChangeLevel.values for r in ratings):
        raise ValidationError("Rate each marker none, low, medium or high.")
    with transaction.atomic():
        # The lock delete_marker takes: a marker cannot go between this check and the rating.
        target = locked_target(target, allow_closed=True)
        allowed = set(
            ProgressMarker.objects.filter(challenge__target=target).values_list("pk", flat=True)
        )
        if any(r.marker.pk not in allowed for r in ratings):
            raise ValidationError("Rate only the progress markers of this target.")
        entry = OutcomeJournalEntry.objects.create(
            institution_id=target.institution_id,
            target=target,
            boundary_partner=boundary_partner,
            period_start=period_start,
            period_end=period_end,
            description=description.strip(),
            contributing_factors=contributing_factors,
            evidence=evidence,
            unanticipated_change=unanticipated_change,
            lessons=lessons,
            author=actor if actor is not None and actor.is_authenticated else None,
        )
        MarkerRating.objects.bulk_create(
            MarkerRating(
                institution_id=target.institution_id,
                entry=entry,
                marker=r.marker,
                level=r.level,
                note=r.note.strip(),
            )
            for r in ratings
        )
        _log(
            entry,
            "change.journal.written",
            target.institution,
            actor,
            target=target.title,
            period=f"{period_start} to {period_end}",
        )
    return entry
