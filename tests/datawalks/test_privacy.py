"""What a station page and a target page give away: small counts, draft targets, targets of a
members-only tracker, and members-only walks named on public target pages."""

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.test import RequestFactory

from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget
from allin.datawalks import synthesis
from allin.datawalks.enums import Prompt, Visibility
from allin.datawalks.models import Station
from tests.change.helpers import make_sphere, make_target
from tests.datawalks.helpers import leave, make_station, make_walk, text

OPEN_DAY = "/alpha/data-walks/open-day/stations/{}/"


def members_only_tracker(institution) -> None:  # type: ignore[no-untyped-def]
    institution.tracker_public = False
    institution.save(update_fields=["tracker_public"])
    cache.clear()  # the institution is cached per request path


@pytest.fixture
def public_walk(institution):  # type: ignore[no-untyped-def]
    return make_walk(institution, slug="open-day", visibility=Visibility.PUBLIC)


def test_small_counts_of_people_are_hidden_on_a_public_station(client, public_walk):
    station = make_station(
        public_walk,
        figure_rows=[["Black", "7"], ["Latinx", "9"], ["White", "52"], ["Asian", "24"]],
        figure_unit=" students",
    )
    page = text(client.get(OPEN_DAY.format(station.public_id)))
    assert '<th scope="row">Black</th><td>hidden</td>' in page
    assert '<th scope="row">Latinx</th><td>hidden</td>' in page
    assert '<th scope="row">White</th><td>52 students</td>' in page
    assert "7 students" not in page and "9 students" not in page
    assert page.count('class="chart-bar"') == 2
    assert "Counts from 1 to 10 are hidden" in page


def test_percentages_are_not_hidden(client, public_walk):
    station = make_station(public_walk)  # FIGURES in %
    page = text(client.get(OPEN_DAY.format(station.public_id)))
    assert '<th scope="row">Black</th><td>7%</td>' in page
    assert "Counts from 1 to 10 are hidden" not in page


def test_the_help_text_gives_no_small_count(client_for, walk, organizer):
    form = text(client_for(organizer).get("/alpha/data-walks/manage/gsbs-2023/stations/new/"))
    assert "Black, 7" not in form
    assert "counts from 1 to 10 are shown as “hidden”" in form


def test_a_huge_value_is_refused_next_to_the_field(client_for, walk, organizer):
    data = {"title": "Who applies", "figure_data": "Black, 1e99999999999"}
    page = text(
        client_for(organizer).post("/alpha/data-walks/manage/gsbs-2023/stations/new/", data)
    )
    assert (
        '<ul class="errorlist" id="id_figure_data_error"><li>Line 1: “1e99999999999” is too '
        "large; keep values under 1,000,000,000,000.</li></ul>" in page
    )
    with pytest.raises(ValidationError) as caught:
        make_station(walk, figure_rows=[["Black", "1e99999999999"]])
    assert caught.value.message_dict == {
        "figure_rows": ["Row 1: “1e99999999999” is too large; keep values under 1,000,000,000,000."]
    }
    assert not Station.objects.exists()


def test_a_station_with_rows_stored_before_the_checks_still_shows(client, public_walk):
    station = make_station(public_walk)
    Station.objects.filter(pk=station.pk).update(
        figure_rows=[["A", "1e99999999999"], ["B", "40"], ["C", "x"], "junk"]
    )
    response = client.get(OPEN_DAY.format(station.public_id))
    assert response.status_code == 200
    assert '<th scope="row">B</th><td>40%</td>' in text(response)


def _drafted(station, author, sphere):  # type: ignore[no-untyped-def]
    note = leave(station, author, prompt=Prompt.CHANGE, body="Mentoring for first years.")
    return synthesis.draft_target_from_note(
        note,
        actor=None,
        sphere=sphere,
        slug="mentoring",
        title="Secret mentoring plan",
        desired_outcome="D",
        cycle=2026,
        systems_condition="structural",
    )


def test_a_draft_target_of_a_note_is_named_to_organizers_only(
    client, client_for, institution, public_walk, member, organizer
):
    station = make_station(public_walk)
    target = _drafted(station, member, make_sphere(institution))
    path = OPEN_DAY.format(station.public_id)
    for reader in (client, client_for(member)):
        page = text(reader.get(path))
        assert "Secret mentoring plan" not in page and "Became the" not in page
        assert "/change/targets/mentoring/" not in page
    assert (
        'Became the draft target <a href="/alpha/change/targets/mentoring/">Secret mentoring plan</a>'
        in text(client_for(organizer).get(path))
    )
    ChangeTarget.objects.filter(pk=target.pk).update(status=TargetStatus.ACTIVE)
    for reader in (client, client_for(member), client_for(organizer)):
        assert (
            'Became the change target <a href="/alpha/change/targets/mentoring/">Secret mentoring plan</a>'
            in text(reader.get(path))
        )
    # With the tracker for members only, visitors see no target at all.
    members_only_tracker(institution)
    assert "Secret mentoring plan" not in text(client.get(path))
    assert "Secret mentoring plan" in text(client_for(member).get(path))


def test_a_members_only_tracker_lists_no_target_to_visitors(
    client, client_for, institution, public_walk, member
):
    target = make_target(make_sphere(institution), title="Holistic review")
    station = make_station(public_walk, targets=[target])
    path = OPEN_DAY.format(station.public_id)
    assert "Holistic review" in text(client.get(path))
    members_only_tracker(institution)
    page = text(client.get(path))
    assert page.count("Holistic review") == 0 and "Change targets" not in page
    assert "Holistic review" in text(client_for(member).get(path))


def test_a_public_target_names_a_members_only_walk_to_members_only(
    client, client_for, institution, walk, member, outsider
):
    station = make_station(walk)  # the walk is for members
    target = _drafted(station, member, make_sphere(institution))
    ChangeTarget.objects.filter(pk=target.pk).update(status=TargetStatus.ACTIVE)
    path = "/alpha/change/targets/mentoring/"
    for reader in (client, client_for(outsider)):
        page = text(reader.get(path))
        assert "Secret mentoring plan" in page
        assert "Drafted from" not in page and "GSBS Data Walk" not in page
        assert "gsbs-2023" not in page and "Who studies here" not in page
    assert "Drafted from a “What should change” note at the data walk" in text(
        client_for(member).get(path)
    )
    # A public walk may be named to anyone.
    walk.visibility = Visibility.PUBLIC
    walk.save(update_fields=["visibility"])
    assert "GSBS Data Walk" in text(client.get(path))


def test_the_snippet_alone_hides_a_members_only_walk(institution, walk, member, outsider):
    from django.contrib.auth.models import AnonymousUser

    target = _drafted(make_station(walk), member, make_sphere(institution))
    target = ChangeTarget.objects.get(pk=target.pk)

    def render(user) -> str:  # type: ignore[no-untyped-def]
        request = RequestFactory().get("/")
        if user is not None:
            request.user = user
        context = {"target": target, "institution": institution}
        return render_to_string("datawalks/_target_origin.html", context, request=request)

    for reader in (None, AnonymousUser(), outsider):
        assert render(reader).strip() == ""
    assert "GSBS Data Walk" in render(member)
