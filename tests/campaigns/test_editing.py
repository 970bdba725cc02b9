import html
import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from allin.campaigns import draws, editing, groups, services
from allin.campaigns.models import Campaign, CampaignEvent, Challenge, ChallengeGroup, Prize
from allin.core.models import ActivityLog
from allin.events.models import Event
from tests.conftest import make_member
from tests.factories import make_event


def text(response):
    return response.content.decode()


def local(moment):
    """As the form shows it: in the institution's time zone."""
    zone = ZoneInfo(settings.DEFAULT_INSTITUTION_TIME_ZONE)
    return timezone.localtime(moment, zone).strftime("%Y-%m-%dT%H:%M")


def actions():
    return list(ActivityLog.objects.order_by("pk").values_list("action", "data"))


def textarea(page, name):
    """What the person finds in the box, as the browser reads it: Django writes a newline
    after the opening tag, which browsers drop."""
    found = re.search(rf'<textarea name="{name}"[^>]*>\n(.*?)</textarea>', page, re.DOTALL)
    return html.unescape(found.group(1))


@pytest.fixture
def week(institution):
    start = (timezone.now() - timedelta(days=1)).replace(second=0, microsecond=0)
    return services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )


@pytest.fixture
def revealed(week):
    return services.create_challenge(
        week,
        actor=None,
        slug="empathy",
        title="Empathy",
        purpose="Enhance empathy.",
        questions=["What did you notice?", "What changed?"],
        steps=[{"title": "Set the stage", "body": "Agree on grounding assumptions."}],
        has_worksheet=True,
        group_mode=True,
        reveal_at=week.starts_at,
    )


@pytest.fixture
def upcoming(week):
    return services.create_challenge(
        week,
        actor=None,
        slug="allyship",
        title="Allyship",
        purpose="Act.",
        reveal_at=week.starts_at + timedelta(days=3),
    )


@pytest.fixture
def prize(week):
    return services.add_prize(week, actor=None, rank=1, name="Kindle", quantity=2)


@pytest.fixture
def session(institution, week):
    event = make_event(institution, slug="chat", starts_at=week.starts_at + timedelta(hours=5))
    return services.add_session(week, event, actor=None)


def challenge_data(challenge, **changes):
    data = {
        "title": challenge.title,
        "slug": challenge.slug,
        "purpose": challenge.purpose,
        "body": challenge.body,
        "questions": "\n".join(challenge.questions),
        "steps": "",
        "video_url": "",
        "reveal_at": local(challenge.reveal_at),
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def campaign_data(campaign, **changes):
    data = {
        "name": campaign.name,
        "tagline": campaign.tagline,
        "description": campaign.description,
        "starts_at": local(campaign.starts_at),
        "ends_at": local(campaign.ends_at),
    }
    data.update(changes)
    return data


# The campaign


def test_organizer_edits_a_campaign_and_the_slug_stays(client_for, week, organizer):
    ActivityLog.objects.all().delete()
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/edit/",
        campaign_data(
            week,
            name="We're All In 2026",
            tagline="Together",
            ends_at=local(week.ends_at + timedelta(days=1)),
            slug="hijacked",
        ),
    )
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    week.refresh_from_db()
    assert (week.slug, week.name, week.tagline) == ("wai", "We're All In 2026", "Together")
    assert actions() == [("campaigns.campaign.changed", {"fields": "name, tagline, ends_at"})]


def test_the_campaign_edit_form_shows_the_campaign(client_for, week, organizer):
    page = text(client_for(organizer).get("/alpha/campaigns/manage/wai/edit/"))
    assert 'value="We&#x27;re All In"' in page
    assert f'value="{local(week.starts_at)}"' in page
    assert 'name="slug"' not in page


def test_a_campaign_edit_ending_before_it_starts_is_refused_by_the_field(
    client_for, week, organizer
):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/edit/",
        campaign_data(week, name="Backwards", ends_at=local(week.starts_at - timedelta(days=1))),
    )
    assert 'id="id_ends_at_error"' in text(response)
    assert "The campaign must end after it starts." in text(response)
    assert Campaign.objects.get().name == "We're All In"


def test_a_campaign_edit_that_leaves_a_challenge_outside_is_refused(
    client_for, week, upcoming, organizer
):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/edit/",
        campaign_data(week, ends_at=local(week.starts_at + timedelta(days=2))),
    )
    assert (
        "1 challenge would be revealed outside these dates; move the reveal times first."
        in text(response)
    )
    assert Campaign.objects.get().ends_at == week.ends_at


