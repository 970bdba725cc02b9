from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.campaigns import groups, services
from allin.campaigns.models import ChallengeGroup, GroupMember
from allin.core.models import ActivityLog
from tests.conftest import make_member

CHALLENGE = "/alpha/campaigns/wai/challenges/empathy/"
STEPS = [
    {"title": "Set the space", "body": "Agree on confidentiality."},
    {"title": "Share stories", "body": "Each person speaks for three minutes."},
    {"title": "Reflect together", "body": "What did you notice?"},
    {"title": "Close with gratitude and next steps", "body": "One commitment each."},
]


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
        slug="empathy",
        title="Empathy Building Challenge",
        purpose="Build empathy through stories.",
        steps=STEPS,
        group_mode=True,
        reveal_at=start,
    )


@pytest.fixture
def opened(client_for, challenge, member):
    response = client_for(member).post(CHALLENGE + "groups/open/", {"name": "Tuesday circle"})
    group = ChallengeGroup.objects.get()
    assert response.url == group.get_absolute_url()
    return group


def test_facilitator_opens_a_group_and_a_member_joins_with_the_code(
    client_for, institution, opened, member
):
    page = client_for(member).get(opened.get_absolute_url())
    assert opened.code in text(page)
    assert "Step 1: Set the space" in text(page)
    joiner = make_member(institution, name="Rosa Parks")
    typed = opened.code.lower()[:3] + " " + opened.code.lower()[3:]
    response = client_for(joiner).post(CHALLENGE + "groups/join/", {"code": typed})
    assert response.url == opened.get_absolute_url()
    page = client_for(joiner).get(opened.get_absolute_url())
    assert "Rosa Parks" in text(page) and member.display_name in text(page)
    # The joiner is not the facilitator: no code on display, no step buttons.
    assert "Show this code" not in text(page) and "On to step" not in text(page)
    assert "Tuesday circle" in text(client_for(joiner).get(CHALLENGE))


def test_a_wrong_code_is_refused_next_to_the_field(client_for, opened, other_outsider):
    joiner = other_outsider  # a member of Alpha, in no group
    for code, message in [
        ("ZZZZZZ", "No open group of this challenge has this code"),
        ("AB", "A group code has 6 letters and digits"),
    ]:
        response = client_for(joiner).post(CHALLENGE + "groups/join/", {"code": code})
        assert response.status_code == 200
        assert message in text(response)
    assert GroupMember.objects.filter(user=joiner).count() == 0


def test_group_pages_are_for_the_group_alone(
    client_for, institution, opened, organizer, outsider, client
):
    url = opened.get_absolute_url()
    stranger = make_member(institution)
    assert client_for(stranger).get(url).status_code == 404
    # Organizers see that groups met, not what they recorded.
    assert client_for(organizer).get(url).status_code == 404
    assert client_for(outsider).get(url).status_code == 404
    assert (
        client_for(outsider).post(CHALLENGE + "groups/join/", {"code": opened.code}).status_code
        == 404
    )
    assert client.get(url).status_code == 302
    assert GroupMember.objects.count() == 1


def test_no_groups_on_a_challenge_without_group_mode_or_before_the_reveal(
    client_for, challenge, member
):
    services.create_challenge(
        challenge.campaign,
        actor=None,
        slug="solo",
        title="Solo",
        purpose="Alone.",
        reveal_at=challenge.reveal_at,
    )
    solo = "/alpha/campaigns/wai/challenges/solo/"
    assert "Take this challenge as a group" not in text(client_for(member).get(solo))
    assert client_for(member).post(solo + "groups/open/").status_code == 404
    later = services.create_challenge(
        challenge.campaign,
        actor=None,
        slug="later",
        title="Later",
        purpose="Not yet.",
        group_mode=True,
        reveal_at=timezone.now() + timedelta(days=1),
    )
    assert (
        client_for(member)
        .post(f"/alpha/campaigns/wai/challenges/{later.slug}/groups/open/")
        .status_code
        == 404
    )
    with pytest.raises(ValidationError, match="not out yet"):
        groups.open_group(later, facilitator=member, name="")
    assert ChallengeGroup.objects.count() == 0


