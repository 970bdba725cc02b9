"""The seed 000 programming calendar and the seed 003 Chats for Change, placed around today."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from allin.accounts.models import User
from allin.events import services
from allin.events.enums import Audience, EventFormat, RSVPMode
from allin.events.models import Event
from allin.institutions.models import Institution

ZOOM = "https://zoom.example/j/"

C4C = (
    "Chats for Change is a series of interactive sessions, begun in the fall of 2018 by the "
    "Department of Medical Education, that spark dialogue centered on racism and bias in "
    "medicine."
)


def _at(institution: Institution, day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=institution.zone)


def build_events(
    institution: Institution, today: date, people: dict[str, User]
) -> dict[str, Event]:
    def make(
        slug: str,
        title: str,
        day: int,
        start: tuple[int, int],
        end: tuple[int, int],
        **fields: object,
    ) -> Event:
        when = today + timedelta(days=day)
        return services.create_event(
            institution,
            actor=None,
            slug=slug,
            title=title,
            starts_at=_at(institution, when, *start),
            ends_at=_at(institution, when, *end),
            **fields,
        )

    chats = services.create_series(
        institution, actor=None, slug="chats-for-change", name="Chats for Change", description=C4C
    )
    lunch = services.create_series(
        institution,
        actor=None,
        slug="lunch-n-unlearn",
        name="Lunch n' Unlearn",
        description="In-person gatherings where faculty, students, staff and trainees engage "
        "in an experiential activity over lunch.",
    )
    make(
        "racism-in-the-time-of-covid",
        "Chats for Change in the Time of COVID-19: Racism in the Time of COVID",
        -84,
        (12, 0),
        (13, 0),
        series=chats,
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1000",
        description="COVID-19 is not an excuse to be racist. A special-edition virtual "
        "discussion to reflect on the roles of racism and privilege in the time of a pandemic.",
    )
    make(
        "desegregating-healthcare-systems",
        "Chats for Change: Desegregating Healthcare Systems",
        -56,
        (12, 0),
        (13, 0),
        series=chats,
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1001",
        description="What does a desegregated health care system look like and how can we "
        "get there?",
    )
    make(
        "anti-racism-in-crisis-response",
        "Special Edition Chats for Change: A Place for Anti-Racism in Crisis Response",
        -28,
        (12, 0),
        (13, 0),
        series=chats,
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1002",
        not_recorded=True,
    )
    make(
        "lunch-n-unlearn-zoom",
        "Lunch n' Unlearn: Naming Bias in Clinical Notes",
        -3,
        (12, 0),
        (13, 0),
        series=lunch,
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1007",
        rsvp_mode=RSVPMode.REQUESTED,
        raffle_eligible=True,
        description="A virtual Lunch n' Unlearn: how the words in a clinical note carry bias, "
        "and what to write instead.",
    )
    make(
        "fellowship-application-launch",
        "Anti-Racism Student Fellowship Application Launch",
        -1,
        (9, 0),
        (10, 0),
        format=EventFormat.VIRTUAL,
        rsvp_mode=RSVPMode.NONE,
        audience=Audience.PUBLIC,
        description="The mission of the Anti-Racism Student Fellowship is to support and "
        "advance the lifelong pursuit of anti-racism, equity, and racial justice as the "
        "organizing principles of medical education at the Icahn School of Medicine at Mount "
        "Sinai. Students form close partnerships with faculty mentors and role models across "
        "all functional areas of the school and the leadership of the IEJHSE, while working on "
        "key projects to advance equity and justice. All current Medical, PREP, Master's, PhD "
        "and MD/PhD students are eligible to apply. The application opens today and closes in "
        "two weeks at 11:59 PM.",
    )
    make(
        "rbi-virtual-open-house",
        "RBI Virtual Open House",
        -1,
        (16, 0),
        (17, 0),
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1003",
        audience=Audience.PUBLIC,
        raffle_eligible=True,
        description="An opportunity for members of the Icahn School community to learn about "
        "the efforts of the Guiding Coalitions in the Medical and Graduate School.",
    )
    # Live right now, whatever the hour the demo is built.
    now = timezone.localtime(timezone.now(), institution.zone)
    start = now.replace(minute=0, second=0, microsecond=0)
    services.create_event(
        institution,
        actor=None,
        slug="getting-people-on-board",
        title="Special Chats for Change Session: Getting People on Board with Anti-racist "
        "Transformational Change",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        series=chats,
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1004",
        raffle_eligible=True,
        rsvp_mode=RSVPMode.REQUESTED,
        description="Transformational change requires continuous adaptation and responsiveness "
        "to shifting social, cultural, and institutional dynamics. Join us as we "
        "identify strategies to get people on board and stick with antiracist "
        "transformational change, especially during times of chaos and competing "
        "priorities.",
    )
    info = make(
        "fellowship-info-session",
        "Anti-racism Student Fellowship Info Session",
        1,
        (12, 0),
        (13, 0),
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1005",
        raffle_eligible=True,
        description="Prospective fellowship applicants learn about the anti-racism "
        "student fellowship and this year's projects.",
    )
    make(
        "fellowship-info-session-2",
        "Anti-racism Student Fellowship Info Session (repeat)",
        8,
        (13, 0),
        (14, 0),
        format=EventFormat.VIRTUAL,
        join_url=ZOOM + "1006",
        repeat_of=info,
        raffle_eligible=True,
        description=info.description,
    )
    make(
        "student-activities-fair",
        "Student Activities Fair",
        1,
        (14, 0),
        (17, 0),
        building="Annenberg West Lobby",
        rsvp_mode=RSVPMode.NONE,
        audience=Audience.PUBLIC,
        raffle_eligible=True,
        description="RBI members table at the annual Student Activities Fair to share "
        "information about our work and the fellowship.",
    )
    lunch_event = make(
        "lunch-n-unlearn",
        "Lunch n' Unlearn",
        2,
        (12, 0),
        (13, 30),
        series=lunch,
        room="5-205",
        building="Center for Innovation and Discovery, Annenberg",
        rsvp_mode=RSVPMode.REQUESTED,
        capacity=2,
        raffle_eligible=True,
        description="An in-person gathering for faculty, students, staff and trainees to "
        "engage in an experiential activity over lunch. RSVP not required to attend.",
    )
    # Full, with someone waiting: the waitlist is there to be seen.
    for email in ("student@icahn.example", "phd@icahn.example", "faculty@icahn.example"):
        services.rsvp(lunch_event, user=people[email])
    services.rsvp(info, user=people["student@icahn.example"])
    return {e.slug: e for e in Event.objects.filter(institution=institution)}
