"""A change target as members and organizers meet it: every page passes axe, and ticking a task
done updates the row and the percentage in place."""

from __future__ import annotations

import re
from datetime import date

from playwright.sync_api import expect

from allin.change import mapping, plan
from tests.change.helpers import add_indicator, add_mapping, add_tasks, make_sphere, make_target

T = "/alpha/change/manage/targets/holistic-review/"


def _target(institution, organizer):  # type: ignore[no-untyped-def]
    sphere = make_sphere(institution)
    target = make_target(sphere, owners=[organizer])
    add_tasks(target, 4, 1)
    indicator = add_indicator(target, responsible=organizer)
    challenge = add_mapping(target)
    plan.add_objective(
        target, actor=None, text="Train readers", measure="Roster", due_date=date(2026, 9, 1)
    )
    plan.add_win(target, actor=None, date=date(2025, 10, 1), title="Pilot done")
    mapping.write_journal_entry(
        target,
        actor=None,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        description="Two committees tried the rubric.",
    )
    return target, indicator, challenge


def test_member_pages_are_accessible(visit, login_as, institution, organizer, member):
    _target(institution, organizer)
    visit("/alpha/change/spheres/admissions/")
    visit("/alpha/change/targets/holistic-review/")
    login_as(member)
    visit("/alpha/change/targets/holistic-review/")


def test_organizer_pages_are_accessible_and_a_task_ticks_in_place(
    page, visit, login_as, institution, organizer
):
    _, indicator, challenge = _target(institution, organizer)
    login_as(organizer)
    for path in (
        "/alpha/change/manage/",
        "/alpha/change/manage/spheres/admissions/",
        "/alpha/change/manage/targets/",
        f"{T}indicators/{indicator.public_id}/",
        f"{T}outcomes/{challenge.public_id}/",
        f"{T}journal/",
        f"{T}carry-forward/",
        f"{T}edit/",
    ):
        visit(path)
    visit(T)
    expect(page.locator("#progress")).to_contain_text("25%")
    # The task's title is visually hidden in the button's name; Chromium may space it apart.
    page.get_by_role("button", name=re.compile(r"^Mark done\W+Task 1$")).click()
    expect(page.get_by_role("button", name=re.compile(r"^Mark not done\W+Task 1$"))).to_be_visible()
    expect(page.locator("#progress")).to_contain_text("50%")
    assert page.url.endswith(T)
