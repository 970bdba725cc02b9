"""The walk as participants meet it: the list, a walk, one station a page, notes, votes."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from allin.datawalks import notes, services
from allin.datawalks.enums import Prompt, Visibility
from allin.datawalks.models import Note, Vote
from allin.events import checkin
from tests.conftest import make_member
from tests.datawalks.helpers import leave, make_station, make_walk, text
from tests.factories import make_event

STATION = "/alpha/data-walks/gsbs-2023/stations/{}/"


def url(station, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return STATION.format(station.public_id) + tail


def note_url(note, action: str) -> str:  # type: ignore[no-untyped-def]
    return f"/alpha/data-walks/gsbs-2023/notes/{note.public_id}/{action}/"


def test_members_see_every_walk_and_visitors_the_public_ones(
    client, client_for, institution, member, outsider
):
    make_walk(institution, title="Members' walk")
    make_walk(institution, slug="open-day", title="Open day walk", visibility=Visibility.PUBLIC)
    assert "Members&#x27; walk" in text(client_for(member).get("/alpha/data-walks/"))
    visitor = text(client.get("/alpha/data-walks/"))
    assert "Open day walk" in visitor and "Members" not in visitor
    assert "Open for notes now" in visitor
    other_school = text(client_for(outsider).get("/alpha/data-walks/"))
    assert "Open day walk" in other_school and "Members" not in other_school


def test_the_walk_lists_its_stations_and_starts_at_the_first(client_for, walk, member):
    first = make_station(walk, title="Who applies")
    make_station(walk, title="Who stays")
    page = text(client_for(member).get("/alpha/data-walks/gsbs-2023/"))
    assert "Drop in any time; stay as long as you like." in page
    assert f'href="{url(first)}">Start at station 1</a>' in page
    assert page.index("Who applies") < page.index("Who stays")
    assert "The walk is open: leave your notes at each station." in page


def test_a_members_walk_asks_visitors_to_sign_in_and_hides_from_others(
    client, client_for, station, outsider
):
    for path in ("/alpha/data-walks/gsbs-2023/", url(station)):
        assert client.get(path)["Location"].startswith("/accounts/login/")
        assert client_for(outsider).get(path).status_code == 404


def test_a_public_walk_is_open_to_read(client, client_for, institution, outsider):
    walk = make_walk(institution, slug="open-day", visibility=Visibility.PUBLIC)
    station = make_station(walk)
    page = text(client.get(f"/alpha/data-walks/open-day/stations/{station.public_id}/"))
    assert "Sign in to leave a note" in page
    page = text(
        client_for(outsider).get(f"/alpha/data-walks/open-day/stations/{station.public_id}/")
    )
    assert "Notes are for members of Alpha School of Medicine." in page
    post = f"/alpha/data-walks/open-day/stations/{station.public_id}/notes/"
    response = client_for(outsider).post(post, {"prompt": "notice", "body": "From elsewhere"})
    assert response.status_code == 404
    response = client.post(post, {"prompt": "notice", "body": "Signed out"})
    assert response["Location"].startswith("/accounts/login/")
    assert not Note.objects.exists()


def test_a_station_shows_its_figure_as_chart_and_table(client_for, walk, member, institution):
    from tests.change.helpers import make_sphere, make_target

    target = make_target(make_sphere(institution), title="Holistic review")
    draft = make_target(
        make_sphere(institution, slug="s2", name="S2"),
        slug="d",
        title="Secret draft",
        status="draft",
    )
    first = make_station(
        walk,
        context="Compare with the city.",
        quote="I was the only one.",
        quote_attribution="A PhD student",
        targets=[target, draft],
    )
    second = make_station(walk, title="Who stays")
    page = text(client_for(member).get(url(first)))
    assert "Station 1 of 2" in page
    assert "<figcaption" in page and "PhD students by race and ethnicity" in page
    assert '<th scope="row">Asian, South Asian</th><td>24%</td>' in page
    assert '<rect x="160" y="6" width="220" height="24" class="chart-bar"></rect>' in page
    assert "Compare with the city." in page and "I was the only one." in page
    assert "Holistic review" in page and "Secret draft" not in page
    assert f'rel="next" href="{url(second)}"' in page and 'rel="prev"' not in page
    last = text(client_for(member).get(url(second)))
    assert f'rel="prev" href="{url(first)}"' in last and "End of the walk" in last


def test_a_member_leaves_a_note_and_sees_it_without_a_name(client_for, station, member, organizer):
    client = client_for(member)
    response = client.post(
        url(station, "notes/"), {"prompt": "change", "body": "More mentors of color."}
    )
    assert response["Location"] == url(station) + "#notes"
    page = text(client.get(url(station)))
    assert "Your note is up, without your name." in page
    assert "More mentors of color." in page and "Delete my note" in page
    assert member.name not in page and member.email not in page
    other = text(client_for(organizer).get(url(station)))
    assert "More mentors of color." in other and "Delete my note" not in other
    assert member.name not in other


def test_a_bad_note_is_explained_next_to_the_field(client_for, station, member):
    page = text(client_for(member).post(url(station, "notes/"), {"prompt": "notice", "body": "  "}))
    assert '<ul class="errorlist" id="id_body_error"><li>' in page
    assert "This field is required." in page or "Write your note before posting it." in page
    page = text(client_for(member).post(url(station, "notes/"), {"body": "Words"}))
    assert (
        '<ul class="errorlist" id="id_prompt_error"><li>This field is required.</li></ul>' in page
    )
    assert not Note.objects.exists()


def test_a_closed_walk_refuses_notes(client_for, institution, member):
    past = timezone.now().replace(microsecond=0) - timedelta(days=2)
    station = make_station(
        make_walk(institution, opens_at=past - timedelta(days=1), closes_at=past)
    )
    client = client_for(member)
    page = text(client.get(url(station)))
    assert "This data walk closed on" in page and "Post my note" not in page
    page = text(client.post(url(station, "notes/"), {"prompt": "notice", "body": "Late"}))
    assert "This data walk closed on" in page
    assert not Note.objects.exists()


@override_settings(ALLIN_RATE_LIMITS={"walk_note": (2, 60), "walk_vote": (60, 60)})
def test_note_posting_is_rate_limited(client_for, station, member):
    client = client_for(member)
    for i in range(2):
        client.post(url(station, "notes/"), {"prompt": "notice", "body": f"Note {i}"})
    response = client.post(url(station, "notes/"), {"prompt": "notice", "body": "One more"})
    assert response.status_code == 429 and "Too many attempts" in text(response)
    assert Note.objects.count() == 2


def test_a_vote_toggles_without_and_with_htmx(client_for, station, member, organizer):
    note = leave(station, organizer)
    client = client_for(member)
    response = client.post(note_url(note, "vote"))
    assert response["Location"] == url(station) + f"#note-{note.public_id}"
    assert "Your vote is counted." in text(client.get(url(station)))
    fragment = text(client.post(note_url(note, "vote"), headers={"HX-Request": "true"}))
    assert "0 votes" in fragment and 'aria-pressed="false"' in fragment
    assert "Your vote is withdrawn." in fragment and "<html" not in fragment
    fragment = text(client.post(note_url(note, "vote"), headers={"HX-Request": "true"}))
    assert "1 vote<" in fragment and 'aria-pressed="true"' in fragment
    assert list(Vote.objects.values_list("voter", flat=True)) == [member.pk]


def test_notes_order_newest_or_most_voted(client_for, station, member, organizer):
    popular = leave(station, member, body="Popular note")
    leave(station, member, body="Recent note")
    notes.toggle_vote(popular, voter=organizer)
    client = client_for(member)
    newest = text(client.get(url(station)))
    assert newest.index("Recent note") < newest.index("Popular note")
    voted = text(client.get(url(station) + "?order=votes"))
    assert voted.index("Popular note") < voted.index("Recent note")


def test_only_the_author_deletes_their_note(client_for, station, member, organizer):
    note = leave(station, member)
    assert client_for(organizer).post(note_url(note, "delete")).status_code == 403
    response = client_for(member).post(note_url(note, "delete"))
    assert response["Location"] == url(station) + "#notes"
    assert not Note.objects.exists()


@pytest.mark.parametrize("action", ["vote", "delete"])
def test_people_of_another_school_reach_no_note(client_for, station, member, outsider, action):
    note = leave(station, member)
    assert client_for(outsider).post(note_url(note, action)).status_code == 404
    assert (Note.objects.count(), Vote.objects.count()) == (1, 0)


def test_another_schools_walk_is_not_found_here(
    client_for, other_institution, other_member, organizer
):
    beta = make_station(make_walk(other_institution, slug="beta-walk"))
    note = leave(beta, other_member)
    client = client_for(organizer)
    for path in (
        "/alpha/data-walks/beta-walk/",
        f"/alpha/data-walks/beta-walk/stations/{beta.public_id}/",
        f"/alpha/data-walks/gsbs-2023/stations/{beta.public_id}/",
    ):
        assert client.get(path).status_code == 404
    assert (
        client.post(f"/alpha/data-walks/beta-walk/notes/{note.public_id}/vote/").status_code == 404
    )
    assert not Vote.objects.exists()


def test_the_event_page_and_check_in_lead_to_the_walk(client_for, institution, member, organizer):
    event = make_event(
        institution, slug="data-walk", starts_at=timezone.now() - timedelta(minutes=10)
    )
    make_walk(institution, event=event)
    client = client_for(member)
    link = 'This event is a data walk: <a href="/alpha/data-walks/gsbs-2023/">open the stations</a>'
    assert link in text(client.get("/alpha/events/data-walk/"))
    client.post("/alpha/events/data-walk/check-in/")
    assert link in text(client.get("/alpha/events/data-walk/check-in/"))
    assert checkin.Attendance.objects.filter(user=member).exists()
    assert "This event is a data walk" not in text(client.get("/alpha/events/"))


def test_an_event_without_a_walk_says_nothing_of_walks(client_for, institution, member):
    make_event(institution, slug="chat")
    assert "data walk" not in text(client_for(member).get("/alpha/events/chat/"))


@pytest.mark.parametrize("size", [2, 20])
def test_the_walks_list_costs_the_same_queries(
    client_for, institution, member, size, django_assert_num_queries
):
    for i in range(size):
        walk = make_walk(institution, slug=f"w{i}", event=make_event(institution, slug=f"e{i}"))
        make_station(walk)
    client = client_for(member)
    with django_assert_num_queries(NUM_INDEX_QUERIES):
        page = text(client.get("/alpha/data-walks/"))
    assert page.count("1 station") == size


NUM_INDEX_QUERIES = 5


@pytest.mark.parametrize("size", [2, 20])
def test_a_stations_notes_cost_the_same_queries(
    client_for, institution, station, member, size, django_assert_num_queries
):
    from tests.change.helpers import make_sphere, make_target

    sphere = make_sphere(institution)
    services.update_station(
        station, actor=None, targets=[make_target(sphere, slug=f"t{i}") for i in range(size)]
    )
    voters = [make_member(institution, email=f"v{i}@alpha.example") for i in range(3)]
    for i in range(size):
        note = leave(station, voters[i % 3], body=f"Note number {i}", prompt=list(Prompt)[i % 3])
        for voter in voters[: i % 3 + 1]:
            notes.toggle_vote(note, voter=voter)
    client = client_for(member)
    with django_assert_num_queries(NUM_STATION_QUERIES):
        page = text(client.get(url(station)))
    assert page.count('<li class="sticky-note ') == size


NUM_STATION_QUERIES = 10
