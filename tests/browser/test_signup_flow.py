"""A new person signs up, verifies their email, signs in and reads their school's pages."""

from __future__ import annotations

import re

from django.core import mail

from tests.browser.conftest import check_a11y, sign_in


def test_new_user_signs_up_verifies_and_reads_institution_pages(page, visit, institution):
    visit("/")
    page.get_by_role("link", name="Sign up").first.click()
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Sign Up"

    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a-long-passphrase-42")
    page.get_by_label(re.compile(r"^Password \(again\)")).fill("a-long-passphrase-42")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_load_state()
    check_a11y(page)
    assert "Verify Your Email Address" in page.content()

    (message,) = mail.outbox
    assert message.to == ["newcomer@example.org"]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]
    visit(path)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()
    check_a11y(page)

    # Confirming signs the person in; sign out and in again as they would tomorrow.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    sign_in(page, "newcomer@example.org", "a-long-passphrase-42")
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "My All In"

    page.get_by_role("link", name="All In").first.click()
    page.get_by_role("link", name="Alpha School of Medicine").click()
    check_a11y(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Alpha School of Medicine"
    for title in ("Our values", "Our goals", "Our team", "Our purpose"):
        page.get_by_role("main").get_by_role("link", name=title).click()
        check_a11y(page)
        assert page.get_by_role("heading", level=1).inner_text() == title