# Challenges


def test_organizer_adds_a_challenge_for_groups(client_for, week, organizer):
    client_for(organizer).post(
        "/alpha/campaigns/manage/wai/add/challenge/",
        {
            "title": "Storytelling circle",
            "slug": "circle",
            "purpose": "Listen.",
            "group_mode": "on",
            "reveal_at": local(week.starts_at + timedelta(days=1)),
        },
    )
    assert list(Challenge.objects.values_list("slug", "group_mode")) == [("circle", True)]


def test_the_challenge_edit_form_shows_questions_and_steps_as_written(
    client_for, revealed, organizer
):
    page = text(client_for(organizer).get("/alpha/campaigns/manage/wai/challenges/empathy/"))
    assert "What did you notice?\nWhat changed?</textarea>" in page
    assert textarea(page, "steps") == "## Set the stage\nAgree on grounding assumptions."
    assert 'name="group_mode" id="id_group_mode" checked' in page
    assert 'href="/alpha/campaigns/wai/challenges/empathy/">Preview' in page


def test_organizer_edits_a_challenge(client_for, upcoming, organizer):
    ActivityLog.objects.all().delete()
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/allyship/",
        challenge_data(
            upcoming,
            title="Allyship in practice",
            slug="allyship-in-practice",
            questions="Who did you back?\n",
            steps="## Notice\nLook around.\n\n## Act\nSay something.",
            group_mode="on",
            has_worksheet="on",
        ),
    )
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    challenge = Challenge.objects.get(pk=upcoming.pk)
    assert (challenge.title, challenge.slug) == ("Allyship in practice", "allyship-in-practice")
    assert challenge.questions == ["Who did you back?"]
    assert challenge.steps == [
        {"title": "Notice", "body": "Look around."},
        {"title": "Act", "body": "Say something."},
    ]
    assert (challenge.group_mode, challenge.has_worksheet) == (True, True)
    assert actions() == [
        (
            "campaigns.challenge.changed",
            {"fields": "title, slug, questions, steps, has_worksheet, group_mode"},
        )
    ]


MULTI_PARAGRAPH = [
    {"title": "Set the stage", "body": "Agree on grounding assumptions.\n\nThen breathe."},
    {"title": "Share", "body": "One story each.\n\n\n- listen\n- thank"},
    {"title": "Close", "body": ""},
]


def test_steps_with_blank_lines_read_back_as_written(client_for, revealed, organizer):
    editing.update_challenge(revealed, actor=None, steps=MULTI_PARAGRAPH)
    client = client_for(organizer)
    page = text(client.get("/alpha/campaigns/manage/wai/challenges/empathy/"))
    shown = textarea(page, "steps")
    assert shown == (
        "## Set the stage\nAgree on grounding assumptions.\n\nThen breathe.\n\n"
        "## Share\nOne story each.\n\n\n- listen\n- thank\n\n"
        "## Close"
    )
    before = actions()
    response = client.post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        {
            **challenge_data(revealed, has_worksheet="on", group_mode="on"),
            # As a browser sends a textarea back.
            "steps": shown.replace("\n", "\r\n"),
        },
    )
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    assert Challenge.objects.get().steps == MULTI_PARAGRAPH
    assert actions() == before


def test_steps_without_a_title_line_are_refused_by_the_field(client_for, revealed, organizer):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        challenge_data(revealed, steps="Notice\nLook around.", has_worksheet="on"),
    )
    assert 'id="id_steps_error"' in text(response)
    assert "Start each step with a line \u201c## \u201d and its title." in text(response)
    assert Challenge.objects.get().steps == revealed.steps


def test_a_revealed_challenge_keeps_its_slug(client_for, revealed, organizer):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        challenge_data(revealed, title="Renamed", slug="renamed"),
    )
    assert 'id="id_slug_error"' in text(response)
    assert (
        "This challenge has been revealed and people have its address; the short name stays."
        in text(response)
    )
    assert list(Challenge.objects.values_list("slug", "title")) == [("empathy", "Empathy")]


def test_a_challenge_hidden_again_keeps_its_slug(client_for, week, revealed, organizer):
    client = client_for(organizer)
    url = "/alpha/campaigns/manage/wai/challenges/empathy/"
    later = local(week.starts_at + timedelta(days=4))
    flags = {"has_worksheet": "on", "group_mode": "on"}
    client.post(url, challenge_data(revealed, reveal_at=later, **flags))
    page = text(client.get(url))
    assert (
        "Not revealed now: members cannot see it. Its short name stays: people have had the "
        "address." in page
    )
    response = client.post(url, challenge_data(revealed, reveal_at=later, slug="renamed", **flags))
    assert 'id="id_slug_error"' in text(response)
    assert list(Challenge.objects.values_list("slug", flat=True)) == ["empathy"]


