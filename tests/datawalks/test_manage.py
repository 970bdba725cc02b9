"""The organizer's pages: walks, stations, every note, themes, needs, drafting a target, and the
CSV; none of them names a note's author."""

import csv
import io
from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from allin.change.models import ChangeTarget
from allin.core.models import ActivityLog
from allin.datawalks import notes, synthesis
from allin.datawalks.enums import Prompt
from allin.datawalks.models import DataWalk, Note, Station, TargetOrigin, Theme
from tests.conftest import make_member
from tests.datawalks.helpers import leave, make_station, make_walk, text
from tests.factories import make_event

BASE = "/alpha/data-walks/manage/"


def local(moment, institution) -> str:  # type: ignore[no-untyped-def]
    return timezone.localtime(moment, institution.zone).strftime("%Y-%m-%dT%H:%M:%S")


@pytest.fixture
def note(station, member):  # type: ignore[no-untyped-def]
    return leave(
        station,
        member,
        prompt=Prompt.CHANGE,
        body="Holistic review in admissions\nfor every applicant.",
    )


@pytest.fixture
def paths(station, note):  # type: ignore[no-untyped-def]
    theme = synthesis.add_theme(station.walk, actor=None, name="Admissions")
    walk = f"{BASE}gsbs-2023/"
    return [
        (BASE, "get"),
        (walk, "get"),
        (f"{walk}notes.csv", "get"),
        (f"{walk}stations/new/", "get"),
        (f"{walk}stations/{station.public_id}/", "get"),
        (f"{walk}stations/{station.public_id}/remove/", "post"),
        (f"{walk}stations/{station.public_id}/notes/", "get"),
        (f"{walk}notes/{note.public_id}/theme/", "post"),
        (f"{walk}notes/{note.public_id}/need/", "post"),
        (f"{walk}notes/{note.public_id}/target/", "get"),
        (f"{walk}themes/", "get"),
        (f"{walk}themes/{theme.public_id}/remove/", "post"),
    ]


def test_members_are_refused_every_organizer_page(client_for, paths, member):
    client = client_for(member)
    for path, method in paths:
        assert getattr(client, method)(path).status_code == 403, path
    assert (Station.objects.count(), Theme.objects.count()) == (1, 1)


def test_people_of_another_school_find_no_organizer_page(client_for, paths, outsider, client):
    for path, method in paths:
        assert getattr(client_for(outsider), method)(path).status_code == 404, path
        assert getattr(client, method)(path)["Location"].startswith("/accounts/login/"), path
    assert (Station.objects.count(), Theme.objects.count()) == (1, 1)


def test_another_schools_walk_is_not_found_by_an_organizer(
    client_for, other_institution, other_member, organizer
):
    beta = make_station(make_walk(other_institution, slug="beta-walk"))
    beta_note = leave(beta, other_member, prompt=Prompt.CHANGE)
    client = client_for(organizer)
    for path in (
        f"{BASE}beta-walk/",
        f"{BASE}beta-walk/stations/{beta.public_id}/notes/",
        f"{BASE}beta-walk/notes/{beta_note.public_id}/target/",
    ):
        assert client.get(path).status_code == 404
    assert client.post(f"{BASE}beta-walk/notes/{beta_note.public_id}/need/").status_code == 404
    assert Note.objects.get().need_sphere is None


def test_an_organizer_creates_a_walk_at_an_event(client_for, institution, organizer):
    make_event(institution, slug="data-walk", title="GSBS Data Walk")
    client = client_for(organizer)
    assert "GSBS Data Walk, " in text(client.get(BASE))
    response = client.post(
        BASE,
        {
            "slug": "gsbs-2023",
            "title": "GSBS Data Walk",
            "event": "data-walk",
            "visibility": "members",
        },
    )
    assert response["Location"] == f"{BASE}gsbs-2023/"
    walk = DataWalk.objects.get()
    assert (walk.event.slug, walk.opens_at) == ("data-walk", None)
    assert "GSBS Data Walk is created. Now add its stations." in text(
        client.get(f"{BASE}gsbs-2023/")
    )


def test_a_window_closing_before_it_opens_is_explained(client_for, institution, organizer):
    now = timezone.now().replace(microsecond=0)
    page = text(
        client_for(organizer).post(
            BASE,
            {
                "slug": "late",
                "title": "Late",
                "opens_at": local(now, institution),
                "closes_at": local(now - timedelta(seconds=1), institution),
                "visibility": "members",
            },
        )
    )
    assert (
        '<ul class="errorlist" id="id_closes_at_error"><li>Online notes must close after they open.</li></ul>'
        in page
    )
    assert not DataWalk.objects.exists()


