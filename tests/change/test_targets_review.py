"""Defects found in review: small counts, overlapping periods, stale rules, draft successors,
duplicate ids, query counts, the end of the calendar, people who left, htmx refusals."""

import re
from collections import Counter
from datetime import date
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.change import course, indicators, mapping, plan, queries, targets
from allin.change.enums import IndicatorUnit, TargetStatus
from allin.change.models import ChangeTarget, IndicatorResult
from allin.institutions.models import Membership
from tests.change.helpers import add_indicator, make_sphere, make_target, text

PUBLIC = "/alpha/change/targets/holistic-review/"
MANAGE = "/alpha/change/manage/targets/holistic-review/"
PERIOD = {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30)}


@pytest.fixture
def target(institution):
    return make_target(make_sphere(institution))


@pytest.fixture
def hires(target):
    return add_indicator(
        target, unit=IndicatorUnit.COUNT, name="Faculty hired", baseline=False, dated_target=False
    )


# 2. Small counts and overlapping periods


@pytest.mark.parametrize(
    ("value", "suppressed"), [(0, False), (1, True), (3, True), (10, True), (11, False)]
)
def test_a_small_count_is_suppressed(hires, value, suppressed):
    result = indicators.record_result(hires, actor=None, value=Decimal(value), **PERIOD)
    assert IndicatorResult.objects.get(pk=result.pk).suppressed is suppressed


def test_a_count_below_a_higher_floor_is_suppressed(target):
    indicator = indicators.add_indicator(
        target, actor=None, name="Hired", definition="People hired.", unit="count", min_cell_size=20
    )
    assert indicators.record_result(indicator, actor=None, value=15, **PERIOD).suppressed


def test_a_small_count_and_baseline_are_hidden_on_the_public_page(client, hires):
    indicators.add_baseline(hires, actor=None, value=Decimal(4), as_of=date(2025, 9, 1))
    indicators.add_period_target(hires, actor=None, value=Decimal(30), **PERIOD)
    indicators.record_result(hires, actor=None, value=Decimal(3), **PERIOD)
    page = text(client.get(PUBLIC))
    cells = re.findall(r"<td>([^<]*)", page)
    assert "3" not in cells and "4" not in cells
    assert "Hidden: too few people behind it" in page
    assert "<td>hidden <span" in page  # the baseline
    assert "<td>30</td>" in page  # an aim counts nobody and is shown


def test_overlapping_result_periods_are_refused(hires):
    year = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}
    indicators.record_result(hires, actor=None, value=40, **year)
    for start, end in ((date(2026, 4, 1), date(2026, 6, 30)), (date(2025, 7, 1), date(2026, 1, 1))):
        with pytest.raises(ValidationError, match="overlaps the result for 2026-01-01"):
            indicators.record_result(
                hires, actor=None, value=12, period_start=start, period_end=end
            )
    indicators.record_result(
        hires, actor=None, value=12, period_start=date(2027, 1, 1), period_end=date(2027, 3, 31)
    )
    assert hires.results.count() == 2


def test_an_overlapping_period_is_refused_on_the_form(client_for, organizer, hires):
    indicators.record_result(hires, actor=None, value=40, **PERIOD)
    response = client_for(organizer).post(
        f"{MANAGE}indicators/{hires.public_id}/add/result/",
        {"result-period_start": "2026-03-01", "result-period_end": "2026-03-31", "result-value": 5},
    )
    assert "overlaps the result" in text(response)
    assert hires.results.count() == 1


# 3. The rule applied is the one stored, under the target's lock


def test_a_result_is_judged_by_the_stored_rule_not_a_stale_one(target):
    stale = add_indicator(target, baseline=False, dated_target=False)
    indicators.update_indicator(stale, actor=None, min_cell_size=30)
    assert stale.min_cell_size == 11  # the caller's copy is out of date
    result = indicators.record_result(stale, actor=None, numerator=15, denominator=45, **PERIOD)
    assert IndicatorResult.objects.get(pk=result.pk).suppressed


def test_results_and_journal_entries_take_the_target_lock(target):
    indicator = add_indicator(target, baseline=False, dated_target=False)
    course.carry_forward(target, actor=None, cycle=2027)  # closed targets still take both
    with mock.patch(
        "allin.change.indicators.locked_target", wraps=indicators.locked_target
    ) as lock:
        indicators.record_result(indicator, actor=None, numerator=20, denominator=40, **PERIOD)
    assert lock.call_args.kwargs == {"allow_closed": True}
    with mock.patch("allin.change.mapping.locked_target", wraps=mapping.locked_target) as lock:
        mapping.write_journal_entry(target, actor=None, description="Late.", **PERIOD)
    assert lock.call_args.kwargs == {"allow_closed": True}