def test_a_challenge_someone_opened_keeps_its_slug(upcoming, member):
    services.note_open(upcoming, member)
    with pytest.raises(ValidationError) as refused:
        editing.update_challenge(upcoming, actor=None, slug="renamed")
    assert refused.value.message_dict == {
        "slug": [
            "This challenge has been revealed and people have its address; the short name stays."
        ]
    }
    assert list(Challenge.objects.values_list("slug", flat=True)) == ["allyship"]


def test_an_unrevealed_challenge_nobody_opened_may_be_renamed(upcoming):
    editing.update_challenge(upcoming, actor=None, slug="renamed")
    assert list(Challenge.objects.values_list("slug", flat=True)) == ["renamed"]


def test_group_mode_stays_while_groups_exist(client_for, institution, revealed, organizer):
    groups.open_group(revealed, facilitator=make_member(institution), name="Circle")
    before = actions()
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        challenge_data(revealed, has_worksheet="on"),
    )
    assert 'id="id_group_mode_error"' in text(response)
    assert (
        "Groups have taken this challenge; it stays open to groups so they can still reach "
        "their page." in text(response)
    )
    assert Challenge.objects.get().group_mode is True
    assert actions() == before


def test_the_worksheet_stays_while_worksheets_exist(client_for, revealed, member, organizer):
    services.save_worksheet(
        revealed,
        owner=member,
        mode="quick",
        decision_title="Admissions",
        decision_description="",
        answers={},
    )
    before = actions()
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        challenge_data(revealed, group_mode="on"),
    )
    assert 'id="id_has_worksheet_error"' in text(response)
    assert (
        "People have saved worksheets on this challenge; the worksheet stays so they can still "
        "reach theirs." in text(response)
    )
    assert Challenge.objects.get().has_worksheet is True
    assert actions() == before


def test_fewer_steps_move_groups_back_to_the_last_step(
    client_for, institution, revealed, organizer
):
    three = editing.update_challenge(revealed, actor=None, steps=MULTI_PARAGRAPH)
    facilitator = make_member(institution)
    ahead = groups.open_group(three, facilitator=facilitator, name="Ahead")
    groups.open_group(three, facilitator=facilitator, name="Behind")
    groups.move_to_step(ahead, user=facilitator, step=2)
    client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        challenge_data(
            revealed, steps="## One\nOnly.\n\n## Two", has_worksheet="on", group_mode="on"
        ),
    )
    assert dict(ChallengeGroup.objects.values_list("name", "current_step")) == {
        "Ahead": 1,
        "Behind": 0,
    }


def test_a_challenge_slug_taken_in_the_campaign_is_refused(
    client_for, revealed, upcoming, organizer
):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/allyship/",
        challenge_data(upcoming, slug="empathy"),
    )
    assert "Another challenge of this campaign already uses this short name." in text(response)
    assert Challenge.objects.get(pk=upcoming.pk).slug == "allyship"


def test_a_challenge_moved_outside_the_campaign_is_refused(client_for, week, upcoming, organizer):
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/allyship/",
        challenge_data(upcoming, reveal_at=local(week.ends_at + timedelta(days=1))),
    )
    assert 'id="id_reveal_at_error"' in text(response)
    assert Challenge.objects.get(pk=upcoming.pk).reveal_at == upcoming.reveal_at


def test_a_revealed_challenge_may_move_its_reveal_time_later(client_for, week, revealed, organizer):
    later = week.starts_at + timedelta(days=4)
    client_for(organizer).post(
        "/alpha/campaigns/manage/wai/challenges/empathy/",
        challenge_data(revealed, reveal_at=local(later), has_worksheet="on", group_mode="on"),
    )
    assert Challenge.objects.get().reveal_at == later


def test_organizer_deletes_a_challenge_nobody_wrote_on(client_for, week, upcoming, organizer):
    client = client_for(organizer)
    confirm = text(client.get("/alpha/campaigns/manage/wai/challenges/allyship/delete/"))
    assert "Delete the challenge Allyship?" in confirm
    ActivityLog.objects.all().delete()
    response = client.post("/alpha/campaigns/manage/wai/challenges/allyship/delete/")
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    assert not Challenge.objects.exists()
    assert actions() == [("campaigns.challenge.deleted", {"challenge": "Allyship"})]
    assert ActivityLog.objects.get().object_id == str(week.pk)


