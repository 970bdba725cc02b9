"""The change journey end to end, tried as a new user would: a member signs up for a guiding
coalition and a mini project; an organizer accepts the application, ticks a task done and records
a result, writes this month's "On the Pulse" action update and publishes it; a participant's note
at a data walk becomes a draft change target that says where it came from. Every page passes
axe, and so does every page after an htmx swap."""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from allin.change import indicators, plan, targets
from allin.change.enums import IndicatorUnit, SystemsCondition, TargetStatus
from allin.change.services import create_sphere
from allin.coalitions import projects
from allin.coalitions import services as coalitions
from allin.datawalks import services as datawalks
from tests.browser.conftest import check_a11y
from tests.conftest import make_member

COALITION = "Graduate School gRBI Guiding Coalition"
PROJECT = "Attend the Data Walk"
TARGET = "Holistic review in every admissions decision"
TASK_DONE_BEFORE = "Write the holistic review rubric"
TASK = "Train the admissions committee readers"
INDICATOR = "Committee members trained"
NOTE = "Recruit from the city's own schools."


def _school(institution, organizer):  # type: ignore[no-untyped-def]
    """What organizers set up before anyone arrives: two spheres, a target with a plan and an
    indicator, a coalition, a full mini project and an open data walk."""
    today = timezone.localdate(timezone=institution.zone)
    admissions = create_sphere(institution, actor=None, slug="admissions", name="Admissions")
    research = create_sphere(institution, actor=None, slug="research", name="Research")

    target = targets.create_target(
        admissions,
        actor=None,
        slug="holistic-review",
        title=TARGET,
        desired_outcome="Every committee member scores applicants with the holistic rubric.",
        cycle=today.year,
        systems_condition=SystemsCondition.STRUCTURAL,
        kotter_steps=[3, 5],
        owners=[organizer],
        status=TargetStatus.ACTIVE,
    )
    for title in (TASK_DONE_BEFORE, TASK, "Pilot the rubric with two committees", "Report back"):
        task = plan.add_task(target, actor=None, title=title)
        if title == TASK_DONE_BEFORE:
            plan.set_task_done(task, actor=None, done=True)
    indicator = indicators.add_indicator(
        target,
        actor=None,
        name=INDICATOR,
        definition="Share of committee members who finished the training.",
        unit=IndicatorUnit.PERCENT,
        responsible=organizer,
    )
    indicators.add_baseline(
        indicator, actor=None, value=Decimal("20"), as_of=date(today.year - 1, 9, 1)
    )
    indicators.add_period_target(
        indicator,
        actor=None,
        period_start=date(today.year, 1, 1),
        period_end=date(today.year, 12, 31),
        value=Decimal("80"),
    )
    targets.create_target(
        research,
        actor=None,
        slug="lab-mentoring",
        title="A mentoring plan in every lab",
        desired_outcome="Every lab has a written mentoring plan.",
        cycle=today.year,
        systems_condition=SystemsCondition.RELATIONAL,
        status=TargetStatus.ACTIVE,
    )

    coalitions.create_coalition(
        institution,
        actor=None,
        slug="grbi",
        name=COALITION,
        description="Change leaders working with the Center for Anti-racism in Practice.",
        role="Quarterly meetings open to the whole school; one change target.",
        criteria="Values diversity, commitment, open-mindedness.",
        capacity=20,
    )
    project = projects.create_project(
        institution,
        actor=None,
        slug="data-walk",
        title=PROJECT,
        description="Come any time, stay as long as you like.",
        eligibility="Faculty, staff, students and postdocs",
        hours_per_month=3,
        point_person=organizer,
        capacity=1,
        sphere=research,
    )
    # The one place is taken: the new member's place is on the waitlist.
    projects.sign_up(project, user=make_member(institution, name="Grace Early"))

    now = timezone.now()
    walk = datawalks.create_walk(
        institution,
        actor=None,
        slug="gsbs-walk",
        title="GSBS Data Walk",
        intro="Drop in any time; stay as long as you like.",
        opens_at=now - timedelta(hours=1),
        closes_at=now + timedelta(hours=3),
    )
    datawalks.add_station(
        walk,
        actor=None,
        title="Who studies here",
        figure_title="Who studies here, percent",
        figure_rows=[["Black", "7"], ["Latinx", "9"], ["White", "52"]],
        figure_unit="%",
        sphere=admissions,
    )
    return today


