"""Mini project pages: the catalogue, sign-up, the organizer's pages and exports."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from allin.change.services import create_sphere
from allin.coalitions import projects
from allin.coalitions.models import MiniProject, ProjectSignup
from tests.coalitions.conftest import crowd


def text(response):
    return response.content.decode()


@pytest.fixture
def beta_project(other_institution):
    return projects.create_project(other_institution, actor=None, slug="beta-walk", title="Beta")


def test_the_catalogue_shows_each_projects_card(client, project, organizer):
    projects.update_project(project, actor=None, point_person=organizer)
    page = text(client.get("/alpha/coalitions/projects/"))
    assert "Attend the Data Walk" in page
    for fact in (
        "<dt>Who can sign up</dt><dd>Faculty, staff, students and postdocs</dd>",
        "<dt>When</dt><dd>September 2023</dd>",
        "<dt>Time</dt><dd>About 3 hours a month</dd>",
        "<dt>Point person</dt><dd>Olu Organizer</dd>",
        "<dt>You work with</dt><dd>The gRBI guiding coalition</dd>",
        "<dt>Places</dt><dd>2 of 2 left</dd>",
    ):
        assert fact in page


def test_a_member_signs_up_then_withdraws(client_for, project, member):
    client = client_for(member)
    assert client.get("/alpha/coalitions/projects/data-walk/sign-up/").status_code == 405
    response = client.post("/alpha/coalitions/projects/data-walk/sign-up/")
    assert response["Location"] == "/alpha/coalitions/projects/data-walk/"
    page = text(client.get("/alpha/coalitions/projects/data-walk/"))
    assert (
        "You&#x27;re signed up." in page
        and '<p class="badge badge-ok">You\'re signed up</p>' in page
    )
    catalogue = text(client.get("/alpha/coalitions/projects/"))
    assert "<dt>Places</dt><dd>1 of 2 left</dd>" in catalogue
    client.post("/alpha/coalitions/projects/data-walk/withdraw/")
    assert ProjectSignup.objects.get().status == "withdrawn"
    assert client.post("/alpha/coalitions/projects/data-walk/withdraw/").status_code == 404


def test_a_full_project_offers_the_waitlist(client_for, institution, project, member):
    for person in crowd(institution, 2):
        projects.sign_up(project, user=person)
    client = client_for(member)
    assert "Join the waitlist" in text(client.get("/alpha/coalitions/projects/data-walk/"))
    client.post("/alpha/coalitions/projects/data-walk/sign-up/")
    page = text(client.get("/alpha/coalitions/projects/data-walk/"))
    assert "On the waitlist: number 1" in page


def test_a_closed_window_is_explained_and_nothing_is_written(client_for, project, member):
    projects.update_project(
        project, actor=None, closes_at=timezone.now().replace(microsecond=0) - timedelta(hours=1)
    )
    client = client_for(member)
    assert "Sign-ups closed on" in text(client.get("/alpha/coalitions/projects/data-walk/"))
    response = client.post("/alpha/coalitions/projects/data-walk/sign-up/", follow=True)
    assert "Sign-ups closed on" in text(response)
    assert not ProjectSignup.objects.exists()


def test_visitors_see_the_project_and_are_asked_to_sign_in(client, project):
    assert "Sign in to sign up" in text(client.get("/alpha/coalitions/projects/data-walk/"))
    response = client.post("/alpha/coalitions/projects/data-walk/sign-up/")
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["sign-up/", "withdraw/"])
def test_people_of_another_school_cannot_sign_up(client_for, project, other_member, path):
    assert (
        client_for(other_member).post(f"/alpha/coalitions/projects/data-walk/{path}").status_code
        == 404
    )
    assert not ProjectSignup.objects.exists()


@pytest.mark.parametrize("path", ["", "sign-up/", "withdraw/"])
def test_another_schools_project_is_not_found_here(client_for, beta_project, organizer, path):
    response = client_for(organizer).post(f"/alpha/coalitions/projects/beta-walk/{path}")
    assert response.status_code == 404
    assert not ProjectSignup.objects.exists()


@pytest.mark.parametrize("size", [2, 6])
def test_catalogue_query_count_is_constant(
    client_for, institution, member, size, django_assert_num_queries
):
    sphere = create_sphere(institution, actor=None, slug="admissions", name="Admissions")
    for i in range(size):
        made = projects.create_project(
            institution, actor=None, slug=f"p{i}", title=f"P{i}", sphere=sphere, capacity=5
        )
        projects.sign_up(made, user=member)
    client = client_for(member)
    with django_assert_num_queries(NUM_CATALOGUE_QUERIES):
        response = client.get("/alpha/coalitions/projects/")
    assert text(response).count("You're signed up") == size


NUM_CATALOGUE_QUERIES = 6


# Organizer pages -------------------------------------------------------------------------------

MANAGE_PATHS = [
    "/alpha/coalitions/manage/projects/",
    "/alpha/coalitions/manage/projects/data-walk/",
    "/alpha/coalitions/manage/projects/data-walk/roster/",
    "/alpha/coalitions/manage/projects/data-walk/roster.csv",
    "/alpha/coalitions/manage/projects/data-walk/roster.xlsx",
]


def _state():
    return sorted(MiniProject.objects.values_list("slug", "title", "capacity"))


def test_members_may_not_manage_projects(client_for, project, member):
    client = client_for(member)
    for path in MANAGE_PATHS:
        assert client.get(path).status_code == 403, path
        assert client.post(path, {"title": "x", "slug": "x"}).status_code == 403, path
    assert _state() == [("data-walk", "Attend the Data Walk", 2)]


def test_organizers_of_another_school_are_not_found_here(client_for, project, outsider):
    client = client_for(outsider)
    for path in MANAGE_PATHS:
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"title": "x", "slug": "x"}).status_code == 404, path
    assert _state() == [("data-walk", "Attend the Data Walk", 2)]


def test_another_schools_project_is_not_managed_here(client_for, beta_project, organizer):
    client = client_for(organizer)
    for path in ("", "roster/", "roster.csv"):
        url = f"/alpha/coalitions/manage/projects/beta-walk/{path}"
        assert client.post(url, {"title": "x"}).status_code == 404, url
    assert MiniProject.objects.get(slug="beta-walk").title == "Beta"


def test_organizer_adds_a_project_with_every_detail(client_for, institution, organizer):
    create_sphere(institution, actor=None, slug="admissions", name="Admissions")
    response = client_for(organizer).post(
        "/alpha/coalitions/manage/projects/",
        {
            "title": "Contribute to the GSBS Change Targets",
            "slug": "gsbs-targets",
            "description": "Planning meetings after the data walk.",
            "eligibility": "Graduate students and postdocs",
            "affiliations": ["phd_student", "postdoc"],
            "season": "September to December 2023",
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-31",
            "hours_per_month": "4",
            "point_person": organizer.email,
            "works_with": "Student fellows and coalition members",
            "capacity": "10",
            "opens_at": "2026-08-01T09:00:00",
            "closes_at": "2026-08-31T23:59:59",
            "sphere": "admissions",
        },
    )
    assert response["Location"] == "/alpha/coalitions/manage/projects/gsbs-targets/roster/"
    made = MiniProject.objects.get()
    assert (made.point_person, made.sphere.slug, made.affiliations, made.hours_per_month) == (
        organizer,
        "admissions",
        ["phd_student", "postdoc"],
        4,
    )
    closes = timezone.localtime(made.closes_at, institution.zone)
    assert (closes.hour, closes.minute, closes.second) == (23, 59, 59)


def test_bad_project_input_is_shown_next_to_each_field(client_for, project, organizer):
    response = client_for(organizer).post(
        "/alpha/coalitions/manage/projects/",
        {
            "title": "X",
            "slug": "data-walk",
            "point_person": "nobody@example.org",
            "affiliations": ["astronaut"],
            "capacity": "0",
            "hours_per_month": "-2",
            "opens_at": "2026-08-31T10:00:00",
            "closes_at": "2026-08-01T10:00:00",
            "sphere": "no-such-sphere",
        },
    )
    page = text(response)
    assert response.status_code == 200
    for field in ("point_person", "affiliations", "capacity", "hours_per_month", "sphere"):
        assert f'id="id_{field}_error"' in page, field
    assert "No member of this institution has this email address." in page
    assert MiniProject.objects.count() == 1
    # The window and the short name are the service's to judge.
    page = text(
        client_for(organizer).post(
            "/alpha/coalitions/manage/projects/",
            {
                "title": "X",
                "slug": "data-walk",
                "opens_at": "2026-08-31T10:00:00",
                "closes_at": "2026-08-01T10:00:00",
            },
        )
    )
    assert 'id="id_closes_at_error"' in page and 'id="id_slug_error"' in page
    assert MiniProject.objects.count() == 1


def test_editing_keeps_the_point_person_and_refuses_a_capacity_below_sign_ups(
    client_for, institution, project, organizer
):
    projects.update_project(project, actor=None, point_person=organizer)
    for person in crowd(institution, 2):
        projects.sign_up(project, user=person)
    client = client_for(organizer)
    form = text(client.get("/alpha/coalitions/manage/projects/data-walk/"))
    assert f'value="{organizer.email}"' in form
    response = client.post(
        "/alpha/coalitions/manage/projects/data-walk/",
        {"title": "Attend the Data Walk", "capacity": "1", "point_person": organizer.email},
    )
    assert "2 people are signed up; capacity cannot be lower than that." in text(response)
    project.refresh_from_db()
    assert project.capacity == 2


def test_roster_lists_sign_ups_then_the_waitlist_and_exports_both(
    client_for, institution, project, organizer
):
    a, b, c = crowd(institution, 3)
    a.name = '=HYPERLINK("x")'
    a.save()
    for person in (a, b, c):
        projects.sign_up(project, user=person)
    client = client_for(organizer)
    page = text(client.get("/alpha/coalitions/manage/projects/data-walk/roster/"))
    assert page.index(b.display_name) < page.index(c.display_name)
    assert "On the waitlist (number 1)" in page
    rows = list(csv.reader(io.StringIO(text(client.get(MANAGE_PATHS[3])).lstrip("\ufeff"))))
    assert rows[0][:4] == ["Name", "Email", "Affiliation", "Status"]
    assert [r[3:5] for r in rows[1:]] == [
        ["Signed up", ""],
        ["Signed up", ""],
        ["On the waitlist", "1"],
    ]
    assert rows[1][0] == '\'=HYPERLINK("x")'
    sheet = load_workbook(io.BytesIO(client.get(MANAGE_PATHS[4]).content)).active
    assert [cell.value for cell in sheet["D"]][1:] == ["Signed up", "Signed up", "On the waitlist"]
    assert client.get("/alpha/coalitions/manage/projects/data-walk/roster.pdf").status_code == 404


@pytest.mark.parametrize("size", [2, 6])
def test_roster_query_count_is_constant(
    client_for, institution, project, organizer, size, django_assert_num_queries
):
    for person in crowd(institution, size):
        projects.sign_up(project, user=person)
    client = client_for(organizer)
    client.get(MANAGE_PATHS[2])
    with django_assert_num_queries(NUM_ROSTER_QUERIES):
        response = client.get(MANAGE_PATHS[2])
    assert text(response).count("<td>MD student</td>") == size


NUM_ROSTER_QUERIES = 6


@pytest.mark.parametrize("size", [2, 6])
def test_manage_catalogue_query_count_is_constant(
    client_for, institution, organizer, size, django_assert_num_queries
):
    for i in range(size):
        projects.create_project(
            institution, actor=None, slug=f"p{i}", title=f"P{i}", point_person=organizer
        )
    client = client_for(organizer)
    client.get(MANAGE_PATHS[0])
    with django_assert_num_queries(NUM_MANAGE_CATALOGUE_QUERIES):
        client.get(MANAGE_PATHS[0])


NUM_MANAGE_CATALOGUE_QUERIES = 6
