"""Organizers set up spheres and run a change target from its pages."""

import pytest
from django.core.exceptions import ValidationError

from allin.change import mapping
from allin.change.enums import TargetStatus
from allin.change.models import (
    BoundaryPartner,
    ChangeTarget,
    Indicator,
    ShortTermWin,
    SmartObjective,
    TacticalTask,
    WorkingGroup,
)
from allin.core.models import ActivityLog
from tests.change.helpers import (
    add_indicator,
    add_mapping,
    add_tasks,
    make_sphere,
    make_target,
    text,
)
from tests.conftest import make_member

T = "/alpha/change/manage/targets/holistic-review/"


@pytest.fixture
def sphere(institution):
    return make_sphere(institution)


@pytest.fixture
def target(sphere):
    return make_target(sphere)


def test_organizer_sets_up_a_sphere(client_for, organizer):
    client = client_for(organizer)
    response = client.post(
        "/alpha/change/manage/", {"name": "Admissions", "slug": "admissions", "description": ""}
    )
    assert response["Location"] == "/alpha/change/manage/spheres/admissions/"
    client.post(
        "/alpha/change/manage/spheres/admissions/add/working-group/",
        {"name": "Selection committee", "description": ""},
    )
    client.post(
        "/alpha/change/manage/spheres/admissions/add/partner/",
        {"name": "Admissions committee", "kind": "group", "description": ""},
    )
    again = client.post(
        "/alpha/change/manage/spheres/admissions/add/partner/",
        {"name": "admissions committee", "kind": "group", "description": ""},
    )
    assert 'id="id_name_error"' in text(again) and "already has a boundary partner" in text(again)
    group = WorkingGroup.objects.get()
    client.post(
        f"/alpha/change/manage/spheres/admissions/groups/{group.public_id}/",
        {"name": "Selection and decision-making committees", "description": ""},
    )
    page = text(client.get("/alpha/change/manage/spheres/admissions/"))
    assert "Selection and decision-making committees" in page
    assert BoundaryPartner.objects.count() == 1
    assert ActivityLog.objects.filter(action="change.working_group.changed").exists()


def test_organizer_creates_a_target_with_owners_and_kotter_steps(
    client_for, organizer, member, sphere
):
    response = client_for(organizer).post(
        "/alpha/change/manage/targets/",
        {
            "sphere": sphere.pk,
            "title": "Holistic review",
            "slug": "holistic-review",
            "cycle": "2026",
            "status": "active",
            "desired_outcome": "Every reader uses the rubric.",
            "rationale": "",
            "systems_condition": "structural",
            "kotter_steps": ["3", "5"],
            "owners": [member.pk],
        },
    )
    assert response["Location"] == T
    target = ChangeTarget.objects.get()
    assert target.kotter_steps == [3, 5] and list(target.owners.all()) == [member]
    assert target.status == TargetStatus.ACTIVE


def test_a_taken_address_and_a_stranger_as_owner_are_refused_by_their_fields(
    client_for, organizer, other_member, sphere, target
):
    response = client_for(organizer).post(
        "/alpha/change/manage/targets/",
        {
            "sphere": sphere.pk,
            "title": "Again",
            "slug": "holistic-review",
            "cycle": "2026",
            "status": "draft",
            "desired_outcome": "x",
            "systems_condition": "relational",
            "owners": [other_member.pk],
        },
    )
    page = text(response)
    assert 'id="id_owners_error"' in page
    response = client_for(organizer).post(
        "/alpha/change/manage/targets/",
        {
            "sphere": sphere.pk,
            "title": "Again",
            "slug": "holistic-review",
            "cycle": "2026",
            "status": "draft",
            "desired_outcome": "x",
            "systems_condition": "relational",
        },
    )
    assert 'id="id_slug_error"' in text(response) and "already has the address" in text(response)
    assert ChangeTarget.objects.count() == 1