def _member_signs_up(page, visit) -> None:  # type: ignore[no-untyped-def]
    visit("/alpha/coalitions/")
    page.get_by_role("link", name=COALITION).click()
    page.wait_for_url("**/alpha/coalitions/grbi/")
    check_a11y(page)
    page.get_by_role("link", name=f"Sign up for {COALITION}").click()
    page.wait_for_url("**/grbi/sign-up/")
    check_a11y(page)
    page.get_by_label("Why do you want to join?").fill("I want our admissions to change.")
    page.get_by_label("What would you bring?").fill("Five years on the admissions committee.")
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_url("**/alpha/coalitions/grbi/")
    check_a11y(page)
    place = page.get_by_role("complementary", name="Your place")
    expect(place).to_contain_text("Waiting for a decision")
    expect(place.get_by_role("button", name="Withdraw my application")).to_be_visible()

    page.get_by_role("navigation", name="Alpha", exact=True).get_by_role(
        "link", name="Get involved"
    ).click()
    page.wait_for_url("**/alpha/coalitions/")
    page.get_by_role("link", name="see the mini projects").click()
    page.wait_for_url("**/alpha/coalitions/projects/")
    check_a11y(page)
    page.get_by_role("link", name=PROJECT).click()
    page.wait_for_url("**/projects/data-walk/")
    check_a11y(page)
    expect(page.get_by_text("0 of 1 left")).to_be_visible()
    page.get_by_role("button", name="Join the waitlist").click()
    page.wait_for_url("**/projects/data-walk/")
    check_a11y(page)
    place = page.get_by_role("complementary", name="Your place")
    expect(place).to_contain_text("On the waitlist: number 1")
    expect(place.get_by_role("button", name="Leave the waitlist")).to_be_visible()


def _organizer_accepts(page, visit) -> None:  # type: ignore[no-untyped-def]
    visit("/alpha/manage/")
    page.get_by_role("navigation", name="Manage Alpha").get_by_role(
        "link", name="Coalitions"
    ).click()
    page.wait_for_url("**/alpha/coalitions/manage/")
    check_a11y(page)
    page.get_by_role("link", name=f"1 application to {COALITION}").click()
    page.wait_for_url("**/grbi/applications/")
    check_a11y(page)
    page.get_by_role("link", name="Ada Member").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Five years on the admissions committee.")).to_be_visible()
    page.get_by_label("Accept").check()
    page.get_by_label("A word to the applicant (optional)").fill("Welcome aboard!")
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_url("**/grbi/applications/")
    check_a11y(page)
    expect(page.get_by_text("Ada Member: accepted. They were told by email.")).to_be_visible()


def _member_is_a_member(page, visit, today) -> None:  # type: ignore[no-untyped-def]
    visit("/alpha/coalitions/grbi/")
    place = page.get_by_role("complementary", name="Your place")
    since = f"{today:%b} {today.day}, {today.year}"
    expect(place).to_contain_text(re.compile(rf"Member: {since} until \w{{3}} \d{{1,2}}, \d{{4}}"))
    expect(place).to_contain_text("Accepted")
    expect(page.get_by_role("table", name=f"Current members of {COALITION}")).to_contain_text(
        "Ada Member"
    )


