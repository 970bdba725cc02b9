import pytest
from django.core.management import call_command
from django.utils import timezone

from allin.accounts.models import User
from allin.demo.builder import build_demo
from allin.demo.people import PERSONAS
from allin.institutions.enums import PageKind
from allin.institutions.models import Institution, InstitutionPage, Membership
from tests.core.test_settings import run_allin

pytestmark = pytest.mark.django_db


def test_demo_builds_host_and_partners_with_seed_pages():
    build_demo()
    assert list(Institution.objects.values_list("slug", "is_host").order_by("slug")) == [
        ("icahn", True),
        ("lakeshore", False),
        ("riverside", False),
    ]
    values = InstitutionPage.objects.get(institution__slug="icahn", kind=PageKind.VALUES).body
    for value in (
        "Mutual Liberation",
        "Transformation",
        "Love of Humanity",
        "Mutual Accountability",
        "Rigor, Scholarship, and Excellence",
    ):
        assert value in values
    team = InstitutionPage.objects.get(institution__slug="icahn", kind=PageKind.TEAM).body
    assert "Ann-Gel Palermo" in team


def test_every_persona_can_sign_in_and_has_the_promised_role(client):
    build_demo()
    # The personas sign in; the rest of the community has no password.
    signs_in = {u.email for u in User.objects.all() if u.has_usable_password()}
    assert signs_in == {p.email for p in PERSONAS}
    for persona in PERSONAS:
        if persona.institution:
            membership = Membership.objects.get(user__email=persona.email)
            assert (membership.institution.slug, membership.role) == (
                persona.institution,
                persona.role,
            )
    assert User.objects.get(email="admin@allin.example").is_superuser


def test_demo_pages_render(client):
    build_demo()
    html = client.get("/icahn/").content.decode()
    assert "Icahn School of Medicine at Mount Sinai" in html
    assert "Institute for Equity and Justice in Health Sciences Education" in html
    assert client.get("/icahn/about/goals/").status_code == 200


def test_demo_command_builds_once_then_reuses(capsys):
    call_command("demo", "--no-serve")
    first = capsys.readouterr().out
    call_command("demo", "--no-serve")
    second = capsys.readouterr().out
    assert "Building the demo" in first
    assert "Reusing the demo database" in second
    assert "student@icahn.example" in second
    assert "NOT required to set up a second factor" not in first  # tests keep the rule on
    assert Institution.objects.count() == 3


def test_allin_demo_from_the_shell_creates_sqlite_and_resets(tmp_path):
    env = {"ALLIN_DATA_DIR": str(tmp_path)}
    result = run_allin(["demo", "--no-serve"], env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "allin.sqlite3").exists()
    assert "All In demo: http://127.0.0.1:8000/" in result.stdout
    assert "NOT required to set up a second factor" in result.stdout
    result = run_allin(["demo", "--no-serve", "--reset", "--port", "8123"], env)
    assert result.returncode == 0, result.stderr
    assert "Building the demo" in result.stdout
    assert "http://127.0.0.1:8123/" in result.stdout


def test_demo_calendar_has_past_live_and_full_events(client):
    from django.utils import timezone

    from allin.events.models import RSVP, Event

    build_demo()
    now = timezone.now()
    events = Event.objects.filter(institution__slug="icahn")
    assert events.filter(ends_at__lte=now).count() >= 3
    assert events.filter(starts_at__lte=now, ends_at__gt=now).count() == 1
    lunch = events.get(slug="lunch-n-unlearn")
    assert (lunch.capacity, lunch.confirmed_count) == (2, 2)
    assert RSVP.objects.filter(event=lunch, status="waitlisted").count() == 1
    assert events.get(slug="fellowship-info-session-2").repeat_of.slug == "fellowship-info-session"
    client.force_login(User.objects.get(email="faculty@icahn.example"))
    assert (
        "On the waitlist: number 1" in client.get("/icahn/events/lunch-n-unlearn/").content.decode()
    )
    html = client.get("/icahn/events/").content.decode()
    assert "Student Activities Fair" in html


def test_demo_events_have_attendance_a_live_session_and_an_imported_report():
    from allin.events.enums import ImportStatus, RowOutcome
    from allin.events.models import Attendance, AttendanceImport, Event

    build_demo()
    # Every past session has attendance; the fellowship launch is an announcement, not a session.
    past = Event.objects.filter(ends_at__lt=timezone.now()).exclude(
        slug="fellowship-application-launch"
    )
    assert past.count() >= 5
    assert all(Attendance.objects.filter(event=e).exists() for e in past)
    live = Event.objects.get(slug="getting-people-on-board")
    assert live.starts_at <= timezone.now() < live.ends_at
    assert Attendance.objects.filter(event=live, source="qr").count() == 2
    report = AttendanceImport.objects.get()
    assert report.status == ImportStatus.APPLIED
    assert report.rows.filter(outcome=RowOutcome.UNMATCHED).exists()
    full = Event.objects.get(slug="lunch-n-unlearn")
    assert full.confirmed_count == full.capacity and full.rsvps.filter(status="waitlisted").exists()


