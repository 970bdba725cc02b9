"""First drafts of a month's sphere updates, written from what the data says changed: tasks
done, results recorded, short-term wins, targets started. Organizers edit them; a sphere with
nothing in the data starts as "nothing to report"."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget, IndicatorResult, ShortTermWin, Sphere, TacticalTask
from allin.institutions.models import Institution


def _month_bounds(institution: Institution, month: date) -> tuple[datetime, datetime]:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    zone = institution.zone
    return datetime.combine(month, time(), zone), datetime.combine(following, time(), zone)


@dataclass(frozen=True)
class Draft:
    body: str
    targets: list[ChangeTarget]


def drafts(institution: Institution, spheres: list[Sphere], month: date) -> dict[int, Draft]:
    """A draft per sphere id, only for spheres where something happened: its markdown and the
    targets it speaks of."""
    start, end = _month_bounds(institution, month)
    lines: dict[int, dict[ChangeTarget, list[str]]] = defaultdict(lambda: defaultdict(list))
    ids = [s.pk for s in spheres]
    for target in ChangeTarget.objects.filter(
        sphere_id__in=ids, created_at__gte=start, created_at__lt=end
    ).exclude(status=TargetStatus.DRAFT):
        lines[target.sphere_id][target].append("New change target for this cycle.")
    # A draft target is not public yet; nothing of it goes into a post meant for everyone.
    for task in (
        TacticalTask.objects.filter(target__sphere_id__in=ids, done_at__gte=start, done_at__lt=end)
        .exclude(target__status=TargetStatus.DRAFT)
        .select_related("target")
    ):
        lines[task.target.sphere_id][task.target].append(f"Done: {task.title}.")
    for result in (
        IndicatorResult.objects.filter(
            indicator__target__sphere_id__in=ids, entered_at__gte=start, entered_at__lt=end
        )
        .exclude(indicator__target__status=TargetStatus.DRAFT)
        .select_related("indicator__target")
    ):
        target = result.indicator.target
        if result.suppressed:
            # The value stays hidden here too: a draft is read by more people than the data.
            text = f"{result.indicator.name}: a result was recorded (too few people to show)."
        else:
            text = f"{result.indicator.name}: {result.shown_value} for {result.period_start:%B %Y}."
        lines[target.sphere_id][target].append(text)
    for win in (
        ShortTermWin.objects.filter(
            target__sphere_id__in=ids, date__gte=start.date(), date__lt=end.date()
        )
        .exclude(target__status=TargetStatus.DRAFT)
        .select_related("target")
    ):
        lines[win.target.sphere_id][win.target].append(f"Short-term win: {win.title}.")
    return {
        sphere_id: Draft(
            "\n\n".join(
                f"**{target.title}**\n\n" + "\n".join(f"- {line}" for line in entries)
                for target, entries in per_target.items()
            ),
            list(per_target),
        )
        for sphere_id, per_target in lines.items()
    }