def test_an_organizer_adds_a_station_from_typed_figures(client_for, walk, organizer, institution):
    from tests.change.helpers import make_sphere, make_target

    target = make_target(make_sphere(institution))
    client = client_for(organizer)
    data = {
        "title": "Who applies",
        "figure_data": "Black, 7\nWhite, many",
        "targets": [target.slug],
    }
    page = text(client.post(f"{BASE}gsbs-2023/stations/new/", data))
    assert (
        '<ul class="errorlist" id="id_figure_data_error"><li>Line 2: “many” is not a number.</li></ul>'
        in page
    )
    assert not Station.objects.exists()
    data["figure_data"] = "Black, 7\nWhite, 52"
    assert (
        client.post(f"{BASE}gsbs-2023/stations/new/", data)["Location"]
        == f"{BASE}gsbs-2023/#stations"
    )
    station = Station.objects.get()
    assert (station.figure_rows, station.order, list(station.targets.all())) == (
        [["Black", "7"], ["White", "52"]],
        1,
        [target],
    )
    form = text(client.get(f"{BASE}gsbs-2023/stations/{station.public_id}/"))
    assert "Black, 7\nWhite, 52</textarea>" in form


def test_a_station_with_notes_is_not_removed(client_for, station, note, organizer):
    client = client_for(organizer)
    response = client.post(f"{BASE}gsbs-2023/stations/{station.public_id}/remove/", follow=True)
    assert "People left notes at this station; it stays." in text(response)
    assert Station.objects.count() == 1


def test_every_note_with_its_votes_and_no_names(client_for, station, note, member, organizer):
    notes.toggle_vote(note, voter=organizer)
    page = text(client_for(organizer).get(f"{BASE}gsbs-2023/stations/{station.public_id}/notes/"))
    assert "Holistic review in admissions" in page and "1 vote" in page
    assert member.name not in page and member.email not in page
    assert "Draft a change target from this note" in page


def test_notes_are_filed_under_themes_and_marked_as_needs(
    client_for, station, note, organizer, sphere
):
    theme = synthesis.add_theme(station.walk, actor=None, name="Admissions")
    client = client_for(organizer)
    back = f"{BASE}gsbs-2023/stations/{station.public_id}/notes/#note-{note.public_id}"
    assert (
        client.post(
            f"{BASE}gsbs-2023/notes/{note.public_id}/theme/", {"theme": str(theme.public_id)}
        )["Location"]
        == back
    )
    assert (
        client.post(f"{BASE}gsbs-2023/notes/{note.public_id}/need/", {"sphere": "admissions"})[
            "Location"
        ]
        == back
    )
    assert Note.objects.values_list("theme", "need_sphere").get() == (theme.pk, sphere.pk)
    page = text(client.get(back))
    assert "Marked as a need of Admissions: it is on the project community map." in page
    board = text(client.get(f"{BASE}gsbs-2023/themes/"))
    assert "Holistic review in admissions" in board and "need of Admissions" in board
    response = client.post(
        f"{BASE}gsbs-2023/notes/{note.public_id}/theme/", {"theme": "not-a-theme"}, follow=True
    )
    assert "Choose one of this walk&#x27;s themes." in text(response)
    assert Note.objects.get().theme == theme


def test_an_organizer_turns_a_note_into_a_draft_target(
    client_for, station, note, organizer, sphere
):
    synthesis.mark_need(note, actor=None, sphere=sphere)
    client = client_for(organizer)
    path = f"{BASE}gsbs-2023/notes/{note.public_id}/target/"
    form = text(client.get(path))
    assert 'value="Holistic review in admissions"' in form
    assert 'value="holistic-review-in-admissions"' in form
    assert '<option value="admissions" selected>Admissions</option>' in form
    data = {
        "sphere": "admissions",
        "title": "Holistic review in admissions",
        "slug": "holistic-review",
        "desired_outcome": note.body,
        "cycle": "2026",
        "systems_condition": "structural",
    }
    response = client.post(path, data)
    assert (
        response["Location"]
        == f"{BASE}gsbs-2023/stations/{station.public_id}/notes/#note-{note.public_id}"
    )
    target = ChangeTarget.objects.get()
    assert (target.status, target.sphere, TargetOrigin.objects.get().note) == (
        "draft",
        sphere,
        note,
    )
    page = text(client.get(f"{BASE}gsbs-2023/stations/{station.public_id}/notes/"))
    assert (
        'Became the draft target <a href="/alpha/change/targets/holistic-review/">Holistic review in admissions</a>'
        in page
    )
    assert "This note already became the draft target" in text(client.get(path))
    # The draft target's own page says where it came from.
    origin = text(client.get("/alpha/change/targets/holistic-review/"))
    assert "Drafted from a “What should change” note at the data walk" in origin
    assert client.post(path, {**data, "slug": "again"}).status_code == 200
    assert ChangeTarget.objects.count() == 1


