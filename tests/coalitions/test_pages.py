"""Coalition pages as members, organizers, visitors and people of another school meet them."""

from datetime import timedelta

import pytest
from django.core import mail

from allin.accounts.models import SelfIdentification
from allin.coalitions import services, terms
from allin.coalitions.models import Application, Coalition, Term
from tests.coalitions.conftest import accepted, applied, crowd


def text(response):
    return response.content.decode()


@pytest.fixture
def beta_coalition(other_institution):
    return services.create_coalition(other_institution, actor=None, slug="grbi", name="Beta gRBI")


# Members' pages -------------------------------------------------------------------------------


def test_visitors_read_the_coalition_but_not_who_is_on_it(client, institution, coalition, member):
    accepted(coalition, member)
    index = text(client.get("/alpha/coalitions/"))
    assert "Medical Education RBI Guiding Coalition" in index
    assert "1 member " in index
    page = text(client.get("/alpha/coalitions/rbi/"))
    assert "Values diversity; commitment; open-mindedness." in page
    assert "Ada Member" not in page
    assert "to sign up and to see who is on the coalition" in page


def test_members_see_the_roster_with_affiliations(client_for, institution, coalition, member):
    first, second = crowd(institution, 2)
    accepted(coalition, first)
    accepted(coalition, second)
    page = text(client_for(member).get("/alpha/coalitions/rbi/"))
    assert f"<td>{first.display_name}</td><td>MD student</td>" in page
    assert f"<td>{second.display_name}</td><td>MD student</td>" in page
    assert "Sign up for Medical Education RBI Guiding Coalition" in page


def test_an_applicant_sees_the_state_of_their_application(client_for, coalition, member):
    client = client_for(member)
    response = client.post(
        "/alpha/coalitions/rbi/sign-up/", {"why": "I want change.", "brings": "Data skills."}
    )
    assert response["Location"] == "/alpha/coalitions/rbi/"
    page = text(client.get("/alpha/coalitions/rbi/"))
    assert "<strong>Waiting for a decision</strong>" in page
    assert "Withdraw my application" in page
    services.decide(Application.objects.get(), actor=None, decision="accept")
    page = text(client.get("/alpha/coalitions/rbi/"))
    assert "<strong>Accepted</strong>" in page
    assert '<p class="badge badge-ok">Member: ' in page


def test_a_blank_statement_comes_back_with_the_error_next_to_the_field(
    client_for, coalition, member
):
    response = client_for(member).post("/alpha/coalitions/rbi/sign-up/", {"why": "", "brings": ""})
    page = text(response)
    assert response.status_code == 200
    assert 'id="id_why_error"' in page and 'id="id_brings_error"' in page
    assert not Application.objects.exists()


def test_signing_up_twice_says_so(client_for, coalition, member):
    applied(coalition, member)
    page = text(client_for(member).get("/alpha/coalitions/rbi/sign-up/"))
    assert "You have already signed up; your application is waiting for a decision." in page
    assert "Send my application" not in page


def test_withdrawing_my_application(client_for, coalition, member):
    applied(coalition, member)
    client = client_for(member)
    assert client.get("/alpha/coalitions/rbi/withdraw/").status_code == 405
    client.post("/alpha/coalitions/rbi/withdraw/")
    assert Application.objects.get().status == "withdrawn"
    # Nothing left to withdraw.
    assert client.post("/alpha/coalitions/rbi/withdraw/").status_code == 404


def test_visitors_are_sent_to_sign_in_before_signing_up(client, coalition):
    response = client.get("/alpha/coalitions/rbi/sign-up/")
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", ["sign-up/", "withdraw/"])
def test_people_of_another_school_cannot_sign_up(client_for, coalition, other_member, path):
    response = client_for(other_member).post(
        f"/alpha/coalitions/rbi/{path}", {"why": "x", "brings": "y"}
    )
    assert response.status_code == 404
    assert not Application.objects.exists()


@pytest.mark.parametrize("path", ["", "sign-up/", "withdraw/"])
def test_another_schools_coalition_is_not_found_here(client_for, beta_coalition, organizer, path):
    assert client_for(organizer).get(f"/alpha/coalitions/grbi/{path}").status_code == 404


