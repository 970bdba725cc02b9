import pytest
from django.core.exceptions import ValidationError

from allin.core.models import ActivityLog
from allin.events import services as event_services
from allin.events.enums import Audience
from allin.learning import services
from allin.learning.models import Cohort, CohortMembership
from tests.conftest import make_member
from tests.factories import make_event


def text(response):
    return response.content.decode()


@pytest.fixture
def fellows(institution):
    return services.create_cohort(
        institution, actor=None, slug="fellows-2026", name="Anti-Racism Fellows 2026"
    )


def test_organizer_creates_a_cohort_and_adds_people(client_for, institution, organizer, member):
    client = client_for(organizer)
    response = client.post(
        "/alpha/manage/cohorts/",
        {"name": "Anti-Racism Fellows 2026", "slug": "fellows-2026", "description": ""},
    )
    assert response["Location"] == "/alpha/manage/cohorts/fellows-2026/"
    client.post("/alpha/manage/cohorts/fellows-2026/", {"email": member.email.upper()})
    cohort = Cohort.objects.get()
    assert list(cohort.members.all()) == [member]
    assert member.display_name in text(client.get("/alpha/manage/cohorts/fellows-2026/"))
    assert ActivityLog.objects.filter(action="learning.cohort.member_added").count() == 1


def test_only_members_of_the_institution_can_join(client_for, fellows, organizer, outsider):
    response = client_for(organizer).post(
        "/alpha/manage/cohorts/fellows-2026/", {"email": outsider.email}
    )
    # Someone from elsewhere and nobody at all get the same answer: the form tells nothing
    # about accounts outside this institution.
    unknown = client_for(organizer).post(
        "/alpha/manage/cohorts/fellows-2026/", {"email": "nobody@nowhere.example"}
    )
    for page in (text(response), text(unknown)):
        assert "No member of Alpha has this email address." in page
        assert 'id="id_email_error"' in page
    assert outsider.display_name not in text(response)
    assert not CohortMembership.objects.exists()


def test_a_taken_short_name_is_refused(client_for, fellows, organizer):
    response = client_for(organizer).post(
        "/alpha/manage/cohorts/", {"name": "Other", "slug": "fellows-2026", "description": ""}
    )
    assert "Another cohort already uses this short name." in text(response)
    assert Cohort.objects.count() == 1


def test_remove_from_a_cohort(client_for, fellows, organizer, member):
    services.add_to_cohort(fellows, member, actor=organizer)
    client_for(organizer).post(
        f"/alpha/manage/cohorts/fellows-2026/people/{member.public_id}/remove/"
    )
    assert not CohortMembership.objects.exists()


def test_members_may_not_manage_cohorts(client_for, fellows, member):
    assert client_for(member).get("/alpha/manage/cohorts/").status_code == 403
    assert (
        client_for(member)
        .post("/alpha/manage/cohorts/fellows-2026/", {"email": member.email})
        .status_code
        == 403
    )
    assert not CohortMembership.objects.exists()


def test_a_cohort_event_is_seen_by_its_people_and_organizers_only(
    client_for, institution, fellows, member, organizer
):
    fellow = make_member(institution, email="fellow@alpha.example")
    services.add_to_cohort(fellows, fellow, actor=organizer)
    make_event(
        institution,
        slug="orientation",
        title="Fellows orientation",
        audience=Audience.COHORT,
        cohort=fellows,
    )
    assert "Fellows orientation" in text(client_for(fellow).get("/alpha/events/"))
    assert "Fellows orientation" in text(client_for(organizer).get("/alpha/events/"))
    assert "Fellows orientation" not in text(client_for(member).get("/alpha/events/"))
    assert client_for(member).get("/alpha/events/orientation/").status_code == 404
    event = event_services.Event.objects.get(slug="orientation")
    event_services.rsvp(event, user=fellow)
    with pytest.raises(ValidationError, match="for the Anti-Racism Fellows 2026 cohort"):
        event_services.rsvp(event, user=organizer)


def test_a_cohort_audience_needs_a_cohort_of_this_institution(
    institution, other_institution, organizer
):
    with pytest.raises(ValidationError, match="Choose the cohort"):
        make_event(institution, slug="x", audience=Audience.COHORT)
    theirs = services.create_cohort(other_institution, actor=None, slug="theirs", name="Theirs")
    with pytest.raises(ValidationError, match="cohort of this institution"):
        make_event(institution, slug="y", audience=Audience.COHORT, cohort=theirs)


@pytest.mark.parametrize("size", [2, 6])
def test_cohort_pages_query_count_is_constant(
    client_for, institution, organizer, size, django_assert_num_queries
):
    for i in range(size):
        cohort = services.create_cohort(institution, actor=None, slug=f"c{i}", name=f"C {i}")
        services.add_to_cohort(
            cohort, make_member(institution, email=f"p{i}@alpha.example"), actor=None
        )
        services.add_to_cohort(
            Cohort.objects.get(slug="c0"),
            make_member(institution, email=f"q{i}@alpha.example"),
            actor=None,
        )
    client = client_for(organizer)
    client.get("/alpha/manage/cohorts/")
    with django_assert_num_queries(5):
        client.get("/alpha/manage/cohorts/")
    client.get("/alpha/manage/cohorts/c0/")
    with django_assert_num_queries(7):
        client.get("/alpha/manage/cohorts/c0/")


def test_leaving_a_cohort_gives_back_seats_at_its_coming_events(
    client_for, institution, fellows, organizer, django_capture_on_commit_callbacks
):
    leaving, waiting = (make_member(institution, email=f"f{i}@alpha.example") for i in range(2))
    for person in (leaving, waiting):
        services.add_to_cohort(fellows, person, actor=organizer)
    event = make_event(
        institution, slug="retreat", audience=Audience.COHORT, cohort=fellows, capacity=1
    )
    event_services.rsvp(event, user=leaving)
    event_services.rsvp(event, user=waiting)
    with django_capture_on_commit_callbacks(execute=True):
        services.remove_from_cohort(fellows, leaving, actor=organizer)
    statuses = dict(event.rsvps.values_list("user__email", "status"))
    assert statuses == {"f0@alpha.example": "cancelled", "f1@alpha.example": "confirmed"}


def test_a_double_submitted_cohort_is_a_form_error(institution, fellows):
    from unittest import mock

    with (
        mock.patch.object(Cohort.objects, "filter", wraps=Cohort.objects.filter) as looked,
        pytest.raises(ValidationError, match="Another cohort"),
    ):
        looked.return_value.exists.return_value = False
        services.create_cohort(institution, actor=None, slug="fellows-2026", name="Again")
