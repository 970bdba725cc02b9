from datetime import timedelta

import pytest
from django.utils import timezone

from allin.campaigns import services
from allin.campaigns.models import Worksheet
from allin.core.models import ActivityLog

URL = "/alpha/campaigns/wai/challenges/equity-impact/worksheet/"


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
        slug="equity-impact",
        title="Equity Impact Challenge",
        purpose="Assess the equity impact of a decision.",
        reveal_at=start,
        has_worksheet=True,
    )


def test_quick_worksheet_saves_privately_and_downloads(client_for, challenge, member, organizer):
    client = client_for(member)
    assert "How will this decision impact" in text(client.get(URL))
    client.post(
        URL + "?mode=quick",
        {
            "decision_title": "Moving small-group sessions online",
            "decision_description": "Our course team's plan.",
            "answer_impact": "Students without quiet space at home lose out.",
            "answer_bias": "",
            "answer_steps": "Offer rooms on campus.",
        },
    )
    sheet = Worksheet.objects.get()
    assert sheet.answers == {
        "impact": "Students without quiet space at home lose out.",
        "steps": "Offer rooms on campus.",
    }
    download = client.get(URL.replace("worksheet/", "worksheet.md") + "?mode=quick")
    body = download.content.decode()
    assert "# Equity impact assessment: Moving small-group sessions online" in body
    assert "(not answered)" in body
    assert (
        'filename="equity-impact-moving-small-group-sessions-online.md"'
        in download["Content-Disposition"]
    )
    # Nobody else reads it, organizers included, and the audit keeps no words.
    assert "quiet space" not in text(client_for(organizer).get(URL))
    assert (
        client_for(organizer)
        .get(URL.replace("worksheet/", "worksheet.md") + "?mode=quick")
        .status_code
        == 404
    )
    assert not ActivityLog.objects.filter(data__icontains="quiet space").exists()


def test_full_mode_has_the_ten_question_areas(client_for, challenge, member):
    page = text(client_for(member).get(URL + "?mode=full"))
    assert page.count('<textarea id="id_answer_') == 10
    assert "Identifying stakeholders" in page and "Identifying success indicators" in page


def test_a_missing_title_is_shown_by_the_field(client_for, challenge, member):
    response = client_for(member).post(URL + "?mode=quick", {"decision_title": " "})
    assert 'id="id_decision_title_error"' in text(response)
    assert not Worksheet.objects.exists()


def test_no_worksheet_on_other_challenges_and_none_for_visitors(
    client, client_for, challenge, member
):
    services.create_challenge(
        challenge.campaign,
        actor=None,
        slug="power",
        title="Power",
        purpose="x",
        reveal_at=challenge.reveal_at,
    )
    assert client_for(member).get(URL.replace("equity-impact", "power")).status_code == 404
    assert client.get(URL).status_code == 302