@pytest.mark.parametrize("size", [2, 6])
def test_index_query_count_is_constant(
    client_for, institution, member, size, django_assert_num_queries
):
    for i in range(size):
        made = services.create_coalition(institution, actor=None, slug=f"c{i}", name=f"C{i}")
        accepted(made, crowd(institution, 1, prefix=f"c{i}-")[0])
    client = client_for(member)
    with django_assert_num_queries(NUM_INDEX_QUERIES):
        response = client.get("/alpha/coalitions/")
    assert text(response).count("1 member ") == size


NUM_INDEX_QUERIES = 5


@pytest.mark.parametrize("size", [2, 6])
def test_roster_query_count_is_constant(
    client_for, institution, coalition, member, today, size, django_assert_num_queries
):
    # Members since last month, described: the composition has answers to count.
    for person in crowd(institution, size):
        accepted(coalition, person, starts_on=terms.add_months(today, -1))
        SelfIdentification.objects.create(user=person, race_ethnicity=["asian"], urim="no")
    applied(coalition, member)
    client = client_for(member)
    # The month's first view counts and stores the composition; later ones only read it.
    with django_assert_num_queries(NUM_DETAIL_QUERIES + NUM_SNAPSHOT_QUERIES):
        client.get("/alpha/coalitions/rbi/")
    with django_assert_num_queries(NUM_DETAIL_QUERIES):
        response = client.get("/alpha/coalitions/rbi/")
    page = text(response)
    assert page.count("<td>MD student</td>") == size
    assert "Too few members to show the composition without pointing at anyone." in page
    assert '<th scope="row">Asian</th>' not in page


NUM_DETAIL_QUERIES = 9
# The first view also looks for last month's table, counts the answers and inserts in a
# savepoint (and the session's first request does a little more).
NUM_SNAPSHOT_QUERIES = 6


# Organizer pages -------------------------------------------------------------------------------


def manage_paths(application: Application, term: Term) -> list[str]:
    base = "/alpha/coalitions/manage"
    return [
        f"{base}/",
        f"{base}/rbi/",
        f"{base}/rbi/applications/",
        f"{base}/rbi/applications/{application.public_id}/",
        f"{base}/rbi/terms/",
        f"{base}/rbi/terms/{term.public_id}/",
        f"{base}/rbi/terms/{term.public_id}/renew/",
        f"{base}/rbi/terms/{term.public_id}/end/",
    ]


@pytest.fixture
def decided(institution, coalition, member):
    term = accepted(coalition, crowd(institution, 1, prefix="m")[0])
    return applied(coalition, member), term


def _state():
    return (
        sorted(Coalition.objects.values_list("slug", "name", "capacity", "signups_open")),
        sorted(Application.objects.values_list("public_id", "status")),
        sorted(Term.objects.values_list("public_id", "starts_on", "ends_on")),
    )


def test_members_may_not_manage_coalitions(client_for, member, decided):
    client = client_for(member)
    before = _state()
    for path in manage_paths(*decided):
        assert client.get(path).status_code in (403,), path
        response = client.post(path, {"name": "x", "decision": "accept", "slug": "x"})
        assert response.status_code == 403, path
    assert _state() == before


def test_organizers_of_another_school_are_not_found_here(client_for, outsider, decided):
    client = client_for(outsider)
    before = _state()
    for path in manage_paths(*decided):
        assert client.get(path).status_code == 404, path
        assert client.post(path, {"decision": "accept"}).status_code == 404, path
    assert _state() == before


def test_another_schools_application_and_term_are_not_found_here(
    client_for, other_institution, beta_coalition, organizer, coalition
):
    person = crowd(other_institution, 1, prefix="beta")[0]
    application = applied(beta_coalition, person)
    term = accepted(beta_coalition, crowd(other_institution, 1, prefix="beta-m")[0])
    client = client_for(organizer)
    for path in [
        f"/alpha/coalitions/manage/rbi/applications/{application.public_id}/",
        f"/alpha/coalitions/manage/rbi/terms/{term.public_id}/",
        f"/alpha/coalitions/manage/rbi/terms/{term.public_id}/end/",
        "/alpha/coalitions/manage/grbi/",
    ]:
        assert client.post(path, {"decision": "accept"}).status_code == 404, path
    application.refresh_from_db()
    assert application.status == "pending"


def test_organizer_creates_a_coalition(client_for, organizer):
    response = client_for(organizer).post(
        "/alpha/coalitions/manage/",
        {
            "name": "Graduate School gRBI Guiding Coalition",
            "slug": "grbi",
            "description": "Change leaders of the graduate school.",
            "role": "",
            "criteria": "",
            "term_months": "12",
            "capacity": "20",
            "signups_open": "on",
        },
    )
    assert response["Location"] == "/alpha/coalitions/manage/grbi/"
    made = Coalition.objects.get()
    assert (made.name, made.capacity, made.term_months, made.signups_open) == (
        "Graduate School gRBI Guiding Coalition",
        20,
        12,
        True,
    )


