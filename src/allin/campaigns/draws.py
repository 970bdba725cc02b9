"""Every write to a campaign's raffle: publish the rules, freeze the entries, draw once, and
pass a declined place to the next alternate.

The order is the protocol of WAI-RAFFLE-v1 (research/methods.md §7): nothing can be steered,
because the beacon round is fixed in the published rules and comes after the entries freeze.
"""

from __future__ import annotations

import hashlib
import secrets
import string
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Sum
from django.utils import timezone

from allin.accounts.models import User
from allin.campaigns import beacon, tasks
from allin.campaigns import raffle as wai
from allin.campaigns.models import Campaign, Entrant, Raffle
from allin.core.audit import log_action
from allin.events.models import Attendance

ALPHABET = string.ascii_uppercase + string.digits
ALTERNATES = 3


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
    try:
        with transaction.atomic():
            # Locked as the prize services lock it: the rules list the prizes, so none may
            # change between reading them here and publishing.
            Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
            text = rules_text(campaign, closes_at, beacon_round)
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


def _beacon_randomness(draw: Raffle, signature_hex: str, randomness_hex: str) -> str:
    """The randomness to draw from: SHA-256 of a signature that verifies for the announced
    round, or, with no signature, the randomness as given (a record shown as unverified)."""
    if signature_hex and randomness_hex:
        raise ValidationError("Give the round's signature or its randomness, not both.")
    if not signature_hex:
        if not randomness_hex:
            raise ValidationError({"signature": "Enter the signature of the announced round."})
        return randomness_hex
    if not beacon.SIGNATURE.fullmatch(signature_hex):
        raise ValidationError({"signature": "The signature must be 96 hexadecimal characters."})
    if not beacon.verify_quicknet(draw.beacon_round, signature_hex):
        raise ValidationError(
            {
                "signature": f"This is not drand quicknet's signature of round "
                f"{draw.beacon_round}: copy it again from the round's own page."
            }
        )
    return beacon.randomness_of(signature_hex)


def run_draw(
    draw: Raffle,
    *,
    actor: User | None,
    signature_hex: str = "",
    randomness_hex: str = "",
    now: datetime | None = None,
) -> Raffle:
    """Draw once, from the announced round's signature. A second request, even at the same
    instant, finds the draw made.

    ``randomness_hex`` without a signature is only for a record that has none (the demo's
    made-up last year): nothing ties it to drand, and the results page says so.
    """
    signature_hex = signature_hex.strip().lower()
    randomness_hex = randomness_hex.strip().lower()
    now = now or timezone.now()
    if draw.frozen_at is None:
        raise ValidationError("Freeze the entries first.")
    if now < round_published_at(draw.beacon_round):
        raise ValidationError("The announced beacon round is not published yet.")
    # Outside the transaction: the pairing check takes a fraction of a second of CPU.
    randomness_hex = _beacon_randomness(draw, signature_hex, randomness_hex)
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
            beacon_signature=signature_hex,
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
            data={
                "round": draw.beacon_round,
                "seed": result.seed,
                "signature_verified": bool(signature_hex),
            },
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
        "beacon_signature": draw.beacon_signature,
        "seed": draw.seed,
        "winners": draw.winners,
    }


def places(draw: Raffle) -> list[str]:
    """The prize of each place, first prize first, one place per item of a prize."""
    return [p.name for p in draw.campaign.prizes.all() for _ in range(p.quantity)]


@dataclass(frozen=True)
class Results:
    """The effective outcome: each place with who holds it now, then the alternates."""

    places: list[dict[str, object]] = field(default_factory=list)
    alternates: list[dict[str, object]] = field(default_factory=list)


def _reassign(
    winners: list[str], count: int, declines: list[str]
) -> tuple[list[str | None], list[list[str]]]:
    """Replay the declines in the order they were made: each declined place passes to the next
    alternate in stream order not yet used and not declined. Only the published draw and the
    declines go in, so anyone can get the same outcome again."""
    holders: list[str | None] = list(winners[:count])
    alternates = winners[count:]
    declined: list[list[str]] = [[] for _ in range(count)]
    gone: set[str] = set()
    called = 0
    for code in declines:
        gone.add(code)
        if code not in holders:
            continue
        place = holders.index(code)
        declined[place].append(code)
        while called < len(alternates) and alternates[called] in gone:
            called += 1
        holders[place] = alternates[called] if called < len(alternates) else None
        called += 1
    return holders, declined


