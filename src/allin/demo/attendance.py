"""Who came: the demo's community, past sessions with attendance, and the sample reports.

Attendance goes through the same services a school uses: staff check-in from the roster, QR
check-in at the live session, and a Zoom report imported with preview and review queue.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from allin.accounts.models import User
from allin.events import checkin, imports
from allin.events.enums import RSVPStatus
from allin.events.models import RSVP, Event
from allin.events.reports import parse_report
from allin.institutions import services as institution_services
from allin.institutions.enums import Affiliation
from allin.institutions.models import Institution

REPORTS = Path(__file__).parent / "content" / "reports"
SAMPLES = {
    "zoom-meeting-participants.csv": "Zoom meeting participants report",
    "zoom-webinar-attendees.csv": "Zoom webinar attendee report",
    "teams-attendance.csv": "Microsoft Teams attendance report (tab-separated, UTF-16)",
    "all-in-template.csv": "All In CSV template, filled in",
}
SAMPLE_DAY = date(2026, 11, 20)
# More of the community, so past sessions have a room's worth of people.
COMMUNITY = [
    ("Aisha Bello", "aisha.bello@mssm.edu", Affiliation.MD_STUDENT),
    ("Daniel Kim", "daniel.kim@mssm.edu", Affiliation.PHD_STUDENT),
    ("Fatima Haddad", "fatima.haddad@mssm.edu", Affiliation.FACULTY),
    ("Jamal Carter", "jamal.carter@mssm.edu", Affiliation.STAFF),
    ("Mei Chen", "mei.chen@mssm.edu", Affiliation.TRAINEE),
    ("Nadia Romero", "nadia.romero@mssm.edu", Affiliation.POSTDOC),
]


def sample_report(name: str, day: date) -> bytes:
    """A sample file with its session moved to ``day``, so it matches a demo event."""
    raw = (REPORTS / name).read_bytes()
    utf16 = raw.startswith(b"\xff\xfe")
    text = raw.decode("utf-16" if utf16 else "utf-8")
    old, new = SAMPLE_DAY, day
    for fmt in ("%m/%d/%Y", "%Y-%m-%d"):
        text = text.replace(old.strftime(fmt), new.strftime(fmt))
    text = text.replace(f"{old.month}/{old.day}/{old:%y},", f"{new.month}/{new.day}/{new:%y},")
    return text.encode("utf-16") if utf16 else text.encode("utf-8")


def build_community(institution: Institution, make_user) -> list[User]:  # type: ignore[no-untyped-def]
    """The report's signed-in people are members too (their emails match); guests are not."""
    # A persona in the report (Sam Okafor, Priya Natarajan...) is the persona: the report's
    # other address for them is left to matching by name, as at a real school.
    seen = {u.email for u in User.objects.all()} | {u.name for u in User.objects.all()}
    people = []
    for name, email, affiliation in _report_people() + COMMUNITY:
        if email in seen or name in seen:
            continue
        seen |= {email, name}
        user = make_user(email, name, password=None)
        institution_services.add_member(institution, user, actor=None, affiliation=affiliation)
        people.append(user)
    return people


def _report_people() -> list[tuple[str, str, str]]:
    report = parse_report((REPORTS / "zoom-meeting-participants.csv").read_bytes())
    return [
        (row.name, row.email, Affiliation.MD_STUDENT)
        for row in report.rows
        if row.email.endswith("@mssm.edu") and row.role == ""
    ]


def _went(event: Event, people: list[User], organizer: User) -> None:
    # History: they RSVPed before the event; the service refuses RSVPs once it is over.
    RSVP.objects.bulk_create(
        RSVP(
            institution_id=event.institution_id,
            event=event,
            user=u,
            status=RSVPStatus.CONFIRMED,
            queued_at=event.starts_at - timedelta(days=3),
        )
        for u in people
    )
    Event.objects.filter(pk=event.pk).update(confirmed_count=len(people))


def build_attendance(
    institution: Institution, events: dict[str, Event], people: dict[str, User], crowd: list[User]
) -> None:
    organizer = people["organizer@icahn.example"]
    personas = [people[e] for e in ("student@icahn.example", "phd@icahn.example")]
    for slug, share in (
        ("racism-in-the-time-of-covid", 3),
        ("desegregating-healthcare-systems", 2),
        ("anti-racism-in-crisis-response", 4),
        ("rbi-virtual-open-house", 2),
    ):
        event = events[slug]
        came = personas + crowd[::share]
        _went(event, came, organizer)
        for person in came[:-1]:  # one RSVP who did not come
            checkin.staff_check_in(event, user=person, actor=organizer)
    # Last Friday's Lunch n' Unlearn on Zoom: its report is imported, a few rows wait for review.
    lunch = events["lunch-n-unlearn-zoom"]
    _went(lunch, [people["student@icahn.example"], people["phd@icahn.example"]], organizer)
    day = lunch.starts_at.astimezone(lunch.zone).date()
    data = sample_report("zoom-meeting-participants.csv", day)
    report = imports.preview_import(
        lunch, actor=organizer, filename="zoom-meeting-participants.csv", data=data
    )
    imports.apply_import(report, actor=organizer)
    # The live session: two people have scanned the code in the room.
    live = events["getting-people-on-board"]
    for person in crowd[:2]:
        checkin.self_check_in(live, user=person)