def test_bad_coalition_input_is_shown_next_to_each_field(client_for, coalition, organizer):
    response = client_for(organizer).post(
        "/alpha/coalitions/manage/",
        {"name": "", "slug": "projects", "term_months": "0", "capacity": "-1"},
    )
    page = text(response)
    assert response.status_code == 200
    for field in ("name", "term_months", "capacity"):
        assert f'id="id_{field}_error"' in page, field
    assert Coalition.objects.count() == 1
    response = client_for(organizer).post(
        "/alpha/coalitions/manage/", {"name": "X", "slug": "projects", "term_months": "12"}
    )
    assert "This short name is used by the site; choose another." in text(response)
    assert Coalition.objects.count() == 1


def test_lowering_capacity_below_the_members_is_refused_on_the_field(
    client_for, institution, coalition, organizer
):
    for person in crowd(institution, 2):
        accepted(coalition, person)
    response = client_for(organizer).post(
        "/alpha/coalitions/manage/rbi/",
        {"name": coalition.name, "term_months": "12", "capacity": "1", "signups_open": "on"},
    )
    page = text(response)
    assert 'id="id_capacity_error"' in page
    assert "2 people are members on" in page
    coalition.refresh_from_db()
    assert coalition.capacity is None


def test_organizers_read_statements_and_accept(
    client_for, coalition, member, organizer, django_capture_on_commit_callbacks
):
    application = applied(coalition, member, why="Because it matters.", brings="Ten years of DEI.")
    client = client_for(organizer)
    listing = text(client.get("/alpha/coalitions/manage/rbi/applications/"))
    assert "Because it matters." in listing and "Ten years of DEI." in listing
    url = f"/alpha/coalitions/manage/rbi/applications/{application.public_id}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "accept", "starts_on": "", "note": ""})
    assert response["Location"] == "/alpha/coalitions/manage/rbi/applications/"
    assert Term.objects.get().user == member
    assert [m.to for m in mail.outbox] == [[member.email]]
    decided = text(client.get("/alpha/coalitions/manage/rbi/applications/?show=decided"))
    assert "Accepted by Olu Organizer" in decided


def test_a_full_coalition_says_so_on_the_decision_page(
    client_for, institution, coalition, member, organizer
):
    services.update_coalition(coalition, actor=None, capacity=1)
    accepted(coalition, crowd(institution, 1)[0])
    application = applied(coalition, member)
    response = client_for(organizer).post(
        f"/alpha/coalitions/manage/rbi/applications/{application.public_id}/",
        {"decision": "accept"},
    )
    page = text(response)
    assert response.status_code == 200
    assert "is full: all 1 places are taken on" in page
    application.refresh_from_db()
    assert (application.status, Term.objects.count()) == ("pending", 1)


def test_bad_decisions_are_refused_next_to_the_field(client_for, coalition, member, organizer):
    application = applied(coalition, member)
    url = f"/alpha/coalitions/manage/rbi/applications/{application.public_id}/"
    page = text(client_for(organizer).post(url, {"decision": "maybe", "starts_on": "31/31/2026"}))
    assert 'id="id_decision_error"' in page and 'id="id_starts_on_error"' in page
    application.refresh_from_db()
    assert application.status == "pending"


@pytest.mark.parametrize(
    ("starts_on", "says"),
    [
        ("9999-12-01", "at most 5 years ahead."),
        ("far", "or later: earlier months are already counted"),
    ],
)
def test_term_starts_outside_the_bounds_are_refused_next_to_the_field(
    client_for, coalition, member, organizer, today, starts_on, says
):
    if starts_on == "far":
        starts_on = str(today.replace(day=1) - timedelta(days=1))
    application = applied(coalition, member)
    url = f"/alpha/coalitions/manage/rbi/applications/{application.public_id}/"
    response = client_for(organizer).post(url, {"decision": "accept", "starts_on": starts_on})
    page = text(response)
    assert response.status_code == 200
    assert 'id="id_starts_on_error"' in page and says in page
    application.refresh_from_db()
    assert (application.status, Term.objects.count()) == ("pending", 0)


