"""Events as a new person meets them: the calendar, RSVPs and the waitlist, check-in, the
organizer's pages and a Zoom report import. Every page and every htmx swap passes axe.

The tests read what the page shows rather than the database: while the live server answers,
it shares the test's in-memory SQLite connection, and a query from here can collide with it.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from allin.events import services
from allin.events.enums import Audience
from tests.browser.conftest import check_a11y
from tests.conftest import make_member
from tests.factories import make_event

REPORTS = Path(__file__).resolve().parents[2] / "src" / "allin" / "demo" / "content" / "reports"
ZOOM_REPORT = REPORTS / "zoom-meeting-participants.csv"


def _mark_page(page) -> None:  # type: ignore[no-untyped-def]
    """Tag the loaded document; a full reload loses the tag, an htmx swap keeps it."""
    page.evaluate("window.allinNoReload = true")


def _still_same_page(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("window.allinNoReload === true")


def _h1(page):  # type: ignore[no-untyped-def]
    return page.get_by_role("heading", level=1)


def test_visitor_reads_the_calendar_and_a_public_event(page, visit, institution):
    make_event(institution, slug="open-lecture", title="Open lecture", audience=Audience.PUBLIC)
    make_event(institution, slug="members-chat", title="Members' chat", audience=Audience.MEMBERS)
    make_event(
        institution,
        slug="last-month",
        title="Last month's panel",
        audience=Audience.PUBLIC,
        starts_at=timezone.now() - timedelta(days=30),
    )

    visit("/alpha/events/")
    expect(_h1(page)).to_have_text("Programming calendar")
    expect(page.get_by_role("link", name="Open lecture")).to_be_visible()
    expect(page.get_by_role("link", name="Members' chat")).to_have_count(0)

    visit("/alpha/events/?view=month")
    expect(page.get_by_role("table")).to_have_count(1)

    visit("/alpha/events/?when=past")
    expect(_h1(page)).to_have_text("Past events")
    expect(page.get_by_role("link", name="Last month's panel")).to_be_visible()

    visit("/alpha/events/")
    page.get_by_role("link", name="Open lecture").click()
    page.wait_for_url("**/alpha/events/open-lecture/")
    check_a11y(page)
    expect(_h1(page)).to_have_text("Open lecture")
    expect(page.get_by_role("link", name="Sign in to RSVP")).to_be_visible()

    # A members' event sends a signed-out visitor to sign in, showing nothing of it.
    visit("/alpha/events/members-chat/")
    page.wait_for_url("**/accounts/login/?next=/alpha/events/members-chat/")
    expect(page.get_by_text("Members' chat")).to_have_count(0)


def test_member_rsvps_waits_and_checks_in(page, visit, login_as, institution, member):
    chat = make_event(institution, slug="chat", title="Chats for Change")
    full = make_event(institution, slug="full-house", title="Full house", capacity=1)
    services.rsvp(full, user=make_member(institution, email="early@alpha.example", name="Early"))
    soon = timezone.now() + timedelta(minutes=10)
    make_event(
        institution,
        slug="live",
        title="Live now",
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )
    login_as(member)

    visit("/alpha/events/")
    visit("/alpha/events/?view=month")
    page.get_by_role("link", name=re.compile("Chats for Change")).first.click()
    page.wait_for_url("**/alpha/events/chat/")
    check_a11y(page)

    # RSVP: htmx swaps the panel in place.
    panel = page.locator("#rsvp-panel")
    status = page.locator("#rsvp-status")
    _mark_page(page)
    panel.get_by_role("button", name="RSVP", exact=True).click()
    expect(panel.get_by_text("You're going")).to_be_visible()
    assert _still_same_page(page)
    # The answer is announced from a status region that outlives the swap, and keyboard focus
    # stays on the panel's button rather than falling back to the top of the page.
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("You're going.")
    expect(panel.get_by_role("button", name="Cancel my RSVP")).to_be_focused()
    check_a11y(page)

    panel.get_by_role("button", name="Cancel my RSVP").click()
    expect(panel.get_by_role("button", name="RSVP", exact=True)).to_be_visible()
    expect(status).to_have_text("Your RSVP is cancelled.")
    expect(panel.get_by_role("button", name="RSVP", exact=True)).to_be_focused()
    assert _still_same_page(page)
    check_a11y(page)

    # Changed their mind: going after all.
    panel.get_by_role("button", name="RSVP", exact=True).click()
    expect(panel.get_by_text("You're going")).to_be_visible()
    expect(status).to_have_text("You're going.")
    check_a11y(page)

    # A full event: the waitlist.
    visit("/alpha/events/full-house/")
    expect(panel.get_by_text("1 of 1 seats taken")).to_be_visible()
    _mark_page(page)
    panel.get_by_role("button", name="Join the waitlist").click()
    expect(panel.get_by_text("On the waitlist: number 1")).to_be_visible()
    expect(status).to_have_text("The event is full: you're on the waitlist.")
    expect(panel.get_by_role("button", name="Leave the waitlist")).to_be_visible()
    assert _still_same_page(page)
    check_a11y(page)

    # My All In lists both, and the messages of the htmx answers do not linger there.
    visit("/me/")
    events = page.locator("section", has=page.get_by_role("heading", name="My events"))
    expect(events.get_by_role("link", name="Chats for Change")).to_be_visible()
    # In the event's own time zone, named, although /me/ belongs to no institution.
    local = timezone.localtime(chat.starts_at, chat.zone)
    expect(events.locator("time").first).to_have_text(
        f"{local:%a, %b} {local.day}, {local:%-I:%M %p %Z}"
    )
    expect(events.get_by_text("On the waitlist: number 1")).to_be_visible()
    expect(page.locator(".messages")).to_have_count(0)

    # My calendar feed: the address is shown once, and it works.
    page.get_by_role("link", name="My calendar feed").click()
    page.wait_for_url("**/me/calendar/")
    check_a11y(page)
    page.get_by_role("button", name="Get my calendar address").click()
    expect(page.get_by_role("link", name="Open in my calendar app")).to_be_visible()
    check_a11y(page)
    address = re.search(r"/cal/u/\S+\.ics$", page.locator("code").inner_text())
    assert address
    visit("/me/calendar/")
    expect(page.locator("code")).to_have_count(0)
    expect(page.get_by_role("button", name="Make a new address")).to_be_visible()
    feed = page.request.get(address.group(0))
    assert feed.ok and "Chats for Change" in feed.text()

    # The event about to start: check in from its page.
    visit("/alpha/events/live/")
    page.locator("#rsvp-panel").get_by_role("link", name="Check in", exact=True).click()
    page.wait_for_url("**/alpha/events/live/check-in/")
    check_a11y(page)
    page.get_by_role("button", name="I'm here: check me in").click()
    expect(page.get_by_text("You're checked in to Live now. Welcome!")).to_be_visible()
    expect(page.get_by_text(re.compile("You're checked in since"))).to_be_visible()
    expect(page.get_by_role("button", name="I'm here: check me in")).to_have_count(0)
    check_a11y(page)
    visit("/alpha/events/live/")
    expect(page.locator("#rsvp-panel").get_by_text("You attended")).to_be_visible()


def test_organizer_creates_runs_and_imports_an_event(
    page, visit, login_as, institution, organizer, member
):
    # People from the sample Zoom report, members here, so the import matches them by email.
    people = {
        "renee.alvarez@mssm.edu": "Renee Alvarez",
        "sam.okafor@mssm.edu": "Sam Okafor",
        "helen.cho@mssm.edu": "Helen Cho",
    }
    for email, name in people.items():
        make_member(institution, email=email, name=name)
    # In the report without an email: the organizer assigns her row by hand.
    make_member(institution, email="priya.natarajan@alpha.example", name="Priya Natarajan")
    login_as(organizer)

    visit("/alpha/events/")
    page.get_by_role("link", name="New event").click()
    page.wait_for_url("**/alpha/events/new/")
    check_a11y(page)

    # An end before the start: the error sits next to the field.
    page.get_by_label("Title").fill("Lunch n' Unlearn")
    page.get_by_label("Short name for the address").fill("lunch-unlearn")
    page.get_by_label("Starts").fill("2026-11-20T12:00")
    page.get_by_label("Ends").fill("2026-11-20T11:00")
    page.get_by_role("button", name="Create event").click()
    expect(page.get_by_text("The event must end after it starts.")).to_be_visible()
    ends = page.get_by_label("Ends")
    expect(ends).to_have_attribute("aria-invalid", "true")
    expect(ends).to_have_attribute("aria-describedby", re.compile(r"\bid_ends_at_error\b"))
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Starts")).not_to_have_attribute("aria-invalid", "true")
    check_a11y(page)

    # Fixed: noon to one in New York.
    ends.fill("2026-11-20T13:00")
    page.get_by_role("button", name="Create event").click()
    page.wait_for_url("**/alpha/events/lunch-unlearn/")
    check_a11y(page)
    expect(page.get_by_text("Lunch n' Unlearn is on the calendar.")).to_be_visible()
    when = "Friday, November 20, 2026, 12:00 PM to 1:00 PM EST"
    expect(page.locator(".event-when")).to_have_text(when)

    tools = page.get_by_role("navigation", name="Organize this event")
    tools.get_by_role("link", name="Edit").click()
    page.wait_for_url("**/lunch-unlearn/edit/")
    check_a11y(page)
    page.get_by_label("Room").fill("Annenberg 13-01")
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_url("**/alpha/events/lunch-unlearn/")
    check_a11y(page)
    expect(page.get_by_text("Annenberg 13-01")).to_be_visible()

    tools.get_by_role("link", name="Hold again").click()
    page.wait_for_url("**/lunch-unlearn/again/")
    check_a11y(page)
    expect(_h1(page)).to_have_text("Hold “Lunch n' Unlearn” again")
    expect(page.get_by_label("Starts")).to_have_value("2026-11-27T12:00")
    expect(page.get_by_label("Short name for the address")).to_have_value("lunch-unlearn-again")

    visit("/alpha/events/lunch-unlearn/cancel/")
    expect(page.get_by_role("button", name="Cancel the event")).to_be_visible()
    page.get_by_role("link", name="Keep it").click()
    page.wait_for_url("**/alpha/events/lunch-unlearn/")

    # The roster: find a member with the htmx search, check them in, undo.
    tools.get_by_role("link", name="Roster and attendance").click()
    page.wait_for_url("**/lunch-unlearn/roster/")
    check_a11y(page)
    _mark_page(page)
    page.get_by_label("Find a person").fill("Ada")
    results = page.locator("#check-in-results")
    expect(results.get_by_text("member@alpha.example")).to_be_visible()
    assert _still_same_page(page)
    check_a11y(page)
    results.get_by_role("button", name="Check in Ada Member").click()
    expect(page.get_by_text("Ada Member checked in.")).to_be_visible()
    people_table = page.get_by_role("table", name="RSVPs and attendance")
    expect(people_table.get_by_text("Yes: Checked in by staff")).to_be_visible()
    check_a11y(page)
    page.get_by_role("button", name="Undo attendance of Ada Member").click()
    expect(page.get_by_text("Ada Member removed from the attendance.")).to_be_visible()
    expect(page.get_by_text("Nobody has RSVPed or checked in yet.")).to_be_visible()
    check_a11y(page)

    page.get_by_role("link", name="Show the check-in QR code").click()
    page.wait_for_url("**/lunch-unlearn/qr/")
    check_a11y(page)
    expect(page.get_by_role("img", name=re.compile("QR code to check in"))).to_be_visible()

    # A Zoom report: upload, preview, import.
    visit("/alpha/events/lunch-unlearn/attendance/import/")
    page.get_by_label("Attendance report").set_input_files(ZOOM_REPORT)
    page.get_by_role("button", name="Preview").click()
    page.wait_for_url(re.compile(r"/attendance/import/\d+/$"))
    check_a11y(page)
    expect(_h1(page)).to_have_text("Preview: zoom-meeting-participants.csv")
    expect(page.locator("#group-matched")).to_have_text(f"Matched ({len(people)})")
    page.get_by_role("button", name=f"Import {len(people)} attendance records").click()
    expect(
        page.get_by_text(f"Imported: {len(people)} people added to the attendance.")
    ).to_be_visible()
    expect(_h1(page)).to_have_text("zoom-meeting-participants.csv")
    expect(page.get_by_role("button", name=re.compile("^Import"))).to_have_count(0)
    check_a11y(page)

    # The review queue: each row's field and buttons say whose row they are.
    page.get_by_label(re.compile("^Member's email for Priya Natarajan")).fill(
        "priya.natarajan@alpha.example"
    )
    page.get_by_role("button", name=re.compile("^Assign line \\d+, Priya Natarajan$")).click()
    expect(page.get_by_text(re.compile(r"^Row \d+ is Priya Natarajan\.$"))).to_be_visible()
    resolved = page.locator(
        "section", has=page.get_by_role("heading", name="Assigned by an organizer (1)")
    )
    expect(resolved).to_contain_text("Priya Natarajan")
    check_a11y(page)

    # The report is listed among earlier uploads; the roster counts the attendance.
    visit("/alpha/events/lunch-unlearn/attendance/import/")
    expect(page.get_by_role("link", name="zoom-meeting-participants.csv")).to_be_visible()
    visit("/alpha/events/lunch-unlearn/roster/")
    expect(page.locator(".stats")).to_contain_text(f"{len(people) + 1} attended")
    for name in [*people.values(), "Priya Natarajan"]:
        row = people_table.get_by_role("row", name=re.compile(name))
        expect(row).to_contain_text("Yes: Zoom report")

    # And cancelled, in the end.
    visit("/alpha/events/lunch-unlearn/cancel/")
    page.get_by_role("button", name="Cancel the event").click()
    page.wait_for_url("**/alpha/events/lunch-unlearn/")
    check_a11y(page)
    expect(page.get_by_text("Event cancelled. Everyone who RSVPed is being told.")).to_be_visible()
    expect(page.get_by_text("This event was cancelled.").first).to_be_visible()


def test_member_may_not_make_events(page, visit, login_as, institution, member):
    login_as(member)
    visit("/alpha/events/new/", status=403)
    visit("/alpha/events/")
    expect(page.get_by_role("link", name="New event")).to_have_count(0)


def test_organizer_keeps_series(page, visit, login_as, institution, organizer):
    login_as(organizer)
    visit("/alpha/events/series/")
    page.get_by_role("textbox", name="Name", exact=True).fill("Lunch n' Unlearn")
    page.get_by_label("Short name for the address").fill("lunch")
    page.get_by_label("Description").fill("Over lunch, in person.")
    page.get_by_role("button", name="Create series").click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("link", name="Edit Lunch n' Unlearn").click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_label("Short name for the address").fill("Not a slug!")
    page.get_by_role("button", name="Save series").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_label("Short name for the address")).to_have_attribute(
        "aria-invalid", "true"
    )
    visit("/alpha/events/?series=lunch")
    expect(page.get_by_text("Over lunch, in person.")).to_be_visible()


PHONE = {"width": 375, "height": 667}


def _fits_the_phone(page) -> bool:  # type: ignore[no-untyped-def]
    # Nothing wider than the screen: no sideways scrolling on a phone.
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_member_pages_at_phone_width(page, visit, login_as, institution, member):
    make_event(institution, slug="chat", title="Chats for Change", capacity=20)
    soon = timezone.now() + timedelta(minutes=10)
    make_event(
        institution,
        slug="live",
        title="Live now",
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )
    page.set_viewport_size(PHONE)
    login_as(member)
    for path in (
        "/alpha/events/",
        "/alpha/events/?view=month",
        "/alpha/events/chat/",
        "/alpha/events/live/check-in/",
    ):
        visit(path)
        assert _fits_the_phone(page), path

    # The private feed address is one long word: it wraps instead of widening the page.
    visit("/me/calendar/")
    page.get_by_role("button", name="Get my calendar address").click()
    expect(page.get_by_role("link", name="Open in my calendar app")).to_be_visible()
    check_a11y(page)
    assert _fits_the_phone(page)


def test_organizer_pages_at_phone_width(page, visit, login_as, institution, organizer, member):
    event = make_event(institution, slug="lunch", title="Lunch n' Unlearn")
    services.rsvp(event, user=member)
    page.set_viewport_size(PHONE)
    login_as(organizer)
    for path in (
        "/alpha/events/lunch/",
        "/alpha/events/lunch/edit/",
        # The roster's table scrolls in its box; its hidden button text must not poke out.
        "/alpha/events/lunch/roster/",
        "/alpha/events/lunch/qr/",
        "/alpha/events/lunch/attendance/import/",
    ):
        visit(path)
        assert _fits_the_phone(page), path
