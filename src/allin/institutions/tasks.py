from __future__ import annotations

from django.tasks import task
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from allin.core.mail import send_templated_email
from allin.institutions.models import Invitation


@task
def send_invitation_email(*, invitation_id: int, token: str) -> None:
    with scopes_disabled():
        invitation = (
            Invitation.objects.select_related("institution", "invited_by")
            .filter(pk=invitation_id)
            .first()
        )
    if invitation is None or not invitation.is_open:
        return
    with scope(institution=invitation.institution):
        path = reverse(
            "institutions:invitation",
            kwargs={"institution": invitation.institution.slug, "token": token},
        )
        send_templated_email(
            "email/invitation",
            to=[invitation.email],
            context={"invitation": invitation, "institution": invitation.institution, "path": path},
        )
