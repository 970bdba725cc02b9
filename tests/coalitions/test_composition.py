"""Self-identification at /me/identity/ and the coalition's composition built from it."""

from datetime import UTC, date, datetime

import pytest
import time_machine

from allin.accounts.models import SelfIdentification
from allin.coalitions import composition
from allin.coalitions.models import CompositionSnapshot
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


def counted(coalition, day):
    with time_machine.travel(datetime.combine(day, datetime.min.time(), UTC), tick=False):
        return composition.composition(coalition, day)


TOO_FEW = "Too few members to show the composition without pointing at anyone."


def test_a_group_is_hidden_unless_11_are_in_it_and_11_outside(institution, coalition):
    # 15 members: the roster gives the total, so "Black: 12" would say the other 3 are not
    # Black, and any zero beside a hidden count would narrow it down. Nothing can be shown.
    people = _members(institution, coalition, 15)
    for person in people[:12]:
        describe(person, ["black"], "yes")
    for person in people[12:]:
        describe(person, ["asian"])
    found = counted(coalition, date(2026, 11, 16))
    assert (found.counted, found.race, found.urim) == (15, [], [])


def test_small_groups_are_counted_together_and_zeros_are_not_listed(institution, coalition):
    people = _members(institution, coalition, 30)
    for person in people[:15]:
        describe(person, ["white"], "no")
    for person in people[15:27]:
        describe(person, ["black"], "yes")
    for person in people[27:]:
        describe(person, ["asian"], "no")
    found = counted(coalition, date(2026, 11, 16))
    # Asian (3) alone would be 30 - 15 - 12: Black, the smallest shown, joins it.
    assert found.race == [("White", "15"), ("Other or hidden", "15")]
    assert found.urim == [("Yes", "12"), ("No", "18")]


def test_large_groups_are_shown_and_several_groups_count_once(institution, coalition):
    people = _members(institution, coalition, 24)
    for person in people[:12]:
        describe(person, ["white"], "no")
    for person in people[12:]:
        describe(person, ["black", "hispanic"], "yes")
    found = counted(coalition, date(2026, 11, 16))
    assert found.race == [("White", "12"), ("More than one group", "12")]
    assert found.urim == [("Yes", "12"), ("No", "12")]
    assert found.counted == 24


def test_composition_is_of_the_first_of_the_month(institution, coalition):
    _members(institution, coalition, 12)
    # Eleven more joined on the 10th: they count from December 1, not the day they joined.
    late = _members(institution, coalition, 11, start=date(2026, 11, 10), prefix="late")
    for person in late:
        describe(person, ["white"])
    november = counted(coalition, date(2026, 11, 16))
    december = counted(coalition, date(2026, 12, 2))
    assert (november.month, november.counted, november.race) == (date(2026, 11, 1), 12, [])
    assert (december.counted, december.race) == (23, [("White", "11"), ("Not answered", "12")])


def test_the_month_is_counted_once_and_kept(institution, coalition):
    people = _members(institution, coalition, 24)
    for person in people[:12]:
        describe(person, ["white"])
    first = counted(coalition, date(2026, 11, 2))
    # Someone changes their answer: the table already taken for November does not move.
    SelfIdentification.objects.filter(user=people[0]).update(race_ethnicity=["black"])
    again = counted(coalition, date(2026, 11, 20))
    assert first.race == again.race == [("White", "12"), ("Not answered", "12")]
    assert first.taken_at == again.taken_at
    assert CompositionSnapshot.objects.get().month == date(2026, 11, 1)


def test_a_group_that_moved_by_fewer_than_11_since_last_month_is_hidden(institution, coalition):
    people = _members(institution, coalition, 36)
    for person, group in zip(people, ["white"] * 12 + ["black"] * 12 + ["asian"] * 12, strict=True):
        describe(person, [group])
    october = counted(coalition, date(2026, 10, 20))
    assert october.race == [("Asian", "12"), ("Black or African American", "12"), ("White", "12")]
    SelfIdentification.objects.filter(user=people[-1]).delete()  # one Asian answer cleared
    november = counted(coalition, date(2026, 11, 3))
    # Asian 11 would be shown by size alone; beside October's 12 it says whose answer changed.
    assert november.race == [
        ("Black or African American", "12"),
        ("White", "12"),
        ("Other or hidden", "12"),
    ]
    assert CompositionSnapshot.objects.count() == 2


def _composition_section(page):
    return page[
        page.index('id="composition-heading"') : page.index(
            "</section>", page.index('id="composition-heading"')
        )
    ]


@pytest.mark.parametrize("size", [1, 10, 12])
def test_a_roster_all_in_one_group_says_nothing_of_it(
    client_for, institution, coalition, member, size
):
    # The roster names every member: "MENA: hidden, every other group: 0" beside it would say
    # each named person is MENA, and so would "MENA: 12, others: 0".
    people = _members(institution, coalition, size)
    for person in people:
        describe(person, ["mena"], "yes")
    with time_machine.travel(MID_NOVEMBER, tick=False):
        page = text(client_for(member).get("/alpha/coalitions/rbi/"))
    section = _composition_section(page)
    assert f"Members counted: <strong>{size}</strong>" in section
    assert TOO_FEW in section
    assert "Middle Eastern or North African" not in section
    assert "<td>" not in section
