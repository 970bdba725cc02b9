from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.change import services as change_services
from allin.change.enums import SystemsCondition, TargetStatus
from allin.change.models import (
    ChangeTarget,
    Indicator,
    IndicatorResult,
    ShortTermWin,
    TacticalTask,
)
from allin.community import services
from allin.community.models import ActionUpdate, NewsPost

MONTH = date(2026, 11, 1)
NOW = "2026-11-20 15:00:00-05:00"


def text(response):
    return response.content.decode()


@pytest.fixture(autouse=True)
def _november():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def spheres(institution):
    return [
        change_services.create_sphere(institution, actor=None, slug=slug, name=name)
        for slug, name in (("admissions", "Admissions"), ("clinical", "Clinical"))
    ]


@pytest.fixture
def target(institution, spheres):
    # Set up directly: the drafts read what the target services have written.
    return ChangeTarget.objects.create(
        institution=institution,
        sphere=spheres[0],
        slug="diverse-committee",
        title="Build a holistically diverse Admission Committee",
        desired_outcome="A committee that looks like the community it serves.",
        cycle=2026,
        status=TargetStatus.ACTIVE,
        systems_condition=SystemsCondition.STRUCTURAL,
    )


def _task(target, title, done_at):
    return TacticalTask.objects.create(
        institution=target.institution, target=target, title=title, done_at=done_at
    )


def _result(target, numerator, denominator):
    indicator = Indicator.objects.create(
        institution=target.institution,
        target=target,
        name="Committee members trained",
        definition="Members who completed the equity training, of all members.",
        unit="percent",
    )
    return IndicatorResult.objects.create(
        institution=target.institution,
        indicator=indicator,
        period_start=MONTH,
        period_end=date(2026, 11, 30),
        value=Decimal(100 * numerator / denominator).quantize(Decimal("0.01")),
        numerator=numerator,
        denominator=denominator,
        suppressed=min(numerator, denominator, denominator - numerator) < 11,
    )


def test_the_month_is_drafted_from_what_changed(institution, spheres, target, organizer):
    _task(target, "Train the committee chairs", timezone.now() - timedelta(days=3))
    _task(target, "Done last month", timezone.now() - timedelta(days=40))
    _task(target, "Not done yet", None)
    _result(target, 40, 80)
    update = services.start_update(institution, actor=organizer, month=MONTH)
    admissions, clinical = update.reports.order_by("sphere__order")
    assert "**Build a holistically diverse Admission Committee**" in admissions.body
    assert "- Done: Train the committee chairs." in admissions.body
    assert "Committee members trained: 50% for November 2026." in admissions.body
    assert "Done last month" not in admissions.body and "Not done yet" not in admissions.body
    assert not admissions.nothing_to_report
    assert clinical.body == "" and clinical.nothing_to_report


def test_a_suppressed_result_stays_hidden_in_the_draft(institution, spheres, target):
    result = _result(target, 3, 40)
    update = services.start_update(institution, actor=None, month=MONTH)
    body = update.reports.get(sphere=spheres[0]).body
    assert "too few people to show" in body and str(result.value) not in body


def test_a_month_is_started_once_and_not_before_it_begins(institution, spheres, organizer):
    services.start_update(institution, actor=organizer, month=date(2026, 11, 15))
    with pytest.raises(ValidationError, match="already an update for November 2026"):
        services.start_update(institution, actor=organizer, month=MONTH)
    with pytest.raises(ValidationError, match="once it has begun"):
        services.start_update(institution, actor=organizer, month=date(2026, 12, 1))
    assert ActionUpdate.objects.count() == 1


def test_organizer_edits_and_publishes_on_the_pulse(
    client, client_for, institution, spheres, target, organizer
):
    _task(target, "Train the committee chairs", timezone.now())
    staff = client_for(organizer)
    response = staff.post("/alpha/news/manage/", {"month": "2026-11"})
    assert response["Location"] == "/alpha/news/manage/updates/2026-11/"
    page = text(staff.get("/alpha/news/manage/updates/2026-11/"))
    assert "Done: Train the committee chairs." in page
    section = "/alpha/news/manage/updates/2026-11/spheres/clinical/"
    empty = staff.post(section, {"clinical-body": "", "clinical-nothing_to_report": ""})
    assert "Write the sphere&#x27;s update, or tick" in text(empty)
    staff.post(
        section,
        {"clinical-body": "Grand rounds on race-conscious care.", "clinical-nothing_to_report": ""},
    )
    response = staff.post(
        "/alpha/news/manage/updates/2026-11/publish/", {"intro": "Every month, every sphere."}
    )
    post = NewsPost.objects.get()
    assert response["Location"] == post.get_absolute_url() == "/alpha/news/on-the-pulse-2026-11/"
    assert post.title == "On the Pulse: November\u2019s Action Updates"
    assert sorted(post.spheres.values_list("slug", flat=True)) == ["admissions", "clinical"]
    # Tagged with the target the draft spoke of, and the target's page lists the post.
    assert list(post.targets.all()) == [target]
    assert "Change targets in this post" in text(client.get(post.get_absolute_url()))
    assert post.title in text(client.get(target.get_absolute_url()))
    public = text(client.get(post.get_absolute_url()))
    assert "<h2>Admissions</h2>" in public and "Grand rounds on race-conscious care." in public
    assert "On the Pulse" in text(client.get("/alpha/news/?sphere=clinical"))
    # Published is final.
    again = staff.post(section, {"clinical-body": "Changed.", "clinical-nothing_to_report": ""})
    assert again.status_code == 200 and "Changed." not in text(client.get(post.get_absolute_url()))


