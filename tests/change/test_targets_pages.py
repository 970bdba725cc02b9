"""The public target page, the targets on the sphere page, and what members may see."""

from datetime import date
from decimal import Decimal

import pytest

from allin.change import indicators, plan
from allin.change.enums import TargetStatus
from tests.change.helpers import (
    add_indicator,
    add_mapping,
    add_tasks,
    make_sphere,
    make_target,
    text,
)


@pytest.fixture
def sphere(institution):
    return make_sphere(institution)


@pytest.fixture
def target(sphere, organizer):
    found = make_target(sphere)
    add_tasks(found, 3, 1)
    add_indicator(found, responsible=organizer)
    add_mapping(found)
    plan.add_objective(
        found, actor=None, text="Train every reader", measure="Roster", due_date=date(2026, 9, 1)
    )
    plan.add_win(found, actor=None, date=date(2025, 10, 1), title="First rubric pilot")
    return found


def test_the_target_page_shows_the_plan_and_its_progress(client, target):
    page = text(client.get("/alpha/change/targets/holistic-review/"))
    for expected in (
        "Holistic review in every admissions decision",
        "33%",
        "1 of 3 tasks",
        "SMART",
        "Train every reader",
        "Committee members trained",
        "We intend to see Admissions committee, who uses the holistic rubric",
        "Love to see",
        "First rubric pilot",
        "3. Form a strategic vision",
        "Structural",
    ):
        assert expected in page, expected


def test_the_sphere_page_lists_published_targets_with_progress(client, sphere, target):
    make_target(sphere, slug="draft-one", title="A draft nobody sees", status=TargetStatus.DRAFT)
    page = text(client.get("/alpha/change/spheres/admissions/"))
    assert "Holistic review in every admissions decision" in page
    assert "33%" in page and "SMART" in page
    assert "A draft nobody sees" not in page


def test_a_draft_is_for_organizers_only(client, client_for, sphere, member, organizer):
    make_target(sphere, slug="draft-one", title="Still a draft", status=TargetStatus.DRAFT)
    assert client.get("/alpha/change/targets/draft-one/").status_code == 404
    assert client_for(member).get("/alpha/change/targets/draft-one/").status_code == 404
    assert "Still a draft" in text(client_for(organizer).get("/alpha/change/targets/draft-one/"))


def test_a_members_only_tracker_hides_targets(
    client, client_for, institution, target, member, outsider
):
    institution.tracker_public = False
    institution.save()
    assert client.get("/alpha/change/targets/holistic-review/").status_code == 302
    assert client_for(outsider).get("/alpha/change/targets/holistic-review/").status_code == 404
    assert "Holistic review" in text(
        client_for(member).get("/alpha/change/targets/holistic-review/")
    )


def test_another_institutions_target_is_a_404(
    client, client_for, other_institution, target, outsider
):
    assert client.get("/beta/change/targets/holistic-review/").status_code == 404
    assert client_for(outsider).get("/beta/change/targets/holistic-review/").status_code == 404


def test_a_suppressed_result_shows_no_value_on_the_page(client, target):
    indicator = target.indicators.get()
    indicators.record_result(
        indicator,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        numerator=7,
        denominator=9,
    )
    indicators.record_result(
        indicator,
        actor=None,
        period_start=date(2026, 7, 1),
        period_end=date(2026, 12, 31),
        numerator=30,
        denominator=48,
    )
    page = text(client.get("/alpha/change/targets/holistic-review/"))
    assert "77.78" not in page and "7 of 9" not in page
    assert "Hidden: too few people behind it" in page
    assert "62.5" in page and "30 of 48" in page


def test_the_target_page_answers_only_get(client, target):
    assert client.post("/alpha/change/targets/holistic-review/").status_code == 405


@pytest.mark.parametrize("size", [2, 9])
def test_sphere_page_query_count_is_constant(
    client, institution, sphere, organizer, size, django_assert_num_queries
):
    for i in range(size):
        found = make_target(sphere, slug=f"t{i}", title=f"Target {i}")
        add_tasks(found, 2, i % 3)
        add_indicator(found, responsible=organizer if i % 2 else None)
        add_mapping(found)
    client.get("/alpha/change/spheres/admissions/")
    with django_assert_num_queries(NUM_SPHERE_PAGE_QUERIES):
        client.get("/alpha/change/spheres/admissions/")


# The sphere, its working groups, and its targets with progress and SMART computed in the
# same query.
NUM_SPHERE_PAGE_QUERIES = 3


def test_values_are_shown_as_entered(client, target):
    indicator = target.indicators.get()
    indicators.add_baseline(indicator, actor=None, value=Decimal("12.50"), as_of=date(2026, 1, 15))
    assert "12.5" in text(client.get("/alpha/change/targets/holistic-review/"))