def test_sample_reports_are_dated_to_the_event_they_are_for():
    from datetime import date

    from allin.demo.attendance import SAMPLES, sample_report
    from allin.events.reports import parse_report

    for name in SAMPLES:
        report = parse_report(sample_report(name, date(2027, 3, 9)))
        assert {r.first_join.date() for r in report.rows if r.first_join} == {date(2027, 3, 9)}


def test_demo_runs_this_years_week_with_todays_challenge_revealed():
    from allin.campaigns.models import Campaign

    build_demo()
    now = timezone.now()
    week = Campaign.objects.get(starts_at__lte=now, ends_at__gt=now)
    assert week.starts_at <= now < week.ends_at
    revealed = week.challenges.filter(reveal_at__lte=now)
    assert revealed.count() == 3 and week.challenges.count() == 5
    assert list(week.prizes.values_list("name", flat=True)) == [
        "Bose QuietComfort Headphones",
        "Hatch Restore 2",
        "Amazon Kindle",
    ]
    assert week.challenges.get(slug="empathy-building").steps[0]["title"] == "Set the stage"


def test_last_years_draw_verifies_from_its_published_files(client):
    import json

    from allin.campaigns import raffle
    from allin.campaigns.models import Raffle

    build_demo()
    draw = Raffle.objects.get(drawn_at__isnull=False)
    base = f"/icahn/campaigns/{draw.campaign.slug}/raffle/"
    entries = client.get(base + "entries.csv").content
    record = json.loads(client.get(base + "draw.json").content)
    assert raffle.verify(entries, record) == []
    assert (
        "Congratulations to prize winners"
        in client.get(f"/icahn/campaigns/{draw.campaign.slug}/").content.decode()
    )


def test_demo_change_work_over_two_cycles(client):
    from django.utils import timezone

    build_demo()
    year = timezone.localdate().year
    tracker = client.get(f"/icahn/change/tracker/?cycle={year}").content.decode()
    assert "Build a holistically diverse Admission Committee" in tracker
    assert "Grow anti-racist knowledge and skills among course and clerkship directors" in tracker
    assert "Committee members trained: 82.5%" in tracker
    earlier = client.get(f"/icahn/change/tracker/?cycle={year - 1}").content.decode()
    assert "Course-corrected" in earlier
    spheres = client.get("/icahn/change/").content.decode()
    for name in ("Admissions", "Clinical", "Curricular Affairs", "Student Resources"):
        assert name in spheres
    news = client.get("/icahn/news/").content.decode()
    assert news.count("On the Pulse:") == 2


def test_demo_coalitions_and_mini_projects(client):
    from allin.coalitions.enums import ApplicationStatus, SignupStatus
    from allin.coalitions.models import Application, ProjectSignup

    build_demo()
    page = client.get("/icahn/coalitions/").content.decode()
    assert "Medical Education RBI Guiding Coalition" in page
    assert "Graduate School gRBI Guiding Coalition" in page
    assert Application.objects.filter(status=ApplicationStatus.PENDING).count() >= 2
    assert Application.objects.filter(status=ApplicationStatus.ACCEPTED).count() >= 5
    waiting = ProjectSignup.objects.filter(
        project__slug="chats-for-change-co-facilitators", status=SignupStatus.WAITLISTED
    )
    assert waiting.count() == 2
    assert "Attend the Data Walk" in client.get("/icahn/coalitions/projects/").content.decode()


def test_demo_data_walk_feeds_a_draft_target(client):
    from allin.accounts.models import User as Person

    build_demo()
    client.force_login(Person.objects.get(email="student@icahn.example"))
    walk = client.get("/icahn/data-walks/gsbs-data-walk/").content.decode()
    assert "Who studies here" in walk and "Who decides admissions" in walk
    client.force_login(Person.objects.get(email="organizer@icahn.example"))
    target = client.get("/icahn/change/targets/students-vote-on-md-phd-committee/")
    assert "Drafted from a “What should change” note at the data walk" in target.content.decode()
    community_map = client.get("/icahn/data-walks/map/").content.decode()
    assert "Mentoring for first-generation PhD students" in community_map
