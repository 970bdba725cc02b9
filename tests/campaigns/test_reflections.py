from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from allin.campaigns import services
from allin.campaigns.models import Reflection
from allin.core.models import ActivityLog
from tests.conftest import make_member

URL = "/alpha/campaigns/wai/challenges/power-dynamics/"


def text(response):
    return response.content.decode()


@pytest.fixture
def challenge(institution):
    start = timezone.now() - timedelta(days=1)
    campaign = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    return services.create_challenge(
        campaign,
        actor=None,
        slug="power-dynamics",
        title="Power Dynamics Challenge",
        purpose="Understand the dynamics of power.",
        reveal_at=start,
    )


def test_a_reflection_is_private_by_default(client_for, challenge, member, organizer):
    client_for(member).post(
        URL, {"body": "What I noticed in the meeting.", "visibility": "private"}
    )
    reflection = Reflection.objects.get()
    assert reflection.visibility == "private"
    page = text(client_for(organizer).get(URL))
    assert "What I noticed" not in page
    assert "Reflections written: fewer than 11." in page


def test_shared_with_organizers_is_read_by_organizers_only(
    client_for, institution, challenge, member, organizer
):
    client_for(member).post(URL, {"body": "For the organizers.", "visibility": "organizers"})
    assert "For the organizers." in text(client_for(organizer).get(URL))
    other = make_member(institution, email="peer@alpha.example")
    assert "For the organizers." not in text(client_for(other).get(URL))


def test_anonymous_sharing_shows_no_name_anywhere(
    client_for, institution, challenge, member, organizer, admin
):
    client_for(member).post(URL, {"body": "Said without my name.", "visibility": "anonymous"})
    for viewer in (make_member(institution, email="peer@alpha.example"), organizer):
        page = text(client_for(viewer).get(URL))
        assert "Said without my name." in page
        assert member.display_name not in page and member.email not in page
    audit = text(client_for(admin).get("/alpha/manage/audit/"))
    assert member.display_name not in audit
    assert not ActivityLog.objects.filter(actor=member).exists()
    export = text(client_for(organizer).get(EXPORT))
    assert "Said without my name." in export
    assert member.display_name not in export and member.email not in export


EXPORT = "/alpha/campaigns/manage/wai/reflections.csv"


def test_the_export_holds_what_was_shared_and_never_a_private_one(
    client_for, institution, challenge, member, organizer
):
    import csv
    import io

    peer = make_member(institution, email="peer@alpha.example")
    quiet = make_member(institution, email="quiet@alpha.example")
    client_for(member).post(URL, {"body": "=HYPERLINK(1) for you.", "visibility": "organizers"})
    client_for(peer).post(URL, {"body": "With my name.", "visibility": "named"})
    client_for(quiet).post(URL, {"body": "Only for me.", "visibility": "private"})
    response = client_for(organizer).get(EXPORT)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Challenge", "Shared with", "Author", "Reflection"]
    assert sorted(rows[1:]) == sorted(
        [
            [
                "Power Dynamics Challenge",
                "My institution's organizers",
                member.display_name,
                "'=HYPERLINK(1) for you.",
            ],
            [
                "Power Dynamics Challenge",
                "The community, with my name",
                peer.display_name,
                "With my name.",
            ],
        ]
    )
    assert "Only for me." not in response.content.decode()


def test_the_export_is_for_organizers_of_this_institution(
    client_for, challenge, member, other_organizer
):
    assert client_for(member).get(EXPORT).status_code == 403
    assert client_for(other_organizer).get(EXPORT).status_code == 404


def test_named_sharing_shows_the_name(client_for, institution, challenge, member):
    client_for(member).post(URL, {"body": "With my name.", "visibility": "named"})
    page = text(client_for(make_member(institution, email="peer@alpha.example")).get(URL))
    assert "With my name." in page and member.display_name in page


def test_edit_and_delete_for_real(client_for, challenge, member):
    client = client_for(member)
    client.post(URL, {"body": "First draft.", "visibility": "private"})
    client.post(URL, {"body": "Second thoughts.", "visibility": "named"})
    assert list(Reflection.objects.values_list("body", "visibility")) == [
        ("Second thoughts.", "named")
    ]
    client.post(URL + "reflection/delete/")
    assert not Reflection.objects.exists()
    assert not ActivityLog.objects.filter(data__icontains="Second thoughts").exists()


def test_bad_input_is_shown_by_the_field(client_for, challenge, member):
    response = client_for(member).post(URL, {"body": "   ", "visibility": "everyone"})
    page = text(response)
    assert response.status_code == 200
    assert 'id="id_body_error"' in page
    assert "Select a valid choice" in page
    assert not Reflection.objects.exists()


def test_only_the_author_deletes_and_outsiders_get_404(client_for, challenge, member, other_member):
    client_for(member).post(URL, {"body": "Mine.", "visibility": "named"})
    with pytest.raises(PermissionDenied):
        services.delete_reflection(Reflection.objects.get(), author=other_member)
    assert client_for(other_member).post(URL + "reflection/delete/").status_code == 404
    assert Reflection.objects.count() == 1


def test_no_reflection_before_the_reveal(institution, challenge, member):
    later = services.create_challenge(
        challenge.campaign,
        actor=None,
        slug="later",
        title="Later",
        purpose="x",
        reveal_at=timezone.now() + timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="not out yet"):
        services.save_reflection(later, author=member, body="Early.", visibility="private")


def test_visitors_are_asked_to_sign_in(client, challenge):
    assert "to write a reflection" in text(client.get(URL))
    response = client.post(URL, {"body": "x", "visibility": "private"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_no_page_shows_when_reflections_were_saved(client_for, challenge, member, admin):
    client_for(member).post(URL, {"body": "Said without my name.", "visibility": "anonymous"})
    assert ActivityLog.objects.filter(action="campaigns.reflection.saved").exists()
    for page in ("/alpha/manage/audit/", "/alpha/manage/"):
        body = text(client_for(admin).get(page))
        assert "A reflection was saved" not in body
