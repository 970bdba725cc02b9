"""The school's change work (seeds 001, 003; research/mission-anchors.md §1.3-1.5): the six
spheres, change targets over two cycles with their plans, Outcome Mapping and indicators, and
the monthly "On the Pulse" action updates."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from allin.accounts.models import User
from allin.change import course, indicators, mapping, plan, services, targets
from allin.change.enums import (
    ChangeLevel,
    MarkerLevel,
    PartnerKind,
    SystemsCondition,
    TargetStatus,
)
from allin.change.models import ChangeTarget, Sphere
from allin.community import services as news
from allin.institutions.models import Institution

SPHERES = (
    (
        "admissions",
        "Admissions",
        "Who is recruited, screened, interviewed and admitted, and by whom.",
        (
            "Leadership and staff",
            "Selection and decision-making committees",
            "CMCA and pipeline partnerships",
            "Students (screeners, interviewers, reps, hosts, tour guides)",
            "Marketing and event planning",
        ),
    ),
    ("clinical", "Clinical", "Clinical learning environments, clerkships and patient care.", ()),
    (
        "curricular-affairs",
        "Curricular Affairs",
        "Courses, clerkships and the people who direct them.",
        (),
    ),
    ("students", "Students", "Student organizations, leadership and voice.", ()),
    ("student-affairs", "Student Affairs", "Advising, wellness, the learning climate.", ()),
    ("student-resources", "Student Resources", "Financial aid, tutoring, support services.", ()),
)


def build_change(
    institution: Institution, today: date, people: dict[str, User]
) -> dict[str, Sphere]:
    organizer = people["organizer@icahn.example"]
    spheres = {}
    for slug, name, description, groups in SPHERES:
        sphere = services.create_sphere(
            institution, actor=organizer, slug=slug, name=name, description=description
        )
        for group in groups:
            services.add_working_group(sphere, actor=organizer, name=group)
        spheres[slug] = sphere
    _admission_committee(spheres["admissions"], today, people)
    _situational_judgment(spheres["admissions"], today, people)
    _course_directors(spheres["curricular-affairs"], today, people)
    for slug, title, outcome in (
        (
            "clinical",
            "Reduce race-based language in clinical notes",
            "Notes written by students on the wards describe patients without race-based "
            "shorthand.",
        ),
        (
            "student-affairs",
            "Make bias reporting trusted and used",
            "Students know how to report bias, trust the process, and hear what changed.",
        ),
    ):
        _simple_target(spheres[slug], slug, title, outcome, today, people)
    _updates(institution, spheres, today, organizer)
    return spheres


def _target(sphere: Sphere, slug: str, title: str, outcome: str, cycle: int, **fields: object):  # type: ignore[no-untyped-def]
    return targets.create_target(
        sphere,
        actor=None,
        slug=slug,
        title=title,
        desired_outcome=outcome,
        cycle=cycle,
        status=TargetStatus.ACTIVE,
        **fields,
    )


def _tasks(target: ChangeTarget, titles: tuple[str, ...], done: int, owner: User) -> None:
    for i, title in enumerate(titles):
        task = plan.add_task(target, actor=None, title=title, owner=owner)
        if i < done:
            plan.set_task_done(task, actor=None, done=True)


def _admission_committee(sphere: Sphere, today: date, people: dict[str, User]) -> ChangeTarget:
    """Seed 001's example target, run last year and carried into this year's cycle."""
    director, organizer = people["director@icahn.example"], people["organizer@icahn.example"]
    last = _target(
        sphere,
        f"diverse-admission-committee-{today.year - 1}",
        "Build a holistically diverse Admission Committee",
        "The MD and MD/PhD admission committees reflect the community the school serves, and "
        "every member is trained to review holistically.",
        today.year - 1,
        rationale="In one cycle the MD committee had 50 faculty and 30 students; the MD/PhD "
        "committee 32 faculty and 4 students.",
        systems_condition=SystemsCondition.STRUCTURAL,
        kotter_steps=[2, 5, 6],
        owners=[director],
    )
    _tasks(
        last,
        ("Training", "Training development", "Implement and track", "Course correct"),
        3,
        organizer,
    )
    plan.add_objective(
        last,
        actor=None,
        text="Every committee member completes the equity handbook training.",
        measure="Share of members trained, from the training roster.",
        due_date=date(today.year - 1, 12, 31),
    )
    trained = indicators.add_indicator(
        last,
        actor=None,
        name="Committee members trained",
        definition="Admission committee members who completed the equity training, of all members.",
        unit="percent",
        responsible=organizer,
    )
    indicators.add_baseline(
        trained, actor=None, value=Decimal(20), as_of=date(today.year - 1, 1, 15)
    )
    indicators.add_period_target(
        trained,
        actor=None,
        period_start=date(today.year - 1, 1, 1),
        period_end=date(today.year, 12, 31),
        value=Decimal(90),
    )
    for month, numerator in ((3, 24), (6, 41), (9, 58)):
        indicators.record_result(
            trained,
            actor=None,
            period_start=date(today.year - 1, month, 1),
            period_end=date(today.year - 1, month, 28),
            numerator=numerator,
            denominator=80,
        )
    partner = mapping.add_boundary_partner(
        sphere,
        actor=None,
        name="Admission committee members",
        kind=PartnerKind.GROUP,
        description="Faculty and students who screen, interview and decide.",
    )
    challenge = mapping.add_outcome_challenge(
        last,
        actor=None,
        boundary_partner=partner,
        text="review every applicant holistically, name bias when they see it, and hold each "
        "other to the committee's equity standards.",
    )
    markers = [
        mapping.add_marker(challenge, actor=None, level=level, text=text)
        for level, text in (
            (MarkerLevel.EXPECT, "Attend the equity training."),
            (MarkerLevel.LIKE, "Use the Bias Tracking Form in deliberations."),
            (MarkerLevel.LOVE, "Propose changes to the committee's own rules."),
        )
    ]
    mapping.write_journal_entry(
        last,
        actor=organizer,
        period_start=date(today.year - 1, 1, 1),
        period_end=date(today.year - 1, 6, 30),
        description="Most members trained; the tracking form is used in about half the meetings.",
        lessons="Pair new members with a trained colleague for their first cycle.",
        ratings=[
            mapping.Rating(markers[0], ChangeLevel.HIGH),
            mapping.Rating(markers[1], ChangeLevel.MEDIUM),
            mapping.Rating(markers[2], ChangeLevel.NONE),
        ],
        boundary_partner=partner,
    )
    plan.add_win(
        last,
        actor=None,
        date=date(today.year - 1, 10, 1),
        title="Committee climate survey launched",
        publicised=True,
    )
    this_year = course.carry_forward(last, actor=organizer, cycle=today.year)
    indicators.record_result(
        this_year.indicators.get(),
        actor=None,
        period_start=today.replace(day=1) - timedelta(days=60),
        period_end=today.replace(day=1) - timedelta(days=32),
        numerator=66,
        denominator=80,
    )
    return this_year


def _situational_judgment(sphere: Sphere, today: date, people: dict[str, User]) -> None:
    target = _target(
        sphere,
        "situational-judgment-tests",
        "Determine whether situational judgment tests evaluate pre-professional behavior equitably",
        "Evidence on whether SJT scores differ by group for the same pre-professional "
        "behavior, and a decision on how the school uses them.",
        today.year,
        systems_condition=SystemsCondition.STRUCTURAL,
        kotter_steps=[1, 3],
    )
    _tasks(
        target,
        ("Gather three cycles of SJT data", "Analysis with the data team", "Recommendation"),
        1,
        people["faculty@icahn.example"],
    )


def _course_directors(sphere: Sphere, today: date, people: dict[str, User]) -> None:
    """Seed 003's Curricular Affairs target, course by course."""
    target = _target(
        sphere,
        "course-directors-antiracist-skills",
        "Grow anti-racist knowledge and skills among course and clerkship directors",
        "Course and clerkship directors teach and assess with anti-racist knowledge and skills.",
        today.year,
        systems_condition=SystemsCondition.TRANSFORMATIVE,
        kotter_steps=[4, 5],
        owners=[people["faculty@icahn.example"]],
    )
    _tasks(
        target,
        (
            "Focus groups with course and clerkship directors",
            "Structured survey of directors",
            "Art and Science of Medicine: expanded anti-racist curricula",
            "Brain and Behavior: history of racism in psychiatry, on the summative exam",
            "Musculoskeletal: plan the changes",
            "Internal Medicine clerkship: grand rounds",
            "Pediatrics: training for hospital-medicine faculty",
        ),
        4,
        people["organizer@icahn.example"],
    )
    share = indicators.add_indicator(
        target,
        actor=None,
        name="Directors completing anti-racist pedagogy training",
        definition="Course and clerkship directors who completed the training, of all directors.",
        unit="percent",
        responsible=people["faculty@icahn.example"],
    )
    indicators.add_baseline(share, actor=None, value=Decimal(10), as_of=date(today.year, 1, 10))
    indicators.add_period_target(
        share,
        actor=None,
        period_start=date(today.year, 1, 1),
        period_end=date(today.year, 12, 31),
        value=Decimal(75),
    )
    indicators.record_result(
        share,
        actor=None,
        period_start=date(today.year, 1, 1),
        period_end=date(today.year, 6, 30),
        numerator=23,
        denominator=48,
    )


