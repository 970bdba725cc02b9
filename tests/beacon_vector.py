"""Real drand quicknet rounds, so that tests draw from a signature that verifies.

drand cannot be reached from the tests or CI. Round 30662982 is as ChainSafe/forest recorded it
from https://api.drand.sh/52db9ba70e0cc0f6eaf7803dd07447a1f5477735fd3f661792ba94600c84e971/public/30662982
in src/beacon/tests/fixtures/drand_quicknet.json; round 3 as drand/drand pins it in
internal/interop/verify_test.go. That both verify against quicknet's key is what
tests/campaigns/test_beacon.py checks.
"""

from datetime import UTC, datetime, timedelta

ROUND = 30662982
SIGNATURE = (
    "8b3edd0d42a2fa36ac15641a2dea2e4f4895acec2ef72ef39e5b6138f0346fb6"
    "b046dde1b4b3d09ff5fe8a6a7acd674a"
)
RANDOMNESS = "ae76da5137c6d0a0d3b50d325948b26cc3ff1f804cd7bbca29b9250c2bfe8d67"
# Published 2026-07-23 07:38:30 UTC; a raffle closing ten minutes earlier announces this round.
PUBLISHED_AT = datetime(2026, 7, 23, 7, 38, 30, tzinfo=UTC)
CLOSES_AT = PUBLISHED_AT - timedelta(minutes=10)

OTHER_ROUND = 3
OTHER_SIGNATURE = (
    "b3fab6df720b68cc47175f2c777e86d84187caab5770906f515ff1099cb01e4d"
    "eaa027075d860823e49477b93c72bd64"
)
OTHER_RANDOMNESS = "7ef4621ace1c6da4eb2eee7cd901f81385bca5b189771ec0f08d0d2566dd1a21"


def flipped(bit: int, signature: str = SIGNATURE) -> str:
    """The signature with one bit changed, bit 0 being the most significant."""
    data = bytearray(bytes.fromhex(signature))
    data[bit // 8] ^= 0x80 >> (bit % 8)
    return data.hex()
