"""The guiding coalitions and mini projects (seed 001; research/mission-anchors.md §1.4, §1.7):
both coalitions with members and applicants waiting, and the catalogue of mini projects."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from allin.accounts.models import User
from allin.change.models import Sphere
from allin.coalitions import projects, services
from allin.coalitions.enums import Decision
from allin.institutions.models import Institution

ROLE = (
    "Oversee the change projects; identify implementation options; decide where energy and "
    "resources go; decide how to hold people accountable and manage resistance. Monthly "
    "meetings, and quarterly meetings open to the whole school."
)
CRITERIA = (
    "Values diversity; committed to the work; open-minded; aligned with the Racism and Bias "
    "Initiative's agenda. The coalition is deliberately diverse across race, gender, "
    "ethnicity, departments and roles, with priority for people who self-identify as Black/"
    "African American."
)


def build_coalitions(
    institution: Institution,
    today: date,
    people: dict[str, User],
    crowd: list[User],
    spheres: dict[str, Sphere],
) -> None:
    organizer = people["organizer@icahn.example"]
    med = services.create_coalition(
        institution,
        actor=organizer,
        slug="med-ed-rbi",
        name="Medical Education RBI Guiding Coalition",
        description="Leads the Racism and Bias Initiative's change targets in every sphere of "
        "medical education.",
        role=ROLE,
        criteria=CRITERIA,
        term_months=12,
    )
    grad = services.create_coalition(
        institution,
        actor=organizer,
        slug="gsbs-grbi",
        name="Graduate School gRBI Guiding Coalition",
        description="The Graduate School of Biomedical Sciences' parallel effort, working with "
        "the Center for Anti-racism in Practice.",
        role=ROLE,
        criteria=CRITERIA,
        term_months=12,
        capacity=25,
    )
    started = today - timedelta(days=150)
    for i, person in enumerate([people["faculty@icahn.example"], *crowd[:6]]):
        coalition = med if i % 3 else grad
        application = services.apply(
            coalition,
            user=person,
            why="I want the school I work and learn in to undo racism in how it teaches.",
            brings="Time each month, and the view from my department.",
        )
        services.decide(application, actor=organizer, decision=Decision.ACCEPT, starts_on=started)
    # Waiting for a decision, so the organizer has someone to accept in the demo.
    for person in (people["student@icahn.example"], *crowd[6:8]):
        services.apply(
            med,
            user=person,
            why="Chats for Change showed me how much is still to do.",
            brings="A student's view, and help with communications.",
        )
    _projects(institution, today, people, crowd, spheres)


def _projects(
    institution: Institution,
    today: date,
    people: dict[str, User],
    crowd: list[User],
    spheres: dict[str, Sphere],
) -> None:
    zone = institution.zone
    opened = datetime.combine(today - timedelta(days=20), time(9), zone)
    facilitators = projects.create_project(
        institution,
        actor=None,
        slug="chats-for-change-co-facilitators",
        title="Chats for Change co-facilitators",
        description="Co-facilitate Chats for Change with the master facilitators: at least one "
        "topic per season, about 3 hours of content preparation plus 1 hour of co-facilitation.",
        eligibility="All students, faculty and staff",
        season="Fall, Winter, Spring and Summer",
        hours_per_month=2,
        point_person=people["organizer@icahn.example"],
        works_with="The master facilitators",
        capacity=6,
        opens_at=opened,
    )
    targets = projects.create_project(
        institution,
        actor=None,
        slug="contribute-to-gsbs-change-targets",
        title="Contribute to the GSBS Change Targets",
        description="Attend the planning meetings after the data walk with student fellows and "
        "coalition members, and help with the communications plan.",
        eligibility="Graduate students, postdocs and faculty",
        starts_on=today,
        ends_on=today + timedelta(days=110),
        hours_per_month=4,
        point_person=people["phd@icahn.example"],
        works_with="Student fellows and coalition members",
        capacity=12,
        opens_at=opened,
        sphere=spheres["students"],
    )
    walk = projects.create_project(
        institution,
        actor=None,
        slug="attend-the-data-walk",
        title="Attend the Data Walk",
        description="Drop in, walk the stations, and say what should change.",
        eligibility="Everyone in the community",
        hours_per_month=3,
        point_person=people["organizer@icahn.example"],
        capacity=80,
        opens_at=opened,
    )
    # A full project with people waiting, as the organizer will meet it.
    for person in crowd[:8]:
        projects.sign_up(facilitators, user=person)
    for person in crowd[8:]:
        projects.sign_up(targets, user=person)
    for person in (people["phd@icahn.example"], *crowd):
        projects.sign_up(walk, user=person)
