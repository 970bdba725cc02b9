"""Builders for change-target tests: a sphere with one target, and quick ways to make the
target SMART by either route."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from allin.change import indicators, mapping, plan, services, targets
from allin.change.enums import IndicatorUnit, MarkerLevel, SystemsCondition, TargetStatus


def text(response) -> str:  # type: ignore[no-untyped-def]
    return response.content.decode()


def make_sphere(institution, slug="admissions", name="Admissions"):  # type: ignore[no-untyped-def]
    return services.create_sphere(institution, actor=None, slug=slug, name=name)


def make_target(sphere, slug="holistic-review", **fields):  # type: ignore[no-untyped-def]
    values = {
        "title": "Holistic review in every admissions decision",
        "desired_outcome": "Every committee member scores applicants with the holistic rubric.",
        "cycle": 2026,
        "systems_condition": SystemsCondition.STRUCTURAL,
        "kotter_steps": [3, 5],
        "status": TargetStatus.ACTIVE,
        **fields,
    }
    return targets.create_target(sphere, actor=None, slug=slug, **values)


def add_tasks(target, total: int, done: int) -> None:  # type: ignore[no-untyped-def]
    for i in range(total):
        task = plan.add_task(target, actor=None, title=f"Task {i}")
        if i < done:
            plan.set_task_done(task, actor=None, done=True)


def add_indicator(  # type: ignore[no-untyped-def]
    target,
    responsible=None,
    baseline=True,
    dated_target=True,
    unit=IndicatorUnit.PERCENT,
    name="Committee members trained",
):
    indicator = indicators.add_indicator(
        target,
        actor=None,
        name=name,
        definition="Share of committee members who finished the training.",
        unit=unit,
        responsible=responsible,
    )
    if baseline:
        indicators.add_baseline(indicator, actor=None, value=Decimal("20"), as_of=date(2025, 9, 1))
    if dated_target:
        indicators.add_period_target(
            indicator,
            actor=None,
            period_start=date(2026, 1, 1),
            period_end=date(2026, 12, 31),
            value=Decimal("80"),
        )
    return indicator


def add_mapping(target, levels=tuple(MarkerLevel.values), partner_name="Admissions committee"):  # type: ignore[no-untyped-def]
    from allin.change.models import BoundaryPartner

    partner = BoundaryPartner.objects.filter(sphere=target.sphere, name=partner_name).first()
    if partner is None:
        partner = mapping.add_boundary_partner(
            target.sphere, actor=None, name=partner_name, kind="group"
        )
    challenge = mapping.add_outcome_challenge(
        target,
        actor=None,
        boundary_partner=partner,
        text="uses the holistic rubric in every decision.",
    )
    for level in levels:
        mapping.add_marker(challenge, actor=None, level=level, text=f"Marker {level}")
    return challenge


def beta_change_objects(sphere) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """One of each change-target object, keyed by the URL argument that names it, for the URL
    sweep."""
    target = make_target(sphere, slug="beta-target")
    indicator = add_indicator(target)
    challenge = add_mapping(target, levels=[MarkerLevel.EXPECT])
    return {
        "target": target.slug,
        "what": "task",
        "task": plan.add_task(target, actor=None, title="Beta task").public_id,
        "objective": plan.add_objective(
            target, actor=None, text="Beta objective", measure="Count", due_date=date(2026, 6, 1)
        ).public_id,
        "win": plan.add_win(target, actor=None, date=date(2025, 6, 1), title="Beta win").public_id,
        "indicator": indicator.public_id,
        "record": indicator.baselines.get().public_id,
        "outcome": challenge.public_id,
        "marker": challenge.markers.get().public_id,
        "partner": challenge.boundary_partner.public_id,
    }
