"""Reads other apps show of the action updates."""

from __future__ import annotations

from collections.abc import Iterable

from allin.change.models import Sphere
from allin.community.models import SphereReport


def latest_reports(spheres: Iterable[Sphere]) -> dict[int, SphereReport]:
    """Each sphere's section of the latest published update, by sphere id, in one query."""
    latest: dict[int, SphereReport] = {}
    for report in (
        SphereReport.objects.filter(sphere__in=spheres, update__post__isnull=False)
        .select_related("update__post__institution")
        .order_by("-update__month")
    ):
        latest.setdefault(report.sphere_id, report)
    return latest
