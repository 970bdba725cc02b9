"""Every write to a change target itself: creating it, editing it, moving its status."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from allin.accounts.models import User
from allin.change.enums import KotterStep, SystemsCondition, TargetStatus
from allin.change.models import ChangeTarget, Sphere
from allin.change.writing import apply, not_blank, refuse_if_closed, require_members
from allin.coalitions.models import Coalition
from allin.core.audit import log_action
from allin.core.db import unique_or_error

# Set by organizers. Course-corrected is not: only carry_forward sets it, together with the
# next cycle's target, so the status always has a successor behind it.
SETTABLE = (TargetStatus.DRAFT, TargetStatus.ACTIVE, TargetStatus.ACHIEVED, TargetStatus.RETIRED)


def clean_kotter_steps(steps: Iterable[int | str]) -> list[int]:
    try:
        chosen = sorted({int(step) for step in steps})
    except (TypeError, ValueError):
        chosen = [0]
    if any(step not in KotterStep.values for step in chosen):
        raise ValidationError({"kotter_steps": "Kotter's steps are numbered 1 to 8."})
    return chosen


def _check(target: ChangeTarget, owners: Sequence[User]) -> None:
    not_blank(title=target.title, desired_outcome=target.desired_outcome)
    if target.systems_condition not in SystemsCondition.values:
        raise ValidationError({"systems_condition": "Choose one of the three conditions."})
    if not 2000 <= target.cycle <= 2200:
        raise ValidationError({"cycle": "The cycle is a year, such as 2026."})
    require_members(target.institution, owners, field="owners")
    if target.coalition_id and target.coalition.institution_id != target.institution_id:
        raise ValidationError({"coalition": "Choose a coalition of this institution."})


def taken_message(slug: str) -> str:
    return f"Another change target already has the address “{slug}”."


def create_target(
    sphere: Sphere,
    *,
    actor: User | None,
    slug: str,
    title: str,
    desired_outcome: str,
    cycle: int,
    systems_condition: str,
    rationale: str = "",
    kotter_steps: Iterable[int | str] = (),
    owners: Sequence[User] = (),
    status: str = TargetStatus.DRAFT,
    previous: ChangeTarget | None = None,
    coalition: Coalition | None = None,
) -> ChangeTarget:
    if status not in SETTABLE:
        raise ValidationError({"status": "A new target starts as a draft or active."})
    target = ChangeTarget(
        institution=sphere.institution,
        sphere=sphere,
        slug=slug,
        title=title.strip(),
        desired_outcome=desired_outcome,
        rationale=rationale,
        cycle=cycle,
        systems_condition=systems_condition,
        kotter_steps=clean_kotter_steps(kotter_steps),
        status=status,
        previous=previous,
        coalition=coalition,
    )
    _check(target, owners)
    target.full_clean(validate_constraints=False, exclude=["previous"])
    if ChangeTarget.objects.filter(institution=sphere.institution, slug=slug).exists():
        raise ValidationError({"slug": taken_message(slug)})
    with unique_or_error("slug", taken_message(slug)):
        target.save()
        target.owners.set(owners)
        log_action(
            target,
            "change.target.created",
            actor=actor,
            institution=sphere.institution,
            data={"sphere": sphere.name, "cycle": cycle},
        )
    return target


def update_target(
    target: ChangeTarget,
    *,
    actor: User | None,
    sphere: Sphere,
    title: str,
    desired_outcome: str,
    cycle: int,
    systems_condition: str,
    rationale: str = "",
    kotter_steps: Iterable[int | str] = (),
    owners: Sequence[User] = (),
    coalition: Coalition | None = None,
) -> ChangeTarget:
    """The slug stays as created: it is in shared links and in earlier cycles' pages."""
    if sphere.institution_id != target.institution_id:
        raise ValidationError({"sphere": "Choose a sphere of this institution."})
    with transaction.atomic():
        fresh = ChangeTarget.objects.select_for_update().get(pk=target.pk)
        refuse_if_closed(fresh)
        changed = apply(
            fresh,
            {
                "sphere_id": sphere.pk,
                "title": title.strip(),
                "desired_outcome": desired_outcome,
                "rationale": rationale,
                "cycle": cycle,
                "systems_condition": systems_condition,
                "kotter_steps": clean_kotter_steps(kotter_steps),
                "coalition_id": coalition.pk if coalition else None,
            },
        )
        _check(fresh, owners)
        if fresh.previous_id and cycle <= fresh.previous.cycle:
            raise ValidationError(
                {"cycle": f"This target carries on from {fresh.previous.cycle}; pick a later year."}
            )
        before = set(fresh.owners.values_list("pk", flat=True))
        if before != {u.pk for u in owners}:
            fresh.owners.set(owners)
            changed.append("owners")
        if changed:
            fields = [name for name in changed if name != "owners"]
            if fields:
                fresh.save(update_fields=[*fields, "updated_at"])
            log_action(
                fresh,
                "change.target.changed",
                actor=actor,
                institution=fresh.institution,
                data={"fields": ", ".join(name.removesuffix("_id") for name in changed)},
            )
    return fresh


def set_target_status(target: ChangeTarget, *, actor: User | None, status: str) -> ChangeTarget:
    if status not in SETTABLE:
        raise ValidationError(
            {"status": "Course correction happens by carrying the target forward to a new cycle."}
        )
    with transaction.atomic():
        fresh = ChangeTarget.objects.select_for_update().get(pk=target.pk)
        refuse_if_closed(fresh)
        back_to_draft = status == TargetStatus.DRAFT != fresh.status
        if back_to_draft and fresh.previous_id is not None:
            # The cycle it carries on from is public and links to it; a draft must not be.
            raise ValidationError(
                {
                    "status": "This target carries on an earlier cycle, whose public page "
                    "links to it, so it cannot go back to draft."
                }
            )
        if fresh.status != status:
            old = fresh.get_status_display()
            fresh.status = status
            fresh.save(update_fields=["status", "updated_at"])
            log_action(
                fresh,
                "change.target.status_changed",
                actor=actor,
                institution=fresh.institution,
                data={"from": old, "to": fresh.get_status_display()},
            )
    return fresh
