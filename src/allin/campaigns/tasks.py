from __future__ import annotations

from django.tasks import task
from django_scopes import scopes_disabled

from allin.core.mail import send_templated_email


@task
def send_winner_emails(*, raffle_id: int) -> None:
    """Tell each prize winner (not the alternates) what they won."""
    from allin.campaigns.draws import places
    from allin.campaigns.models import Entrant, Raffle

    with scopes_disabled():
        draw = Raffle.objects.select_related("campaign", "campaign__institution").get(pk=raffle_id)
        prizes = places(draw)
        entrants = {e.code: e for e in Entrant.objects.filter(raffle=draw).select_related("user")}
        for index, code in enumerate(draw.winners[: len(prizes)]):
            entrant = entrants[code]
            send_templated_email(
                "email/raffle_winner",
                to=[entrant.user.email],
                context={
                    "campaign": draw.campaign,
                    "institution": draw.campaign.institution,
                    "prize": prizes[index],
                    "entrant": entrant,
                },
            )


@task
def send_alternate_email(*, entrant_id: int) -> None:
    """Tell an alternate that a declined place passed to them, if it is still theirs."""
    from allin.campaigns.draws import results
    from allin.campaigns.models import Entrant

    with scopes_disabled():
        entrant = (
            Entrant.objects.select_related("user", "raffle__campaign__institution")
            .filter(pk=entrant_id)
            .first()
        )
        if entrant is None:
            return
        draw = entrant.raffle
        held = next((p for p in results(draw).places if p["code"] == entrant.code), None)
        # They may have declined in turn before this ran; then the next alternate has the email.
        if held is None:
            return
        send_templated_email(
            "email/raffle_alternate",
            to=[entrant.user.email],
            context={
                "campaign": draw.campaign,
                "institution": draw.campaign.institution,
                "prize": held["prize"],
                "entrant": entrant,
            },
        )
