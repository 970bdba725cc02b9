"""The project community map: every sphere's change targets, mini projects and identified
needs, visible like the change tracker, in the same queries however much it shows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from allin.change.services import create_sphere
from allin.coalitions import projects
from allin.datawalks import notes, synthesis
from allin.datawalks.enums import Prompt, Visibility
from allin.institutions.models import Institution
from tests.change.helpers import make_target
from tests.conftest import make_member
from tests.datawalks.helpers import leave, make_station, make_walk, text

MAP = "/alpha/data-walks/map/"


def test_each_sphere_shows_its_targets_projects_and_needs(
    client_for, institution, sphere, member, organizer
):
    make_target(sphere, title="Holistic review")
    make_target(sphere, slug="draft", title="A draft idea", status="draft")
    projects.create_project(
        institution,
        actor=None,
        slug="walk",
        title="Attend the Data Walk",
        season="September 2023",
        sphere=sphere,
    )
    full = projects.create_project(
        institution,
        actor=None,
        slug="full",
        title="Contribute to the targets",
        sphere=sphere,
        capacity=1,
    )
    projects.sign_up(full, user=organizer)
    station = make_station(make_walk(institution))
    synthesis.mark_need(
        leave(station, member, prompt=Prompt.CHANGE, body="Mentors who look like us"),
        actor=None,
        sphere=sphere,
    )
    leave(station, member, prompt=Prompt.CHANGE, body="Not marked")
    page = text(client_for(member).get(MAP))
    assert (
        '<h2 id="map-admissions"><a href="/alpha/change/spheres/admissions/">Admissions</a></h2>'
        in page
    )
    assert 'Holistic review</a> <span class="badge badge-ok">Active</span>' in page
    assert "A draft idea" not in page
    assert (
        'Attend the Data Walk</a> <span class="badge badge-ok">Open</span> <span class="meta">September 2023</span>'
        in page
    )
    assert 'Contribute to the targets</a> <span class="badge">Full (waitlist)</span>' in page
    assert "Mentors who look like us" in page and "Not marked" not in page
    assert member.name not in page
    assert "A draft idea" in text(client_for(organizer).get(MAP))


def test_visitors_see_needs_from_public_walks_only(client, institution, sphere, member):
    members_walk = make_station(make_walk(institution))
    public_walk = make_station(
        make_walk(institution, slug="open-day", visibility=Visibility.PUBLIC)
    )
    for station, words in ((members_walk, "Members' words"), (public_walk, "Public words")):
        synthesis.mark_need(
            leave(station, member, prompt=Prompt.CHANGE, body=words), actor=None, sphere=sphere
        )
    page = text(client.get(MAP))
    assert "Public words" in page and "Members" not in page


def test_a_closed_project_says_so(client, institution, sphere):
    projects.create_project(
        institution,
        actor=None,
        slug="past",
        title="Last year's project",
        sphere=sphere,
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    assert 'Last year&#x27;s project</a> <span class="badge">Sign-ups closed</span>' in text(
        client.get(MAP)
    )


def test_a_members_only_tracker_keeps_the_map_for_members(
    client, client_for, institution, sphere, member, outsider
):
    Institution.objects.filter(pk=institution.pk).update(tracker_public=False)
    assert client.get(MAP)["Location"].startswith("/accounts/login/")
    assert client_for(outsider).get(MAP).status_code == 404
    assert "Admissions" in text(client_for(member).get(MAP))


def test_another_schools_spheres_are_not_on_this_map(
    client, other_institution, other_member, sphere
):
    beta = create_sphere(other_institution, actor=None, slug="beta-sphere", name="Beta Sphere")
    station = make_station(make_walk(other_institution, slug="beta", visibility=Visibility.PUBLIC))
    synthesis.mark_need(
        leave(station, other_member, prompt=Prompt.CHANGE, body="Beta need"),
        actor=None,
        sphere=beta,
    )
    page = text(client.get(MAP))
    assert "Admissions" in page and "Beta Sphere" not in page and "Beta need" not in page


@pytest.mark.parametrize("size", [2, 20])
def test_the_map_costs_the_same_queries_however_much_it_shows(
    client_for, institution, member, size, django_assert_num_queries
):
    station = make_station(make_walk(institution))
    voter = make_member(institution, email="voter@alpha.example")
    for s in range(size):
        sphere = create_sphere(institution, actor=None, slug=f"s{s}", name=f"Sphere {s}")
        make_target(sphere, slug=f"t{s}", title=f"Target {s}")
        projects.create_project(
            institution, actor=None, slug=f"p{s}", title=f"Project {s}", sphere=sphere, capacity=3
        )
        need = leave(station, member, prompt=Prompt.CHANGE, body=f"Need {s}")
        synthesis.mark_need(need, actor=None, sphere=sphere)
        notes.toggle_vote(need, voter=voter)
    client = client_for(member)
    with django_assert_num_queries(NUM_MAP_QUERIES):
        page = text(client.get(MAP))
    assert page.count("1 vote<") == size and page.count("Project ") >= size


NUM_MAP_QUERIES = 8