def test_a_challenge_people_wrote_on_cannot_be_deleted(
    client_for, institution, revealed, member, organizer
):
    writer, grouped = (make_member(institution, email=f"{n}@alpha.example") for n in "wg")
    services.save_reflection(revealed, author=member, body="I noticed.", visibility="private")
    services.save_worksheet(
        revealed,
        owner=member,
        mode="quick",
        decision_title="Admissions",
        decision_description="",
        answers={},
    )
    services.save_worksheet(
        revealed,
        owner=writer,
        mode="quick",
        decision_title="Grading",
        decision_description="",
        answers={},
    )
    groups.open_group(revealed, facilitator=grouped, name="Circle")
    before = actions()
    response = client_for(organizer).post("/alpha/campaigns/manage/wai/challenges/empathy/delete/")
    assert response.status_code == 200
    assert (
        "People have written on this challenge or taken it in a group; it cannot be deleted. "
        "Move its reveal time instead." in text(response)
    )
    assert list(Challenge.objects.values_list("slug", flat=True)) == ["empathy"]
    assert actions() == before


def test_the_challenge_history_shows_organizers_actions_only(
    client_for, institution, revealed, member, organizer
):
    services.save_reflection(revealed, author=member, body="I noticed.", visibility="private")
    services.save_worksheet(
        revealed,
        owner=member,
        mode="quick",
        decision_title="Admissions",
        decision_description="",
        answers={},
    )
    groups.open_group(revealed, facilitator=make_member(institution), name="Circle")
    editing.update_challenge(revealed, actor=organizer, title="Empathy at work")
    response = client_for(organizer).get("/alpha/campaigns/manage/wai/challenges/empathy/")
    shown = [entry.display for entry in response.context["history"]]
    assert shown == [
        "Challenge Empathy at work was edited: title",
        f"Challenge Empathy was created, revealed {revealed.reveal_at.isoformat()}",
    ]
    for trace in ("A reflection was saved", "A worksheet was saved", "A group was opened"):
        assert trace not in text(response)


def test_the_campaign_history_shows_organizers_actions_only(
    client_for, week, upcoming, session, prize, organizer
):
    editing.delete_challenge(upcoming, actor=organizer)
    page = client_for(organizer).get("/alpha/campaigns/manage/wai/")
    assert [entry.action for entry in page.context["history"]] == [
        "campaigns.challenge.deleted",
        "campaigns.session.added",
        "campaigns.campaign.created",
    ]


# Prizes


def test_organizer_adds_a_prize_with_a_description(client_for, week, organizer):
    client_for(organizer).post(
        "/alpha/campaigns/manage/wai/add/prize/",
        {"rank": 1, "name": "Kindle", "description": "A reader.", "quantity": 1},
    )
    assert list(Prize.objects.values_list("name", "description")) == [("Kindle", "A reader.")]


def test_organizer_edits_a_prize(client_for, prize, organizer):
    client = client_for(organizer)
    assert 'value="Kindle"' in text(client.get("/alpha/campaigns/manage/wai/prizes/1/"))
    ActivityLog.objects.all().delete()
    response = client.post(
        "/alpha/campaigns/manage/wai/prizes/1/",
        {"rank": 2, "name": "E-reader", "description": "Any brand.", "quantity": 3},
    )
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    assert list(Prize.objects.values_list("rank", "name", "description", "quantity")) == [
        (2, "E-reader", "Any brand.", 3)
    ]
    assert actions() == [
        ("campaigns.prize.changed", {"rank": 2, "fields": "rank, name, description, quantity"})
    ]


def test_a_prize_rank_taken_is_refused_by_the_field(client_for, week, prize, organizer):
    services.add_prize(week, actor=None, rank=2, name="Mug")
    response = client_for(organizer).post(
        "/alpha/campaigns/manage/wai/prizes/2/", {"rank": 1, "name": "Mug", "quantity": 1}
    )
    assert 'id="id_rank_error"' in text(response)
    assert "There is already a prize of rank 1." in text(response)
    assert list(Prize.objects.values_list("rank", "name")) == [(1, "Kindle"), (2, "Mug")]


