"""A member signs up for a guiding coalition and a mini project, and says how they identify; an
organizer reads the application and accepts it. Every page passes axe, error states included."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from allin.change.services import create_sphere
from allin.coalitions import projects, services
from tests.browser.conftest import check_a11y


def _catalogue(institution, organizer):  # type: ignore[no-untyped-def]
    services.create_coalition(
        institution,
        actor=None,
        slug="grbi",
        name="Graduate School gRBI Guiding Coalition",
        description="A group of enthusiastic change leaders working with the Center for "
        "Anti-racism in Practice.",
        role="Quarterly meetings open to the whole school; one change target.",
        criteria="Values diversity, commitment, open-mindedness.",
        capacity=20,
    )
    sphere = create_sphere(institution, actor=None, slug="research", name="Research")
    projects.create_project(
        institution,
        actor=None,
        slug="data-walk",
        title="Attend the Data Walk",
        description="Come any time, stay as long as you like.",
        eligibility="Faculty, staff, students and postdocs",
        season="September 14, 3 to 6 pm",
        hours_per_month=3,
        point_person=organizer,
        works_with="gRBI coalition members",
        capacity=40,
        sphere=sphere,
    )


def test_a_member_signs_up_and_an_organizer_accepts(
    page, visit, login_as, institution, member, organizer
):
    _catalogue(institution, organizer)
    login_as(member)

    visit("/alpha/coalitions/")
    page.get_by_role("link", name="Graduate School gRBI Guiding Coalition").click()
    page.wait_for_url("**/alpha/coalitions/grbi/")
    check_a11y(page)
    page.get_by_role("link", name="Sign up for Graduate School gRBI Guiding Coalition").click()
    page.wait_for_url("**/grbi/sign-up/")
    check_a11y(page)

    # Sent empty: the errors sit next to the fields.
    page.get_by_role("button", name="Send my application").click()
    why = page.get_by_label("Why do you want to join?")
    expect(why).to_have_attribute("aria-invalid", "true")
    expect(why).to_have_attribute("aria-describedby", re.compile(r"\bid_why_error\b"))
    check_a11y(page)

    why.fill("I want our lab culture to change.")
    page.get_by_label("What would you bring?").fill("Five years of peer mentoring.")
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_url("**/alpha/coalitions/grbi/")
    check_a11y(page)
    expect(page.get_by_text("Waiting for a decision")).to_be_visible()

    page.get_by_role("link", name="Get involved", exact=True).click()
    page.get_by_role("link", name="see the mini projects").click()
    page.wait_for_url("**/alpha/coalitions/projects/")
    check_a11y(page)
    page.get_by_role("link", name="Attend the Data Walk").click()
    page.wait_for_url("**/projects/data-walk/")
    check_a11y(page)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/projects/data-walk/")
    expect(page.locator(".badge-ok")).to_have_text("You're signed up")
    check_a11y(page)

    visit("/me/identity/")
    page.get_by_label("Asian").check()
    page.get_by_label("Prefer not to say").first.check()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Choose groups, or “Prefer not to say”, but not both.")).to_be_visible()
    check_a11y(page)
    page.get_by_label("Prefer not to say").first.uncheck()
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_text("Only counts of 11 or more are ever shown.")).to_be_visible()
    check_a11y(page)

    login_as(organizer)
    visit("/alpha/manage/")
    page.get_by_role("navigation", name="Manage Alpha").get_by_role(
        "link", name="Coalitions"
    ).click()
    page.wait_for_url("**/alpha/coalitions/manage/")
    check_a11y(page)
    page.get_by_role("link", name="1 application to Graduate School gRBI Guiding Coalition").click()
    page.wait_for_url("**/grbi/applications/")
    check_a11y(page)
    expect(page.get_by_text("Five years of peer mentoring.")).to_be_visible()
    page.get_by_role("link", name="Ada Member").click()
    check_a11y(page)
    page.get_by_label("Accept").check()
    page.get_by_label("A word to the applicant (optional)").fill("Welcome! First meeting in May.")
    page.get_by_role("button", name="Save the decision").click()
    page.wait_for_url("**/grbi/applications/")
    expect(page.get_by_text("Ada Member: accepted. They were told by email.")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Members and terms").click()
    page.wait_for_url("**/grbi/terms/")
    check_a11y(page)
    page.get_by_role("link", name=re.compile("^Ada Member")).click()
    check_a11y(page)
    expect(page.get_by_role("button", name="Renew the term")).to_be_visible()

    visit("/alpha/coalitions/manage/projects/")
    page.get_by_role("link", name="Attend the Data Walk").click()
    page.wait_for_url("**/data-walk/roster/")
    check_a11y(page)
    expect(page.get_by_role("row", name=re.compile("Ada Member"))).to_contain_text("Signed up")
    page.get_by_role("link", name="Edit").click()
    check_a11y(page)

    login_as(member)
    visit("/alpha/coalitions/grbi/")
    expect(page.get_by_role("cell", name="Ada Member")).to_be_visible()
    # One member: the composition would point at them, so the page says so instead.
    expect(
        page.get_by_text("Too few members to show the composition without pointing at anyone.")
    ).to_be_visible()
