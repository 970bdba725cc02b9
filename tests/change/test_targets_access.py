"""Every change-target view: someone from another institution gets a 404, a member without the
organizer role a 403, and neither changes anything."""

from datetime import date

import pytest

from allin.change import plan, services
from allin.change.models import ChangeTarget
from allin.core.models import ActivityLog
from tests.change.helpers import add_indicator, add_mapping, make_sphere, make_target


@pytest.fixture
def urls(institution, organizer):
    sphere = make_sphere(institution)
    group = services.add_working_group(sphere, actor=None, name="Selection committee")
    target = make_target(sphere)
    indicator = add_indicator(target, responsible=organizer)
    challenge = add_mapping(target)
    task = plan.add_task(target, actor=None, title="Write the rubric")
    objective = plan.add_objective(
        target, actor=None, text="Train readers", measure="Roster", due_date=date(2026, 9, 1)
    )
    win = plan.add_win(target, actor=None, date=date(2025, 9, 1), title="Pilot")
    t = "/alpha/change/manage/targets/holistic-review/"
    return [
        "/alpha/change/manage/",
        "/alpha/change/manage/spheres/admissions/",
        "/alpha/change/manage/spheres/admissions/add/partner/",
        f"/alpha/change/manage/spheres/admissions/groups/{group.public_id}/",
        f"/alpha/change/manage/spheres/admissions/partners/{challenge.boundary_partner.public_id}/",
        "/alpha/change/manage/targets/",
        t,
        f"{t}edit/",
        f"{t}status/",
        f"{t}add/task/",
        f"{t}carry-forward/",
        f"{t}tasks/{task.public_id}/",
        f"{t}tasks/{task.public_id}/done/",
        f"{t}tasks/{task.public_id}/delete/",
        f"{t}objectives/{objective.public_id}/",
        f"{t}objectives/{objective.public_id}/delete/",
        f"{t}wins/{win.public_id}/",
        f"{t}wins/{win.public_id}/delete/",
        f"{t}indicators/{indicator.public_id}/",
        f"{t}indicators/{indicator.public_id}/add/result/",
        f"{t}indicators/{indicator.public_id}/records/{indicator.baselines.get().public_id}/delete/",
        f"{t}results.csv",
        f"{t}outcomes/{challenge.public_id}/",
        f"{t}outcomes/{challenge.public_id}/markers/{challenge.markers.first().public_id}/delete/",
        f"{t}journal/",
    ]


POST = {
    "name": "x",
    "title": "x",
    "status": "retired",
    "done": "1",
    "level": "love",
    "text": "x",
    "period_start": "2026-01-01",
    "period_end": "2026-02-01",
    "value": "3",
    "cycle": "2027",
    "slug": "x-2027",
}


OBJECT_PARTS = ("holistic-review", "/groups/", "/partners/")


def _state():
    return (
        sorted(ChangeTarget.objects.values_list("slug", "status", "title")),
        ActivityLog.objects.count(),
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_someone_from_another_institution_gets_404_everywhere(client_for, urls, outsider, method):
    client = client_for(outsider)
    before = _state()
    answers = {url: getattr(client, method)(url, POST).status_code for url in urls}
    assert {url: code for url, code in answers.items() if code != 404} == {}
    assert _state() == before


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_gets_403_on_every_organizer_page(client_for, urls, member, method):
    client = client_for(member)
    before = _state()
    answers = {url: getattr(client, method)(url, POST).status_code for url in urls}
    assert {url: code for url, code in answers.items() if code != 403} == {}
    assert _state() == before


def test_an_organizer_of_another_institution_cannot_reach_alpha_objects_through_beta(
    client_for, urls, other_institution, other_organizer
):
    """Beta's organizer, under Beta's address, names Alpha's objects: none of them is there."""
    make_sphere(other_institution)
    client = client_for(other_organizer)
    answers = {}
    # Pages naming an Alpha target, working group or partner; Beta has a sphere of the same
    # slug, so the sphere pages alone would rightly answer.
    for url in [u for u in urls if any(part in u for part in OBJECT_PARTS)]:
        beta_url = url.replace("/alpha/", "/beta/", 1)
        answers[beta_url] = client.get(beta_url).status_code
    assert {url: code for url, code in answers.items() if code != 404} == {}


POST_ONLY = ("/add/", "/status/", "/done/")


def test_the_organizer_opens_every_page(client_for, urls, organizer):
    client = client_for(organizer)
    answers = {url: client.get(url).status_code for url in urls}
    expected = {url: 405 if any(p in url for p in POST_ONLY) else 200 for url in urls}
    assert answers == expected
