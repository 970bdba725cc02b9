"""WAI-RAFFLE-v1: the verifiable draw of the We're All In raffle (research/methods.md §7).

Standard library only, so anyone can re-run a published draw: ``allin raffle verify`` or
``python raffle.py verify``. One ticket per attended session; a winner takes one prize and their
other tickets leave the hat, which is successive sampling in proportion to tickets. The
randomness is a drand round announced before entries close and produced after they freeze, and
every step is SHA-256 and integer arithmetic, so the result is the same in any language.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

VERSION = "WAI-RAFFLE-v1"
DOMAIN = b"WAI-RAFFLE-v1\n"
HEADER = "entrant_code,tickets"
CODE = re.compile(r"^[A-Z0-9]{6,8}$")
# drand quicknet: the chain named in the published rules.
QUICKNET_HASH = "52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971"
QUICKNET_GENESIS = 1692803367
QUICKNET_PERIOD = 3
# The round is drawn ten minutes after entries close, so no one can know it while they are open.
BEACON_DELAY_SECONDS = 600


class EntriesError(ValueError):
    """A published entries file that is not in the canonical form."""


def canonical_entries(entries: Mapping[str, int]) -> bytes:
    """ASCII, a header, one ``code,tickets`` line per entrant sorted by code, LF endings."""
    for code, tickets in entries.items():
        if not CODE.match(code):
            raise EntriesError(f"Entrant code {code!r} is not 6 to 8 capital letters and digits.")
        if not isinstance(tickets, int) or tickets < 1:
            raise EntriesError(f"Entrant {code} must hold a whole number of tickets, at least 1.")
    lines = [HEADER] + [f"{code},{entries[code]}" for code in sorted(entries)]
    return ("\n".join(lines) + "\n").encode("ascii")


def parse_entries(data: bytes) -> dict[str, int]:
    """Read a published entries file, refusing anything but the canonical form it was hashed in."""
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise EntriesError("The entries file must be plain ASCII.") from exc
    if not text.endswith("\n") or "\r" in text:
        raise EntriesError("The entries file must end each line with a single LF.")
    lines = text[:-1].split("\n")
    if lines[0] != HEADER:
        raise EntriesError(f"Line 1 must be {HEADER!r}.")
    entries: dict[str, int] = {}
    for number, line in enumerate(lines[1:], start=2):
        code, _, tickets = line.partition(",")
        if not CODE.match(code) or not tickets.isdigit() or int(tickets) < 1:
            raise EntriesError(f"Line {number} is not 'CODE,tickets': {line!r}.")
        if entries and code <= max(entries):
            raise EntriesError(f"Line {number}: codes must be unique and in sorted order.")
        entries[code] = int(tickets)
    if canonical_entries(entries) != data:
        raise EntriesError("The entries file is not in canonical form.")
    return entries


class Stream:
    """SHA-256 in counter mode: an endless, reproducible run of bytes from one seed."""

    def __init__(self, seed: bytes) -> None:
        self.seed, self.counter, self.buffer = seed, 0, b""

    def take(self, n: int) -> bytes:
        while len(self.buffer) < n:
            block = self.seed + self.counter.to_bytes(8, "big")
            self.buffer += hashlib.sha256(block).digest()
            self.counter += 1
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def below(self, n: int) -> int:
        """Uniform on 0..n-1 without modulo bias: draws past the last whole multiple are redone."""
        limit = (1 << 64) - ((1 << 64) % n)
        while True:
            x = int.from_bytes(self.take(8), "big")
            if x < limit:
                return x % n


@dataclass(frozen=True)
class Draw:
    entries_sha256: str
    seed: str
    winners: tuple[str, ...]  # in prize order, then the alternates in the order drawn


def seed_for(entries_sha256: str, beacon_round: int, randomness_hex: str) -> bytes:
    message = f"{entries_sha256}\n{beacon_round}\n{randomness_hex.lower()}\n".encode("ascii")
    return hashlib.sha256(DOMAIN + message).digest()


def draw(entries: Mapping[str, int], places: int, beacon_round: int, randomness_hex: str) -> Draw:
    """Draw ``places`` distinct entrants: the prizes in order, then any alternates, all from the
    same stream (an alternate never comes from a new seed)."""
    if not re.fullmatch(r"[0-9a-fA-F]{64}", randomness_hex):
        raise ValueError("The beacon randomness must be 64 hexadecimal characters.")
    data = canonical_entries(entries)
    entries_sha256 = hashlib.sha256(data).hexdigest()
    seed = seed_for(entries_sha256, beacon_round, randomness_hex)
    stream, remaining, winners = Stream(seed), sorted(entries.items()), []
    for _ in range(min(places, len(remaining))):
        ticket, running = stream.below(sum(t for _, t in remaining)), 0
        for index, (code, tickets) in enumerate(remaining):
            running += tickets
            if ticket < running:
                winners.append(code)
                del remaining[index]
                break
    return Draw(entries_sha256, seed.hex(), tuple(winners))


def beacon_round_for(closes_at: datetime) -> int:
    """The first quicknet round at or after ten minutes past the close."""
    moment = closes_at.timestamp() + BEACON_DELAY_SECONDS
    return math.ceil((moment - QUICKNET_GENESIS) / QUICKNET_PERIOD) + 1


def rules_sha256(rules: bytes) -> str:
    return hashlib.sha256(rules).hexdigest()


RECORD_KEYS = ("entries_sha256", "beacon_round", "beacon_randomness", "seed", "winners")


def signature_hashes_to(signature_hex: str, randomness_hex: str) -> bool:
    """drand's randomness is SHA-256 of the round's signature. Checking the signature itself
    needs BLS pairings, beyond the standard library: the app does that at draw time."""
    try:
        digest = hashlib.sha256(bytes.fromhex(signature_hex)).hexdigest()
    except ValueError:
        return False
    return digest == randomness_hex.lower()


def verify(entries_file: bytes, record: Mapping[str, object]) -> list[str]:
    """Re-compute a published draw; the list of what does not match (empty when it all does)."""
    try:
        entries = parse_entries(entries_file)
    except EntriesError as exc:
        return [str(exc)]
    missing = [k for k in RECORD_KEYS if k not in record]
    if missing:
        return [f"The draw record lacks {', '.join(missing)}."]
    problems = []
    winners = [str(w) for w in record["winners"]]  # type: ignore[attr-defined]
    try:
        again = draw(
            entries,
            len(winners),
            int(record["beacon_round"]),  # type: ignore[call-overload]
            str(record["beacon_randomness"]),
        )
    except ValueError as exc:
        return [str(exc)]
    if record.get("entries_sha256") != again.entries_sha256:
        problems.append(
            f"The entries file hashes to {again.entries_sha256}, "
            f"not the published {record.get('entries_sha256')}."
        )
    if record.get("seed") != again.seed:
        problems.append(f"The seed is {again.seed}, not the published {record.get('seed')}.")
    if list(again.winners) != winners:
        problems.append(
            f"The draw gives {', '.join(again.winners)}, not the published {', '.join(winners)}."
        )
    signature = str(record.get("beacon_signature") or "")
    if signature and not signature_hashes_to(signature, str(record["beacon_randomness"])):
        problems.append("The SHA-256 of the beacon signature is not the published randomness.")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="allin raffle", description="Re-check a published We're All In raffle draw."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("verify", help="re-compute the winners from the published files")
    check.add_argument("entries", help="the published entries file (entrant_code,tickets)")
    check.add_argument("draw", help="the published draw record (JSON)")
    args = parser.parse_args(argv)
    with open(args.entries, "rb") as handle:
        entries_file = handle.read()
    with open(args.draw, encoding="utf-8") as handle:
        record = json.load(handle)
    problems = verify(entries_file, record)
    if problems:
        for problem in problems:
            print(f"MISMATCH: {problem}")
        return 1
    signed = (
        "its signature hashes to the randomness"
        if record.get("beacon_signature")
        else "no beacon signature in the record"
    )
    print(
        f"OK: {VERSION}, entries {record['entries_sha256']}, round {record['beacon_round']}, "
        f"{signed}"
    )
    for place, code in enumerate(record["winners"], start=1):
        print(f"  {place}. {code}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