def _organizer_moves_the_target(page, visit, today) -> None:  # type: ignore[no-untyped-def]
    visit("/alpha/manage/")
    page.get_by_role("navigation", name="Manage Alpha").get_by_role("link", name="Change").click()
    page.wait_for_url("**/alpha/change/manage/targets/")
    check_a11y(page)
    page.get_by_role("link", name=TARGET).click()
    page.wait_for_url("**/manage/targets/holistic-review/")
    check_a11y(page)
    progress = page.locator("#progress")
    expect(progress).to_contain_text("25%")
    expect(progress).to_contain_text("(1 of 4 tasks)")

    # From the keyboard. The task's title is visually hidden in the button's name; Chromium may
    # space it apart. After the swap, focus is on the new button, not lost to the page.
    page.get_by_role("button", name=re.compile(rf"^Mark done\W+{TASK}$")).press("Enter")
    expect(
        page.get_by_role("button", name=re.compile(rf"^Mark not done\W+{TASK}$"))
    ).to_be_focused()
    expect(progress).to_contain_text("50%")
    expect(progress).to_contain_text("(2 of 4 tasks)")
    assert page.url.endswith("/manage/targets/holistic-review/")
    check_a11y(page)  # after the htmx swap

    page.get_by_role("link", name=INDICATOR).click()
    page.wait_for_url("**/indicators/*/")
    check_a11y(page)
    result = page.get_by_role("region", name="Record a result")
    result.get_by_label(re.compile(r"^From\b")).fill(today.replace(day=1).isoformat())
    result.get_by_label(re.compile(r"^To\b")).fill(today.isoformat())
    result.get_by_label("Numerator").fill("18")
    result.get_by_label("Denominator").fill("40")
    result.get_by_role("button", name="Record the result").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Added.")).to_be_visible()
    row = page.get_by_role("table", name=f"Everything entered for {INDICATOR}").get_by_role(
        "row", name=re.compile("^Result")
    )
    expect(row).to_contain_text("45")
    expect(row).to_contain_text("18 of 40")

    page.get_by_role("link", name=f"← {TARGET}").click()
    page.wait_for_url("**/manage/targets/holistic-review/")
    page.get_by_role("link", name="Public page").click()
    page.wait_for_url("**/alpha/change/targets/holistic-review/")
    check_a11y(page)
    expect(page.get_by_role("listitem").filter(has_text=TASK)).to_contain_text("Done")
    values = page.get_by_role("table", name=f"{INDICATOR}: baseline, targets and results")
    expect(values.get_by_role("row", name=re.compile("^Result"))).to_contain_text("45% (18 of 40)")

    page.get_by_role("navigation", name="Alpha", exact=True).get_by_role(
        "link", name="Change"
    ).click()
    page.wait_for_url("**/alpha/change/")
    check_a11y(page)
    page.get_by_role("link", name="The change target tracker").click()
    page.wait_for_url("**/alpha/change/tracker/")
    check_a11y(page)
    row = page.get_by_role("row", name=re.compile(TARGET))
    expect(row).to_contain_text("50%")
    expect(row).to_contain_text(f"{INDICATOR}: 45%")
    expect(row).to_contain_text("against 80%")


