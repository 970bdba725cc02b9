"""Reads for the coalition and mini project pages, each a fixed number of queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)

from allin.accounts.models import User
from allin.coalitions.enums import OPEN_STATUSES, SignupStatus
from allin.coalitions.models import Application, Coalition, MiniProject, ProjectSignup, Term
from allin.institutions.enums import Affiliation
from allin.institutions.models import Institution, Membership


def _with_affiliation(qs: QuerySet[Any], institution: Institution) -> QuerySet[Any]:
    current = Membership.objects.filter(
        institution=institution, user=OuterRef("user"), ended_at__isnull=True
    )
    return qs.annotate(affiliation=Subquery(current.values("affiliation")[:1]))


def affiliation_label(code: str | None) -> str:
    return str(Affiliation(code).label) if code in Affiliation.values else ""


def _labelled(rows: QuerySet[Any]) -> list[Any]:
    found = list(rows)
    for row in found:
        row.affiliation_label = affiliation_label(row.affiliation)
    return found


def coalitions(institution: Institution, today: date) -> QuerySet[Coalition]:
    running = Q(terms__starts_on__lte=today, terms__ends_on__gt=today)
    return (
        Coalition.objects.filter(institution=institution)
        .annotate(
            member_count=Count("terms", filter=running, distinct=True),
            open_count=Count(
                "applications", filter=Q(applications__status__in=OPEN_STATUSES), distinct=True
            ),
        )
        .order_by("name")
    )


def current_terms(coalition: Coalition, on: date) -> QuerySet[Term]:
    return Term.objects.filter(coalition=coalition, starts_on__lte=on, ends_on__gt=on)


def roster(coalition: Coalition, today: date) -> list[Term]:
    """Who is on the coalition today, with their affiliation at the school."""
    terms = current_terms(coalition, today).select_related("user")
    return _labelled(
        _with_affiliation(terms, coalition.institution).order_by("user__name", "user__email")
    )


def my_application(coalition: Coalition, user: User) -> Application | None:
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(coalition=coalition, user=user).order_by("-created_at").first()
    )


def _with_state(found: list[Term], today: date) -> list[Term]:
    for term in found:
        term.state = term.state_on(today)
    return found


def my_terms(coalition: Coalition, user: User, today: date) -> list[Term]:
    if not user.is_authenticated:
        return []
    mine = Term.objects.filter(coalition=coalition, user=user).exclude(ends_on=F("starts_on"))
    return _with_state(list(mine.order_by("starts_on")), today)


def applications(coalition: Coalition, *, decided: bool) -> list[Application]:
    """Open applications first come first served, or the decided ones newest first."""
    qs = Application.objects.filter(coalition=coalition).select_related("user", "decided_by")
    if decided:
        qs = qs.exclude(status__in=OPEN_STATUSES).order_by("-updated_at", "-id")
    else:
        qs = qs.filter(status__in=OPEN_STATUSES).order_by("created_at", "id")
    return _labelled(_with_affiliation(qs, coalition.institution))


def terms(coalition: Coalition, today: date) -> list[Term]:
    """Every term, latest first, with its state and whether it was renewed."""
    qs = (
        Term.objects.filter(coalition=coalition)
        .select_related("user")
        .annotate(renewed=Exists(Term.objects.filter(renewal_of=OuterRef("pk"))))
        .order_by("-starts_on", "user__name")
    )
    return _with_state(_labelled(_with_affiliation(qs, coalition.institution)), today)


def catalogue(institution: Institution) -> QuerySet[MiniProject]:
    return MiniProject.objects.filter(institution=institution).select_related(
        "institution", "point_person", "sphere__institution"
    )


def my_signups(user: User, projects: list[MiniProject]) -> dict[int, ProjectSignup]:
    if not user.is_authenticated or not projects:
        return {}
    rows = ProjectSignup.objects.filter(user=user, project__in=projects).exclude(
        status=SignupStatus.WITHDRAWN
    )
    return {row.project_id: row for row in rows}


def waitlist_position(row: ProjectSignup) -> int | None:
    """Place in the queue now: people ahead who left no longer count."""
    if row.status != SignupStatus.WAITLISTED:
        return None
    return ProjectSignup.objects.filter(
        project_id=row.project_id,
        status=SignupStatus.WAITLISTED,
        queue_number__lte=row.queue_number,
    ).count()


def project_roster(project: MiniProject) -> list[ProjectSignup]:
    """Signed up, then the waitlist in order, then who withdrew."""
    order = Case(
        When(status=SignupStatus.CONFIRMED, then=0),
        When(status=SignupStatus.WAITLISTED, then=1),
        default=2,
        output_field=IntegerField(),
    )
    qs = (
        ProjectSignup.objects.filter(project=project)
        .select_related("user")
        .order_by(order, "queue_number", "queued_at", "user__name")
    )
    return _labelled(_with_affiliation(qs, project.institution))
