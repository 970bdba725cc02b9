"""The data walk (research/mission-anchors.md §1.7, the GSBS walk of seed 001): a drop-in
afternoon this week with stations, notes and votes, a theme, a need, and one note already
turned into a draft change target. The figures are illustrative, not the school's data."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from allin.accounts.models import User
from allin.change.enums import SystemsCondition
from allin.change.models import ChangeTarget, Sphere
from allin.coalitions.models import MiniProject
from allin.datawalks import notes, services, synthesis
from allin.datawalks.enums import Prompt, Visibility
from allin.events import services as event_services
from allin.events.enums import EventFormat
from allin.institutions.models import Institution

STATIONS = (
    {
        "title": "Who studies here",
        "figure_title": "Graduate students by self-identified group (illustrative)",
        "figure_rows": [
            ["Asian", "120"],
            ["Black or African American", "48"],
            ["Hispanic or Latino", "61"],
            ["White", "240"],
            ["More than one group", "35"],
        ],
        "figure_unit": "students",
        "context": "Counts of 11 or more only; smaller groups are combined.",
        "quote": "I was the only one in my cohort who looked like me.",
        "quote_attribution": "A PhD student, at a Chats for Change session",
        "sphere": "students",
    },
    {
        "title": "Who decides admissions",
        "figure_title": "Admission committee members (one cycle)",
        "figure_rows": [
            ["MD committee faculty", "50"],
            ["MD committee students", "30"],
            ["MD/PhD committee faculty", "32"],
            ["MD/PhD committee students", "4"],
        ],
        "figure_unit": "members",
        "context": "From the Admissions sphere's report to the town hall.",
        "sphere": "admissions",
    },
)
NOTES = (
    (0, Prompt.NOTICE, "Numbers drop sharply between the first year and candidacy."),
    (0, Prompt.SURPRISE, "How few students choose more than one group."),
    (0, Prompt.CHANGE, "Mentoring for first-generation PhD students in their first year."),
    (1, Prompt.SURPRISE, "How few students sit on the MD/PhD committee."),
    (1, Prompt.CHANGE, "Give students a real vote on the MD/PhD committee."),
)


def build_datawalk(
    institution: Institution,
    today: date,
    people: dict[str, User],
    crowd: list[User],
    spheres: dict[str, Sphere],
) -> None:
    organizer = people["organizer@icahn.example"]
    zone = institution.zone
    starts = datetime.combine(today + timedelta(days=1), time(15), zone)
    event = event_services.create_event(
        institution,
        actor=None,
        slug="gsbs-data-walk",
        title="GSBS Data Walk",
        description="Drop in any time, stay as long as you like: walk the stations, say what "
        "you notice and what should change.",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        format=EventFormat.IN_PERSON,
        room="Hatch Auditorium",
        building="Annenberg",
    )
    walk = services.create_walk(
        institution,
        actor=organizer,
        slug="gsbs-data-walk",
        title="GSBS Data Walk",
        intro="Each station shows one picture of our school. Leave a note under any of the "
        "three questions, and vote for the notes you agree with.",
        event=event,
        opens_at=datetime.combine(today - timedelta(days=2), time(9), zone),
        closes_at=starts + timedelta(days=7),
        visibility=Visibility.MEMBERS,
    )
    committee = ChangeTarget.objects.filter(institution=institution, sphere__slug="admissions")
    stations = [
        services.add_station(
            walk,
            actor=organizer,
            targets=list(committee) if i == 1 else [],
            projects=list(MiniProject.objects.filter(slug="contribute-to-gsbs-change-targets"))
            if i == 0
            else [],
            **{**spec, "sphere": spheres[spec["sphere"]]},  # type: ignore[index]
        )
        for i, spec in enumerate(STATIONS)
    ]
    writers = [people["student@icahn.example"], people["phd@icahn.example"], *crowd]
    posted = [
        notes.post_note(stations[i], author=writers[n % len(writers)], prompt=prompt, body=body)
        for n, (i, prompt, body) in enumerate(NOTES)
    ]
    for voter in writers[:6]:
        notes.toggle_vote(posted[4], voter=voter)
    for voter in writers[:3]:
        notes.toggle_vote(posted[2], voter=voter)
    theme = synthesis.add_theme(walk, actor=organizer, name="Who gets a say")
    synthesis.set_note_theme(posted[3], actor=organizer, theme=theme)
    synthesis.set_note_theme(posted[4], actor=organizer, theme=theme)
    synthesis.mark_need(posted[2], actor=organizer, sphere=spheres["students"])
    synthesis.draft_target_from_note(
        posted[4],
        actor=organizer,
        sphere=spheres["admissions"],
        slug="students-vote-on-md-phd-committee",
        title="Give students a vote on the MD/PhD admission committee",
        desired_outcome="Students on the MD/PhD committee vote on every decision, in numbers "
        "that make their voice count.",
        cycle=today.year,
        systems_condition=SystemsCondition.STRUCTURAL,
    )