# 5. A draft successor stays off a closed target's public page


def test_a_draft_successor_is_not_named_publicly(client, client_for, organizer, target):
    new = course.carry_forward(target, actor=None, cycle=2027, title="Secret new plan")
    assert "Secret new plan" in text(client.get(PUBLIC))
    ChangeTarget.objects.filter(pk=new.pk).update(status=TargetStatus.DRAFT)  # as before the fix
    page = text(client.get(PUBLIC))
    assert "This cycle is closed." in page
    assert "Secret new plan" not in page and new.slug not in page
    assert "Secret new plan" in text(client_for(organizer).get(PUBLIC))


def test_a_carried_on_target_cannot_go_back_to_draft(target):
    new = course.carry_forward(target, actor=None, cycle=2027)
    with pytest.raises(ValidationError, match="cannot go back to draft"):
        targets.set_target_status(new, actor=None, status=TargetStatus.DRAFT)
    assert ChangeTarget.objects.get(pk=new.pk).status == TargetStatus.ACTIVE
    # A target without an earlier cycle still can.
    other = make_target(target.sphere, slug="other")
    targets.set_target_status(other, actor=None, status=TargetStatus.DRAFT)


# 6. Every id once on the organizer's pages


def _repeated_ids(page):
    return [i for i, n in Counter(re.findall(r'\sid="([^"]+)"', page)).items() if n > 1]


def test_the_organizer_pages_repeat_no_id(client_for, organizer, target):
    indicator = add_indicator(target, responsible=organizer)
    client = client_for(organizer)
    assert _repeated_ids(text(client.get(MANAGE))) == []
    assert _repeated_ids(text(client.get(f"{MANAGE}indicators/{indicator.public_id}/"))) == []


# 7. Earlier cycles in a fixed number of queries


def _chain(target, length):
    current = target
    for cycle in range(2027, 2027 + length):
        current = course.carry_forward(current, actor=None, cycle=cycle)
    return current


@pytest.mark.parametrize("length", [2, 6])
def test_earlier_cycles_cost_the_same_however_long(
    client, target, length, django_assert_num_queries
):
    last = _chain(target, length)
    url = last.get_absolute_url()
    assert text(client.get(url)).count("· Course-corrected</span>") == length
    with django_assert_num_queries(2):
        assert len(queries.earlier_cycles(last)) == length
    client.get(url)
    with django_assert_num_queries(NUM_TARGET_PAGE_QUERIES):
        client.get(url)


NUM_TARGET_PAGE_QUERIES = 12


# 8. The end of the calendar


def test_a_date_at_the_end_of_the_calendar_is_refused_not_a_crash(client_for, organizer, target):
    plan.add_task(target, actor=None, title="Forever", due_date=date(9999, 12, 31))
    with pytest.raises(ValidationError, match="calendar ends in 9999"):
        course.carry_forward(target, actor=None, cycle=2027)
    response = client_for(organizer).post(
        f"{MANAGE}carry-forward/", {"cycle": 2027, "slug": "holistic-review-2027", "title": "x"}
    )
    assert response.status_code == 200 and "calendar ends in 9999" in text(response)
    assert ChangeTarget.objects.count() == 1


# 10. People who left are not carried into the new cycle


def test_people_who_left_are_not_carried_forward(institution, organizer, member):
    target = make_target(make_sphere(institution), owners=[organizer, member])
    plan.add_task(target, actor=None, title="Theirs", owner=member)
    add_indicator(target, responsible=member)
    Membership.objects.filter(user=member, institution=institution).update(ended_at=timezone.now())
    new = course.carry_forward(target, actor=None, cycle=2027)
    assert list(new.owners.all()) == [organizer]
    assert new.tasks.get().owner is None
    assert new.indicators.get().responsible is None
    assert set(target.owners.all()) == {organizer, member}  # the old cycle keeps its record


# 11. htmx refusals load the page instead of swapping it into the row


def test_a_refused_htmx_tick_redirects_the_window(client_for, organizer, target):
    task = plan.add_task(target, actor=None, title="Open task")
    new = course.carry_forward(target, actor=None, cycle=2027)
    client = client_for(organizer)
    response = client.post(
        f"{MANAGE}tasks/{task.public_id}/done/", {"done": "1"}, headers={"HX-Request": "true"}
    )
    assert response["HX-Redirect"] == MANAGE
    assert "<html" not in text(response)
    assert "course-corrected" in text(client.get(MANAGE))
    assert not target.tasks.get().done_at and new.pk