def _organizer_publishes_the_update(page, visit, today) -> None:  # type: ignore[no-untyped-def]
    title = f"On the Pulse: {today:%B}\u2019s Action Updates"
    visit("/alpha/news/manage/")
    expect(page.get_by_label("Month")).to_have_value(f"{today:%Y-%m}")
    page.get_by_role("button", name="Start this month's update").click()
    page.wait_for_url(f"**/news/manage/updates/{today:%Y-%m}/")
    check_a11y(page)
    expect(page.get_by_text("Read and edit each sphere.")).to_be_visible()

    admissions = page.get_by_role("region", name="Admissions")
    draft = admissions.get_by_role("textbox", name="Update")
    expect(draft).to_have_value(re.compile(re.escape(f"Done: {TASK}.")))
    expect(draft).to_have_value(re.compile(re.escape(f"{INDICATOR}: 45% for {today:%B %Y}.")))
    draft.fill(draft.input_value() + "\n\nThe first committee read every file with the rubric.")
    admissions.get_by_role("button", name="Save Admissions").click()
    page.wait_for_url(f"**/news/manage/updates/{today:%Y-%m}/*")
    check_a11y(page)
    expect(page.get_by_text("The Admissions section is saved.")).to_be_visible()

    research = page.get_by_role("region", name="Research")
    expect(research.get_by_role("textbox", name="Update")).to_have_value(
        re.compile("New change target for this cycle.")
    )
    nothing = research.get_by_label("Nothing to report this month")
    expect(nothing).not_to_be_checked()
    nothing.check()
    research.get_by_role("button", name="Save Research").click()
    page.wait_for_url(f"**/news/manage/updates/{today:%Y-%m}/*")
    check_a11y(page)
    expect(page.get_by_text("The Research section is saved.")).to_be_visible()
    expect(
        page.get_by_role("region", name="Research").get_by_label("Nothing to report this month")
    ).to_be_checked()

    publish = page.get_by_role("region", name="Publish")
    publish.get_by_label("Introduction").fill("What moved in our change targets this month.")
    publish.get_by_role("button", name="Publish the update").click()
    page.wait_for_url(f"**/alpha/news/on-the-pulse-{today:%Y-%m}/")
    check_a11y(page)
    expect(page.get_by_text("The update is published.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    post = page.get_by_role("article")
    expect(post).to_contain_text("The first committee read every file with the rubric.")
    expect(post).to_contain_text(f"Done: {TASK}.")
    expect(post.get_by_role("heading", name="Research")).to_be_visible()
    expect(post).to_contain_text("Nothing to report this month.")

    page.get_by_role("link", name="← News").click()
    page.wait_for_url("**/alpha/news/")
    check_a11y(page)
    expect(page.get_by_role("link", name=title)).to_be_visible()

    feed = page.get_by_role("link", name="Follow in a feed reader (Atom)").get_attribute("href")
    response = page.request.get(feed)
    assert response.ok, response.status
    assert response.headers["content-type"].startswith("application/atom+xml")
    assert re.findall(r"<entry><title>(.*?)</title>", response.text()) == [title]

    # The tracker now points at the month's update for each sphere.
    visit("/alpha/change/tracker/")
    expect(page.get_by_role("region", name="Admissions")).to_contain_text(
        f"Latest action update: {today:%B %Y}"
    )
    expect(page.get_by_role("region", name="Research")).to_contain_text(
        f"Latest action update: {today:%B %Y} (nothing to report)"
    )


def _participant_leaves_a_note(page, visit) -> None:  # type: ignore[no-untyped-def]
    visit("/alpha/data-walks/gsbs-walk/")
    page.get_by_role("link", name="Start at station 1").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_role("heading", name="Who studies here", exact=True)).to_be_visible()
    page.get_by_label("What should change").check()
    page.get_by_role("textbox", name="Your note").fill(NOTE)
    page.get_by_role("button", name="Post my note").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Your note is up, without your name.")).to_be_visible()


def _organizer_drafts_a_target(page, visit) -> None:  # type: ignore[no-untyped-def]
    visit("/alpha/manage/")
    page.get_by_role("navigation", name="Manage Alpha").get_by_role(
        "link", name="Data walks"
    ).click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("link", name="GSBS Data Walk").first.click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("link", name="Notes at Who studies here").click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("link", name="Draft a change target from this note").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_role("textbox", name="Title")).to_have_value(NOTE)
    expect(page.get_by_label("Sphere")).to_have_value("admissions")
    page.get_by_label("Structural (policies, practices, resource flows)").check()
    page.get_by_role("button", name="Create the draft target").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text(f"The draft target “{NOTE}” is created.")).to_be_visible()

    page.get_by_role("link", name=NOTE).click()
    page.wait_for_url("**/alpha/change/targets/*/")
    check_a11y(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(NOTE)
    expect(page.locator("main")).to_contain_text("Draft")
    # The line above the status, linking the walk; the rationale below it says the same in prose.
    origin = page.get_by_text(re.compile("^Drafted from a")).filter(
        has=page.get_by_role("link", name="GSBS Data Walk")
    )
    expect(origin).to_have_text(
        "Drafted from a “What should change” note at the data walk GSBS Data Walk, "
        "station “Who studies here”."
    )
    origin.get_by_role("link", name="GSBS Data Walk").click()
    page.wait_for_url("**/alpha/data-walks/gsbs-walk/")
    check_a11y(page)


def test_the_change_journey(page, visit, login_as, institution, member, organizer):
    today = _school(institution, organizer)

    # 1. A member signs up for the coalition and the mini project.
    login_as(member)
    _member_signs_up(page, visit)

    # 2. An organizer accepts; the member sees they are a member, with a term.
    login_as(organizer)
    _organizer_accepts(page, visit)
    login_as(member)
    _member_is_a_member(page, visit, today)

    # 3. The organizer ticks a task done and records a result.
    login_as(organizer)
    _organizer_moves_the_target(page, visit, today)

    # 4. The organizer writes and publishes this month's action update.
    _organizer_publishes_the_update(page, visit, today)

    # 5. A participant's note at the data walk becomes a draft change target.
    login_as(member)
    _participant_leaves_a_note(page, visit)
    login_as(organizer)
    _organizer_drafts_a_target(page, visit)
