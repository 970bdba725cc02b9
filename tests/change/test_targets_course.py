"""Yearly course correction: the next cycle carries on, the old one stays as it was."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from allin.change import course, indicators, mapping, plan, queries, targets
from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget
from allin.core.models import ActivityLog
from tests.change.helpers import (
    add_indicator,
    add_mapping,
    add_tasks,
    make_sphere,
    make_target,
    text,
)


@pytest.fixture
def old(institution, organizer, member):
    sphere = make_sphere(institution)
    found = make_target(sphere, slug="holistic-review-2026", owners=[member])
    add_tasks(found, 3, 2)
    add_mapping(found)
    indicator = add_indicator(found, responsible=organizer)
    indicators.add_period_target(
        indicator,
        actor=None,
        period_start=date(2027, 1, 1),
        period_end=date(2027, 12, 31),
        value=Decimal("90"),
    )
    indicators.record_result(
        indicator,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        numerator=40,
        denominator=60,
    )
    plan.add_objective(
        found, actor=None, text="Train readers", measure="Roster", due_date=date(2024, 2, 29)
    )
    plan.add_win(found, actor=None, date=date(2026, 5, 1), title="Pilot done")
    mapping.write_journal_entry(
        found,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        description="Committees tried it.",
    )
    return found


def snapshot(target):
    target = ChangeTarget.objects.get(pk=target.pk)
    return {
        "fields": (target.title, target.cycle, target.desired_outcome, target.kotter_steps),
        "tasks": sorted(target.tasks.values_list("title", "done_at")),
        "objectives": sorted(target.objectives.values_list("text", "due_date")),
        "indicators": sorted(target.indicators.values_list("name", "responsible_id")),
        "baselines": sorted(target.indicators.values_list("baselines__value", "baselines__as_of")),
        "aims": sorted(target.indicators.values_list("targets__period_end", "targets__value")),
        "results": sorted(target.indicators.values_list("results__value", "results__suppressed")),
        "markers": sorted(target.challenges.values_list("markers__level", "markers__text")),
        "wins": sorted(target.wins.values_list("title", flat=True)),
        "journal": sorted(target.journal_entries.values_list("description", flat=True)),
        "percent": queries.percent_complete(target),
    }


def test_carrying_forward_copies_what_carries_and_keeps_the_old_cycle(old, organizer, member):
    before = snapshot(old)
    new = course.carry_forward(old, actor=organizer, cycle=2027)
    after = snapshot(old)
    assert after == before
    old.refresh_from_db()
    assert old.status == TargetStatus.COURSE_CORRECTED
    assert (new.slug, new.cycle, new.status, new.previous) == (
        "holistic-review-2027",
        2027,
        TargetStatus.ACTIVE,
        old,
    )
    assert list(new.owners.all()) == [member]
    assert list(new.tasks.values_list("title", flat=True)) == ["Task 2"]  # the open one
    assert queries.percent_complete(new) == 0
    # 29 February 2024 moves to 28 February 2025, one cycle later.
    assert list(new.objectives.values_list("due_date", flat=True)) == [date(2025, 2, 28)]
    copied = new.indicators.get()
    assert copied.baselines.count() == 1
    assert list(copied.targets.values_list("period_end", flat=True)) == [date(2027, 12, 31)]
    assert not copied.results.exists()
    assert sorted(new.challenges.get().markers.values_list("level", flat=True)) == [
        "expect",
        "like",
        "love",
    ]
    assert not new.wins.exists() and not new.journal_entries.exists()
    assert queries.is_smart(new) is True
    assert ActivityLog.objects.filter(action="change.target.course_corrected").count() == 1


def test_the_old_cycle_is_frozen_but_still_takes_late_results(old):
    course.carry_forward(old, actor=None, cycle=2027)
    old.refresh_from_db()
    with pytest.raises(ValidationError, match="course-corrected"):
        plan.add_task(old, actor=None, title="Late task")
    with pytest.raises(ValidationError, match="course-corrected"):
        targets.set_target_status(old, actor=None, status=TargetStatus.ACTIVE)
    with pytest.raises(ValidationError, match="course-corrected"):
        plan.set_task_done(old.tasks.first(), actor=None, done=False)
    indicators.record_result(
        old.indicators.get(),
        actor=None,
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
        numerator=44,
        denominator=60,
    )
    assert old.indicators.get().results.count() == 2


def test_a_target_is_carried_forward_once_and_only_to_a_later_cycle(old):
    with pytest.raises(ValidationError, match="after 2026"):
        course.carry_forward(old, actor=None, cycle=2026)
    course.carry_forward(old, actor=None, cycle=2027)
    old.refresh_from_db()
    with pytest.raises(ValidationError, match="course-corrected"):
        course.carry_forward(old, actor=None, cycle=2028)
    assert ChangeTarget.objects.count() == 2


def test_a_taken_slug_is_refused_and_nothing_is_half_written(old, institution):
    make_target(old.sphere, slug="holistic-review-2027", title="Someone else")
    with pytest.raises(ValidationError, match="already has the address"):
        course.carry_forward(old, actor=None, cycle=2027)
    old.refresh_from_db()
    assert old.status == TargetStatus.ACTIVE
    assert ChangeTarget.objects.count() == 2


def test_the_new_page_shows_the_chain_of_earlier_cycles(client, client_for, organizer, old):
    second = course.carry_forward(old, actor=None, cycle=2027)
    third = course.carry_forward(second, actor=None, cycle=2028)
    assert queries.earlier_cycles(third) == [second, old]
    page = text(client.get(third.get_absolute_url()))
    assert "Earlier cycles" in page
    assert 'href="/alpha/change/targets/holistic-review-2027/"' in page
    assert 'href="/alpha/change/targets/holistic-review-2026/"' in page
    old_page = text(client.get(old.get_absolute_url()))
    assert "This cycle is closed" in old_page and "Committees tried it." not in old_page
    assert "Pilot done" in old_page


def test_organizer_carries_forward_from_the_page(client_for, organizer, old):
    url = "/alpha/change/manage/targets/holistic-review-2026/carry-forward/"
    form = text(client_for(organizer).get(url))
    assert 'value="2027"' in form and 'value="holistic-review-2027"' in form
    response = client_for(organizer).post(
        url, {"cycle": "2027", "slug": "holistic-review-2027", "title": "Holistic review, year 2"}
    )
    assert response["Location"] == "/alpha/change/manage/targets/holistic-review-2027/"
    refused = client_for(organizer).post(
        url, {"cycle": "2028", "slug": "holistic-review-2028", "title": "Again"}
    )
    assert "carried forward" in text(refused) or "course-corrected" in text(refused)
    assert ChangeTarget.objects.count() == 2


def test_a_draft_is_not_carried_forward(institution):
    from django.core.exceptions import ValidationError

    from allin.change import course
    from allin.change.enums import TargetStatus
    from tests.change.helpers import make_sphere, make_target

    draft = make_target(make_sphere(institution), slug="unpublished", status=TargetStatus.DRAFT)
    with pytest.raises(ValidationError, match="Only an active target is carried forward"):
        course.carry_forward(draft, actor=None, cycle=draft.cycle + 1)
    draft.refresh_from_db()
    assert draft.status == TargetStatus.DRAFT and not draft.next_cycles.exists()
