"""drand quicknet: a round's URL, fetching it, and its BLS signature, the proof that the
randomness came from the beacon and was not typed in by whoever ran the draw.

quicknet (scheme ``bls-unchained-g1-rfc9380``) signs SHA-256 of the round number as 8 bytes
big-endian, hashed to G1 with RFC 9380; the signature is a compressed G1 point, the chain's key a
compressed G2 point, and the randomness is SHA-256 of the signature. The app checks this at draw
time; ``allin raffle verify`` stays standard-library only and re-checks just the SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import re
import urllib.request
from dataclasses import dataclass
from functools import cache, lru_cache

from py_ecc.bls.g2_primitives import subgroup_check
from py_ecc.bls.hash_to_curve import hash_to_G1
from py_ecc.bls.point_compression import decompress_G1, decompress_G2
from py_ecc.bls.typing import G1Compressed, G2Compressed, G2Uncompressed
from py_ecc.fields import optimized_bls12_381_FQ12 as FQ12
from py_ecc.optimized_bls12_381 import G2, final_exponentiate, is_inf, neg, pairing

from allin.campaigns.raffle import QUICKNET_HASH

# From https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/info;
# pinned, because a key fetched next to the signature would prove nothing.
QUICKNET_PUBLIC_KEY = bytes.fromhex(
    "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c"
    "8c4b450b6a0a6c3ac6a5776a2d1064510d1fec758c921cc22b0e17e63aaf4bcb"
    "5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8991ef5ece45a"
)
DRAND = "https://api.drand.sh/{chain}/public/{round}"
DST = b"BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_"
SIGNATURE = re.compile(r"[0-9a-fA-F]{96}")


def randomness_of(signature_hex: str) -> str:
    return hashlib.sha256(bytes.fromhex(signature_hex)).hexdigest()


@cache
def _public_key() -> G2Uncompressed:
    key = QUICKNET_PUBLIC_KEY
    return decompress_G2(G2Compressed((int.from_bytes(key[:48]), int.from_bytes(key[48:]))))


@lru_cache(maxsize=32)
def verify_quicknet(round: int, signature_hex: str) -> bool:
    """Whether ``signature_hex`` is quicknet's signature of ``round``.

    Pure Python, so slow: about 0.2-0.3 s on one core (measured with py_ecc 8.0.0). That is
    fine once per draw; the cache spares a second run when the page fetched the beacon and the
    draw then checks the same signature.
    """
    if not SIGNATURE.fullmatch(signature_hex) or not 0 < round < 2**64:
        return False
    try:
        point = decompress_G1(G1Compressed(int(signature_hex, 16)))
    except ValueError:
        return False
    # decompress_G1 only checks the curve equation; a point outside the prime-order subgroup
    # (or the identity) must not count as a signature.
    if is_inf(point) or not subgroup_check(point):
        return False
    hashed = hash_to_G1(hashlib.sha256(round.to_bytes(8)).digest(), DST, hashlib.sha256)
    # e(sig, g2) == e(H(m), pk), as one product so there is a single final exponentiation.
    product = pairing(G2, point, final_exponentiate=False) * pairing(
        _public_key(), neg(hashed), final_exponentiate=False
    )
    return final_exponentiate(product) == FQ12.one()


@dataclass(frozen=True)
class Beacon:
    round: int
    randomness: str
    signature: str


def round_url(beacon_round: int) -> str:
    return DRAND.format(chain=QUICKNET_HASH, round=beacon_round)


def fetch_beacon(beacon_round: int, *, timeout: float = 3.0) -> Beacon | None:
    """The round from drand, or None when it cannot be reached or its answer does not check
    out (then the organizer copies the signature from any drand mirror)."""
    try:
        with urllib.request.urlopen(round_url(beacon_round), timeout=timeout) as response:  # noqa: S310
            data = json.load(response)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("round") != beacon_round:
        return None
    signature, randomness = data.get("signature"), data.get("randomness")
    if not isinstance(signature, str) or not isinstance(randomness, str):
        return None
    signature, randomness = signature.lower(), randomness.lower()
    if not SIGNATURE.fullmatch(signature) or randomness != randomness_of(signature):
        return None
    # A relay is only a messenger: its answer counts only if the chain's key signed it.
    if not verify_quicknet(beacon_round, signature):
        return None
    return Beacon(beacon_round, randomness, signature)
