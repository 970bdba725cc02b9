"""The benchmark's change work: the first school's targets, tasks and results grow with the
data set, so the tracker and the community map are measured at ten times the size too.
Bulk-created like the rest of the scaled data: the services are measured by the tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from allin.change.enums import SystemsCondition, TargetStatus
from allin.change.models import (
    ChangeTarget,
    Indicator,
    IndicatorResult,
    IndicatorTarget,
    Sphere,
    TacticalTask,
)
from allin.coalitions.models import MiniProject
from allin.institutions.models import Institution

SPHERES = (
    "Admissions",
    "Clinical",
    "Curricular Affairs",
    "Students",
    "Student Affairs",
    "Student Resources",
)
TASKS, RESULTS = 6, 6


def build_change_scale(school: Institution, targets: int) -> int:
    year = timezone.localdate().year
    spheres = Sphere.objects.bulk_create(
        Sphere(institution=school, slug=f"sphere-{i}", name=name, order=i)
        for i, name in enumerate(SPHERES)
    )
    made = ChangeTarget.objects.bulk_create(
        ChangeTarget(
            institution=school,
            sphere=spheres[i % len(spheres)],
            slug=f"target-{i:04d}",
            title=f"Change target {i}",
            desired_outcome="A measurable change in how the school works.",
            cycle=year,
            status=TargetStatus.ACTIVE,
            systems_condition=SystemsCondition.STRUCTURAL,
        )
        for i in range(targets)
    )
    now = timezone.now()
    TacticalTask.objects.bulk_create(
        TacticalTask(
            institution=school,
            target=t,
            title=f"Step {j}",
            order=j,
            done_at=now if j < i % (TASKS + 1) else None,
        )
        for i, t in enumerate(made)
        for j in range(TASKS)
    )
    indicators = Indicator.objects.bulk_create(
        Indicator(
            institution=school,
            target=t,
            name="People trained",
            definition="Of all people in scope.",
            unit="count",
        )
        for t in made
    )
    IndicatorTarget.objects.bulk_create(
        IndicatorTarget(
            institution=school,
            indicator=ind,
            period_start=date(year, 1, 1),
            period_end=date(year, 12, 31),
            value=Decimal(100),
        )
        for ind in indicators
    )
    IndicatorResult.objects.bulk_create(
        IndicatorResult(
            institution=school,
            indicator=ind,
            period_start=date(year, month, 1),
            period_end=date(year, month, 28),
            value=Decimal(10 * month),
        )
        for ind in indicators
        for month in range(1, RESULTS + 1)
    )
    MiniProject.objects.bulk_create(
        MiniProject(
            institution=school,
            slug=f"project-{i:04d}",
            title=f"Mini project {i}",
            sphere=spheres[i % len(spheres)],
            capacity=10,
        )
        for i in range(max(1, targets // 5))
    )
    return len(made)
