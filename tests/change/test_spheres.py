import pytest
from django.core.exceptions import ValidationError

from allin.change import services
from allin.core.models import ActivityLog


@pytest.fixture
def admissions(institution, organizer):
    sphere = services.create_sphere(
        institution,
        actor=organizer,
        slug="admissions",
        name="Admissions",
        description="Who we admit, and how.",
    )
    services.add_working_group(
        sphere, actor=organizer, name="Selection and decision-making committees"
    )
    return sphere


def text(response):
    return response.content.decode()


def test_anyone_reads_the_spheres_of_a_public_tracker(client, admissions):
    listing = text(client.get("/alpha/change/"))
    assert "Admissions" in listing and "Selection and decision-making committees" in listing
    page = text(client.get("/alpha/change/spheres/admissions/"))
    assert "Who we admit, and how." in page


def test_a_members_only_tracker(client, client_for, institution, admissions, member, outsider):
    institution.tracker_public = False
    institution.save()
    assert client.get("/alpha/change/spheres/admissions/").status_code == 302
    assert client_for(outsider).get("/alpha/change/").status_code == 404
    assert "Admissions" in text(client_for(member).get("/alpha/change/"))


def test_sphere_addresses_are_unique_per_institution(institution, other_institution, admissions):
    with pytest.raises(ValidationError, match="has the address"):
        services.create_sphere(institution, actor=None, slug="admissions", name="Again")
    services.create_sphere(other_institution, actor=None, slug="admissions", name="Admissions")
    assert ActivityLog.objects.filter(action="change.sphere.created").count() == 2


def test_another_institutions_sphere_is_a_404(client, other_institution, admissions):
    assert client.get("/beta/change/spheres/admissions/").status_code == 404


@pytest.mark.parametrize("size", [2, 12])
def test_spheres_page_query_count_is_constant(client, institution, size, django_assert_num_queries):
    for i in range(size):
        sphere = services.create_sphere(institution, actor=None, slug=f"s{i}", name=f"Sphere {i}")
        services.add_working_group(sphere, actor=None, name="Group")
    client.get("/alpha/change/")
    with django_assert_num_queries(NUM_SPHERES_QUERIES):
        client.get("/alpha/change/")


NUM_SPHERES_QUERIES = 2
