"""Every page each kind of person can reach today, and the error states of its forms, pass axe."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import check_a11y
from tests.conftest import membership_of

PUBLIC = [
    "/",
    "/alpha/",
    "/alpha/about/purpose/",
    "/alpha/about/values/",
    "/alpha/about/goals/",
    "/alpha/about/team/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]
MEMBER = [
    "/me/",
    "/me/profile/",
    "/accounts/2fa/",
    "/accounts/email/",
    "/accounts/password/change/",
]
ORGANIZER = ["/alpha/manage/", "/alpha/manage/people/", "/alpha/manage/pages/values/"]
ADMIN = ["/alpha/manage/settings/", "/alpha/manage/audit/"]


def test_visitor_pages(visit, institution):
    for path in PUBLIC:
        visit(path)
    visit("/no-such-school/", status=404)
    visit("/alpha/about/nothing/", status=404)


def test_member_pages_and_a_forbidden_one(visit, login_as, institution, member):
    login_as(member)
    for path in PUBLIC + MEMBER:
        visit(path)
    visit("/alpha/manage/", status=403)


def test_organizer_pages(visit, login_as, institution, organizer, member):
    login_as(organizer)
    for path in ORGANIZER:
        visit(path)
    visit(f"/alpha/manage/people/{membership_of(member, institution).public_id}/")
    visit("/alpha/manage/settings/", status=403)


def test_admin_pages(visit, login_as, institution, admin, member):
    login_as(admin)
    for path in ORGANIZER + ADMIN:
        visit(path)


def test_form_errors_are_accessible(page, visit, login_as, institution, organizer):
    visit("/accounts/signup/")
    page.get_by_label("Email").fill("someone@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill("short")
    page.get_by_label(re.compile(r"^Password \(again\)")).fill("different")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    check_a11y(page)

    login_as(organizer)
    visit("/alpha/manage/people/")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state()
    assert page.get_by_text("Enter a valid email address.").is_visible()
    email = page.get_by_label("Email address")
    assert email.get_attribute("aria-invalid") == "true"
    check_a11y(page)

    visit("/alpha/manage/pages/goals/")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save page").click()
    page.wait_for_load_state()
    assert page.get_by_text("This field is required.").is_visible()
    check_a11y(page)


def test_people_search_with_htmx_keeps_the_page_accessible(
    page, visit, login_as, institution, organizer, member
):
    login_as(organizer)
    visit("/alpha/manage/people/")
    page.get_by_role("searchbox", name="Search people").fill("ada")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r"q=ada"))
    rows = page.locator("#people-table tbody tr")
    assert rows.count() == 1
    assert "Ada Member" in rows.first.inner_text()
    check_a11y(page)


@pytest.mark.parametrize("path", ["/", "/alpha/", "/alpha/about/values/", "/accounts/login/"])
def test_phone_width(page, visit, institution, path):
    page.set_viewport_size({"width": 375, "height": 667})
    visit(path)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_manage_pages_at_phone_width(page, visit, login_as, institution, organizer):
    page.set_viewport_size({"width": 375, "height": 667})
    login_as(organizer)
    visit("/alpha/manage/people/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_the_checker_sees_violations(page):
    # Guards the guard: a page with known problems must fail check_a11y.
    page.set_content(
        '<html><body><img src="x.png"><input type="text"><a href="#"></a></body></html>'
    )
    with pytest.raises(AssertionError) as failure:
        check_a11y(page)
    message = str(failure.value)
    for rule in ("image-alt", "label", "link-name", "html-has-lang"):
        assert rule in message
