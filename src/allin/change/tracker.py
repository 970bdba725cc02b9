"""The change target tracker: for each sphere, each target's percent complete, status, latest
result against its target and the sphere's latest action update, in a fixed number of queries
however many targets, tasks and results there are."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch

from allin.change.enums import TargetStatus
from allin.change.models import (
    ChangeTarget,
    Indicator,
    IndicatorResult,
    IndicatorTarget,
    Sphere,
)
from allin.change.queries import with_progress
from allin.institutions.models import Institution

# The years a target's cycle may take (the model's check constraint).
FIRST_CYCLE, LAST_CYCLE = 2000, 2200
BAR_WIDTH = 320  # pixels for 100 % in the chart
ROW_HEIGHT = 28


@dataclass(frozen=True)
class Measure:
    indicator: Indicator
    result: IndicatorResult
    goal: IndicatorTarget | None

    @property
    def hidden(self) -> bool:
        return self.result.suppressed

    @property
    def shown_result(self) -> str:
        return self.result.shown_value

    @property
    def shown_goal(self) -> str:
        return self.goal.shown_value if self.goal else ""


@dataclass(frozen=True)
class Row:
    target: ChangeTarget
    measure: Measure | None

    @property
    def bar(self) -> int:
        return round((self.target.percent_complete or 0) * BAR_WIDTH / 100)


@dataclass(frozen=True)
class SphereTrack:
    sphere: Sphere
    rows: list[Row]
    latest_update: object | None  # the sphere's section of the latest published update

    @property
    def chart_height(self) -> int:
        return ROW_HEIGHT * len(self.rows)


def cycles(institution: Institution) -> list[int]:
    return sorted(
        set(
            ChangeTarget.objects.filter(institution=institution)
            .exclude(status=TargetStatus.DRAFT)
            .values_list("cycle", flat=True)
        ),
        reverse=True,
    )


def _measure(target: ChangeTarget) -> Measure | None:
    """The first indicator's latest result, against the goal for that period (or the next
    goal after it): the one figure a reader of the tracker wants."""
    for indicator in target.indicators.all():
        results = list(indicator.results.all())
        if not results:
            continue
        latest = results[-1]
        goals = list(indicator.targets.all())
        goal = next((g for g in goals if g.period_end >= latest.period_end), None)
        return Measure(indicator, latest, goal or (goals[-1] if goals else None))
    return None


def track(
    institution: Institution, cycle: int, latest_updates: Mapping[int, object] | None = None
) -> list[SphereTrack]:
    """``latest_updates`` maps a sphere id to its latest published update section; the view
    brings it from the community app, which this module does not know."""
    latest_updates = latest_updates or {}
    spheres = list(Sphere.objects.filter(institution=institution).select_related("institution"))
    targets = (
        with_progress(
            ChangeTarget.objects.filter(institution=institution, cycle=cycle).exclude(
                status=TargetStatus.DRAFT
            )
        )
        .select_related("institution")
        .prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order", "name")),
            Prefetch(
                "indicators__results", queryset=IndicatorResult.objects.order_by("period_end", "id")
            ),
            Prefetch(
                "indicators__targets", queryset=IndicatorTarget.objects.order_by("period_end", "id")
            ),
        )
        .order_by("title")
    )
    by_sphere: dict[int, list[Row]] = {s.pk: [] for s in spheres}
    for target in targets:
        by_sphere.setdefault(target.sphere_id, []).append(Row(target, _measure(target)))
    return [SphereTrack(s, by_sphere[s.pk], latest_updates.get(s.pk)) for s in spheres]


def current_cycle(institution: Institution, today: date) -> int:
    known = cycles(institution)
    return today.year if not known or today.year in known else known[0]
