from __future__ import annotations

from django.tasks import task
from django_scopes import scopes_disabled

from allin.core.mail import send_templated_email
from allin.events.enums import RSVPStatus
from allin.events.models import RSVP


def _load(rsvp_id: int) -> RSVP | None:
    with scopes_disabled():
        return (
            RSVP.objects.select_related("event", "event__institution", "user")
            .filter(pk=rsvp_id)
            .first()
        )


@task
def send_rsvp_email(*, rsvp_id: int) -> None:
    row = _load(rsvp_id)
    if row is None or row.status == RSVPStatus.CANCELLED:
        return
    send_templated_email(
        "email/rsvp",
        to=[row.user.email],
        context={"rsvp": row, "event": row.event, "institution": row.event.institution},
    )


@task
def send_promotion_email(*, rsvp_id: int) -> None:
    row = _load(rsvp_id)
    if row is None or row.status != RSVPStatus.CONFIRMED:
        return
    send_templated_email(
        "email/promotion",
        to=[row.user.email],
        context={"rsvp": row, "event": row.event, "institution": row.event.institution},
    )
