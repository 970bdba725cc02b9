from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from allin.core.models import ActivityLog
from allin.institutions.enums import Affiliation, PageKind, Role
from allin.institutions.models import InstitutionPage, Invitation, Membership
from allin.institutions.services import invite_member
from tests.conftest import invite, make_member, membership_of
from tests.factories import UserFactory


def text(response):
    return response.content.decode()


# Public pages -----------------------------------------------------------------------------


def test_institution_home_shows_purpose_and_about_links(client, institution):
    response = client.get("/alpha/")
    assert response.status_code == 200
    assert "<h1>Alpha School of Medicine</h1>" in text(response)
    assert "The purpose of Alpha School of Medicine." in text(response)
    for kind in PageKind.values:
        assert f'href="/alpha/about/{kind}/"' in text(response)


def test_about_page_renders_sanitized_markdown(client, institution, organizer):
    InstitutionPage.objects.filter(institution=institution, kind="values").update(
        body="**Mutual Liberation**\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))"
    )
    html = text(client.get("/alpha/about/values/"))
    assert "<strong>Mutual Liberation</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert 'href="javascript:' not in html


def test_unknown_about_page_and_unknown_institution_are_404(client, institution):
    assert client.get("/alpha/about/secrets/").status_code == 404
    response = client.get("/nowhere/")
    assert response.status_code == 404
    assert "We could not find that page" in text(response)


def test_edit_link_only_for_organizers(client_for, institution, member, organizer):
    assert "Edit this page" not in text(client_for(member).get("/alpha/about/goals/"))
    assert "Edit this page" in text(client_for(organizer).get("/alpha/about/goals/"))


def test_institution_nav_shows_manage_only_to_organizers(
    client_for, institution, member, organizer
):
    assert 'href="/alpha/manage/"' not in text(client_for(member).get("/alpha/"))
    assert 'href="/alpha/manage/"' in text(client_for(organizer).get("/alpha/"))


# Permissions ------------------------------------------------------------------------------

MANAGE_URLS = ["/alpha/manage/", "/alpha/manage/people/", "/alpha/manage/pages/purpose/"]
ADMIN_URLS = ["/alpha/manage/settings/", "/alpha/manage/audit/"]


@pytest.mark.parametrize("url", MANAGE_URLS + ADMIN_URLS)
def test_member_without_permission_gets_403(client_for, member, url):
    response = client_for(member).get(url)
    assert response.status_code == 403
    assert "You do not have permission to do that" in text(response)


@pytest.mark.parametrize("url", ADMIN_URLS)
def test_organizer_gets_403_on_admin_pages(client_for, organizer, url):
    assert client_for(organizer).get(url).status_code == 403


@pytest.mark.parametrize("url", MANAGE_URLS + ADMIN_URLS)
def test_outsider_gets_404_on_manage_pages(client_for, institution, outsider, url):
    assert client_for(outsider).get(url).status_code == 404


