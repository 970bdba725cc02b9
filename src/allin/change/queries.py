"""Reads of change targets, with percent complete and the SMART rule computed in the database
so a list of any length costs the same few queries."""

from __future__ import annotations

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, NullIf

from allin.change.enums import MarkerLevel, TargetStatus
from allin.change.models import (
    ChangeTarget,
    Indicator,
    IndicatorBaseline,
    IndicatorTarget,
    OutcomeChallenge,
    ProgressMarker,
    Sphere,
    TacticalTask,
)

# A target older than this many cycles is history enough, and the walk must end even if data
# were ever made circular by hand.
MAX_CYCLES = 50


def _task_count(done: bool | None = None) -> Coalesce:
    tasks = TacticalTask.objects.filter(target=OuterRef("pk"))
    if done is not None:
        tasks = tasks.filter(done_at__isnull=not done)
    counted = tasks.order_by().values("target").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def measured_by_indicator() -> Exists:
    """An indicator with a responsible person, a baseline and a dated target."""
    return Exists(
        Indicator.objects.filter(target=OuterRef("pk"), responsible__isnull=False).filter(
            Exists(IndicatorBaseline.objects.filter(indicator=OuterRef("pk"))),
            Exists(IndicatorTarget.objects.filter(indicator=OuterRef("pk"))),
        )
    )


def mapped_at_every_level() -> Exists:
    """An outcome challenge with a progress marker at each of expect, like and love."""
    return Exists(
        OutcomeChallenge.objects.filter(target=OuterRef("pk")).filter(
            *(
                Exists(ProgressMarker.objects.filter(challenge=OuterRef("pk"), level=level))
                for level in MarkerLevel.values
            )
        )
    )


def with_progress(targets: QuerySet[ChangeTarget]) -> QuerySet[ChangeTarget]:
    """Adds ``tasks_total``, ``tasks_done``, ``percent_complete`` (done over all, rounded half
    up; None without tasks), ``smart_by_indicator``, ``smart_by_mapping`` and ``is_smart``
    (research/methods.md §3.4)."""
    return targets.annotate(
        tasks_total=_task_count(),
        tasks_done=_task_count(done=True),
        smart_by_indicator=measured_by_indicator(),
        smart_by_mapping=mapped_at_every_level(),
    ).annotate(
        # Integer arithmetic rounds half up the same way on SQLite and PostgreSQL:
        # (200·done + total) div (2·total) = round(100·done/total).
        percent_complete=ExpressionWrapper(
            (F("tasks_done") * 200 + F("tasks_total")) / NullIf(F("tasks_total") * 2, 0),
            output_field=IntegerField(),
        ),
        is_smart=ExpressionWrapper(
            Q(smart_by_indicator=True) | Q(smart_by_mapping=True), output_field=BooleanField()
        ),
    )


def is_smart(target: ChangeTarget) -> bool:
    return (
        with_progress(ChangeTarget.objects.filter(pk=target.pk))
        .values_list("is_smart", flat=True)
        .get()
    )


def percent_complete(target: ChangeTarget) -> int | None:
    return (
        with_progress(ChangeTarget.objects.filter(pk=target.pk))
        .values_list("percent_complete", flat=True)
        .get()
    )


def sphere_targets(sphere: Sphere) -> QuerySet[ChangeTarget]:
    """What the sphere works on now: drafts are not public yet, and a course-corrected target
    is shown through the cycle that carries it on."""
    return with_progress(
        ChangeTarget.objects.filter(sphere=sphere).exclude(
            status__in=[TargetStatus.DRAFT, TargetStatus.COURSE_CORRECTED]
        )
    ).order_by("-cycle", "title")


def organizer_targets(institution: object) -> QuerySet[ChangeTarget]:
    return (
        with_progress(ChangeTarget.objects.filter(institution=institution))
        .select_related("sphere")
        .order_by("sphere__order", "sphere__name", "-cycle", "title")
    )


def earlier_cycles(target: ChangeTarget) -> list[ChangeTarget]:
    """The chain of targets this one carries on from, most recent first, in two queries
    however long: the links of the institution's targets, then the targets on the chain."""
    if target.previous_id is None:
        return []
    links = dict(
        ChangeTarget.objects.filter(institution_id=target.institution_id).values_list(
            "pk", "previous_id"
        )
    )
    ids: list[int] = []
    previous_id = target.previous_id
    while previous_id is not None and previous_id in links and len(ids) < MAX_CYCLES:
        if previous_id in ids or previous_id == target.pk:
            break  # data made circular by hand
        ids.append(previous_id)
        previous_id = links[previous_id]
    found = ChangeTarget.objects.filter(pk__in=ids).select_related("institution").in_bulk()
    return [found[pk] for pk in ids if pk in found]


def target_detail(target_qs: QuerySet[ChangeTarget]) -> QuerySet[ChangeTarget]:
    """Everything the target page shows, prefetched: a handful of queries whatever its size."""
    return (
        with_progress(target_qs)
        .select_related(
            "sphere",
            "institution",
            "previous",
            "coalition",
            "data_walk_origin__walk",
            "data_walk_origin__station",
        )
        .prefetch_related(
            "owners",
            "objectives",
            "tasks__owner",
            "wins",
            "indicators__responsible",
            "indicators__baselines",
            "indicators__targets",
            "indicators__results",
            "challenges__boundary_partner",
            "challenges__markers",
            Prefetch("next_cycles", queryset=ChangeTarget.objects.select_related("institution")),
            "news__institution",
        )
    )