def _simple_target(
    sphere: Sphere, slug: str, title: str, outcome: str, today: date, people: dict[str, User]
) -> None:
    target = _target(
        sphere,
        slug,
        title,
        outcome,
        today.year,
        systems_condition=SystemsCondition.RELATIONAL,
        kotter_steps=[1, 4],
    )
    _tasks(
        target,
        ("Listening sessions", "Draft the proposal", "Pilot"),
        1,
        people["organizer@icahn.example"],
    )


PAST_UPDATES = {
    "admissions": "The committee's climate survey closed with a strong response; results go "
    "to the committee chairs first.",
    "curricular-affairs": "Focus groups with course and clerkship directors are complete. "
    "Brain and Behavior added content on the history of racism in psychiatry.",
}


def _updates(
    institution: Institution, spheres: dict[str, Sphere], today: date, organizer: User
) -> None:
    """The last two months published, this month's drafted from the data and left to edit."""
    first = today.replace(day=1)
    for back in (2, 1):
        month = (first - timedelta(days=28 * back)).replace(day=1)
        update = news.start_update(institution, actor=organizer, month=month)
        for report in update.reports.select_related("sphere"):
            text = PAST_UPDATES.get(report.sphere.slug, "") if back == 1 else ""
            news.save_report(report, actor=organizer, body=text, nothing_to_report=not text)
        news.publish_update(
            update,
            actor=organizer,
            intro="Every month, we are providing action updates across the Racism and Bias "
            "Initiative's spheres.",
        )
    news.start_update(institution, actor=organizer, month=first)
