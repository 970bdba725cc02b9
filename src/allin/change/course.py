"""Yearly course correction: a target's cycle closes and the next cycle's target carries on
from it. The old target, with its results, journal and wins, stays exactly as it was."""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError

from allin.accounts.models import User
from allin.change.enums import TargetStatus
from allin.change.models import (
    ChangeTarget,
    Indicator,
    IndicatorBaseline,
    IndicatorTarget,
    OutcomeChallenge,
    ProgressMarker,
    SmartObjective,
    TacticalTask,
)
from allin.change.targets import taken_message
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.institutions.models import Membership

# Only an active target has a cycle to carry on: a draft was never published, and carrying it
# would publish it as an "earlier cycle".
CARRIES_FROM = (TargetStatus.ACTIVE,)


def next_slug(target: ChangeTarget, cycle: int) -> str:
    base = re.sub(r"-(19|20|21)\d\d$", "", target.slug)
    return f"{base}-{cycle}"[:80]


def _shift(day: date | None, years: int) -> date | None:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    if day is None:
        return None
    if day.year + years > date.max.year:
        raise ValidationError(
            f"The date {day:%B %-d, %Y} cannot move {years} year{'s' if years != 1 else ''} "
            "later: the calendar ends in 9999. Correct that date, then carry the target forward."
        )
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _current_members(institution_id: int) -> set[int]:
    return set(
        Membership.objects.filter(institution_id=institution_id, ended_at__isnull=True).values_list(
            "user_id", flat=True
        )
    )


def _copy_plan(old: ChangeTarget, new: ChangeTarget, years: int, members: set[int]) -> None:
    """Objectives and open tasks move on with their dates a cycle later; done tasks stay as
    the record of the old cycle. Indicators keep their baselines (where things started) and
    only the period targets still ahead; results stay with the cycle that measured them.
    People who have left the school are not named on the new cycle (``members``)."""
    inst = old.institution_id

    def member(user_id: int | None) -> int | None:
        return user_id if user_id in members else None

    SmartObjective.objects.bulk_create(
        SmartObjective(
            institution_id=inst,
            target=new,
            text=o.text,
            measure=o.measure,
            due_date=_shift(o.due_date, years),
            order=o.order,
        )
        for o in old.objectives.all()
    )
    TacticalTask.objects.bulk_create(
        TacticalTask(
            institution_id=inst,
            target=new,
            title=t.title,
            owner_id=member(t.owner_id),
            due_date=_shift(t.due_date, years),
            order=t.order,
        )
        for t in old.tasks.filter(done_at__isnull=True)
    )
    cycle_starts = date(new.cycle, 1, 1)
    for indicator in old.indicators.prefetch_related("baselines", "targets"):
        copy = Indicator.objects.create(
            institution_id=inst,
            target=new,
            name=indicator.name,
            definition=indicator.definition,
            unit=indicator.unit,
            direction=indicator.direction,
            data_source=indicator.data_source,
            responsible_id=member(indicator.responsible_id),
            min_cell_size=indicator.min_cell_size,
            order=indicator.order,
        )
        IndicatorBaseline.objects.bulk_create(
            IndicatorBaseline(
                institution_id=inst, indicator=copy, value=b.value, as_of=b.as_of, note=b.note
            )
            for b in indicator.baselines.all()
        )
        IndicatorTarget.objects.bulk_create(
            IndicatorTarget(
                institution_id=inst,
                indicator=copy,
                period_start=t.period_start,
                period_end=t.period_end,
                value=t.value,
            )
            for t in indicator.targets.all()
            if t.period_end >= cycle_starts
        )
    for challenge in old.challenges.prefetch_related("markers"):
        copy = OutcomeChallenge.objects.create(
            institution_id=inst,
            target=new,
            boundary_partner_id=challenge.boundary_partner_id,
            text=challenge.text,
        )
        ProgressMarker.objects.bulk_create(
            ProgressMarker(
                institution_id=inst, challenge=copy, level=m.level, order=m.order, text=m.text
            )
            for m in challenge.markers.all()
        )


def carry_forward(
    target: ChangeTarget,
    *,
    actor: User | None,
    cycle: int,
    slug: str | None = None,
    title: str | None = None,
) -> ChangeTarget:
    """Mark ``target`` course-corrected and create its successor for ``cycle``, active, with
    the same owners, sphere and intent, and a copy of what should carry (see _copy_plan)."""
    slug = slug or next_slug(target, cycle)
    with unique_or_error("slug", taken_message(slug)):
        old = (
            ChangeTarget.objects.select_for_update().select_related("institution").get(pk=target.pk)
        )
        if old.status not in CARRIES_FROM:
            raise ValidationError(
                f"Only an active target is carried forward; this one is "
                f"{old.get_status_display().lower()}."
            )
        if cycle <= old.cycle:
            raise ValidationError({"cycle": f"Pick a cycle after {old.cycle}."})
        if ChangeTarget.objects.filter(institution=old.institution, slug=slug).exists():
            raise ValidationError({"slug": taken_message(slug)})
        new = ChangeTarget(
            institution=old.institution,
            sphere_id=old.sphere_id,
            slug=slug,
            title=(title or old.title).strip(),
            desired_outcome=old.desired_outcome,
            rationale=old.rationale,
            cycle=cycle,
            status=TargetStatus.ACTIVE,
            systems_condition=old.systems_condition,
            kotter_steps=list(old.kotter_steps),
            previous=old,
            coalition_id=old.coalition_id,
        )
        new.full_clean(
            exclude=["previous", "sphere", "institution", "coalition"], validate_constraints=False
        )
        new.save()
        members = _current_members(old.institution_id)
        new.owners.set([o for o in old.owners.all() if o.pk in members])
        _copy_plan(old, new, cycle - old.cycle, members)
        old.status = TargetStatus.COURSE_CORRECTED
        old.save(update_fields=["status", "updated_at"])
        log_action(
            old,
            "change.target.course_corrected",
            actor=actor,
            institution=old.institution,
            data={"next": str(new)},
        )
        log_action(
            new,
            "change.target.carried_forward",
            actor=actor,
            institution=old.institution,
            data={"previous": str(old)},
        )
    return new