def test_the_group_records_shared_goals_and_next_steps(client_for, institution, opened, member):
    joiner = make_member(institution)
    groups.join_group(opened.challenge, user=joiner, code=opened.code)
    url = opened.get_absolute_url()
    page = client_for(joiner).get(url)
    seen = page.context["form"]["seen"].value()
    response = client_for(joiner).post(
        url, {"shared_goals": "Listen first.", "next_steps": "Meet monthly.", "seen": seen}
    )
    assert response.status_code == 302
    assert "Listen first." in text(client_for(member).get(url))
    # No words of the record in the audit trail.
    assert not ActivityLog.objects.filter(data__icontains="Listen first").exists()


def test_a_stale_save_does_not_overwrite_the_group(client_for, institution, opened, member):
    joiner = make_member(institution)
    groups.join_group(opened.challenge, user=joiner, code=opened.code)
    url = opened.get_absolute_url()
    stale = client_for(joiner).get(url).context["form"]["seen"].value()
    client_for(member).post(url, {"shared_goals": "First.", "next_steps": "", "seen": stale})
    response = client_for(joiner).post(
        url, {"shared_goals": "Second.", "next_steps": "", "seen": stale}
    )
    assert response.status_code == 200
    assert "Someone in the group saved the record while you were writing" in text(response)
    assert "Second." in text(response)  # the writer's words are kept in the form
    opened.refresh_from_db()
    assert opened.shared_goals == "First."
    # Having seen the group's version, the writer may save over it on purpose.
    again = response.context["form"]["seen"].value()
    client_for(joiner).post(
        url, {"shared_goals": "First. Second.", "next_steps": "", "seen": again}
    )
    opened.refresh_from_db()
    assert opened.shared_goals == "First. Second."


def test_only_the_facilitator_moves_between_steps(client_for, institution, opened, member):
    joiner = make_member(institution)
    groups.join_group(opened.challenge, user=joiner, code=opened.code)
    step_url = opened.get_absolute_url() + "step/"
    assert client_for(joiner).post(step_url, {"step": "2"}).status_code == 403
    client_for(member).post(step_url, {"step": "2"})
    opened.refresh_from_db()
    assert opened.current_step == 1
    page = text(client_for(joiner).get(opened.get_absolute_url()))
    assert 'aria-current="step"' in page and "Step 2: Share stories <span" in page
    response = client_for(member).post(step_url, {"step": "9"}, follow=True)
    assert "Choose a step from 1 to 4." in text(response)
    opened.refresh_from_db()
    assert opened.current_step == 1


def test_leaving_and_closing(client_for, institution, opened, member):
    joiner = make_member(institution)
    groups.join_group(opened.challenge, user=joiner, code=opened.code)
    url = opened.get_absolute_url()
    response = client_for(member).post(url + "leave/", follow=True)
    assert "The facilitator closes the group rather than leaving it." in text(response)
    assert client_for(joiner).post(url + "close/").status_code == 403
    client_for(joiner).post(url + "leave/")
    assert client_for(joiner).get(url).status_code == 404
    client_for(member).post(url + "close/")
    opened.refresh_from_db()
    assert opened.closed_at is not None
    page = text(client_for(member).get(url))
    assert "This group closed on" in page and "Save the record" not in page
    response = client_for(joiner).post(CHALLENGE + "groups/join/", {"code": opened.code})
    assert "No open group of this challenge has this code" in text(response)
    with pytest.raises(ValidationError, match="closed"):
        groups.record(opened, user=member, shared_goals="x", next_steps="", seen=None)


def test_a_full_group_takes_nobody_else(monkeypatch, institution, opened):
    monkeypatch.setattr(groups, "MAX_MEMBERS", 2)
    groups.join_group(opened.challenge, user=make_member(institution), code=opened.code)
    with pytest.raises(ValidationError, match="This group is full"):
        groups.join_group(opened.challenge, user=make_member(institution), code=opened.code)
    assert opened.members.count() == 2


def test_guessing_codes_is_rate_limited(client_for, opened, other_outsider):
    client = client_for(other_outsider)
    codes = [
        client.post(CHALLENGE + "groups/join/", {"code": "QQQQQQ"}).status_code for _ in range(11)
    ]
    assert codes[:10] == [200] * 10 and codes[10] == 429


@pytest.mark.parametrize("size", [3, 30])
def test_group_page_query_count_is_constant(
    client_for, institution, opened, member, size, django_assert_num_queries
):
    for _ in range(size):
        groups.join_group(opened.challenge, user=make_member(institution), code=opened.code)
    client = client_for(member)
    client.get(opened.get_absolute_url())
    with django_assert_num_queries(NUM_GROUP_PAGE_QUERIES):
        response = client.get(opened.get_absolute_url())
    assert response.status_code == 200


