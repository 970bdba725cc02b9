"""Email about coalitions and mini projects, sent by tasks after the write that caused it
commits. Each looks its row up again and sends nothing if things changed in between."""

from __future__ import annotations

from django.tasks import task
from django_scopes import scopes_disabled

from allin.coalitions.enums import ApplicationStatus, SignupStatus
from allin.core.mail import send_templated_email

DECIDED = (ApplicationStatus.ACCEPTED, ApplicationStatus.WAITLISTED, ApplicationStatus.DECLINED)


@task
def send_decision_email(*, application_id: int) -> None:
    from allin.coalitions.models import Application, Term

    with scopes_disabled():
        row = (
            Application.objects.select_related("coalition__institution", "user")
            .filter(pk=application_id)
            .first()
        )
        if row is None or row.status not in DECIDED:
            return
        send_templated_email(
            "email/coalition_decision",
            to=[row.user.email],
            context={
                "application": row,
                "coalition": row.coalition,
                "institution": row.coalition.institution,
                "term": Term.objects.filter(application=row).first(),
            },
        )


@task
def send_term_email(*, term_id: int, change: str) -> None:
    from allin.coalitions.models import Term

    with scopes_disabled():
        term = (
            Term.objects.select_related("coalition__institution", "user").filter(pk=term_id).first()
        )
        if term is None or change not in ("renewed", "ended"):
            return
        send_templated_email(
            "email/coalition_term",
            to=[term.user.email],
            context={
                "term": term,
                "change": change,
                "coalition": term.coalition,
                "institution": term.coalition.institution,
            },
        )


def _signup(signup_id: int):  # type: ignore[no-untyped-def]
    from allin.coalitions.models import ProjectSignup

    return (
        ProjectSignup.objects.select_related(
            "project__institution", "project__point_person", "user"
        )
        .filter(pk=signup_id)
        .first()
    )


@task
def send_signup_email(*, signup_id: int) -> None:
    with scopes_disabled():
        row = _signup(signup_id)
        if row is None or row.status == SignupStatus.WITHDRAWN:
            return
        send_templated_email(
            "email/project_signup",
            to=[row.user.email],
            context={"signup": row, "project": row.project, "institution": row.project.institution},
        )


@task
def send_promotion_email(*, signup_id: int) -> None:
    with scopes_disabled():
        row = _signup(signup_id)
        # They may have withdrawn in the moment between the promotion and this task.
        if row is None or row.status != SignupStatus.CONFIRMED:
            return
        send_templated_email(
            "email/project_promoted",
            to=[row.user.email],
            context={"signup": row, "project": row.project, "institution": row.project.institution},
        )
