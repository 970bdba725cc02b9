"""Every write to mini projects and sign-ups for them, with the guarantees of event RSVPs.

Places are claimed by a conditional UPDATE (``confirmed_count < capacity``) capped by a check
constraint; waitlist numbers come from a counter under the project's row lock, so the queue is
the arrival order; one row per person per project (unique constraint, the row locked while it
changes). Withdrawing promotes the head of the waitlist in the same transaction.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.formats import date_format

from allin.accounts.models import User
from allin.coalitions.enums import SignupStatus
from allin.coalitions.models import MiniProject, ProjectSignup
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.core.waitlist import promote_in_order
from allin.institutions.enums import Affiliation
from allin.institutions.models import Institution, Membership
from allin.institutions.queries import membership_for

PROJECT_FIELDS = (
    "slug",
    "title",
    "description",
    "eligibility",
    "affiliations",
    "season",
    "starts_on",
    "ends_on",
    "hours_per_month",
    "point_person",
    "works_with",
    "capacity",
    "opens_at",
    "closes_at",
    "sphere",
)


def _validate(project: MiniProject) -> None:
    project.affiliations = [a for a in Affiliation.values if a in set(project.affiliations or [])]
    project.full_clean(validate_constraints=False)
    errors: dict[str, str] = {}
    if project.starts_on and project.ends_on and project.ends_on < project.starts_on:
        errors["ends_on"] = "The project must end on or after the day it starts."
    if project.opens_at and project.closes_at and project.closes_at <= project.opens_at:
        errors["closes_at"] = "Sign-ups must close after they open."
    if project.sphere_id and project.sphere.institution_id != project.institution_id:
        errors["sphere"] = "Choose a sphere of this institution."
    if (
        project.point_person_id
        and membership_for(project.point_person, project.institution) is None
    ):
        errors["point_person"] = "The point person must be a member of the institution."
    taken = MiniProject.objects.filter(institution=project.institution, slug=project.slug)
    if taken.exclude(pk=project.pk).exists():
        errors["slug"] = "Another mini project already uses this short name."
    if errors:
        raise ValidationError(errors)


def create_project(institution: Institution, *, actor: User | None, **fields: Any) -> MiniProject:
    if unknown := set(fields) - set(PROJECT_FIELDS):
        raise ValueError(f"Unknown mini project fields: {', '.join(sorted(unknown))}")
    project = MiniProject(institution=institution, **fields)
    _validate(project)
    with unique_or_error("slug", "Another mini project already uses this short name."):
        project.save()
        log_action(project, "coalitions.project.created", actor=actor, institution=institution)
    return project


def update_project(project: MiniProject, *, actor: User | None, **changes: Any) -> MiniProject:
    """Change the entry. Capacity never drops below who is signed up; raising it promotes from
    the waitlist in order."""
    if unknown := set(changes) - (set(PROJECT_FIELDS) - {"slug"}):
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        fresh = (
            MiniProject.objects.select_for_update().select_related("institution").get(pk=project.pk)
        )
        changed = {k: v for k, v in changes.items() if getattr(fresh, k) != v}
        if not changed:
            return fresh
        for key, value in changed.items():
            setattr(fresh, key, value)
        _validate(fresh)
        if fresh.capacity is not None and fresh.capacity < fresh.confirmed_count:
            raise ValidationError(
                {
                    "capacity": f"{fresh.confirmed_count} people are signed up; capacity cannot "
                    "be lower than that."
                }
            )
        fresh.save(update_fields=[*changed, "updated_at"])
        log_action(
            fresh,
            "coalitions.project.changed",
            actor=actor,
            institution=fresh.institution,
            data={"fields": ", ".join(sorted(changed))},
        )
        if "capacity" in changed:
            _promote(fresh)
    fresh.refresh_from_db()
    return fresh


def _moment(value: datetime, project: MiniProject) -> str:
    return date_format(timezone.localtime(value, project.institution.zone), "F j, Y, g:i:s A T")


def signup_problem(project: MiniProject, user: User, *, at: datetime | None = None) -> str | None:
    """Why this person cannot sign up now, in a sentence, or None if they can.

    The window is exact to the second: closing at 23:59:59 accepts any moment of that second
    and refuses 00:00:00.
    """
    at = (at or timezone.now()).replace(microsecond=0)
    membership = membership_for(user, project.institution)
    if membership is None:
        return f"Mini projects are for members of {project.institution}."
    if project.opens_at and at < project.opens_at:
        return f"Sign-ups open on {_moment(project.opens_at, project)}."
    if project.closes_at and at > project.closes_at:
        return f"Sign-ups closed on {_moment(project.closes_at, project)}."
    today = timezone.localdate(at, timezone=project.institution.zone)
    if project.ends_on and project.ends_on < today:
        return "This project is over."
    if project.affiliations and membership.affiliation not in project.affiliations:
        return f"This project is for {project.open_to}."
    return None


def _row(project: MiniProject, user: User) -> ProjectSignup:
    """The person's row, created if missing and locked, so their own parallel requests queue."""
    try:
        with transaction.atomic():
            ProjectSignup.objects.get_or_create(
                project=project, user=user, defaults={"institution_id": project.institution_id}
            )
    except IntegrityError:
        pass  # their other request created it a moment ago
    return ProjectSignup.objects.select_for_update().get(project=project, user=user)


