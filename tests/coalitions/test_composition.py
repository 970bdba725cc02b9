"""Self-identification at /me/identity/ and the coalition's composition built from it."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from allin.accounts.models import SelfIdentification
from allin.coalitions import queries
from allin.core.models import ActivityLog
from tests.coalitions.conftest import accepted, crowd

MID_NOVEMBER = datetime(2026, 11, 16, 17, 0, tzinfo=UTC)


def text(response):
    return response.content.decode()


def describe(user, race, urim=""):
    SelfIdentification.objects.create(user=user, race_ethnicity=race, urim=urim)


def test_the_identity_page_says_who_sees_what(client_for, member):
    page = text(client_for(member).get("/me/identity/"))
    assert "only counts of 11 or more, never your name" in page
    assert "Middle Eastern or North African" in page
    assert "Clear everything" not in page  # nothing to clear yet


def test_a_person_sets_and_clears_their_answers(client_for, member):
    client = client_for(member)
    response = client.post(
        "/me/identity/", {"race_ethnicity": ["black", "hispanic"], "urim": "yes"}
    )
    assert response["Location"] == "/me/identity/"
    row = SelfIdentification.objects.get(user=member)
    assert (row.race_ethnicity, row.urim) == (["black", "hispanic"], "yes")
    entry = ActivityLog.objects.get(action="accounts.identity.saved")
    # The trail says that it changed, never what it says or whose name it is.
    assert (entry.data, entry.object_repr, entry.institution) == ({}, "Self-identification", None)
    client.post("/me/identity/", {"clear": "1"})
    assert not SelfIdentification.objects.exists()
    assert ActivityLog.objects.filter(action="accounts.identity.cleared").count() == 1


def test_prefer_not_to_say_with_groups_is_refused_next_to_the_field(client_for, member):
    response = client_for(member).post(
        "/me/identity/", {"race_ethnicity": ["asian", "prefer_not"], "urim": "no"}
    )
    page = text(response)
    assert response.status_code == 200
    assert 'id="id_race_ethnicity_error"' in page
    assert "Choose groups, or “Prefer not to say”, but not both." in page
    assert not SelfIdentification.objects.exists()


def test_made_up_answers_are_refused_not_a_server_error(client_for, member):
    response = client_for(member).post(
        "/me/identity/", {"race_ethnicity": ["martian"], "urim": "maybe"}
    )
    page = text(response)
    assert 'id="id_race_ethnicity_error"' in page and 'id="id_urim_error"' in page
    assert not SelfIdentification.objects.exists()


def test_the_identity_page_needs_signing_in(client):
    assert client.get("/me/identity/")["Location"].startswith("/accounts/login/")


def _members(institution, coalition, n, start=date(2026, 10, 1), prefix="p"):
    with time_machine.travel(datetime(2026, 10, 1, 16, 0, tzinfo=UTC), tick=False):
        people = crowd(institution, n, prefix)
        for person in people:
            accepted(coalition, person, starts_on=start)
    return people


def test_small_groups_are_hidden_with_a_complement(institution, coalition):
    people = _members(institution, coalition, 15)
    for person in people[:12]:
        describe(person, ["black"], "yes")
    for person in people[12:]:
        describe(person, ["asian"])
    with time_machine.travel(MID_NOVEMBER, tick=False):
        found = queries.composition(coalition, date(2026, 11, 16))
    race = dict(found.race)
    # Asian (3) is small; Black (12) is hidden too, or 15 - 12 would give it away.
    assert (race["Asian"], race["Black or African American"], found.counted) == (
        "hidden",
        "hidden",
        "15",
    )
    assert race["White"] == "0"
    assert dict(found.urim) == {
        "Yes": "hidden",
        "No": "0",
        "Prefer not to say": "0",
        "Not answered": "hidden",
    }


def test_large_groups_are_shown_and_several_groups_count_once(institution, coalition):
    people = _members(institution, coalition, 24)
    for person in people[:12]:
        describe(person, ["white"], "no")
    for person in people[12:]:
        describe(person, ["black", "hispanic"], "yes")
    found = queries.composition(coalition, date(2026, 11, 16))
    race = dict(found.race)
    assert (race["White"], race["More than one group"], race["Black or African American"]) == (
        "12",
        "12",
        "0",
    )
    assert dict(found.urim)["Yes"] == "12"
    assert found.counted == "24"


def test_composition_is_of_the_first_of_the_month(institution, coalition):
    _members(institution, coalition, 12)
    # Eleven more joined on the 10th: they count from December 1, not the day they joined.
    late = _members(institution, coalition, 11, start=date(2026, 11, 10), prefix="late")
    for person in late:
        describe(person, ["white"])
    november = queries.composition(coalition, date(2026, 11, 16))
    december = queries.composition(coalition, date(2026, 12, 2))
    assert (november.as_of, november.counted, dict(november.race)["White"]) == (
        date(2026, 11, 1),
        "12",
        "0",
    )
    assert (december.counted, dict(december.race)["White"]) == ("23", "11")


@pytest.mark.parametrize("size", [1, 10])
def test_no_count_from_1_to_10_reaches_the_page(client_for, institution, coalition, member, size):
    people = _members(institution, coalition, size)
    for person in people:
        describe(person, ["mena"], "yes")
    with time_machine.travel(MID_NOVEMBER, tick=False):
        page = text(client_for(member).get("/alpha/coalitions/rbi/"))
    assert "Members counted: <strong>hidden</strong>" in page
    assert '<th scope="row">Middle Eastern or North African</th><td>hidden</td>' in page
    for n in range(1, 11):
        assert f"<td>{n}</td>" not in page