NUM_GROUP_PAGE_QUERIES = 8


def test_organizers_see_how_many_groups_met_and_nothing_they_wrote(
    client_for, institution, opened, member, organizer
):
    groups.record(opened, user=member, shared_goals="Our secret goal.", next_steps="", seen=None)
    groups.open_group(opened.challenge, facilitator=make_member(institution), name="Alone")
    rows = {}
    for size in (1, 11):
        for _ in range(size if size == 1 else 10):
            circle = groups.open_group(
                opened.challenge, facilitator=make_member(institution), name="Circle"
            )
            groups.join_group(opened.challenge, user=make_member(institution), code=circle.code)
        body = text(client_for(organizer).get("/alpha/campaigns/manage/wai/"))
        rows[size] = body[body.index("Empathy Building Challenge</a>") :].split("</tr>")[0]
        assert "Our secret goal." not in body and opened.code not in body
        assert member.display_name not in body
    # A group met once someone joined its facilitator; fewer than 11 such groups stay hidden.
    assert rows[1].endswith("<td>fewer than 11</td>")
    assert rows[11].endswith("<td>11</td>")


def test_the_audit_trail_says_groups_met_not_who_or_which(
    client_for, institution, opened, member, admin
):
    joiner = make_member(institution, name="Rosa Parks")
    groups.join_group(opened.challenge, user=joiner, code=opened.code)
    groups.move_to_step(opened, user=member, step=1)
    for page in ("/alpha/manage/audit/", "/alpha/manage/"):
        body = text(client_for(admin).get(page))
        assert "Rosa Parks" not in body and "Tuesday circle" not in body
        assert member.display_name not in body
    # Kept in the log, with no actor and no group, and shown on no page.
    assert ActivityLog.objects.filter(action="campaigns.group.joined", actor=None).exists()
    assert "joined a group" not in text(client_for(admin).get("/alpha/manage/audit/"))


def test_my_groups_count_everyone_in_them(client_for, institution, opened, member):
    for _ in range(3):
        groups.join_group(opened.challenge, user=make_member(institution), code=opened.code)
    assert "Tuesday circle</a> · 4 members" in text(client_for(member).get(CHALLENGE))


def test_a_save_that_cannot_say_what_it_saw_changes_nothing(client_for, opened, member):
    url = opened.get_absolute_url()
    client = client_for(member)
    for seen in ("", "2020-01-01T00:00:00", "yesterday"):
        response = client.post(url, {"shared_goals": "Over.", "next_steps": "", "seen": seen})
        assert response.status_code == 200
        assert "Reload the page and save again." in text(response)
    opened.refresh_from_db()
    assert opened.shared_goals == ""


def test_a_save_into_a_group_closed_meanwhile_keeps_the_words_on_screen(
    client_for, institution, opened, member
):
    joiner = make_member(institution)
    groups.join_group(opened.challenge, user=joiner, code=opened.code)
    url = opened.get_absolute_url()
    seen = client_for(joiner).get(url).context["form"]["seen"].value()
    groups.close_group(opened, user=member)
    response = client_for(joiner).post(
        url, {"shared_goals": "Words I typed.", "next_steps": "", "seen": seen}
    )
    page = text(response)
    assert "This group is closed; its record can no longer change." in page
    assert "Words I typed." in page
    opened.refresh_from_db()
    assert opened.shared_goals == ""


def test_strangers_and_organizers_cannot_act_on_a_group(
    client_for, institution, opened, organizer, outsider
):
    url = opened.get_absolute_url()
    for person in (make_member(institution), organizer, outsider):
        client = client_for(person)
        for action in ("step/", "leave/", "close/"):
            assert client.post(url + action, {"step": "2"}).status_code == 404
        response = client.post(url, {"shared_goals": "Mine.", "next_steps": "", "seen": "x"})
        assert response.status_code == 404
    opened.refresh_from_db()
    assert (opened.current_step, opened.closed_at, opened.shared_goals) == (0, None, "")


def test_no_group_before_the_reveal_even_for_an_organizer_previewing(
    client_for, challenge, organizer
):
    challenge.reveal_at = timezone.now() + timedelta(days=1)
    challenge.save()
    response = client_for(organizer).post(CHALLENGE + "groups/open/", {"name": "Early"})
    assert response.status_code == 404
    assert "Take this challenge as a group" not in text(client_for(organizer).get(CHALLENGE))
    assert not ChallengeGroup.objects.exists()
