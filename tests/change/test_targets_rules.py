"""Percent complete and the SMART rule, computed from the data (research/methods.md §3.4)."""

import pytest

from allin.change import plan, queries
from allin.change.enums import MarkerLevel
from allin.change.models import ChangeTarget
from tests.change.helpers import add_indicator, add_mapping, add_tasks, make_sphere, make_target


@pytest.fixture
def target(institution):
    return make_target(make_sphere(institution))


def test_no_tasks_means_no_percentage(target):
    assert queries.percent_complete(target) is None


@pytest.mark.parametrize(
    ("total", "done", "percent"),
    [(1, 0, 0), (1, 1, 100), (3, 1, 33), (3, 2, 67), (8, 1, 13), (200, 1, 1), (200, 199, 100)],
)
def test_percent_complete_is_done_over_all_rounded_half_up(target, total, done, percent):
    add_tasks(target, total, done)
    assert queries.percent_complete(target) == percent


def test_reopening_a_task_lowers_the_percentage(target):
    add_tasks(target, 2, 2)
    task = target.tasks.first()
    plan.set_task_done(task, actor=None, done=False)
    assert queries.percent_complete(target) == 50


def test_a_target_with_nothing_is_not_smart(target):
    assert queries.is_smart(target) is False


def test_an_indicator_with_baseline_dated_target_and_responsible_person_is_smart(target, organizer):
    add_indicator(target, responsible=organizer)
    assert queries.is_smart(target) is True


@pytest.mark.parametrize(
    "missing",
    [
        {"responsible": None},
        {"baseline": False},
        {"dated_target": False},
    ],
)
def test_an_indicator_missing_one_part_is_not_enough(target, organizer, missing):
    add_indicator(target, **{"responsible": organizer, **missing})
    assert queries.is_smart(target) is False


def test_the_parts_must_be_on_the_same_indicator(target, organizer):
    add_indicator(target, responsible=organizer, baseline=False, name="One")
    add_indicator(target, responsible=organizer, dated_target=False, name="Two")
    assert queries.is_smart(target) is False


def test_markers_at_all_three_levels_make_it_smart(target):
    add_mapping(target)
    assert queries.is_smart(target) is True


@pytest.mark.parametrize("absent", MarkerLevel.values)
def test_markers_missing_a_level_are_not_enough(target, absent):
    add_mapping(target, levels=[lv for lv in MarkerLevel.values if lv != absent])
    assert queries.is_smart(target) is False


def test_levels_split_across_two_challenges_are_not_enough(target):
    add_mapping(target, levels=[MarkerLevel.EXPECT, MarkerLevel.LIKE])
    add_mapping(target, levels=[MarkerLevel.LOVE], partner_name="Student affairs deans")
    assert queries.is_smart(target) is False


def test_a_list_annotates_each_target_by_its_own_data(institution, organizer):
    sphere = make_sphere(institution)
    make_target(sphere, slug="plain")
    measured = make_target(sphere, slug="measured")
    mapped = make_target(sphere, slug="mapped")
    add_indicator(measured, responsible=organizer)
    add_mapping(mapped)
    add_tasks(mapped, 4, 1)
    add_tasks(measured, 2, 2)
    found = {t.slug: t for t in queries.with_progress(ChangeTarget.objects.all())}
    assert [found[s].is_smart for s in ("plain", "measured", "mapped")] == [False, True, True]
    assert found["measured"].smart_by_indicator and not found["measured"].smart_by_mapping
    assert [found[s].percent_complete for s in ("plain", "measured", "mapped")] == [None, 100, 25]
    assert (found["mapped"].tasks_done, found["mapped"].tasks_total) == (1, 4)
