"""Mini project services: the catalogue entry, sign-up with capacity and waitlist, the window."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from allin.change.services import create_sphere
from allin.coalitions import projects
from allin.coalitions.models import MiniProject, ProjectSignup
from allin.core.models import ActivityLog
from allin.institutions.enums import Affiliation
from tests.coalitions.conftest import crowd
from tests.conftest import make_member


def statuses(project):
    return list(
        ProjectSignup.objects.filter(project=project)
        .order_by("queued_at", "id")
        .values_list("user__email", "status", "queue_number")
    )


def test_create_checks_dates_window_people_and_sphere(
    institution, other_institution, other_member, project
):
    beta_sphere = create_sphere(other_institution, actor=None, slug="x", name="X")
    start = datetime(2026, 9, 1, 9, tzinfo=institution.zone)
    with pytest.raises(ValidationError) as exc:
        projects.create_project(
            institution,
            actor=None,
            slug="data-walk",
            title="Again",
            starts_on=start.date(),
            ends_on=start.date() - timedelta(days=1),
            opens_at=start,
            closes_at=start,
            point_person=other_member,
            sphere=beta_sphere,
        )
    assert exc.value.message_dict == {
        "ends_on": ["The project must end on or after the day it starts."],
        "closes_at": ["Sign-ups must close after they open."],
        "sphere": ["Choose a sphere of this institution."],
        "point_person": ["The point person must be a member of the institution."],
        "slug": ["Another mini project already uses this short name."],
    }
    assert MiniProject.objects.count() == 1


def test_affiliations_are_kept_once_each_in_a_fixed_order(institution):
    made = projects.create_project(
        institution,
        actor=None,
        slug="gsbs",
        title="Contribute to the GSBS Change Targets",
        affiliations=[Affiliation.POSTDOC, Affiliation.PHD_STUDENT, Affiliation.POSTDOC],
    )
    assert made.affiliations == ["phd_student", "postdoc"]
    assert made.open_to == "PhD student and Postdoc"


def test_sign_ups_confirm_until_full_then_wait_in_order(
    institution, project, django_capture_on_commit_callbacks
):
    a, b, c, d = crowd(institution, 4)
    with django_capture_on_commit_callbacks(execute=True):
        for person in (a, b, c, d):
            projects.sign_up(project, user=person)
    project.refresh_from_db()
    assert project.confirmed_count == 2
    assert statuses(project) == [
        (a.email, "confirmed", None),
        (b.email, "confirmed", None),
        (c.email, "waitlisted", 1),
        (d.email, "waitlisted", 2),
    ]
    assert [m.subject for m in mail.outbox] == [
        "[All In] You're signed up for Attend the Data Walk",
        "[All In] You're signed up for Attend the Data Walk",
        "[All In] You're on the waitlist for Attend the Data Walk",
        "[All In] You're on the waitlist for Attend the Data Walk",
    ]


def test_signing_up_twice_changes_nothing(project, member):
    first = projects.sign_up(project, user=member)
    second = projects.sign_up(project, user=member)
    project.refresh_from_db()
    assert (second.pk, project.confirmed_count) == (first.pk, 1)
    assert ActivityLog.objects.filter(action="coalitions.signup.confirmed").count() == 1


def test_withdrawing_promotes_the_head_of_the_waitlist_and_emails_them(
    institution, project, django_capture_on_commit_callbacks
):
    a, b, c, d = crowd(institution, 4)
    for person in (a, b, c, d):
        projects.sign_up(project, user=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        projects.withdraw(ProjectSignup.objects.get(user=a), actor=a)
    assert statuses(project) == [
        (a.email, "withdrawn", None),
        (b.email, "confirmed", None),
        (c.email, "confirmed", None),
        (d.email, "waitlisted", 2),
    ]
    (message,) = mail.outbox
    assert (message.to, message.subject) == (
        [c.email],
        "[All In] A place opened up: you're signed up for Attend the Data Walk",
    )
    promoted = ActivityLog.objects.get(action="coalitions.signup.promoted")
    assert promoted.display == f"{c.display_name} moved up from the waitlist"


def test_leaving_the_waitlist_frees_no_place(institution, project):
    a, b, c = crowd(institution, 3)
    for person in (a, b, c):
        projects.sign_up(project, user=person)
    projects.withdraw(ProjectSignup.objects.get(user=c), actor=c)
    project.refresh_from_db()
    assert project.confirmed_count == 2
    assert ActivityLog.objects.filter(action="coalitions.signup.left_waitlist").count() == 1


def test_the_window_is_exact_to_the_second_in_the_schools_zone(institution, member):
    zone = institution.zone
    closes = datetime(2026, 10, 31, 23, 59, 59, tzinfo=zone)
    windowed = projects.create_project(
        institution,
        actor=None,
        slug="window",
        title="Window",
        opens_at=datetime(2026, 10, 1, 9, 0, 0, tzinfo=zone),
        closes_at=closes,
    )
    with time_machine.travel(datetime(2026, 10, 1, 8, 59, 59, 999999, tzinfo=zone), tick=False):
        assert projects.signup_problem(windowed, member) == (
            "Sign-ups open on October 1, 2026, 9:00:00 AM EDT."
        )
    with time_machine.travel(closes + timedelta(microseconds=999_999), tick=False):
        assert projects.signup_problem(windowed, member) is None
    with (
        time_machine.travel(closes + timedelta(seconds=1), tick=False),
        pytest.raises(ValidationError) as exc,
    ):
        projects.sign_up(windowed, user=member)
    assert exc.value.messages == ["Sign-ups closed on October 31, 2026, 11:59:59 PM EDT."]
    assert not ProjectSignup.objects.exists()


def test_an_affiliation_filter_says_who_the_project_is_for(institution, member):
    phd = make_member(institution, email="phd@alpha.example")
    phd.memberships.update(affiliation=Affiliation.PHD_STUDENT)
    limited = projects.create_project(
        institution,
        actor=None,
        slug="gsbs",
        title="GSBS",
        affiliations=[Affiliation.PHD_STUDENT, Affiliation.POSTDOC],
    )
    with pytest.raises(ValidationError) as exc:
        projects.sign_up(limited, user=member)
    assert exc.value.messages == ["This project is for PhD student and Postdoc."]
    assert projects.sign_up(limited, user=phd).status == "confirmed"


def test_only_members_sign_up(project, other_member):
    with pytest.raises(ValidationError) as exc:
        projects.sign_up(project, user=other_member)
    assert exc.value.messages == ["Mini projects are for members of Alpha."]


def test_capacity_cannot_drop_below_who_is_in_and_raising_it_promotes(institution, project):
    a, b, c = crowd(institution, 3)
    for person in (a, b, c):
        projects.sign_up(project, user=person)
    with pytest.raises(ValidationError) as exc:
        projects.update_project(project, actor=None, capacity=1)
    assert exc.value.message_dict == {
        "capacity": ["2 people are signed up; capacity cannot be lower than that."]
    }
    projects.update_project(project, actor=None, capacity=3)
    assert [s for _, s, _ in statuses(project)] == ["confirmed"] * 3


def test_sign_ups_of_a_finished_project_stay_as_they_were(institution, project, member):
    row = projects.sign_up(project, user=member)
    MiniProject.objects.filter(pk=project.pk).update(
        ends_on=datetime(2020, 1, 1, tzinfo=institution.zone).date()
    )
    with pytest.raises(ValidationError) as exc:
        projects.withdraw(row, actor=member)
    assert exc.value.messages == ["This project is over, so its sign-ups can no longer change."]
    row.refresh_from_db()
    assert row.status == "confirmed"