def results(draw: Raffle) -> Results:
    """Who holds each place after any declines; a name only with the person's consent."""
    if not draw.drawn_at:
        return Results()
    prizes = places(draw)
    count = min(len(prizes), len(draw.winners))
    entrants = {e.code: e for e in Entrant.objects.filter(raffle=draw).select_related("user")}
    declines = sorted(
        (e for e in entrants.values() if e.declined_at is not None),
        key=lambda e: (e.declined_at, e.pk),
    )
    holders, declined = _reassign(draw.winners, count, [e.code for e in declines])
    alternates = draw.winners[count:]

    def person(code: str) -> dict[str, object]:
        entrant = entrants.get(code)
        named = entrant is not None and entrant.name_if_winner
        return {"code": code, "name": entrant.user.display_name if named else ""}

    rows = [
        {
            "place": index + 1,
            "prize": prizes[index],
            **person(code or ""),
            "unclaimed": code is None,
            "alternate": alternates.index(code) + 1 if code in alternates else None,
            "declined": [person(c) for c in declined[index]],
        }
        for index, code in enumerate(holders)
    ]
    took = {code: index + 1 for index, code in enumerate(holders) if code in alternates}
    spares = [
        {
            "number": number,
            "code": code,
            "took": took.get(code),
            "declined": any(code in d for d in declined),
        }
        for number, code in enumerate(alternates, start=1)
    ]
    return Results(rows, spares)


def decline(entrant: Entrant, *, actor: User | None, now: datetime | None = None) -> Entrant | None:
    """The winner holding a place gives it up, or an organizer marks it declined or not claimed.

    Sets ``declined_at``; the place passes to the next alternate, who is emailed on commit.
    Returns that alternate, or None when none is left and the place stays unclaimed.
    """
    own = actor is not None and actor.pk == entrant.user_id
    with transaction.atomic():
        # The lock makes declines take turns, so two at once call in two different alternates.
        draw = (
            Raffle.objects.select_for_update()
            .select_related("institution")
            .get(pk=entrant.raffle_id)
        )
        if (
            not own
            and actor is not None
            and not actor.has_perm("campaigns.run_raffle", draw.institution)
        ):
            raise PermissionDenied("Only the winner or an organizer can do this.")
        if draw.drawn_at is None:
            raise ValidationError("The raffle is not drawn yet, so there is no prize to decline.")
        entrant = Entrant.objects.get(pk=entrant.pk)
        if entrant.declined_at is not None:
            raise ValidationError(
                "You have already declined your prize."
                if own
                else f"Entrant {entrant.code} has already declined or not claimed their prize."
            )
        held = next((p for p in results(draw).places if p["code"] == entrant.code), None)
        if held is None:
            raise ValidationError(
                "Only a winner can decline a prize; an alternate not called in has none yet."
            )
        moment = now or timezone.now()
        latest = draw.entrants.aggregate(latest=Max("declined_at"))["latest"]
        if latest is not None and moment <= latest:
            # Declines are replayed in time order, so each must come strictly after the last.
            moment = latest + timedelta(microseconds=1)
        Entrant.objects.filter(pk=entrant.pk).update(declined_at=moment)
        place = int(held["place"])  # type: ignore[call-overload]
        code = results(draw).places[place - 1]["code"]
        called = draw.entrants.get(code=code) if code else None
        # A winner's own decline names no one: the log must not tie a person to their code.
        log_action(
            draw,
            "campaigns.raffle.prize_declined" if own else "campaigns.raffle.prize_released",
            actor=None if own else actor,
            institution=draw.institution,
            data={"place": place},
        )
        if called is not None:
            pk = called.pk
            transaction.on_commit(lambda: tasks.send_alternate_email.enqueue(entrant_id=pk))
    return called


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
