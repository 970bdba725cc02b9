import pytest

from allin.core.models import ActivityLog
from allin.institutions.models import Institution, InstitutionPage
from allin.learning.services import add_partner, create_program
from tests.factories import UserFactory


def test_platform_home_lists_programs_with_host_and_partners(
    client, institution, other_institution
):
    program = create_program(
        institution,
        actor=None,
        slug="art",
        name="ART in MedEd",
        short_name="ART",
        summary="Six phases of anti-racist transformation.",
    )
    add_partner(program, other_institution, actor=None)
    add_partner(program, other_institution, actor=None)
    html = client.get("/").content.decode()
    assert "<h3>ART in MedEd</h3>" in html
    assert 'Hosted by <a href="/alpha/">Alpha</a> · 1 partner school' in html
    assert [e.action for e in ActivityLog.objects.order_by("id")] == [
        "learning.program.created",
        "learning.program.partner_added",
    ]


def test_platform_home_without_programs_says_so(client, db):
    assert "No multi-school program is running yet." in client.get("/").content.decode()


@pytest.fixture
def platform_admin(db):
    return UserFactory(email="root@example.org", is_staff=True, is_superuser=True)


def test_platform_admin_creates_an_institution_through_the_service(client_for, platform_admin):
    client = client_for(platform_admin)
    response = client.post(
        "/platform-admin/institutions/institution/add/",
        {
            "slug": "gamma",
            "name": "Gamma School of Medicine",
            "short_name": "Gamma",
            "time_zone": "America/Denver",
            "kind": "medical_school",
            "tagline": "",
            "contact_email": "",
        },
    )
    assert response.status_code == 302
    gamma = Institution.objects.get(slug="gamma")
    assert InstitutionPage.objects.filter(institution=gamma).count() == 4
    entry = ActivityLog.objects.get(institution=gamma)
    assert (entry.action, entry.actor) == ("institutions.institution.created", platform_admin)


def test_platform_admin_lists_scoped_models(client_for, platform_admin, institution, member):
    client = client_for(platform_admin)
    assert "Ada Member" in client.get("/platform-admin/institutions/membership/").content.decode()
    assert client.get("/platform-admin/core/activitylog/").status_code == 200


def test_organizers_cannot_open_the_platform_admin(client_for, organizer):
    response = client_for(organizer).get("/platform-admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/platform-admin/login/")


def test_new_institution_and_program_show_on_the_cached_home_at_once(
    client, institution, django_capture_on_commit_callbacks
):
    from allin.institutions.services import create_institution

    assert "Gamma School" not in client.get("/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        gamma = create_institution(actor=None, slug="gamma", name="Gamma School", short_name="G")
        create_program(gamma, actor=None, slug="p", name="Gamma Program", short_name="GP")
    html = client.get("/").content.decode()
    assert "Gamma School" in html
    assert "Gamma Program" in html


def test_cached_listing_still_escapes_names(client, db, django_capture_on_commit_callbacks):
    from allin.institutions.services import create_institution

    with django_capture_on_commit_callbacks(execute=True):
        create_institution(
            actor=None, slug="evil", name="<script>x</script> School", short_name="E"
        )
    for _ in range(2):  # rendered, then served from the cache
        html = client.get("/").content.decode()
        assert "<script>x</script>" not in html
        assert "&lt;script&gt;x&lt;/script&gt; School" in html