def prefixed(prefix, data):
    """A form's fields as posted from a page where each form has its prefix."""
    return {f"{prefix}-{name}": value for name, value in data.items()}


def test_organizer_builds_the_plan(client_for, organizer, target):
    client = client_for(organizer)
    client.post(
        f"{T}add/objective/",
        prefixed(
            "objective", {"text": "Train readers", "measure": "Roster", "due_date": "2026-09-01"}
        ),
    )
    client.post(
        f"{T}add/task/",
        prefixed("task", {"title": "Write the rubric", "owner": organizer.pk, "due_date": ""}),
    )
    client.post(
        f"{T}add/win/",
        prefixed("win", {"date": "2025-10-01", "title": "Pilot done", "description": ""}),
    )
    client.post(
        f"{T}add/indicator/",
        prefixed(
            "indicator",
            {
                "name": "Readers trained",
                "definition": "Share of readers trained.",
                "unit": "percent",
                "direction": "increase",
                "responsible": organizer.pk,
                "min_cell_size": "11",
            },
        ),
    )
    page = text(client.get(T))
    for expected in ("Train readers", "Write the rubric", "Pilot done", "Readers trained"):
        assert expected in page
    assert SmartObjective.objects.count() == TacticalTask.objects.count() == 1
    assert ShortTermWin.objects.count() == Indicator.objects.count() == 1


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_written(client_for, organizer, target):
    client = client_for(organizer)
    response = client.post(
        f"{T}add/indicator/",
        prefixed(
            "indicator",
            {
                "name": "Small",
                "definition": "x",
                "unit": "count",
                "direction": "increase",
                "min_cell_size": "5",
            },
        ),
    )
    assert 'id="id_indicator-min_cell_size_error"' in text(response)
    response = client.post(
        f"{T}add/win/", prefixed("win", {"date": "2999-01-01", "title": "Future"})
    )
    assert 'id="id_win-date_error"' in text(response) and "has happened" in text(response)
    mapping.add_boundary_partner(target.sphere, actor=None, name="Deans", kind="group")
    response = client.post(f"{T}add/outcome/", prefixed("outcome", {"text": "no partner"}))
    assert 'id="id_outcome-boundary_partner_error"' in text(response)
    assert not Indicator.objects.exists() and not ShortTermWin.objects.exists()
    assert client.post(f"{T}add/nothing/", {}).status_code == 404


