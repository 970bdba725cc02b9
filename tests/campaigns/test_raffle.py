"""WAI-RAFFLE-v1 against the test vector of research/methods.md §7, and its properties."""

import json
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from allin.campaigns import raffle
from tests import beacon_vector as real

VECTOR = {"K7Q2MX": 5, "A3F9ZP": 1, "P0LW4C": 3, "ZZ81RT": 2, "M4D0NB": 4}
RANDOMNESS = "ab" * 32


def test_the_published_test_vector_reproduces_exactly():
    result = raffle.draw(VECTOR, 3, 1234567, RANDOMNESS)
    assert result.entries_sha256 == (
        "1223a0158d85de63e19bdf14008ff1858d97c7d7fff69ca008a3d8868b4a38a7"
    )
    assert result.seed == "3a5088b3d4f586c7f44b7e5446267fdcf6f9883f5ce9b0d0579f67923c9ca865"
    assert result.winners == ("ZZ81RT", "M4D0NB", "P0LW4C")


def test_alternates_continue_the_same_stream():
    with_alternates = raffle.draw(VECTOR, 5, 1234567, RANDOMNESS)
    assert with_alternates.winners[:3] == ("ZZ81RT", "M4D0NB", "P0LW4C")
    assert sorted(with_alternates.winners) == sorted(VECTOR)


def test_the_beacon_round_is_the_first_ten_minutes_after_the_close():
    close = datetime(2024, 9, 13, 17, 0, tzinfo=ZoneInfo("America/New_York"))
    assert raffle.beacon_round_for(close) == 11152812


entries_strategy = st.dictionaries(
    st.from_regex(r"[A-Z0-9]{6,8}", fullmatch=True), st.integers(1, 12), min_size=1, max_size=30
)


@settings(max_examples=200, deadline=None)
@given(entries=entries_strategy, places=st.integers(1, 40), round_=st.integers(1, 10**8))
def test_same_inputs_same_winners_and_nobody_wins_twice(entries, places, round_):
    randomness = f"{round_:064x}"
    first = raffle.draw(entries, places, round_, randomness)
    assert first == raffle.draw(dict(reversed(list(entries.items()))), places, round_, randomness)
    assert len(set(first.winners)) == len(first.winners) == min(places, len(entries))
    assert set(first.winners) <= set(entries)


def test_first_prize_follows_the_ticket_shares():
    """Chi-square over 6,000 beacon values; 13.82 is the 0.999 quantile for two degrees."""
    tickets = {"AAAAAA": 5, "BBBBBB": 1, "CCCCCC": 3}
    runs = 6000
    firsts = Counter(raffle.draw(tickets, 1, r, f"{r:064x}").winners[0] for r in range(runs))
    total = sum(tickets.values())
    chi2 = sum(
        (firsts[code] - runs * t / total) ** 2 / (runs * t / total) for code, t in tickets.items()
    )
    assert chi2 < 13.82


@settings(max_examples=100, deadline=None)
@given(entries=entries_strategy)
def test_entries_files_round_trip_and_refuse_other_forms(entries):
    data = raffle.canonical_entries(entries)
    assert raffle.parse_entries(data) == entries
    with pytest.raises(raffle.EntriesError):
        raffle.parse_entries(data.replace(b"\n", b"\r\n"))


def _published(tmp_path, entries, places=3, beacon=(1234567, RANDOMNESS, "")):
    round_, randomness, signature = beacon
    result = raffle.draw(entries, places, round_, randomness)
    (tmp_path / "entries.csv").write_bytes(raffle.canonical_entries(entries))
    record = {
        "version": raffle.VERSION,
        "entries_sha256": result.entries_sha256,
        "beacon_chain": raffle.QUICKNET_HASH,
        "beacon_round": round_,
        "beacon_randomness": randomness,
        "beacon_signature": signature,
        "seed": result.seed,
        "winners": list(result.winners),
    }
    (tmp_path / "draw.json").write_text(json.dumps(record))
    return record


def test_verify_reproduces_the_published_winners(tmp_path):
    record = _published(tmp_path, VECTOR)
    assert raffle.verify((tmp_path / "entries.csv").read_bytes(), record) == []


def test_one_changed_ticket_changes_the_hash_and_fails_verification(tmp_path):
    record = _published(tmp_path, VECTOR)
    changed = raffle.canonical_entries({**VECTOR, "A3F9ZP": 2})
    problems = raffle.verify(changed, record)
    assert any("hashes to" in p for p in problems)


REAL = (real.ROUND, real.RANDOMNESS, real.SIGNATURE)


def test_a_signature_must_hash_to_the_published_randomness(tmp_path):
    record = _published(tmp_path, VECTOR, beacon=REAL)
    entries = (tmp_path / "entries.csv").read_bytes()
    assert raffle.verify(entries, record) == []
    mismatch = ["The SHA-256 of the beacon signature is not the published randomness."]
    assert raffle.verify(entries, {**record, "beacon_signature": real.flipped(200)}) == mismatch
    assert raffle.verify(entries, {**record, "beacon_signature": "not hex"}) == mismatch
    # Records from before signatures were published still verify.
    del record["beacon_signature"]
    assert raffle.verify(entries, record) == []


def test_a_malformed_record_or_file_is_a_clear_message():
    data = raffle.canonical_entries(VECTOR)
    assert raffle.verify(data, {}) == [
        "The draw record lacks entries_sha256, beacon_round, beacon_randomness, seed, winners."
    ]
    assert "Line 1" in raffle.verify(b"code,tickets\n", {})[0]


def test_allin_raffle_verify_runs_without_django_or_any_installed_package(tmp_path):
    _published(tmp_path, VECTOR, beacon=REAL)
    winners = raffle.draw(VECTOR, 3, real.ROUND, real.RANDOMNESS).winners
    # -S leaves site-packages out, so neither Django nor py_ecc can be imported.
    env = {
        **{
            k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE")
        },
        "PYTHONPATH": str(Path(raffle.__file__).parents[2]),
    }
    command = [sys.executable, "-S", "-m", "allin", "raffle", "verify"]
    files = [str(tmp_path / "entries.csv"), str(tmp_path / "draw.json")]
    ok = subprocess.run([*command, *files], env=env, capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.splitlines()[0].endswith("its signature hashes to the randomness")
    assert ok.stdout.splitlines()[1:] == [f"  {i}. {code}" for i, code in enumerate(winners, 1)]
    record = json.loads((tmp_path / "draw.json").read_text())
    (tmp_path / "draw.json").write_text(
        json.dumps({**record, "beacon_signature": real.OTHER_SIGNATURE})
    )
    bad = subprocess.run([*command, *files], env=env, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert (
        bad.stdout
        == "MISMATCH: The SHA-256 of the beacon signature is not the published randomness.\n"
    )


def test_the_verifier_needs_only_the_standard_library():
    import ast

    tree = ast.parse(Path(raffle.__file__).read_text())
    modules = {
        (node.module if isinstance(node, ast.ImportFrom) else alias.name).split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert modules - {"__future__"} <= sys.stdlib_module_names