@pytest.mark.parametrize("url", MANAGE_URLS + ADMIN_URLS)
def test_anonymous_is_sent_to_sign_in(client, institution, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


def test_ended_membership_loses_access(client_for, institution, organizer):
    Membership.objects.filter(user=organizer).update(ended_at="2026-01-01T00:00:00Z")
    assert client_for(organizer).get("/alpha/manage/").status_code == 404


# Manage pages -----------------------------------------------------------------------------


def test_dashboard_shows_counts_and_recent_activity(client_for, institution, organizer, member):
    invite(institution, organizer, "soon@example.org", Affiliation.STAFF)
    html = text(client_for(organizer).get("/alpha/manage/"))
    assert '<span class="stat">2</span> active members' in html
    assert '<span class="stat">1</span> open invitation' in html
    assert "Invitation sent to soon@example.org as Member" in html


def test_organizer_edits_a_page_and_history_shows_it(client_for, institution, organizer):
    client = client_for(organizer)
    response = client.post(
        "/alpha/manage/pages/goals/", {"title": "Our goals", "body": "- Dismantle bias"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/alpha/about/goals/"
    page = InstitutionPage.objects.get(institution=institution, kind="goals")
    assert (page.title, page.body) == ("Our goals", "- Dismantle bias")
    html = text(client.get("/alpha/manage/pages/goals/"))
    assert "The Goals page was edited" in html
    assert "by Olu Organizer" in html


def test_page_edit_with_empty_title_shows_error_and_saves_nothing(
    client_for, institution, organizer
):
    response = client_for(organizer).post("/alpha/manage/pages/goals/", {"title": "", "body": "x"})
    assert response.status_code == 200
    html = text(response)
    assert "This field is required." in html
    assert 'aria-invalid="true"' in html
    assert InstitutionPage.objects.get(institution=institution, kind="goals").body != "x"


def test_people_list_and_search(client_for, institution, organizer, member):
    client = client_for(organizer)
    html = text(client.get("/alpha/manage/people/"))
    assert "Ada Member" in html and "Olu Organizer" in html
    html = text(client.get("/alpha/manage/people/", {"q": "ada"}))
    assert "Ada Member" in html and "Olu Organizer" not in html
    partial = client.get("/alpha/manage/people/", {"q": "zzz"}, headers={"HX-Request": "true"})
    assert "<html" not in text(partial)
    assert "Nobody matches “zzz”." in text(partial)


def test_invite_through_the_form_sends_email(
    client_for, institution, organizer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer).post(
            "/alpha/manage/people/",
            {"email": "guest@example.org", "affiliation": "faculty", "role": "member"},
        )
    assert response.status_code == 302
    assert Invitation.objects.get(institution=institution).email == "guest@example.org"
    assert [m.to for m in mail.outbox] == [["guest@example.org"]]


def test_invite_with_bad_email_shows_error_next_to_field(client_for, institution, organizer):
    response = client_for(organizer).post(
        "/alpha/manage/people/",
        {"email": "not-an-email", "affiliation": "faculty", "role": "member"},
    )
    html = text(response)
    assert response.status_code == 200
    assert 'id="id_email_error"' in html
    assert "Enter a valid email address." in html
    assert Invitation.objects.count() == 0


def test_organizer_inviting_admin_gets_form_error(client_for, institution, organizer):
    response = client_for(organizer).post(
        "/alpha/manage/people/",
        {"email": "x@example.org", "affiliation": "leader", "role": "admin"},
    )
    assert "Only an admin can make someone an admin." in text(response)
    assert Invitation.objects.count() == 0


def test_revoke_invitation(client_for, institution, organizer):
    invitation, _ = invite(institution, organizer, "nope@example.org", Affiliation.STAFF)
    client = client_for(organizer)
    assert (
        client.get(f"/alpha/manage/invitations/{invitation.public_id}/revoke/").status_code == 405
    )
    response = client.post(f"/alpha/manage/invitations/{invitation.public_id}/revoke/")
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_admin_changes_role_on_membership_page(client_for, institution, admin, member):
    target = membership_of(member, institution)
    client = client_for(admin)
    response = client.post(
        f"/alpha/manage/people/{target.public_id}/", {"role": "organizer", "affiliation": "faculty"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.role, target.affiliation) == ("organizer", "faculty")
    html = text(client.get(f"/alpha/manage/people/{target.public_id}/"))
    assert "Role changed from Member to Organizer" in html
    assert "by Ari Admin" in html


def test_last_admin_demotion_shows_error_on_form(client_for, institution, admin):
    own = membership_of(admin, institution)
    response = client_for(admin).post(
        f"/alpha/manage/people/{own.public_id}/", {"role": "member", "affiliation": "staff"}
    )
    assert response.status_code == 200
    assert "last admin" in text(response)
    own.refresh_from_db()
    assert own.role == Role.ADMIN


def test_end_membership_from_page(client_for, institution, organizer, member):
    target = membership_of(member, institution)
    response = client_for(organizer).post(f"/alpha/manage/people/{target.public_id}/end/")
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.ended_at is not None
    assert client_for(member).get("/alpha/manage/").status_code == 404


def test_admin_edits_settings_with_bad_time_zone(client_for, institution, admin):
    data = {
        "name": "Alpha School",
        "short_name": "Alpha",
        "tagline": "",
        "time_zone": "Nowhere/Land",
        "kind": "medical_school",
        "contact_email": "",
    }
    response = client_for(admin).post("/alpha/manage/settings/", data)
    assert response.status_code == 200
    assert "is not a time zone name" in text(response)
    institution.refresh_from_db()
    assert institution.name == "Alpha School of Medicine"
    data["time_zone"] = "America/Chicago"
    data["tracker_public"] = "on"
    assert client_for(admin).post("/alpha/manage/settings/", data).status_code == 302
    institution.refresh_from_db()
    assert (institution.name, institution.time_zone) == ("Alpha School", "America/Chicago")
    assert institution.tracker_public


def test_admin_makes_the_change_work_members_only(
    client, client_for, institution, admin, django_capture_on_commit_callbacks
):
    from allin.change.services import create_sphere

    create_sphere(institution, actor=None, slug="admissions", name="Admissions")
    assert client.get("/alpha/change/tracker/").status_code == 200
    data = {
        "name": institution.name,
        "short_name": institution.short_name,
        "tagline": "",
        "time_zone": institution.time_zone,
        "kind": institution.kind,
        "contact_email": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(admin).post("/alpha/manage/settings/", data).status_code == 302
    institution.refresh_from_db()
    assert not institution.tracker_public
    assert client.get("/alpha/change/tracker/")["Location"].startswith("/accounts/login/")


def test_audit_page_lists_and_filters(client_for, institution, admin, organizer):
    invite(institution, organizer, "a@example.org", Affiliation.STAFF)
    client = client_for(admin)
    html = text(client.get("/alpha/manage/audit/"))
    assert "Invitation sent to a@example.org as Member" in html
    html = text(client.get("/alpha/manage/audit/", {"action": "institutions.page"}))
    assert "Invitation sent" not in html


# Invitations from the invitee's side ------------------------------------------------------


def test_invitee_accepts_after_signing_in(client, client_for, institution, organizer):
    _, token = invite(institution, organizer, "invitee@example.org", Affiliation.PHD_STUDENT)
    url = f"/alpha/invitations/{token}/"
    assert "Sign in or create an account" in text(client.get(url))
    invitee = UserFactory(email="invitee@example.org")
    response = client_for(invitee).post(url)
    assert response.status_code == 302
    assert Membership.objects.get(user=invitee).affiliation == "phd_student"


def test_wrong_person_sees_why_they_cannot_accept(client_for, institution, organizer, member):
    _, token = invite(institution, organizer, "someone-else@example.org", Affiliation.STAFF)
    stranger = UserFactory(email="stranger@example.org")
    response = client_for(stranger).post(f"/alpha/invitations/{token}/")
    assert response.status_code == 200
    assert "sent to someone-else@example.org" in text(response)
    assert not Membership.objects.filter(user=stranger).exists()


def test_unknown_invitation_token_is_404(client, institution):
    assert client.get("/alpha/invitations/not-a-real-token/").status_code == 404


# Query counts: the same literal count at two sizes ------------------------------------------


@pytest.mark.parametrize("extra", [1, 3])
def test_people_list_query_count_is_constant(
    client_for, institution, organizer, extra, django_assert_num_queries
):
    for i in range(extra):
        make_member(institution, email=f"p{i}@example.org")
        invite_member(
            institution,
            actor=organizer,
            actor_membership=membership_of(organizer, institution),
            email=f"inv{i}@example.org",
            affiliation=Affiliation.STAFF,
        )
    client = client_for(organizer)
    client.get("/alpha/manage/people/")
    with django_assert_num_queries(7):
        client.get("/alpha/manage/people/")


@pytest.mark.parametrize("extra", [1, 3])
def test_audit_query_count_is_constant(
    client_for, institution, admin, extra, django_assert_num_queries
):
    for i in range(extra):
        make_member(institution, email=f"p{i}@example.org")
    ActivityLog.objects.update(institution=institution)
    client = client_for(admin)
    client.get("/alpha/manage/audit/")
    with django_assert_num_queries(5):
        client.get("/alpha/manage/audit/")


@pytest.mark.parametrize("extra", [1, 3])
def test_platform_home_query_count_is_constant(db, client, extra, django_assert_num_queries):
    from allin.learning.services import add_partner, create_program
    from tests.factories import InstitutionFactory

    for i in range(extra):
        host = InstitutionFactory()
        make_member(host)
        program = create_program(
            host, actor=None, slug=f"p{i}", name=f"Program {i}", short_name="P"
        )
        add_partner(program, InstitutionFactory(), actor=None)
    with django_assert_num_queries(2):
        client.get("/")
    # The listing is cached: later visits cost no query at all, whatever the data size.
    with django_assert_num_queries(0):
        client.get("/")


@pytest.mark.parametrize("count", [1, 3])
def test_my_all_in_query_count_is_constant(db, client_for, count, django_assert_num_queries):
    from allin.events import checkin, services
    from allin.institutions.services import add_member
    from tests.factories import InstitutionFactory, make_event

    person, first = UserFactory(), UserFactory()
    for i in range(count):
        place = InstitutionFactory()
        add_member(place, person, actor=None, affiliation=Affiliation.FACULTY)
        add_member(place, first, actor=None, affiliation=Affiliation.FACULTY)
        services.rsvp(make_event(place, slug=f"going-{i}"), user=person)
        full = make_event(place, slug=f"full-{i}", capacity=1)
        services.rsvp(full, user=first)
        services.rsvp(full, user=person)
        past = make_event(place, slug=f"past-{i}", starts_at=timezone.now() - timedelta(hours=2))
        checkin.staff_check_in(past, user=person, actor=first)
    client = client_for(person)
    # Memberships, upcoming RSVPs, waitlist places and attendance: one query each.
    with django_assert_num_queries(6):
        response = client.get("/me/")
    assert response.content.decode().count("On the waitlist: number 1") == count


@pytest.mark.parametrize("pages", [1, 3])
def test_institution_home_query_count_is_constant(
    client_for, institution, member, pages, django_assert_num_queries
):
    kept = ["purpose", "values", "goals"][:pages]
    InstitutionPage.objects.filter(institution=institution).exclude(kind__in=kept).delete()
    client = client_for(member)
    with django_assert_num_queries(5):
        client.get("/alpha/")


def test_outsiders_are_symmetric(
    client_for, institution, other_institution, outsider, other_outsider
):
    assert client_for(outsider).get("/alpha/manage/").status_code == 404
    assert client_for(other_outsider).get("/beta/manage/").status_code == 404
    assert client_for(outsider).get("/beta/manage/").status_code == 200


def test_edits_show_on_cached_public_pages_at_once(
    client, client_for, institution, admin, django_capture_on_commit_callbacks
):
    assert "Old text" not in text(client.get("/alpha/about/team/"))  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        client_for(admin).post(
            "/alpha/manage/pages/team/", {"title": "Our team", "body": "New text"}
        )
        client_for(admin).post(
            "/alpha/manage/settings/",
            {
                "name": "Alpha Renamed",
                "short_name": "Alpha",
                "tagline": "",
                "contact_email": "",
                "time_zone": "America/New_York",
                "kind": "medical_school",
            },
        )
    assert "New text" in text(client.get("/alpha/about/team/"))
    assert "<h1>Alpha Renamed</h1>" in text(client.get("/alpha/"))


def test_times_show_in_the_institutions_time_zone(client_for, institution, admin):
    import time_machine

    type(institution).objects.filter(pk=institution.pk).update(time_zone="America/Chicago")
    with time_machine.travel("2026-01-15 18:30:00Z", tick=False):
        invite(institution, admin, "tz@example.org")
    html = text(client_for(admin).get("/alpha/manage/audit/"))
    assert "Jan 15, 2026, 12:30:00 PM CST" in html
