"""The campaign page as a visitor and a member meet it: the countdown ticks in the browser,
today's challenge opens, and every page passes axe."""

from __future__ import annotations

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from allin.campaigns import services
from tests.browser.conftest import check_a11y


def _week(institution, starts_in):  # type: ignore[no-untyped-def]
    start = timezone.now() + starts_in
    campaign = services.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="We're All In",
        tagline="Are you all in?",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    services.create_challenge(
        campaign,
        actor=None,
        slug="empathy-building",
        title="Empathy Building Challenge",
        purpose="Enhance empathy and understanding of different lived experiences.",
        steps=[{"title": "Set the stage", "body": "Agree on grounding assumptions."}],
        questions=["What common themes did you notice?"],
        reveal_at=start + timedelta(minutes=1),
    )
    services.add_prize(campaign, actor=None, rank=1, name="Bose QuietComfort Headphones")
    return campaign


def test_the_countdown_ticks_and_is_accessible(page, visit, institution):
    _week(institution, timedelta(days=2))
    visit("/alpha/campaigns/")
    visit("/alpha/campaigns/wai/")
    seconds = page.locator('[data-unit="seconds"]')
    first = seconds.text_content()
    page.wait_for_timeout(1500)
    assert seconds.text_content() != first
    expect(page.get_by_text("Bose QuietComfort Headphones")).to_be_visible()


def test_a_member_opens_todays_challenge(page, visit, login_as, institution, member, organizer):
    from allin.events import checkin
    from tests.factories import make_event

    week = _week(institution, timedelta(minutes=-30))
    session = make_event(
        institution,
        slug="chats-for-change",
        title="Chats for Change",
        raffle_eligible=True,
        starts_at=timezone.now() - timedelta(minutes=20),
    )
    services.add_session(week, session, actor=None)
    checkin.staff_check_in(session, user=member, actor=organizer)
    login_as(member)
    visit("/alpha/campaigns/wai/")
    page.get_by_role("link", name="Take the challenge").click()
    page.wait_for_url("**/challenges/empathy-building/")
    check_a11y(page)
    expect(page.get_by_role("heading", name="Step 1: Set the stage")).to_be_visible()

    page.get_by_role("button", name="Save my reflection").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("This field is required.")).to_be_visible()

    page.get_by_role("textbox", name="My reflection").fill("Listening first changed what I heard.")
    expect(page.get_by_label("Only me")).to_be_checked()
    page.get_by_role("button", name="Save my reflection").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Your reflection is saved.")).to_be_visible()
    expect(page.get_by_text("Shared with the community")).to_have_count(0)

    # Back on the campaign page: the session attended is one entry in the raffle.
    page.get_by_role("link", name="We're All In").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Your entries: 1 (Chats for Change).")).to_be_visible()


def test_an_organizer_publishes_the_rules(page, visit, login_as, institution, organizer):
    _week(institution, timedelta(days=2))
    login_as(organizer)
    visit("/alpha/campaigns/wai/raffle/")
    page.get_by_role("button", name=re.compile("Publish the rules")).click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("The rules are published with their SHA-256.")).to_be_visible()
    expect(page.get_by_role("button", name="Freeze the entries")).to_be_visible()


def test_an_organizer_schedules_and_fills_a_campaign(page, visit, login_as, institution, organizer):
    _week(institution, timedelta(days=2))
    login_as(organizer)
    visit("/alpha/campaigns/manage/")
    page.get_by_role("button", name="Schedule it").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_role("textbox", name="Name", exact=True)).to_have_attribute(
        "aria-invalid", "true"
    )
    visit("/alpha/campaigns/manage/wai/")
    page.get_by_role("textbox", name="Name", exact=True).fill("Kindle")
    page.get_by_role("button", name="Add the prize").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Added.")).to_be_visible()


def test_a_member_fills_the_equity_impact_worksheet(page, visit, login_as, institution, member):
    week = _week(institution, timedelta(minutes=-30))
    services.create_challenge(
        week,
        actor=None,
        slug="equity-impact",
        title="Equity Impact Challenge",
        purpose="Assess the equity impact of a decision.",
        reveal_at=week.starts_at,
        has_worksheet=True,
    )
    login_as(member)
    visit("/alpha/campaigns/wai/challenges/equity-impact/")
    page.get_by_role("link", name="Open the worksheet").click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("button", name="Save privately").click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_label("The decision you are assessing").fill("Moving sessions online")
    page.get_by_role("button", name="Save privately").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Your worksheet is saved. Only you can see it.")).to_be_visible()
    visit("/alpha/campaigns/wai/challenges/equity-impact/worksheet/?mode=full")


def test_a_group_takes_the_challenge_together(
    page, visit, login_as, browser, live_server, institution, member
):
    from django.conf import settings
    from django.test import Client

    from tests.conftest import make_member

    week = _week(institution, timedelta(minutes=-30))
    week.challenges.update(
        group_mode=True,
        steps=[
            {"title": "Set the stage", "body": "Agree on grounding assumptions."},
            {"title": "Share personal stories", "body": "Listen to understand."},
        ],
    )
    login_as(member)
    visit("/alpha/campaigns/wai/challenges/empathy-building/")
    page.get_by_role("textbox", name="Group name").fill("Tuesday circle")
    page.get_by_role("button", name="Open a group").click()
    page.wait_for_load_state()
    check_a11y(page)
    code = page.locator(".code-display [aria-hidden=true]").text_content().strip()

    # A second person, in a browser of their own, joins with the code read off the screen.
    joiner = make_member(institution, name="Rosa Parks")
    client = Client()
    client.force_login(joiner)
    context = browser.new_context(base_url=live_server.url)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    other = context.new_page()
    other.goto("/alpha/campaigns/wai/challenges/empathy-building/")
    other.get_by_role("textbox", name="Group code").fill("nope")
    other.get_by_role("button", name="Join").click()
    other.wait_for_load_state()
    check_a11y(other)
    expect(other.get_by_text("A group code has 6 letters and digits.")).to_be_visible()
    other.get_by_role("textbox", name="Group code").fill(code.lower())
    other.get_by_role("button", name="Join").click()
    other.wait_for_load_state()
    expect(other.get_by_role("heading", name="Tuesday circle")).to_be_visible()
    check_a11y(other)

    # The facilitator moves on; the member's page follows without a reload.
    page.reload()
    expect(page.get_by_text("Rosa Parks")).to_be_visible()
    page.get_by_role("button", name="On to step 2").click()
    page.wait_for_load_state()
    current = other.locator('[aria-current="step"] h3')
    expect(current).to_contain_text("Step 2: Share personal stories", timeout=15_000)
    check_a11y(other)

    other.get_by_role("textbox", name="Our shared goals").fill("Listen first.")
    other.get_by_role("button", name="Save the record").click()
    other.wait_for_load_state()
    expect(other.get_by_text("The group's record is saved.")).to_be_visible()
    page.reload()
    expect(page.get_by_role("textbox", name="Our shared goals")).to_have_value("Listen first.")
    context.close()
