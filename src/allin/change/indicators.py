"""Every write to a target's indicators: the indicator, its baselines, its targets per period
and its results. A result built from few people is stored as suppressed and never shown
(research/methods.md §5.3)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model

from allin.accounts.models import User
from allin.change.enums import IndicatorUnit
from allin.change.models import (
    ChangeTarget,
    Indicator,
    IndicatorBaseline,
    IndicatorResult,
    IndicatorTarget,
)
from allin.change.models.indicators import small_count
from allin.change.writing import (
    apply,
    locked_target,
    not_blank,
    require_members,
)
from allin.core.audit import log_action
from allin.core.privacy import THRESHOLD

INDICATOR_FIELDS = (
    "name",
    "definition",
    "unit",
    "direction",
    "data_source",
    "responsible",
    "min_cell_size",
)


def is_suppressed(
    min_cell_size: int,
    numerator: int | None,
    denominator: int | None,
    *,
    unit: str = "",
    value: Decimal | None = None,
) -> bool:
    """A rate needs its numerator, its denominator and their difference all at least the cell
    size: "100% of a group of 6" names all six. A mean needs at least that many people. A count
    is itself a number of people: 3 people hired is hidden, 0 names nobody and is shown."""
    if value is not None and small_count(value, unit, min_cell_size):
        return True
    if numerator is None and denominator is None:
        return False
    if numerator is None:
        return denominator is not None and denominator < min_cell_size
    if denominator is None:
        return numerator < min_cell_size
    return min(numerator, denominator, denominator - numerator) < min_cell_size


def _log(obj: Model, action: str, indicator: Indicator, actor: User | None, **data: object) -> None:
    log_action(
        obj,
        action,
        actor=actor,
        institution=indicator.target.institution,
        data={"indicator": indicator.name, **data},
    )


def _check_indicator(indicator: Indicator) -> None:
    not_blank(name=indicator.name, definition=indicator.definition)
    if indicator.min_cell_size < THRESHOLD:
        raise ValidationError(
            {"min_cell_size": f"The smallest group shown can be {THRESHOLD} people, not fewer."}
        )
    indicator.full_clean(exclude=["institution", "target"], validate_constraints=False)
    require_members(indicator.target.institution, [indicator.responsible], field="responsible")


def add_indicator(target: ChangeTarget, *, actor: User | None, **fields: object) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Not an indicator field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        fresh = locked_target(target)
        indicator = Indicator(
            institution_id=fresh.institution_id,
            target=fresh,
            order=fresh.indicators.count(),
            **fields,
        )
        _check_indicator(indicator)
        indicator.save()
        _log(indicator, "change.indicator.added", indicator, actor, target=fresh.title)
    return indicator


def update_indicator(indicator: Indicator, *, actor: User | None, **fields: object) -> Indicator:
    unknown = set(fields) - set(INDICATOR_FIELDS)
    if unknown:
        raise TypeError(f"Not an indicator field: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        target = locked_target(indicator.target)
        fresh = Indicator.objects.select_related("target__institution").get(pk=indicator.pk)
        changed = apply(fresh, fields)
        _check_indicator(fresh)
        if changed and fresh.results.exists() and {"unit", "min_cell_size"} & set(changed):
            # Results were suppressed (or not) under the old rule; a new rule would show some.
            raise ValidationError(
                "This indicator has results; its unit and smallest group size stay as they "
                "were measured."
            )
        if changed:
            fresh.save(update_fields=changed)
            _log(
                fresh,
                "change.indicator.changed",
                fresh,
                actor,
                target=target.title,
                fields=", ".join(changed),
            )
    return fresh


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError({"period_end": "The period must end on or after its start."})


def add_baseline(
    indicator: Indicator, *, actor: User | None, value: Decimal, as_of: date, note: str = ""
) -> IndicatorBaseline:
    with transaction.atomic():
        locked_target(indicator.target)
        baseline = IndicatorBaseline.objects.create(
            institution_id=indicator.institution_id,
            indicator=indicator,
            value=value,
            as_of=as_of,
            note=note.strip(),
        )
        _log(baseline, "change.baseline.added", indicator, actor, value=str(value))
    return baseline


def add_period_target(
    indicator: Indicator,
    *,
    actor: User | None,
    period_start: date,
    period_end: date,
    value: Decimal,
) -> IndicatorTarget:
    _check_period(period_start, period_end)
    with transaction.atomic():
        locked_target(indicator.target)
        aim = IndicatorTarget.objects.create(
            institution_id=indicator.institution_id,
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            value=value,
        )
        _log(aim, "change.indicator_target.added", indicator, actor, value=str(value))
    return aim


def delete_indicator_part(part: IndicatorBaseline | IndicatorTarget, *, actor: User | None) -> None:
    """Take back a baseline or a period target entered by mistake."""
    indicator = part.indicator
    with transaction.atomic():
        locked_target(indicator.target)
        type(part).objects.filter(pk=part.pk).delete()
        _log(indicator, "change.indicator_part.deleted", indicator, actor, removed=str(part))


def _result_value(
    indicator: Indicator, value: Decimal | None, numerator: int | None, denominator: int | None
) -> Decimal:
    errors = {}
    if numerator is not None and denominator is not None and numerator > denominator:
        errors["numerator"] = "The numerator cannot be larger than the denominator."
    if indicator.unit == IndicatorUnit.PERCENT:
        # Without the counts nobody can tell whether a percentage points at a few people.
        for name, count in (("numerator", numerator), ("denominator", denominator)):
            if count is None:
                errors.setdefault(name, "A percentage needs the counts behind it.")
    if indicator.unit == IndicatorUnit.MEAN and denominator is None:
        errors["denominator"] = "A mean needs the number of people it is taken over."
    if errors:
        raise ValidationError(errors)
    if value is None:
        if indicator.unit == IndicatorUnit.PERCENT and denominator:
            value = (Decimal(100) * numerator / denominator).quantize(  # type: ignore[operator]
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        else:
            raise ValidationError({"value": "Enter the value measured."})
    return value


def record_result(
    indicator: Indicator,
    *,
    actor: User | None,
    period_start: date,
    period_end: date,
    value: Decimal | None = None,
    numerator: int | None = None,
    denominator: int | None = None,
    evidence_url: str = "",
) -> IndicatorResult:
    """Results may be recorded on a course-corrected target: data for a past cycle often
    arrives after the cycle is closed, and it belongs to that cycle."""
    _check_period(period_start, period_end)
    with transaction.atomic():
        # The target's lock orders this after any change to the indicator's unit or smallest
        # group, so the rule applied is the one stored. Closed targets still take results.
        locked_target(indicator.target, allow_closed=True)
        indicator = Indicator.objects.select_related("target__institution").get(pk=indicator.pk)
        value = _result_value(indicator, value, numerator, denominator)
        overlapping = indicator.results.filter(
            period_start__lte=period_end, period_end__gte=period_start
        ).first()
        if overlapping is not None:
            # A year next to three of its quarters gives the fourth away by subtraction.
            raise ValidationError(
                {
                    "period_start": (
                        f"This period overlaps the result for {overlapping.period_start} to "
                        f"{overlapping.period_end}. Results of one indicator "
                        "cover separate periods, so a hidden one cannot be worked out from the "
                        "others; remove that result first if it was entered by mistake."
                    )
                }
            )
        result = IndicatorResult(
            institution_id=indicator.institution_id,
            indicator=indicator,
            period_start=period_start,
            period_end=period_end,
            value=value,
            numerator=numerator,
            denominator=denominator,
            evidence_url=evidence_url,
            entered_by=actor if actor is not None and actor.is_authenticated else None,
        )
        result.suppressed = is_suppressed(
            indicator.min_cell_size, numerator, denominator, unit=indicator.unit, value=value
        )
        result.full_clean(
            exclude=["institution", "indicator", "entered_by"], validate_constraints=False
        )
        result.save()
        # The audit entry must not carry the value of a suppressed result either.
        _log(
            result,
            "change.result.recorded",
            indicator,
            actor,
            period=f"{period_start} to {period_end}",
            suppressed=result.suppressed,
        )
    return result


def delete_result(result: IndicatorResult, *, actor: User | None) -> None:
    indicator = result.indicator
    with transaction.atomic():
        IndicatorResult.objects.filter(pk=result.pk).delete()
        _log(
            indicator,
            "change.result.deleted",
            indicator,
            actor,
            period=f"{result.period_start} to {result.period_end}",
        )