def test_the_service_refuses_a_start_too_far_ahead(coalition, member, today):
    from datetime import date

    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        services.decide(
            applied(coalition, member), actor=None, decision="accept", starts_on=date(9999, 12, 1)
        )
    assert list(exc.value.message_dict) == ["starts_on"]
    assert Term.objects.count() == 0


def test_a_term_is_not_ended_in_a_month_already_counted(
    client_for, coalition, member, organizer, today
):
    term = accepted(coalition, member, starts_on=terms.add_months(today, -2))
    client = client_for(organizer)
    url = f"/alpha/coalitions/manage/rbi/terms/{term.public_id}/end/"
    first = today.replace(day=1)
    page = text(client.post(url, {"ends_on": str(first - timedelta(days=1))}))
    assert 'id="id_ends_on_error"' in page
    assert f"Choose {terms.human(first)} or later" in page
    term.refresh_from_db()
    assert term.ends_on == term.planned_ends_on
    assert client.post(url, {"ends_on": str(first)}).status_code == 302
    term.refresh_from_db()
    assert term.ends_on == first


def test_renew_and_end_from_the_term_page(client_for, coalition, member, organizer, today):
    term = accepted(coalition, member)
    client = client_for(organizer)
    base = f"/alpha/coalitions/manage/rbi/terms/{term.public_id}/"
    assert "Renew the term" in text(client.get(base))
    assert client.get(f"{base}renew/").status_code == 405
    client.post(f"{base}renew/")
    renewal = Term.objects.get(renewal_of=term)
    assert renewal.starts_on == term.ends_on
    # A day before the term starts is refused next to the field.
    page = text(client.post(f"{base}end/", {"ends_on": str(today - timedelta(days=3))}))
    assert 'id="id_ends_on_error"' in page
    end_day = today + timedelta(days=7)
    response = client.post(f"{base}end/", {"ends_on": str(end_day)})
    assert response["Location"] == "/alpha/coalitions/manage/rbi/terms/"
    term.refresh_from_db()
    renewal.refresh_from_db()
    assert (term.ends_on, renewal.ends_on) == (end_day, renewal.starts_on)
    listing = text(client.get("/alpha/coalitions/manage/rbi/terms/"))
    assert "Current, ended early, renewed" in listing
    assert "Cancelled, ended early (a renewal)" in listing


def test_a_failed_renewal_says_why(client_for, coalition, member, organizer, today):
    term = accepted(coalition, member, starts_on=terms.add_months(today, -24))
    response = client_for(organizer).post(
        f"/alpha/coalitions/manage/rbi/terms/{term.public_id}/renew/", follow=True
    )
    assert "the person can apply again." in text(response)
    assert Term.objects.count() == 1


@pytest.mark.parametrize("size", [2, 6])
def test_manage_list_query_count_is_constant(
    client_for, institution, organizer, size, django_assert_num_queries
):
    for i in range(size):
        made = services.create_coalition(institution, actor=None, slug=f"c{i}", name=f"C{i}")
        applied(made, crowd(institution, 1, prefix=f"c{i}-")[0])
    client = client_for(organizer)
    client.get("/alpha/coalitions/manage/")
    with django_assert_num_queries(NUM_MANAGE_LIST_QUERIES):
        client.get("/alpha/coalitions/manage/")


NUM_MANAGE_LIST_QUERIES = 5


@pytest.mark.parametrize("size", [2, 6])
def test_applications_query_count_is_constant(
    client_for, institution, coalition, organizer, size, django_assert_num_queries
):
    for person in crowd(institution, size):
        applied(coalition, person)
    client = client_for(organizer)
    client.get("/alpha/coalitions/manage/rbi/applications/")
    with django_assert_num_queries(NUM_APPLICATIONS_QUERIES):
        response = client.get("/alpha/coalitions/manage/rbi/applications/")
    assert text(response).count("<h4>Why they want to join</h4>") == size


NUM_APPLICATIONS_QUERIES = 6


@pytest.mark.parametrize("size", [2, 6])
def test_terms_query_count_is_constant(
    client_for, institution, coalition, organizer, size, django_assert_num_queries
):
    for person in crowd(institution, size):
        terms.renew_term(accepted(coalition, person), actor=None)
    client = client_for(organizer)
    client.get("/alpha/coalitions/manage/rbi/terms/")
    with django_assert_num_queries(NUM_TERMS_QUERIES):
        response = client.get("/alpha/coalitions/manage/rbi/terms/")
    assert text(response).count("(a renewal)") == size


NUM_TERMS_QUERIES = 6