def test_a_refused_draft_is_explained_next_to_the_field(
    client_for, station, note, organizer, sphere
):
    from tests.change.helpers import make_target

    make_target(sphere, slug="taken")
    data = {
        "sphere": "admissions",
        "title": "T",
        "slug": "taken",
        "desired_outcome": "D",
        "cycle": "2026",
        "systems_condition": "structural",
    }
    page = text(client_for(organizer).post(f"{BASE}gsbs-2023/notes/{note.public_id}/target/", data))
    assert "Another change target already has the address “taken”." in page
    assert 'id="id_slug_error"' in page
    assert (ChangeTarget.objects.count(), TargetOrigin.objects.count()) == (1, 0)


def test_the_target_page_snippet_says_where_it_came_from(
    station, note, organizer, sphere, institution
):
    from tests.change.helpers import make_target

    request = RequestFactory().get("/")
    request.user = organizer  # the walk is for members: the snippet names it to them only

    target = synthesis.draft_target_from_note(
        note,
        actor=organizer,
        sphere=sphere,
        slug="holistic",
        title="Holistic",
        desired_outcome="D",
        cycle=2026,
        systems_condition="structural",
    )
    html = render_to_string(
        "datawalks/_target_origin.html",
        {"target": ChangeTarget.objects.get(pk=target.pk), "institution": institution},
        request=request,
    )
    assert html.strip().endswith(
        'Drafted from a “What should change” note at the data walk <a href="/alpha/data-walks/gsbs-2023/">GSBS Data Walk</a>, station “Who studies here”.</p>'
    )
    plain = make_target(sphere, slug="plain")
    assert render_to_string("datawalks/_target_origin.html", {"target": plain}).strip() == ""


def test_the_csv_has_every_note_and_no_author(client_for, station, note, member, organizer, sphere):
    synthesis.mark_need(note, actor=None, sphere=sphere)
    leave(station, member, body="=HYPERLINK(evil)")
    response = client_for(organizer).get(f"{BASE}gsbs-2023/notes.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Station",
        "Prompt",
        "Note",
        "Votes",
        "Theme",
        "Need of sphere",
        "Draft target",
    ]
    assert sorted(rows[1:]) == [
        ["Who studies here", "What I notice", "'=HYPERLINK(evil)", "0", "", "", ""],
        ["Who studies here", "What should change", note.body, "0", "", "Admissions", ""],
    ]
    assert member.name not in response.content.decode()


def test_the_walk_history_names_organizers_not_participants(
    client_for, station, note, member, organizer
):
    synthesis.add_theme(station.walk, actor=organizer, name="Mentoring")
    page = text(client_for(organizer).get(f"{BASE}gsbs-2023/"))
    assert "Theme Mentoring was added" in page and "Olu Organizer" in page
    assert member.name not in page
    assert not ActivityLog.objects.filter(actor=member).exists()


@pytest.mark.parametrize("size", [2, 20])
def test_the_organizers_notes_cost_the_same_queries(
    client_for, institution, station, organizer, sphere, size, django_assert_num_queries
):
    theme = synthesis.add_theme(station.walk, actor=None, name="Mentoring")
    voters = [make_member(institution, email=f"v{i}@alpha.example") for i in range(3)]
    for i in range(size):
        made = leave(station, voters[i % 3], prompt=Prompt.CHANGE, body=f"Note {i}")
        notes.toggle_vote(made, voter=voters[0])
        synthesis.set_note_theme(made, actor=None, theme=theme)
        synthesis.mark_need(made, actor=None, sphere=sphere)
        if i % 2:
            synthesis.draft_target_from_note(
                made,
                actor=None,
                sphere=sphere,
                slug=f"t{i}",
                title=f"T{i}",
                desired_outcome="D",
                cycle=2026,
                systems_condition="structural",
            )
    client = client_for(organizer)
    with django_assert_num_queries(NUM_NOTES_QUERIES):
        page = text(client.get(f"{BASE}gsbs-2023/stations/{station.public_id}/notes/"))
    assert page.count("Became the draft target") == size // 2
    with django_assert_num_queries(NUM_THEMES_QUERIES):
        board = text(client.get(f"{BASE}gsbs-2023/themes/"))
    assert board.count("need of Admissions") == size


NUM_NOTES_QUERIES = 11
NUM_THEMES_QUERIES = 8