def test_organizer_deletes_a_prize(client_for, week, prize, organizer):
    client = client_for(organizer)
    assert "Delete prize 1: Kindle?" in text(
        client.get("/alpha/campaigns/manage/wai/prizes/1/delete/")
    )
    ActivityLog.objects.all().delete()
    response = client.post("/alpha/campaigns/manage/wai/prizes/1/delete/")
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    assert not Prize.objects.exists()
    assert actions() == [("campaigns.prize.deleted", {"rank": 1, "prize": "Kindle"})]


def test_prizes_are_fixed_once_the_rules_are_published(client_for, week, prize, organizer):
    draws.publish_rules(week, actor=None, closes_at=week.ends_at)
    client = client_for(organizer)
    before = actions()
    edit = client.post(
        "/alpha/campaigns/manage/wai/prizes/1/", {"rank": 1, "name": "Mug", "quantity": 1}
    )
    delete = client.post("/alpha/campaigns/manage/wai/prizes/1/delete/")
    message = (
        "The raffle&#x27;s rules are published and list the prizes in order; the prizes can no "
        "longer change."
    )
    add = client.post(
        "/alpha/campaigns/manage/wai/add/prize/", {"rank": 2, "name": "Mug", "quantity": 1}
    )
    assert message in text(edit)
    assert message in text(delete)
    assert message in text(add)
    assert list(Prize.objects.values_list("rank", "name", "quantity")) == [(1, "Kindle", 2)]
    assert actions() == before


# Sessions


def test_organizer_removes_a_session_and_the_event_stays(client_for, week, session, organizer):
    client = client_for(organizer)
    confirm = text(client.get("/alpha/campaigns/manage/wai/sessions/chat/remove/"))
    assert "Remove" in confirm and "from the campaign?" in confirm
    ActivityLog.objects.all().delete()
    response = client.post("/alpha/campaigns/manage/wai/sessions/chat/remove/")
    assert response["Location"] == "/alpha/campaigns/manage/wai/"
    assert not CampaignEvent.objects.exists()
    assert list(Event.objects.values_list("slug", flat=True)) == ["chat"]
    assert actions() == [("campaigns.session.removed", {"event": session.event.title})]


def test_sessions_are_fixed_once_the_rules_are_published(
    client_for, institution, week, session, prize, organizer
):
    make_event(institution, slug="late", starts_at=week.starts_at + timedelta(days=1))
    draws.publish_rules(week, actor=None, closes_at=week.ends_at)
    client = client_for(organizer)
    before = actions()
    remove = client.post("/alpha/campaigns/manage/wai/sessions/chat/remove/")
    late = Event.objects.get(slug="late")
    add = client.post("/alpha/campaigns/manage/wai/add/session/", {"event": late.pk})
    message = (
        "The raffle&#x27;s rules are published and give one ticket per attended session of the "
        "campaign; the sessions can no longer change."
    )
    assert message in text(remove)
    assert message in text(add)
    assert list(CampaignEvent.objects.values_list("event__slug", flat=True)) == ["chat"]
    assert actions() == before


# The manage page


def test_manage_page_lists_what_can_be_edited(
    client_for, revealed, upcoming, prize, session, organizer
):
    page = text(client_for(organizer).get("/alpha/campaigns/manage/wai/"))
    assert 'href="/alpha/campaigns/manage/wai/edit/">Edit the campaign' in page
    assert '<span class="badge">Revealed</span>' in page
    assert '<span class="badge badge-warn">Not yet</span>' in page
    assert 'href="/alpha/campaigns/wai/challenges/allyship/">Preview' in page
    assert 'href="/alpha/campaigns/manage/wai/challenges/allyship/">Edit' in page
    assert 'href="/alpha/campaigns/manage/wai/challenges/allyship/delete/">Delete' in page
    assert 'href="/alpha/campaigns/manage/wai/prizes/1/">Edit' in page
    assert 'href="/alpha/campaigns/manage/wai/prizes/1/delete/">Delete' in page
    assert 'href="/alpha/campaigns/manage/wai/sessions/chat/remove/">Remove' in page


def test_the_preview_link_shows_an_unrevealed_challenge_to_organizers(
    client_for, upcoming, organizer
):
    page = text(client_for(organizer).get("/alpha/campaigns/wai/challenges/allyship/"))
    assert "Preview: members see this challenge from" in page
    assert "<h1>Allyship</h1>" in page


# Locks