def test_ticking_a_task_with_htmx_answers_the_row_and_the_new_percentage(
    client_for, organizer, target
):
    add_tasks(target, 4, 0)
    task = target.tasks.first()
    response = client_for(organizer).post(
        f"{T}tasks/{task.public_id}/done/", {"done": "1"}, headers={"HX-Request": "true"}
    )
    page = text(response)
    assert f'id="task-{task.public_id}"' in page and "Mark not done" in page
    assert 'hx-swap-oob="true"' in page and "25%" in page
    assert "<html" not in page
    task.refresh_from_db()
    assert task.done_at is not None
    response = client_for(organizer).post(f"{T}tasks/{task.public_id}/done/", {"done": "0"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is None


def test_status_changes_and_course_correction_is_not_a_status_to_pick(
    client_for, organizer, target
):
    client = client_for(organizer)
    client.post(f"{T}status/", {"status": "achieved"})
    target.refresh_from_db()
    assert target.status == TargetStatus.ACHIEVED
    client.post(f"{T}status/", {"status": "course_corrected"})
    target.refresh_from_db()
    assert target.status == TargetStatus.ACHIEVED
    history = text(client.get(T))
    assert "went from Active to Achieved" in history


def test_editing_a_target_keeps_its_address(client_for, organizer, sphere, target):
    response = client_for(organizer).post(
        f"{T}edit/",
        {
            "sphere": sphere.pk,
            "title": "Holistic review, everywhere",
            "cycle": "2026",
            "desired_outcome": "Every reader, every file.",
            "systems_condition": "relational",
            "kotter_steps": ["6"],
        },
    )
    assert response["Location"] == T
    target.refresh_from_db()
    assert (target.title, target.slug, target.kotter_steps) == (
        "Holistic review, everywhere",
        "holistic-review",
        [6],
    )


def test_outcome_markers_and_journal(client_for, organizer, target):
    challenge = add_mapping(target, levels=["expect"])
    client = client_for(organizer)
    url = f"{T}outcomes/{challenge.public_id}/"
    client.post(url, {"add_marker": "1", "level": "love", "text": "Committee publishes its data"})
    assert "Committee publishes its data" in text(client.get(url))
    marker = challenge.markers.get(level="expect")
    response = client.post(
        f"{T}journal/",
        {
            "period_start": "2026-01-01",
            "period_end": "2026-03-31",
            "description": "Two committees piloted the rubric.",
            f"level_{marker.public_id}": "medium",
            f"note_{marker.public_id}": "Asked for training",
            **{f"level_{m.public_id}": "none" for m in challenge.markers.exclude(pk=marker.pk)},
        },
    )
    assert response.status_code == 302
    journal = text(client.get(f"{T}journal/"))
    assert "Two committees piloted the rubric." in journal and "Medium" in journal
    refused = client.post(f"{url}markers/{marker.public_id}/delete/", {})
    assert "rated in the outcome journal" in text(refused)
    assert challenge.markers.filter(pk=marker.pk).exists()


def test_a_journal_period_that_ends_before_it_starts_is_refused(client_for, organizer, target):
    response = client_for(organizer).post(
        f"{T}journal/",
        {"period_start": "2026-03-01", "period_end": "2026-01-01", "description": "x"},
    )
    assert 'id="id_period_end_error"' in text(response)


@pytest.mark.parametrize("size", [2, 9])
def test_organizer_target_list_query_count_is_constant(
    client_for, institution, organizer, size, django_assert_num_queries
):
    for s in range(2):
        sphere = make_sphere(institution, slug=f"s{s}", name=f"Sphere {s}")
        for i in range(size):
            found = make_target(sphere, slug=f"s{s}-t{i}", title=f"Target {i}")
            add_tasks(found, 2, i % 3)
            add_indicator(found, responsible=organizer if i % 2 else None)
    make_member(institution, email=f"extra{size}@alpha.example")
    client = client_for(organizer)
    client.get("/alpha/change/manage/targets/")
    with django_assert_num_queries(NUM_TARGET_LIST_QUERIES):
        client.get("/alpha/change/manage/targets/")


# Session, user, membership, its second factor; the targets with their spheres, progress and
# SMART in one query; whether there is a sphere, then the spheres and the members the create
# form offers.
NUM_TARGET_LIST_QUERIES = 9


def test_a_target_is_led_by_a_coalition_and_keeps_it_into_the_next_cycle(
    client_for, institution, other_institution, organizer
):
    from allin.change import course, targets
    from allin.coalitions import services as coalitions
    from tests.change.helpers import make_sphere, make_target

    sphere = make_sphere(institution)
    target = make_target(sphere, slug="led")
    ours = coalitions.create_coalition(institution, actor=None, slug="rbi", name="RBI Coalition")
    theirs = coalitions.create_coalition(other_institution, actor=None, slug="x", name="Theirs")
    fields = {
        "sphere": sphere,
        "title": target.title,
        "desired_outcome": target.desired_outcome,
        "cycle": target.cycle,
        "systems_condition": target.systems_condition,
    }
    with pytest.raises(ValidationError, match="Choose a coalition of this institution"):
        targets.update_target(target, actor=None, coalition=theirs, **fields)
    targets.update_target(target, actor=organizer, coalition=ours, **fields)
    page = client_for(organizer).get(target.get_absolute_url()).content.decode()
    assert "Guiding coalition" in page and "RBI Coalition" in page
    later = course.carry_forward(target, actor=None, cycle=target.cycle + 1)
    assert later.coalition == ours
