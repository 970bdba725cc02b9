"""Terms on a coalition: their dates, how many run at once, renewals and early ends.

Every write here runs with the coalition's row locked (``lock``), so the overlap and capacity
checks read terms that no one else is changing; on PostgreSQL parallel acceptances queue on
that lock, and SQLite takes its write lock at BEGIN (settings: IMMEDIATE).
"""

from __future__ import annotations

import calendar
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format

from allin.accounts.models import User
from allin.coalitions.models import Application, Coalition, Term
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.institutions.models import Institution


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    # A term from January 31 ends on the last day of the shorter month, not on an error.
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# How far ahead a term may be dated: far enough for any plan, near enough that its end is a date.
YEARS_AHEAD = 5


def latest_date(today: date) -> date:
    return add_months(today, 12 * YEARS_AHEAD)


def check_term_date(day: date, today: date, field: str) -> None:
    """A date an organizer gives a term: from the first of this month, at most 5 years ahead.

    Earlier months' members are already counted in the stored composition; a date moved back
    into them would change who was a member after the count (research/methods.md §5.3).
    """
    first = today.replace(day=1)
    if day < first:
        raise ValidationError(
            {
                field: f"Choose {human(first)} or later: earlier months are already counted "
                "in the coalition's composition and are not changed afterwards."
            }
        )
    if day > (last := latest_date(today)):
        raise ValidationError(
            {field: f"Choose a date up to {human(last)}: at most {YEARS_AHEAD} years ahead."}
        )


def today_at(institution: Institution) -> date:
    """Today where the school is: a term starting "today" must not start yesterday in UTC."""
    return timezone.localdate(timezone=institution.zone)


def human(day: date) -> str:
    return date_format(day, "F j, Y")


def lock(coalition: Coalition) -> Coalition:
    return Coalition.objects.select_for_update().select_related("institution").get(pk=coalition.pk)


def overlapping(coalition: Coalition, start: date, end: date) -> list[Term]:
    """Terms holding at least one day of [start, end); one ended on its first day holds none."""
    return list(
        Term.objects.filter(coalition=coalition, starts_on__lt=end, ends_on__gt=start)
        .exclude(ends_on=F("starts_on"))
        .select_related("user")
    )


def peak(terms: list[Term], start: date, end: date) -> tuple[int, date]:
    """The most terms running on one day of [start, end), and the first day with that many.

    The count only rises on a day some term starts, so those days and ``start`` are enough.
    """
    days = sorted({start} | {t.starts_on for t in terms if start < t.starts_on < end})
    best, when = 0, start
    for day in days:
        running = sum(1 for t in terms if t.starts_on <= day < t.ends_on)
        if running > best:
            best, when = running, day
    return best, when


def check_room(coalition: Coalition, start: date, end: date) -> None:
    if coalition.capacity is None:
        return
    taken, when = peak(overlapping(coalition, start, end), start, end)
    if taken >= coalition.capacity:
        raise ValidationError(
            f"{coalition.name} is full: all {coalition.capacity} places are taken on "
            f"{human(when)}. End a term or raise the capacity first, or put the application "
            "on the waitlist."
        )


def check_no_overlap(coalition: Coalition, user: User, start: date, end: date) -> None:
    clash = next((t for t in overlapping(coalition, start, end) if t.user_id == user.pk), None)
    if clash is not None:
        raise ValidationError(
            {
                "starts_on": f"{user.display_name} already serves on {coalition.name} from "
                f"{human(clash.starts_on)} until {human(clash.ends_on)}. Start after that, "
                "or renew that term."
            }
        )


def open_term(
    coalition: Coalition,
    *,
    user: User,
    starts_on: date,
    actor: User | None,
    application: Application | None = None,
    renewal_of: Term | None = None,
) -> Term:
    """A new term of the coalition's length. The caller holds the coalition's lock."""
    ends_on = add_months(starts_on, coalition.term_months)
    check_no_overlap(coalition, user, starts_on, ends_on)
    check_room(coalition, starts_on, ends_on)
    with unique_or_error("starts_on", f"{user.display_name} already has a term starting then."):
        term = Term.objects.create(
            institution_id=coalition.institution_id,
            coalition=coalition,
            user=user,
            application=application,
            renewal_of=renewal_of,
            starts_on=starts_on,
            ends_on=ends_on,
            planned_ends_on=ends_on,
        )
    log_action(
        term,
        "coalitions.term.renewed" if renewal_of else "coalitions.term.started",
        actor=actor,
        institution=coalition.institution,
        data={
            "person": user.display_name,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
        },
    )
    return term


def renew_problem(term: Term, today: date) -> str | None:
    """Why this term cannot be renewed, in a sentence, or None if it can."""
    if term.ended_early:
        return "This term was ended early; the person can apply again."
    if Term.objects.filter(renewal_of=term).exists():
        return "This term was already renewed."
    if term.ends_on < today:
        return f"This term ended on {human(term.ends_on)}; the person can apply again."
    return None


def renew_term(term: Term, *, actor: User | None) -> Term:
    """A new term that starts the day this one ends, recorded as its renewal; the person is
    emailed on commit."""
    from allin.coalitions import tasks
    from allin.institutions.queries import membership_for

    with transaction.atomic():
        coalition = lock(term.coalition)
        term = Term.objects.select_related("user").get(pk=term.pk)
        if problem := renew_problem(term, today_at(coalition.institution)):
            raise ValidationError(problem)
        if membership_for(term.user, coalition.institution) is None:
            raise ValidationError(
                f"{term.user.display_name} is no longer a member of {coalition.institution}."
            )
        renewal = open_term(
            coalition, user=term.user, starts_on=term.ends_on, actor=actor, renewal_of=term
        )
        transaction.on_commit(
            lambda: tasks.send_term_email.enqueue(term_id=renewal.pk, change="renewed")
        )
    return renewal


def end_term(term: Term, *, actor: User | None, on: date | None = None) -> Term:
    """End a term early, on ``on`` (today by default): the person is no longer a member from
    that day. A renewal waiting to follow it is cut to nothing, since the person is leaving.
    The person is emailed on commit."""
    from allin.coalitions import tasks

    with transaction.atomic():
        coalition = lock(term.coalition)
        term = Term.objects.select_related("user").get(pk=term.pk)
        on = on or max(today_at(coalition.institution), term.starts_on)
        if term.ends_on <= on:
            raise ValidationError({"ends_on": f"This term already ends on {human(term.ends_on)}."})
        if on < term.starts_on:
            raise ValidationError(
                {"ends_on": f"This term starts on {human(term.starts_on)}; end it then or later."}
            )
        _cut(term, on, actor=actor, coalition=coalition)
        follower = Term.objects.filter(renewal_of=term).first()
        while follower is not None:
            if follower.ends_on > follower.starts_on:
                _cut(follower, follower.starts_on, actor=actor, coalition=coalition)
            follower = Term.objects.filter(renewal_of=follower).first()
        transaction.on_commit(
            lambda: tasks.send_term_email.enqueue(term_id=term.pk, change="ended")
        )
    return term


def _cut(term: Term, on: date, *, actor: User | None, coalition: Coalition) -> None:
    was = term.ends_on
    term.ends_on = on
    term.save(update_fields=["ends_on", "updated_at"])
    log_action(
        term,
        "coalitions.term.ended_early",
        actor=actor,
        institution=coalition.institution,
        data={"person": term.user.display_name, "was": was.isoformat(), "ends_on": on.isoformat()},
    )