def first_locked(act):
    """The table of the first row ``act`` locks. SQLite has no FOR UPDATE, so there it is the
    first campaigns row read; either way, nothing of the campaign comes before it."""
    with CaptureQueriesContext(connection) as queries:
        act()
    sql = [q["sql"] for q in queries if "campaigns_" in q["sql"]]
    locking = [q for q in sql if "FOR UPDATE" in q] or sql
    return re.search(r'FROM "(campaigns_\w+)"', locking[0]).group(1)


@pytest.mark.parametrize(
    "act",
    [
        lambda w, c, p, s: editing.update_campaign(
            w, actor=None, name="Renamed", starts_at=w.starts_at, ends_at=w.ends_at
        ),
        lambda w, c, p, s: editing.update_challenge(c, actor=None, title="Renamed"),
        lambda w, c, p, s: editing.delete_challenge(c, actor=None),
        lambda w, c, p, s: editing.update_prize(p, actor=None, rank=1, name="Mug"),
        lambda w, c, p, s: editing.delete_prize(p, actor=None),
        lambda w, c, p, s: editing.remove_session(s, actor=None),
        lambda w, c, p, s: services.create_challenge(
            w, actor=None, slug="new", title="New", purpose="x", reveal_at=w.starts_at
        ),
    ],
    ids=[
        "update_campaign",
        "update_challenge",
        "delete_challenge",
        "update_prize",
        "delete_prize",
        "remove_session",
        "create_challenge",
    ],
)
def test_every_editing_service_locks_the_campaign_first(week, upcoming, prize, session, act):
    # Each locks the campaign, then its object, as draws.publish_rules locks the campaign: two
    # services never wait on each other's rows in opposite orders.
    assert first_locked(lambda: act(week, upcoming, prize, session)) == "campaigns_campaign"


# Who may, and bad input

EDIT_URLS = [
    "/alpha/campaigns/manage/wai/edit/",
    "/alpha/campaigns/manage/wai/challenges/allyship/",
    "/alpha/campaigns/manage/wai/challenges/allyship/delete/",
    "/alpha/campaigns/manage/wai/prizes/1/",
    "/alpha/campaigns/manage/wai/prizes/1/delete/",
    "/alpha/campaigns/manage/wai/sessions/chat/remove/",
]


def state():
    return (
        list(Campaign.objects.values_list("slug", "name", "ends_at")),
        list(Challenge.objects.values_list("slug", "title")),
        list(Prize.objects.values_list("rank", "name")),
        list(CampaignEvent.objects.values_list("event__slug", flat=True)),
    )


@pytest.mark.parametrize("url", EDIT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_institutions_organizer_gets_404(
    client_for, upcoming, prize, session, outsider, url, method
):
    before = state()
    data = {"name": "Taken", "title": "Taken", "rank": 1, "quantity": 1}
    response = getattr(client_for(outsider), method)(url, data)
    assert response.status_code == 404
    assert state() == before


@pytest.mark.parametrize("url", EDIT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_members_cannot_edit_campaigns(client_for, upcoming, prize, session, member, url, method):
    before = state()
    data = {"name": "Taken", "title": "Taken", "rank": 1, "quantity": 1}
    response = getattr(client_for(member), method)(url, data)
    assert response.status_code == 403
    assert state() == before


@pytest.mark.parametrize(
    "url",
    [
        "/alpha/campaigns/manage/wai/prizes/99999999999999999999999/",
        "/alpha/campaigns/manage/wai/prizes/7/delete/",
        "/alpha/campaigns/manage/wai/challenges/nothing/",
        "/alpha/campaigns/manage/wai/sessions/nothing/remove/",
        "/alpha/campaigns/manage/nothing/edit/",
    ],
)
def test_addresses_of_nothing_are_404(client_for, week, prize, organizer, url):
    assert client_for(organizer).post(url).status_code == 404


@pytest.mark.parametrize(
    ("url", "data", "error"),
    [
        ("/alpha/campaigns/manage/wai/edit/", {"starts_at": "soon"}, "id_starts_at_error"),
        ("/alpha/campaigns/manage/wai/prizes/1/", {"rank": "-4", "name": ""}, "id_rank_error"),
        (
            "/alpha/campaigns/manage/wai/challenges/allyship/",
            {"slug": "no spaces!", "reveal_at": "x"},
            "id_slug_error",
        ),
    ],
)
def test_bad_input_comes_back_with_errors(client_for, upcoming, prize, organizer, url, data, error):
    before = state()
    response = client_for(organizer).post(url, data)
    assert response.status_code == 200
    assert f'id="{error}"' in text(response)
    assert state() == before
