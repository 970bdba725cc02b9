"""Every write to coalitions and applications to them (terms are in terms.py).

A person has at most one open application per coalition: the services check first, for a
clear message, and a partial unique constraint settles two submissions racing. Accepting
locks the coalition's row, so parallel acceptances cannot fill it beyond its capacity.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.coalitions.enums import OPEN_STATUSES, ApplicationStatus, Decision
from allin.coalitions.models import Application, Coalition, Term
from allin.coalitions.terms import (
    YEARS_AHEAD,
    human,
    latest_date,
    lock,
    open_term,
    overlapping,
    peak,
    today_at,
)
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.institutions.models import Institution
from allin.institutions.queries import membership_for
from allin.institutions.rules import cached_membership

# Addresses under /<institution>/coalitions/ that are pages, not coalitions.
RESERVED_SLUGS = frozenset({"manage", "projects"})
COALITION_FIELDS = (
    "slug",
    "name",
    "description",
    "role",
    "criteria",
    "term_months",
    "capacity",
    "signups_open",
)
MAX_STATEMENT = 5_000


def _validate(coalition: Coalition) -> None:
    coalition.full_clean(validate_constraints=False)
    if coalition.slug in RESERVED_SLUGS:
        raise ValidationError({"slug": "This short name is used by the site; choose another."})
    taken = Coalition.objects.filter(institution=coalition.institution, slug=coalition.slug)
    if taken.exclude(pk=coalition.pk).exists():
        raise ValidationError({"slug": "Another coalition already uses this short name."})


def create_coalition(institution: Institution, *, actor: User | None, **fields: Any) -> Coalition:
    if unknown := set(fields) - set(COALITION_FIELDS):
        raise ValueError(f"Unknown coalition fields: {', '.join(sorted(unknown))}")
    coalition = Coalition(institution=institution, **fields)
    _validate(coalition)
    with unique_or_error("slug", "Another coalition already uses this short name."):
        coalition.save()
        log_action(coalition, "coalitions.coalition.created", actor=actor, institution=institution)
    return coalition


def update_coalition(coalition: Coalition, *, actor: User | None, **changes: Any) -> Coalition:
    """Change what the coalition says and how it runs. The slug stays: it is in links people
    were sent. Capacity never drops below the members it has from today on."""
    if unknown := set(changes) - (set(COALITION_FIELDS) - {"slug"}):
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        fresh = lock(coalition)
        changed = {k: v for k, v in changes.items() if getattr(fresh, k) != v}
        if not changed:
            return fresh
        for key, value in changed.items():
            setattr(fresh, key, value)
        _validate(fresh)
        if fresh.capacity is not None and "capacity" in changed:
            _check_capacity_fits(fresh)
        fresh.save(update_fields=[*changed, "updated_at"])
        log_action(
            fresh,
            "coalitions.coalition.changed",
            actor=actor,
            institution=fresh.institution,
            data={"fields": ", ".join(sorted(changed))},
        )
    return fresh


def _check_capacity_fits(coalition: Coalition) -> None:
    today = today_at(coalition.institution)
    # Far enough ahead to see every term already granted, renewals included.
    horizon = date(today.year + 10, today.month, 1)
    members, when = peak(overlapping(coalition, today, horizon), today, horizon)
    if coalition.capacity is not None and members > coalition.capacity:
        raise ValidationError(
            {
                "capacity": f"{members} people are members on {human(when)}; capacity cannot be "
                "lower than that. End terms first."
            }
        )


def apply_problem(coalition: Coalition, user: User) -> str | None:
    """Why this person cannot sign up now, in a sentence, or None if they can."""
    if cached_membership(user, coalition.institution) is None:
        return f"Guiding coalitions are for members of {coalition.institution}."
    if not coalition.signups_open:
        return "Sign-ups for this coalition are closed."
    if Application.objects.filter(
        coalition=coalition, user=user, status__in=OPEN_STATUSES
    ).exists():
        return "You have already signed up; your application is waiting for a decision."
    serving = Term.objects.filter(
        coalition=coalition, user=user, ends_on__gt=today_at(coalition.institution)
    ).order_by("-ends_on")
    if term := serving.first():
        return f"You are a member until {human(term.ends_on)}; the organizers can renew your term."
    return None


def apply(coalition: Coalition, *, user: User, why: str, brings: str) -> Application:
    """Sign up for a coalition with a statement; organizers see it and decide."""
    why, brings = why.strip(), brings.strip()
    errors = {}
    for field, text in (("why", why), ("brings", brings)):
        if not text:
            errors[field] = "Please write a few words."
        elif len(text) > MAX_STATEMENT:
            errors[field] = f"Please keep this under {MAX_STATEMENT:,} characters."
    if errors:
        raise ValidationError(errors)
    # The caller's copy may be stale; whether sign-ups are open is the database's to say.
    coalition = Coalition.objects.select_related("institution").get(pk=coalition.pk)
    if problem := apply_problem(coalition, user):
        raise ValidationError(problem)
    with unique_or_error(
        "why", "You have already signed up; your application is waiting for a decision."
    ):
        application = Application.objects.create(
            institution_id=coalition.institution_id,
            coalition=coalition,
            user=user,
            why=why,
            brings=brings,
        )
        log_action(
            application,
            "coalitions.application.submitted",
            actor=user,
            institution=coalition.institution,
            data={"person": user.display_name},
        )
    return application


def withdraw_application(application: Application, *, user: User) -> Application:
    with transaction.atomic():
        row = Application.objects.select_for_update().get(pk=application.pk)
        if row.user_id != user.pk:
            raise ValidationError("Only the person who signed up can withdraw the application.")
        if not row.is_open:
            raise ValidationError("This application was already decided.")
        row.status = ApplicationStatus.WITHDRAWN
        row.save(update_fields=["status", "updated_at"])
        log_action(
            row,
            "coalitions.application.withdrawn",
            actor=user,
            institution=row.coalition.institution,
            data={"person": user.display_name},
        )
    return row


def decide(
    application: Application,
    *,
    actor: User | None,
    decision: str,
    starts_on: date | None = None,
    note: str = "",
) -> Application:
    """Accept (opening a term from ``starts_on``, today by default), waitlist or decline an
    open application. The applicant is emailed the decision on commit."""
    from allin.coalitions import tasks

    if decision not in Decision.values:
        raise ValidationError({"decision": "Choose accept, waitlist or decline."})
    with transaction.atomic():
        # Coalition first, then application, in every writer: the same order cannot deadlock.
        coalition = lock(application.coalition)
        row = Application.objects.select_for_update().select_related("user").get(pk=application.pk)
        if not row.is_open:
            raise ValidationError(
                f"This application was already decided: {row.get_status_display().lower()}."
            )
        if decision == Decision.WAITLIST and row.status == ApplicationStatus.WAITLISTED:
            raise ValidationError({"decision": "This application is already on the waitlist."})
        if decision == Decision.ACCEPT:
            if membership_for(row.user, coalition.institution) is None:
                raise ValidationError(
                    f"{row.user.display_name} is no longer a member of {coalition.institution}."
                )
            today = today_at(coalition.institution)
            start = starts_on or today
            if start > (last := latest_date(today)):
                # A later start has no end date the calendar can hold, and no plan needs it.
                raise ValidationError(
                    {
                        "starts_on": f"Choose a date up to {human(last)}: at most "
                        f"{YEARS_AHEAD} years ahead."
                    }
                )
            open_term(coalition, user=row.user, starts_on=start, actor=actor, application=row)
        row.status = {
            Decision.ACCEPT: ApplicationStatus.ACCEPTED,
            Decision.WAITLIST: ApplicationStatus.WAITLISTED,
            Decision.DECLINE: ApplicationStatus.DECLINED,
        }[Decision(decision)]
        row.decided_at, row.decided_by, row.note = timezone.now(), actor, note.strip()
        row.save(update_fields=["status", "decided_at", "decided_by", "note", "updated_at"])
        log_action(
            row,
            f"coalitions.application.{row.status}",
            actor=actor,
            institution=coalition.institution,
            data={"person": row.user.display_name},
        )
        transaction.on_commit(lambda: tasks.send_decision_email.enqueue(application_id=row.pk))
    return row
