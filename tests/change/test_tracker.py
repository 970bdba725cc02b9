from datetime import date

import pytest
from django.core.cache import cache
from django.utils import timezone

from allin.change import indicators, plan, services, targets
from allin.change.enums import SystemsCondition, TargetStatus
from allin.community import services as news

URL = "/alpha/change/tracker/"


def text(response):
    return response.content.decode()


@pytest.fixture
def admissions(institution):
    return services.create_sphere(institution, actor=None, slug="admissions", name="Admissions")


def make_target(sphere, slug, title, *, cycle=2026, status=TargetStatus.ACTIVE):
    return targets.create_target(
        sphere,
        actor=None,
        slug=slug,
        title=title,
        desired_outcome="Something better.",
        cycle=cycle,
        systems_condition=SystemsCondition.STRUCTURAL,
        status=status,
    )


@pytest.fixture
def committee(admissions, organizer):
    target = make_target(
        admissions, "committee", "Build a holistically diverse Admission Committee"
    )
    for i, done in enumerate((True, True, False)):
        task = plan.add_task(target, actor=None, title=f"Task {i}")
        if done:
            plan.set_task_done(task, actor=None, done=True)
    measure = indicators.add_indicator(
        target,
        actor=None,
        name="Members trained",
        definition="Committee members who completed the training, of all members.",
        unit="percent",
        responsible=organizer,
    )
    indicators.add_period_target(
        measure,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 12, 31),
        value=90,
    )
    indicators.record_result(
        measure,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        numerator=40,
        denominator=80,
    )
    return target


def test_the_tracker_shows_progress_status_and_the_latest_result(client, committee):
    page = text(client.get(URL + "?cycle=2026"))
    assert "Build a holistically diverse Admission Committee" in page
    assert '67% <span class="meta">(2 of 3 tasks)</span>' in page
    assert "<td>Active</td>" in page
    assert "Members trained: 50%" in page and "against 90% by Dec 2026" in page
    # The chart draws the same figure, 67 % of the bar.
    assert 'width="214"' in page and ">67%</text>" in page


def test_a_result_on_few_people_is_not_shown(client, admissions, organizer):
    target = make_target(admissions, "small", "A small group")
    measure = indicators.add_indicator(
        target, actor=None, name="Share", definition="Of few.", unit="percent"
    )
    result = indicators.record_result(
        measure,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        numerator=3,
        denominator=30,
    )
    page = text(client.get(URL + "?cycle=2026"))
    # "hidden": 3 of 30 is hidden for its 3, but 29 of 30 would be for its 1 left out, and
    # "fewer than 11" would be false of it.
    assert "Share: hidden" in page and "fewer than 11" not in page
    assert f"{result.value.normalize():f}%" not in page


def test_drafts_stay_off_and_cycles_are_kept_apart(client, admissions):
    make_target(admissions, "draft", "Still a draft", status=TargetStatus.DRAFT)
    make_target(admissions, "old", "Last year's target", cycle=2025)
    page = text(client.get(URL + "?cycle=2026"))
    assert "Still a draft" not in page and "Last year&#x27;s target" not in page
    assert "Last year&#x27;s target" in text(client.get(URL + "?cycle=2025"))
    for odd in ("nonsense", "99999999999", "-4"):
        assert client.get(URL + f"?cycle={odd}").status_code == 200


def test_the_latest_action_update_is_linked(client, institution, admissions, committee):
    update = news.start_update(institution, actor=None, month=timezone.localdate())
    post = news.publish_update(update, actor=None)
    assert post.get_absolute_url() in text(client.get(URL + "?cycle=2026"))


def test_a_members_only_tracker(client, client_for, institution, committee, member, outsider):
    institution.tracker_public = False
    institution.save()
    assert client.get(URL).status_code == 302
    assert client_for(outsider).get(URL).status_code == 404
    assert "Admission Committee" in text(client_for(member).get(URL + "?cycle=2026"))


@pytest.mark.parametrize("size", [2, 8])
def test_tracker_query_count_is_constant(
    client, institution, admissions, organizer, size, django_assert_num_queries
):
    # As many spheres as targets: a query per sphere would show between the two sizes.
    spheres = [admissions] + [
        services.create_sphere(institution, actor=None, slug=f"s{i}", name=f"Sphere {i}")
        for i in range(size - 1)
    ]
    for i in range(size):
        target = make_target(spheres[i], f"t{i}", f"Target {i}")
        for j in range(size):
            plan.add_task(target, actor=None, title=f"Task {j}")
        measure = indicators.add_indicator(
            target, actor=None, name="Count", definition="People.", unit="count"
        )
        for month in range(1, 1 + min(size, 12)):
            indicators.record_result(
                measure,
                actor=None,
                period_start=date(2026, month, 1),
                period_end=date(2026, month, 28),
                value=month * 12,
            )
    month = news.start_update(institution, actor=None, month=timezone.localdate())
    news.publish_update(month, actor=None)
    client.get(URL + "?cycle=2026")
    # Cold: the body is built from the database.
    cache.clear()
    with django_assert_num_queries(NUM_TRACKER_QUERIES):
        page = text(client.get(URL + "?cycle=2026"))
    assert page.count("Target ") >= size
    # Warm: the rendered body is reused until a change to the change apps retires it.
    with django_assert_num_queries(NUM_TRACKER_WARM_QUERIES):
        assert text(client.get(URL + "?cycle=2026")) == page


NUM_TRACKER_QUERIES = 8
NUM_TRACKER_WARM_QUERIES = 1


def test_a_change_retires_the_cached_tracker(client, committee, django_capture_on_commit_callbacks):
    from allin.change import plan

    before = text(client.get(URL + "?cycle=2026"))
    assert "67%" in before
    with django_capture_on_commit_callbacks(execute=True):
        plan.set_task_done(committee.tasks.get(title="Task 2"), actor=None, done=True)
    assert "100%" in text(client.get(URL + "?cycle=2026"))