def _claim_place(project: MiniProject) -> bool:
    # The database decides, not the caller's copy of the project, which may be stale.
    places = MiniProject.objects.filter(
        Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity")), pk=project.pk
    )
    return places.update(confirmed_count=F("confirmed_count") + 1) == 1


def _take_number(project: MiniProject) -> int:
    # The UPDATE holds the project's row lock until commit, so numbers follow arrival order.
    MiniProject.objects.filter(pk=project.pk).update(waitlist_counter=F("waitlist_counter") + 1)
    return MiniProject.objects.values_list("waitlist_counter", flat=True).get(pk=project.pk)


def sign_up(project: MiniProject, *, user: User, at: datetime | None = None) -> ProjectSignup:
    """Take a place, or a number on the waitlist when the project is full. Signing up twice
    changes nothing. The person is emailed on commit."""
    from allin.coalitions import tasks

    project = MiniProject.objects.select_related("institution").get(pk=project.pk)
    if problem := signup_problem(project, user, at=at):
        raise ValidationError(problem)
    with transaction.atomic():
        row = _row(project, user)
        if row.status != SignupStatus.WITHDRAWN:
            return row
        row.queued_at = timezone.now()
        if _claim_place(project):
            row.status, row.queue_number = SignupStatus.CONFIRMED, None
        else:
            row.status, row.queue_number = SignupStatus.WAITLISTED, _take_number(project)
        row.save(update_fields=["status", "queued_at", "queue_number", "updated_at"])
        log_action(
            row,
            f"coalitions.signup.{row.status}",
            actor=user,
            institution=project.institution,
            data={"person": user.display_name},
        )
        transaction.on_commit(lambda: tasks.send_signup_email.enqueue(signup_id=row.pk))
    return row


def withdraw(row: ProjectSignup, *, actor: User | None) -> ProjectSignup:
    """Give up a place (promoting the head of the waitlist) or leave the waitlist."""
    with transaction.atomic():
        row = (
            ProjectSignup.objects.select_for_update()
            .select_related("project__institution", "user")
            .get(pk=row.pk)
        )
        if row.status == SignupStatus.WITHDRAWN:
            return row
        project = row.project
        if project.ends_on and project.ends_on < timezone.localdate(
            timezone=project.institution.zone
        ):
            raise ValidationError("This project is over, so its sign-ups can no longer change.")
        was = row.status
        row.status, row.queue_number = SignupStatus.WITHDRAWN, None
        row.save(update_fields=["status", "queue_number", "updated_at"])
        action = "withdrawn" if was == SignupStatus.CONFIRMED else "left_waitlist"
        log_action(
            row,
            f"coalitions.signup.{action}",
            actor=actor,
            institution=project.institution,
            data={"person": row.user.display_name},
        )
        if was == SignupStatus.CONFIRMED:
            MiniProject.objects.filter(pk=project.pk).update(
                confirmed_count=F("confirmed_count") - 1
            )
            _promote(project)
    return row


def _promote(project: MiniProject) -> list[ProjectSignup]:
    """Fill free places from the head of the waitlist, first in first out, emailing each."""
    from allin.coalitions import tasks

    def promoted(head: ProjectSignup) -> None:
        log_action(
            head,
            "coalitions.signup.promoted",
            actor=None,
            institution=project.institution,
            data={"person": head.user.display_name},
        )
        transaction.on_commit(lambda pk=head.pk: tasks.send_promotion_email.enqueue(signup_id=pk))

    return promote_in_order(
        ProjectSignup.objects.filter(project=project, status=SignupStatus.WAITLISTED),
        claim=lambda: _claim_place(project),
        confirmed=SignupStatus.CONFIRMED,
        promoted=promoted,
    )


def eligible_members(institution: Institution):  # type: ignore[no-untyped-def]
    """People who may be a project's point person."""
    return User.objects.filter(
        pk__in=Membership.objects.filter(institution=institution, ended_at__isnull=True).values(
            "user_id"
        )
    )
