"""drand quicknet's BLS check against real rounds, and fetching a round from a relay."""

import io
import json

import pytest

from allin.campaigns import beacon, draws, raffle
from tests import beacon_vector as real


@pytest.mark.parametrize(
    ("round_", "signature", "randomness"),
    [
        (real.ROUND, real.SIGNATURE, real.RANDOMNESS),
        (real.OTHER_ROUND, real.OTHER_SIGNATURE, real.OTHER_RANDOMNESS),
    ],
)
def test_real_rounds_verify_and_hash_to_their_randomness(round_, signature, randomness):
    assert beacon.verify_quicknet(round_, signature)
    assert beacon.verify_quicknet(round_, signature.upper())
    assert beacon.randomness_of(signature) == randomness


def test_the_pinned_key_and_chain_are_quicknets():
    assert beacon.QUICKNET_PUBLIC_KEY.hex() == (
        "83cf0f2896adee7eb8b5f01fcad3912212c437e0073e911fb90022d3e760183c8c4b450b6a0a6c3ac6a5776a2d"
        "1064510d1fec758c921cc22b0e17e63aaf4bcb5ed66304de9cf809bd274ca73bab4af5a6e9c76a4bc09e76eae8"
        "991ef5ece45a"
    )
    assert beacon.round_url(real.ROUND) == (
        f"https://api.drand.sh/{raffle.QUICKNET_HASH}/public/{real.ROUND}"
    )
    assert raffle.beacon_round_for(real.CLOSES_AT) == real.ROUND
    assert draws.round_published_at(real.ROUND) == real.PUBLISHED_AT


def test_a_signature_for_another_round_fails():
    assert not beacon.verify_quicknet(real.ROUND + 1, real.SIGNATURE)
    assert not beacon.verify_quicknet(real.OTHER_ROUND, real.SIGNATURE)
    assert not beacon.verify_quicknet(real.ROUND, real.OTHER_SIGNATURE)


# Bit 0 is the compression flag and bit 2 the sign of y; the rest is x.
@pytest.mark.parametrize("bit", [0, 2, 200, 383])
def test_a_flipped_bit_fails(bit):
    assert not beacon.verify_quicknet(real.ROUND, real.flipped(bit))


@pytest.mark.parametrize(
    "signature",
    ["", "zz" * 48, real.SIGNATURE[:-2], real.SIGNATURE + "00", "c0" + "00" * 47],
)
def test_malformed_signatures_and_the_identity_fail(signature):
    assert not beacon.verify_quicknet(real.ROUND, signature)


def _relay(monkeypatch, answer: object) -> list[str]:
    asked: list[str] = []

    def urlopen(url: str, timeout: float) -> io.BytesIO:
        asked.append(url)
        if isinstance(answer, Exception):
            raise answer
        return io.BytesIO(json.dumps(answer).encode())

    monkeypatch.setattr(beacon.urllib.request, "urlopen", urlopen)
    return asked


def test_fetch_beacon_returns_a_round_that_checks_out(monkeypatch):
    asked = _relay(
        monkeypatch,
        {"round": real.ROUND, "randomness": real.RANDOMNESS, "signature": real.SIGNATURE},
    )
    assert beacon.fetch_beacon(real.ROUND) == beacon.Beacon(
        real.ROUND, real.RANDOMNESS, real.SIGNATURE
    )
    assert asked == [beacon.round_url(real.ROUND)]


@pytest.mark.parametrize(
    "answer",
    [
        {"round": real.ROUND, "randomness": "ab" * 32, "signature": real.SIGNATURE},
        {
            "round": real.ROUND,
            "randomness": beacon.randomness_of(real.flipped(200)),
            "signature": real.flipped(200),
        },
        {"round": real.ROUND + 1, "randomness": real.RANDOMNESS, "signature": real.SIGNATURE},
        {"round": real.ROUND, "randomness": real.RANDOMNESS},
        ["not", "a", "beacon"],
        OSError("unreachable"),
    ],
    ids=["randomness-not-the-hash", "forged", "other-round", "no-signature", "junk", "down"],
)
def test_fetch_beacon_refuses_what_does_not_check_out(monkeypatch, answer):
    _relay(monkeypatch, answer)
    assert beacon.fetch_beacon(real.ROUND) is None
