"""Coalition services: sign-up with a statement, decisions, terms, capacity, renewals."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from allin.coalitions import services, terms
from allin.coalitions.models import Application, Coalition, Term
from allin.coalitions.terms import add_months, peak
from allin.core.models import ActivityLog
from allin.institutions.models import Membership
from tests.coalitions.conftest import accepted, applied, crowd
from tests.conftest import make_member


def messages_of(exc: pytest.ExceptionInfo) -> list[str]:
    return exc.value.messages


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2025, 9, 1), 12, date(2026, 9, 1)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2025, 11, 15), 3, date(2026, 2, 15)),
    ],
)
def test_a_term_ends_its_length_in_months_later(start, months, end):
    assert add_months(start, months) == end


def test_peak_counts_the_most_terms_on_one_day():
    d = date(2026, 1, 1)
    running = [
        Term(starts_on=d, ends_on=d + timedelta(days=10)),
        Term(starts_on=d + timedelta(days=5), ends_on=d + timedelta(days=20)),
        Term(starts_on=d + timedelta(days=10), ends_on=d + timedelta(days=30)),
    ]
    # Two at once at most: the first has ended on the day the third starts.
    assert peak(running, d, d + timedelta(days=40)) == (2, d + timedelta(days=5))


def test_create_coalition_refuses_a_reserved_or_taken_short_name(institution, coalition):
    with pytest.raises(ValidationError) as exc:
        services.create_coalition(institution, actor=None, slug="manage", name="X")
    assert exc.value.message_dict == {
        "slug": ["This short name is used by the site; choose another."]
    }
    with pytest.raises(ValidationError) as exc:
        services.create_coalition(institution, actor=None, slug="rbi", name="Again")
    assert exc.value.message_dict == {"slug": ["Another coalition already uses this short name."]}
    assert list(Coalition.objects.values_list("slug", "term_months")) == [("rbi", 12)]


def test_a_member_signs_up_with_a_statement(coalition, member):
    application = applied(coalition, member, why="  I care.  ", brings="Data skills.")
    row = Application.objects.get()
    assert (row.user, row.why, row.brings, row.status) == (
        member,
        "I care.",
        "Data skills.",
        "pending",
    )
    entry = ActivityLog.objects.get(action="coalitions.application.submitted")
    assert (entry.actor, entry.display) == (member, "Ada Member signed up")
    assert application.pk == row.pk


def test_a_blank_statement_is_refused_by_its_field(coalition, member):
    with pytest.raises(ValidationError) as exc:
        services.apply(coalition, user=member, why=" ", brings="x" * 5001)
    assert exc.value.message_dict == {
        "why": ["Please write a few words."],
        "brings": ["Please keep this under 5,000 characters."],
    }
    assert not Application.objects.exists()


def test_one_open_application_per_person(coalition, member):
    applied(coalition, member)
    with pytest.raises(ValidationError) as exc:
        applied(coalition, member)
    assert messages_of(exc) == [
        "You have already signed up; your application is waiting for a decision."
    ]
    assert Application.objects.count() == 1


def test_the_database_refuses_a_second_open_application(coalition, member):
    applied(coalition, member)
    with pytest.raises(IntegrityError):
        Application.objects.create(
            institution=coalition.institution, coalition=coalition, user=member, why="a", brings="b"
        )


def test_after_withdrawing_a_person_may_sign_up_again(coalition, member):
    first = applied(coalition, member)
    services.withdraw_application(first, user=member)
    applied(coalition, member)
    assert sorted(Application.objects.values_list("status", flat=True)) == ["pending", "withdrawn"]


def test_only_members_sign_up_and_only_while_sign_ups_are_open(coalition, other_member, member):
    with pytest.raises(ValidationError) as exc:
        applied(coalition, other_member)
    assert messages_of(exc) == ["Guiding coalitions are for members of Alpha."]
    services.update_coalition(coalition, actor=None, signups_open=False)
    with pytest.raises(ValidationError) as exc:
        applied(coalition, member)
    assert messages_of(exc) == ["Sign-ups for this coalition are closed."]
    assert not Application.objects.exists()


def test_accepting_starts_a_term_today_and_emails_the_person(
    coalition, member, organizer, today, django_capture_on_commit_callbacks
):
    application = applied(coalition, member)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(application, actor=organizer, decision="accept", note="Welcome aboard!")
    term = Term.objects.get()
    assert (term.user, term.starts_on, term.ends_on, term.application) == (
        member,
        today,
        add_months(today, 12),
        application,
    )
    application.refresh_from_db()
    assert (application.status, application.decided_by) == ("accepted", organizer)
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.subject == "[All In] Welcome to Medical Education RBI Guiding Coalition"
    assert "Welcome aboard!" in message.body
    assert f"until {add_months(today, 12):%B} " in message.body
    assert [e.action for e in ActivityLog.objects.order_by("id")][-2:] == [
        "coalitions.term.started",
        "coalitions.application.accepted",
    ]


def test_a_member_cannot_sign_up_while_serving(coalition, member, today):
    accepted(coalition, member)
    with pytest.raises(ValidationError) as exc:
        applied(coalition, member)
    assert messages_of(exc) == [
        f"You are a member until {terms.human(add_months(today, 12))}; the organizers can "
        "renew your term."
    ]


@pytest.mark.parametrize("decision", ["decline", "waitlist"])
def test_declining_or_waitlisting_tells_the_person(
    coalition, member, decision, django_capture_on_commit_callbacks
):
    application = applied(coalition, member)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(application, actor=None, decision=decision)
    (message,) = mail.outbox
    expected = {
        "decline": "could not offer you a place this time",
        "waitlist": "your application is on the waitlist",
    }[decision]
    assert expected in message.body
    assert not Term.objects.exists()


def test_a_waitlisted_application_can_be_accepted_later(coalition, member):
    application = applied(coalition, member)
    services.decide(application, actor=None, decision="waitlist")
    with pytest.raises(ValidationError) as exc:
        services.decide(application, actor=None, decision="waitlist")
    assert exc.value.message_dict == {"decision": ["This application is already on the waitlist."]}
    services.decide(application, actor=None, decision="accept")
    assert Term.objects.get().user == member


def test_a_decided_application_stays_decided(coalition, member):
    application = applied(coalition, member)
    services.decide(application, actor=None, decision="decline")
    with pytest.raises(ValidationError) as exc:
        services.decide(application, actor=None, decision="accept")
    assert messages_of(exc) == ["This application was already decided: declined."]
    assert not Term.objects.exists()


def test_accepting_beyond_capacity_is_refused_and_writes_nothing(
    institution, coalition, today, django_capture_on_commit_callbacks
):
    services.update_coalition(coalition, actor=None, capacity=2)
    first, second, third = crowd(institution, 3)
    accepted(coalition, first)
    accepted(coalition, second)
    late = applied(coalition, third)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as exc:
        services.decide(late, actor=None, decision="accept")
    assert messages_of(exc) == [
        f"Medical Education RBI Guiding Coalition is full: all 2 places are taken on "
        f"{terms.human(today)}. End a term or raise the capacity first, or put the application "
        "on the waitlist."
    ]
    late.refresh_from_db()
    assert (late.status, Term.objects.count(), mail.outbox) == ("pending", 2, [])


def test_a_place_counts_only_while_its_term_runs(institution, coalition, today):
    services.update_coalition(coalition, actor=None, capacity=1)
    first, second, third = crowd(institution, 3)
    old = accepted(coalition, first, starts_on=add_months(today, -24))
    current = accepted(coalition, second)  # the old term is over: its place is free
    # Starting the day the current term ends fits; a day earlier does not.
    application = applied(coalition, third)
    with pytest.raises(ValidationError):
        services.decide(
            application,
            actor=None,
            decision="accept",
            starts_on=current.ends_on - timedelta(days=1),
        )
    services.decide(application, actor=None, decision="accept", starts_on=current.ends_on)
    assert sorted(Term.objects.values_list("user__email", "starts_on")) == sorted(
        [
            (first.email, old.starts_on),
            (second.email, today),
            (third.email, current.ends_on),
        ]
    )


def test_two_overlapping_terms_for_one_person_are_refused(coalition, member, today):
    accepted(coalition, member, starts_on=add_months(today, -18))
    application = applied(coalition, member)  # the first term ended six months ago
    with pytest.raises(ValidationError) as exc:
        services.decide(
            application, actor=None, decision="accept", starts_on=add_months(today, -12)
        )
    assert list(exc.value.message_dict) == ["starts_on"]
    assert "already serves on Medical Education RBI Guiding Coalition" in str(exc.value)
    assert Term.objects.count() == 1


def test_a_person_who_left_the_institution_is_not_accepted(coalition, member):
    application = applied(coalition, member)
    Membership.objects.filter(user=member).update(ended_at=application.created_at)
    with pytest.raises(ValidationError) as exc:
        services.decide(application, actor=None, decision="accept")
    assert messages_of(exc) == ["Ada Member is no longer a member of Alpha."]


def test_renewal_follows_the_last_term_and_is_recorded_as_one(
    coalition, member, organizer, django_capture_on_commit_callbacks
):
    term = accepted(coalition, member)
    with django_capture_on_commit_callbacks(execute=True):
        renewal = terms.renew_term(term, actor=organizer)
    assert (renewal.renewal_of, renewal.starts_on, renewal.ends_on) == (
        term,
        term.ends_on,
        add_months(term.ends_on, 12),
    )
    assert mail.outbox[-1].subject == (
        "[All In] Your term on Medical Education RBI Guiding Coalition was renewed"
    )
    with pytest.raises(ValidationError) as exc:
        terms.renew_term(term, actor=organizer)
    assert messages_of(exc) == ["This term was already renewed."]
    assert ActivityLog.objects.get(action="coalitions.term.renewed").actor == organizer


def test_a_renewal_needs_a_free_place(institution, coalition):
    services.update_coalition(coalition, actor=None, capacity=1)
    first, second = crowd(institution, 2)
    term = accepted(coalition, first)
    accepted(coalition, second, starts_on=term.ends_on)
    with pytest.raises(ValidationError) as exc:
        terms.renew_term(term, actor=None)
    assert "is full: all 1 places are taken" in messages_of(exc)[0]
    assert Term.objects.count() == 2


def test_a_term_that_is_over_is_not_renewed(coalition, member, today):
    old = accepted(coalition, member, starts_on=add_months(today, -24))
    with pytest.raises(ValidationError) as exc:
        terms.renew_term(old, actor=None)
    assert messages_of(exc) == [
        f"This term ended on {terms.human(old.ends_on)}; the person can apply again."
    ]


def test_ending_early_keeps_the_plan_and_cancels_the_renewal(
    coalition, member, today, django_capture_on_commit_callbacks
):
    term = accepted(coalition, member, starts_on=today - timedelta(days=30))
    renewal = terms.renew_term(term, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        terms.end_term(term, actor=None)
    term.refresh_from_db()
    renewal.refresh_from_db()
    assert (term.ends_on, term.planned_ends_on, term.ended_early) == (
        today,
        add_months(term.starts_on, 12),
        True,
    )
    assert renewal.ends_on == renewal.starts_on  # holds no day
    assert "earlier than planned" in mail.outbox[-1].body
    with pytest.raises(ValidationError) as exc:
        terms.renew_term(term, actor=None)
    assert messages_of(exc) == ["This term was ended early; the person can apply again."]
    # The place is free again at once.
    assert list(services.Term.objects.filter(starts_on__lte=today, ends_on__gt=today)) == []


def test_ending_a_term_on_a_day_outside_it_is_refused_by_the_field(coalition, member, today):
    term = accepted(coalition, member)
    for day, text in [
        (today - timedelta(days=1), "This term starts on"),
        (term.ends_on, "This term already ends on"),
    ]:
        with pytest.raises(ValidationError) as exc:
            terms.end_term(term, actor=None, on=day)
        assert list(exc.value.message_dict) == ["ends_on"]
        assert exc.value.message_dict["ends_on"][0].startswith(text)
    term.refresh_from_db()
    assert term.ends_on == term.planned_ends_on


def test_capacity_cannot_drop_below_the_members(institution, coalition):
    for person in crowd(institution, 3):
        accepted(coalition, person)
    with pytest.raises(ValidationError) as exc:
        services.update_coalition(coalition, actor=None, capacity=2)
    assert list(exc.value.message_dict) == ["capacity"]
    assert exc.value.message_dict["capacity"][0].startswith("3 people are members on")
    coalition.refresh_from_db()
    assert coalition.capacity is None
    services.update_coalition(coalition, actor=None, capacity=3)
    coalition.refresh_from_db()
    assert coalition.capacity == 3


def test_the_short_name_is_not_editable(coalition):
    with pytest.raises(ValueError, match="slug"):
        services.update_coalition(coalition, actor=None, slug="other")


def test_a_member_elsewhere_is_refused_at_accept_time_too(coalition, other_institution):
    person = make_member(other_institution, email="x@beta.example")
    row = Application.objects.create(
        institution=coalition.institution, coalition=coalition, user=person, why="a", brings="b"
    )
    with pytest.raises(ValidationError):
        services.decide(row, actor=None, decision="accept")
    assert not Term.objects.exists()
