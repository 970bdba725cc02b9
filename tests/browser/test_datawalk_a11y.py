"""A data walk as people meet it: a participant on a phone opens the walk from its event, leaves
a note at a station and votes; an organizer turns the note into a draft change target. Every
page passes axe."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from allin.change.services import create_sphere
from allin.datawalks import services
from tests.browser.conftest import check_a11y
from tests.factories import make_event

PHONE = {"width": 390, "height": 844}


def _walk(institution):  # type: ignore[no-untyped-def]
    sphere = create_sphere(institution, actor=None, slug="admissions", name="Admissions")
    event = make_event(
        institution,
        slug="gsbs-data-walk",
        title="GSBS Data Walk",
        starts_at=timezone.now() - timedelta(minutes=30),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    walk = services.create_walk(
        institution,
        actor=None,
        slug="gsbs-2023",
        title="GSBS Data Walk",
        intro="Drop in any time; stay as long as you like.",
        event=event,
    )
    for title, rows in (
        ("Who studies here", [["Black", "7"], ["Latinx", "9"], ["White", "52"]]),
        ("Who stays", [["Year 1", "100"], ["Year 5", "81"]]),
    ):
        services.add_station(
            walk,
            actor=None,
            title=title,
            figure_title=f"{title}, percent",
            figure_rows=rows,
            figure_unit="%",
            sphere=sphere,
        )
    return walk


def test_a_participant_leaves_a_note_and_votes(page, visit, login_as, institution, member):
    _walk(institution)
    page.set_viewport_size(PHONE)
    login_as(member)
    visit("/alpha/events/gsbs-data-walk/")
    page.get_by_role("link", name="open the stations").click()
    page.wait_for_url("**/data-walks/gsbs-2023/")
    check_a11y(page)
    page.get_by_role("link", name="Start at station 1").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_role("heading", name="Who studies here")).to_be_visible()
    expect(page.get_by_role("cell", name="52%")).to_be_visible()

    page.get_by_role("button", name="Post my note").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Please correct the errors below.")).to_be_visible()

    page.get_by_label("What should change").check()
    page.get_by_role("textbox", name="Your note").fill("Recruit from the city's own schools.")
    page.get_by_role("button", name="Post my note").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Your note is up, without your name.")).to_be_visible()
    note = page.locator(".sticky-note", has_text="Recruit from the city's own schools.")
    expect(note.get_by_text("0 votes")).to_be_visible()

    note.get_by_role("button", name="Vote for this note").click()
    expect(note.get_by_text("1 vote", exact=True)).to_be_visible()
    expect(note.get_by_role("button", name="Vote for this note")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(page.locator("#vote-status")).to_have_text("Your vote is counted.")
    check_a11y(page)

    page.get_by_role("link", name="Next: Who stays →").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Station 2 of 2")).to_be_visible()
    visit("/alpha/data-walks/map/")


def test_an_organizer_turns_a_note_into_a_draft_target(
    page, visit, login_as, institution, member, organizer
):
    from allin.datawalks import notes

    walk = _walk(institution)
    station = walk.stations.first()
    notes.post_note(
        station, author=member, prompt="change", body="Recruit from the city's own schools."
    )
    login_as(organizer)
    visit("/alpha/manage/")
    page.get_by_role("link", name="Data walks").click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("link", name="GSBS Data Walk").first.click()
    page.wait_for_load_state()
    check_a11y(page)
    page.get_by_role("link", name="Notes at Who studies here").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Recruit from the city's own schools.")).to_be_visible()

    page.get_by_label("Need of the sphere").select_option("admissions")
    page.get_by_role("button", name="Mark this need").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_text("Marked as a need of Admissions")).to_be_visible()

    page.get_by_role("link", name="Draft a change target from this note").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(page.get_by_role("textbox", name="Title")).to_have_value(
        "Recruit from the city's own schools."
    )
    page.get_by_label("Structural (policies, practices, resource flows)").check()
    page.get_by_role("button", name="Create the draft target").click()
    page.wait_for_load_state()
    check_a11y(page)
    expect(
        page.get_by_text("The draft target “Recruit from the city's own schools.” is created.")
    ).to_be_visible()
    expect(page.get_by_text("Became the draft target")).to_be_visible()
    visit("/alpha/data-walks/manage/gsbs-2023/themes/")
    visit("/alpha/data-walks/map/")