def test_nothing_to_report_is_said_plainly_and_untagged(institution, spheres, organizer):
    update = services.start_update(institution, actor=organizer, month=MONTH)
    post = services.publish_update(update, actor=organizer)
    assert post.body.count("Nothing to report this month.") == 2
    assert not post.spheres.exists()
    with pytest.raises(ValidationError, match="already published"):
        services.publish_update(update, actor=organizer)


def test_the_atom_feed(client, institution, spheres, organizer):
    services.publish_post(
        institution, actor=organizer, title="Admissions news", body="Hello.", spheres=[spheres[0]]
    )
    services.publish_post(institution, actor=organizer, title="Clinical news", body="Hi.")
    feed = client.get("/alpha/news/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = text(feed)
    assert "<title>Admissions news</title>" in body and "<title>Clinical news</title>" in body
    only = text(client.get("/alpha/news/feed.atom?sphere=admissions"))
    assert "Admissions news" in only and "Clinical news" not in only


def test_manage_pages_need_an_organizer_of_this_institution(
    client_for, institution, spheres, member, other_organizer
):
    services.start_update(institution, actor=None, month=MONTH)
    for url in ("/alpha/news/manage/", "/alpha/news/manage/updates/2026-11/"):
        assert client_for(member).get(url).status_code == 403
        assert client_for(other_organizer).get(url).status_code == 404
    post = client_for(member).post("/alpha/news/manage/updates/2026-11/publish/")
    assert post.status_code == 403 and not NewsPost.objects.exists()


def test_bad_months_are_refused_by_the_field(client_for, organizer, spheres):
    for month in ("2026-13", "soon", ""):
        response = client_for(organizer).post("/alpha/news/manage/", {"month": month})
        assert response.status_code == 200
    assert client_for(organizer).get("/alpha/news/manage/updates/2026-99/").status_code == 404
    assert not ActionUpdate.objects.exists()


@pytest.mark.parametrize("size", [3, 30])
def test_news_list_query_count_is_constant(
    client, institution, spheres, size, django_assert_num_queries
):
    for i in range(size):
        services.publish_post(
            institution, actor=None, title=f"Post {i}", body="Text.", spheres=spheres
        )
    client.get("/alpha/news/")
    with django_assert_num_queries(NUM_NEWS_QUERIES):
        client.get("/alpha/news/")


@pytest.mark.parametrize("size", [2, 12])
def test_updates_list_query_count_is_constant(
    client_for, institution, spheres, organizer, size, django_assert_num_queries
):
    for i in range(size):
        month = date(2026 - (i // 12) - 1, i % 12 + 1, 1)
        update = services.start_update(institution, actor=None, month=month)
        if i % 2:
            services.publish_update(update, actor=None)
    client = client_for(organizer)
    client.get("/alpha/news/manage/")
    with django_assert_num_queries(NUM_UPDATES_QUERIES):
        client.get("/alpha/news/manage/")


NUM_NEWS_QUERIES = 4
NUM_UPDATES_QUERIES = 5


def test_draft_targets_stay_out_of_drafts_posts_and_the_feed(
    client, institution, spheres, target, organizer
):
    secret = ChangeTarget.objects.create(
        institution=institution,
        sphere=spheres[0],
        slug="secret",
        title="Secret draft target",
        desired_outcome="Not yet public.",
        cycle=2026,
        status=TargetStatus.DRAFT,
        systems_condition=SystemsCondition.STRUCTURAL,
    )
    _task(secret, "Secret task", timezone.now())
    _result(secret, 40, 80)
    ShortTermWin.objects.create(
        institution=institution, target=secret, date=date(2026, 11, 5), title="Secret win"
    )
    _task(target, "Public task", timezone.now())
    update = services.start_update(institution, actor=organizer, month=MONTH)
    body = update.reports.get(sphere=spheres[0]).body
    assert "Public task" in body
    for word in ("Secret", "50%"):
        assert word not in body
    post = services.publish_update(update, actor=organizer)
    assert list(post.targets.all()) == [target]
    feed = text(client.get("/alpha/news/feed.atom"))
    assert "Public task" in feed and "Secret" not in feed


def test_a_target_put_back_to_draft_is_not_tagged(institution, spheres, target, organizer):
    _task(target, "Public task", timezone.now())
    update = services.start_update(institution, actor=organizer, month=MONTH)
    ChangeTarget.objects.filter(pk=target.pk).update(status=TargetStatus.DRAFT)
    post = services.publish_update(update, actor=organizer)
    assert not post.targets.exists()


def test_a_taken_address_gets_a_number_not_an_error(client_for, institution, spheres, organizer):
    services.publish_post(
        institution, actor=organizer, title="Mine", body="x", slug="on-the-pulse-2026-11"
    )
    services.publish_post(
        institution, actor=organizer, title="Mine too", body="x", slug="on-the-pulse-2026-11-2"
    )
    services.start_update(institution, actor=organizer, month=MONTH)
    response = client_for(organizer).post("/alpha/news/manage/updates/2026-11/publish/", {})
    post = NewsPost.objects.get(title__startswith="On the Pulse")
    assert post.slug == "on-the-pulse-2026-11-3"
    assert response["Location"] == "/alpha/news/on-the-pulse-2026-11-3/"
