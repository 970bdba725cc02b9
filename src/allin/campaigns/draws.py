"""Every write to a campaign's raffle: publish the rules, freeze the entries, draw once.

The order is the protocol of WAI-RAFFLE-v1 (research/methods.md §7): nothing can be steered,
because the beacon round is fixed in the published rules and comes after the entries freeze.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import string
import urllib.request
from collections import Counter
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from allin.accounts.models import User
from allin.campaigns import raffle as wai
from allin.campaigns import tasks
from allin.campaigns.models import Campaign, Entrant, Raffle
from allin.core.audit import log_action
from allin.events.models import Attendance

ALPHABET = string.ascii_uppercase + string.digits
ALTERNATES = 3
DRAND = "https://api.drand.sh/{chain}/public/{round}"


def round_published_at(beacon_round: int) -> datetime:
    seconds = wai.QUICKNET_GENESIS + (beacon_round - 1) * wai.QUICKNET_PERIOD
    return datetime.fromtimestamp(seconds, tz=UTC)


def rules_text(campaign: Campaign, closes_at: datetime, beacon_round: int) -> str:
    prizes = "\n".join(
        f"  {p.rank}. {p.name}" + (f" (x{p.quantity})" if p.quantity > 1 else "")
        for p in campaign.prizes.all()
    )
    zone = campaign.institution.zone
    return (
        f"{wai.VERSION} rules for {campaign.name} ({campaign.institution.name})\n\n"
        "Entry: one ticket per attended session of the campaign that counts for the raffle, "
        "as recorded in the attendance ledger. No other tickets.\n"
        f"Entries close: {timezone.localtime(closes_at, zone):%Y-%m-%d %H:%M %Z}.\n"
        f"Prizes, drawn in this order:\n{prizes}\n"
        "A winner takes one prize; their other tickets leave the hat. Alternates come next "
        "from the same stream.\n"
        f"Randomness: drand quicknet (chain {wai.QUICKNET_HASH}), round {beacon_round}, the "
        "first round at least ten minutes after the close. If it is unavailable, the next "
        "published round.\n"
        "Entries file: entrant_code,tickets, sorted by code, ASCII, LF; published with its "
        "SHA-256 at the close. Codes are random and sent privately to each entrant.\n"
    )


def publish_rules(
    campaign: Campaign, *, actor: User | None, closes_at: datetime, now: datetime | None = None
) -> Raffle:
    """``now`` is for recording a raffle run before the platform (the demo's last year)."""
    if closes_at <= (now or timezone.now()):
        raise ValidationError({"closes_at": "Entries must close after the rules are published."})
    if not campaign.prizes.exists():
        raise ValidationError("Add the prizes before publishing the rules.")
    beacon_round = wai.beacon_round_for(closes_at)
    text = rules_text(campaign, closes_at, beacon_round)
    try:
        with transaction.atomic():
            draw = Raffle.objects.create(
                institution_id=campaign.institution_id,
                campaign=campaign,
                closes_at=closes_at,
                rules=text,
                rules_sha256=wai.rules_sha256(text.encode()),
                beacon_round=beacon_round,
            )
            log_action(
                draw,
                "campaigns.raffle.rules_published",
                actor=actor,
                institution=campaign.institution,
                data={"rules_sha256": draw.rules_sha256, "round": beacon_round},
            )
    except IntegrityError as exc:
        raise ValidationError("The rules of this raffle are already published.") from exc
    return draw


def _code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        if code not in taken:
            taken.add(code)
            return code


def freeze_entries(draw: Raffle, *, actor: User | None, now: datetime | None = None) -> Raffle:
    """At the close: count each person's tickets, give each a random code, publish the file."""
    now = now or timezone.now()
    if now < draw.closes_at:
        raise ValidationError("Entries are still open.")
    with transaction.atomic():
        draw = Raffle.objects.select_for_update().get(pk=draw.pk)
        if draw.frozen_at is not None:
            raise ValidationError("The entries are already frozen.")
        sessions = draw.campaign.sessions.filter(event__raffle_eligible=True).values("event_id")
        tickets = Counter(
            Attendance.objects.filter(
                event__in=sessions, event__starts_at__lt=draw.closes_at
            ).values_list("user_id", flat=True)
        )
        taken: set[str] = set()
        Entrant.objects.bulk_create(
            Entrant(
                institution_id=draw.institution_id,
                raffle=draw,
                user_id=user_id,
                code=_code(taken),
                tickets=count,
            )
            for user_id, count in sorted(tickets.items())
        )
        entries = dict(draw.entrants.values_list("code", "tickets"))
        data = wai.canonical_entries(entries)
        draw.entries_file = data.decode("ascii")
        draw.entries_sha256 = hashlib.sha256(data).hexdigest()
        draw.frozen_at = now
        draw.save(update_fields=["entries_file", "entries_sha256", "frozen_at", "updated_at"])
        log_action(
            draw,
            "campaigns.raffle.entries_frozen",
            actor=actor,
            institution=draw.institution,
            data={"entrants": len(entries), "entries_sha256": draw.entries_sha256},
        )
    return draw


def fetch_beacon(beacon_round: int, *, timeout: float = 3.0) -> str | None:
    """The round's randomness from drand, or None when it cannot be reached (then the
    organizer enters it from any drand mirror)."""
    url = DRAND.format(chain=wai.QUICKNET_HASH, round=beacon_round)
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            value = json.load(response).get("randomness", "")
    except (OSError, ValueError):
        return None
    return value if isinstance(value, str) and len(value) == 64 else None


def run_draw(
    draw: Raffle, *, actor: User | None, randomness_hex: str, now: datetime | None = None
) -> Raffle:
    """Draw once. A second request, even at the same instant, finds the draw made."""
    randomness_hex = randomness_hex.strip().lower()
    now = now or timezone.now()
    if draw.frozen_at is None:
        raise ValidationError("Freeze the entries first.")
    if now < round_published_at(draw.beacon_round):
        raise ValidationError("The announced beacon round is not published yet.")
    try:
        places = (draw.campaign.prizes.aggregate(n=Sum("quantity"))["n"] or 0) + ALTERNATES
        result = wai.draw(
            wai.parse_entries(draw.entries_file.encode("ascii")),
            places,
            draw.beacon_round,
            randomness_hex,
        )
    except ValueError as exc:
        raise ValidationError({"randomness": str(exc)}) from exc
    with transaction.atomic():
        done = Raffle.objects.filter(pk=draw.pk, drawn_at__isnull=True).update(
            beacon_randomness=randomness_hex,
            seed=result.seed,
            winners=list(result.winners),
            drawn_at=now,
            updated_at=timezone.now(),
        )
        if not done:
            raise ValidationError("The draw was already made.")
        log_action(
            draw,
            "campaigns.raffle.drawn",
            actor=actor,
            institution=draw.institution,
            data={"round": draw.beacon_round, "seed": result.seed},
        )
        pk = draw.pk
        transaction.on_commit(lambda: tasks.send_winner_emails.enqueue(raffle_id=pk))
    draw.refresh_from_db()
    return draw


def record(draw: Raffle) -> dict[str, object]:
    """The published draw record that `allin raffle verify` reads."""
    return {
        "version": wai.VERSION,
        "rules_sha256": draw.rules_sha256,
        "entries_sha256": draw.entries_sha256,
        "beacon_chain": wai.QUICKNET_HASH,
        "beacon_round": draw.beacon_round,
        "beacon_randomness": draw.beacon_randomness,
        "seed": draw.seed,
        "winners": draw.winners,
    }


def places(draw: Raffle) -> list[str]:
    """The prize of each place, first prize first, one place per item of a prize."""
    return [p.name for p in draw.campaign.prizes.all() for _ in range(p.quantity)]


def results(draw: Raffle) -> list[dict[str, object]]:
    """Each place with its prize and who won it: a name only with the winner's consent."""
    if not draw.drawn_at:
        return []
    prizes = places(draw)
    entrants = {e.code: e for e in Entrant.objects.filter(raffle=draw).select_related("user")}
    rows = []
    for index, code in enumerate(draw.winners):
        entrant = entrants.get(code)
        named = entrant is not None and entrant.name_if_winner
        rows.append(
            {
                "place": index + 1,
                "prize": prizes[index] if index < len(prizes) else "",
                "code": code,
                "name": entrant.user.display_name if named else "",
                "alternate": index >= len(prizes),
            }
        )
    return rows


def set_name_consent(entrant: Entrant, *, user: User, consent: bool) -> None:
    if entrant.user_id != user.pk:
        raise ValidationError("Only the entrant can decide this.")
    with transaction.atomic():
        Entrant.objects.filter(pk=entrant.pk).update(name_if_winner=consent)
        # No actor and no code: the log must not tie a person to their entrant code.
        log_action(
            entrant.raffle,
            "campaigns.raffle.consent_changed",
            actor=None,
            institution=entrant.raffle.institution,
        )
