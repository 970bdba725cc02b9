"""Load benchmark: seed a large data set, serve it with gunicorn on PostgreSQL, drive it with wrk.

    uv run python bench/run.py              # 30 institutions, 30,000 people
    uv run python bench/run.py --growth     # the same, then ten times the data

The server runs on core 0 and the load generator on core 1, so neither starves the other;
PostgreSQL floats. Every page is compared with /healthz/, a constant answer through the full
middleware stack served by the same server in the same run, so the ratio survives a change of
machine. See docs/performance.md for the latest figures.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).resolve().parent / "wrk_report.lua"
PORT = 8765
PAGES = [
    ("bare view (/healthz/)", "/healthz/"),
    ("platform home", "/"),
    ("institution home", "/school-000/"),
    ("events calendar", "/school-000/events/"),
    ("month view", "/school-000/events/?view=month"),
    ("event page", "/school-000/events/session-020/"),
    ("public iCal feed", "/school-000/events/feed.ics"),
    ("change tracker", "/school-000/change/tracker/"),
    ("community map", "/school-000/data-walks/map/"),
]
# Signed in as a member of school-000: no visitor cache, their own RSVPs on every page.
MEMBER_PAGES = [
    ("calendar, member", "/school-000/events/"),
    ("event page, member", "/school-000/events/session-020/"),
    ("My All In, member", "/me/"),
]
MEMBER = (
    "from django_scopes import scopes_disabled\n"
    "from allin.institutions.models import Membership\n"
    "with scopes_disabled():\n"
    "    member = Membership.objects.filter(institution__slug='school-000', role='member')"
    ".order_by('pk').first().user\n"
)


def django_env(database_url: str, data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "CACHE_URL": "locmem://",
        "TASK_BACKEND": "immediate",
        "EMAIL_URL": "console://",
        "ALLIN_DATA_DIR": data_dir,
        "DJANGO_SETTINGS_MODULE": "allin.settings",
    }


def allin(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "allin", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def reset_database(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(env: dict[str, str], institutions: int, people: int) -> float:
    started = time.perf_counter()
    allin(env, "migrate", "--verbosity", "0")
    allin(
        env,
        "shell",
        "-c",
        "from allin.demo.scale import build_scale; "
        f"print(build_scale(institutions={institutions}, people={people}))",
    )
    # A live database has planner statistics; freshly bulk-loaded tables do not until
    # autovacuum gets to them, and without them PostgreSQL scans where it should use an index.
    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        conn.execute("ANALYZE")
    return time.perf_counter() - started


def member_session(env: dict[str, str]) -> str:
    script = (
        MEMBER + "from django.test import Client\n"
        "client = Client()\n"
        "client.force_login(member)\n"
        "print(client.cookies['sessionid'].value)\n"
    )
    return allin(env, "shell", "-c", script).strip().splitlines()[-1]


def queries_per_request(env: dict[str, str]) -> dict[str, str]:
    """Counted in-process with the test client, so the server itself carries no benchmark code.

    "cold/warm": the first request after the cache is emptied, then the steady state.
    """
    script = (
        MEMBER + "import json\n"
        "from django.core.cache import cache\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "visitor, signed_in = Client(), Client()\n"
        "signed_in.force_login(member)\n"
        "out = {}\n"
        f"pages = {[(label, path) for label, path in PAGES + MEMBER_PAGES]!r}\n"
        "for label, path in pages:\n"
        "    client = signed_in if label.endswith(', member') else visitor\n"
        "    counts = []\n"
        "    cache.clear()\n"
        "    for _ in range(2):\n"
        "        with CaptureQueriesContext(connection) as ctx:\n"
        "            response = client.get(path)\n"
        "        assert response.status_code == 200, (path, response.status_code)\n"
        "        counts.append(len(ctx.captured_queries))\n"
        "    out[label] = '/'.join(map(str, counts))\n"
        "print(json.dumps(out))\n"
    )
    return json.loads(allin(env, "shell", "-c", script).strip().splitlines()[-1])


@contextlib.contextmanager
def gunicorn(env: dict[str, str], workers: int, server_cpus: str):
    command = [
        "taskset",
        "-c",
        server_cpus,
        sys.executable,
        "-m",
        "gunicorn",
        "allin.wsgi:application",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--bind",
        f"127.0.0.1:{PORT}",
        "--no-control-socket",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz/", timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.2)
        yield
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def wrk(
    path: str, *, seconds: int, connections: int, client_cpus: str, cookie: str = ""
) -> dict[str, float]:
    url = f"http://127.0.0.1:{PORT}{path}"
    base = ["taskset", "-c", client_cpus, "wrk", "-t1", f"-c{connections}", "-s", str(LUA)]
    if cookie:
        base += ["-H", f"Cookie: sessionid={cookie}"]
    subprocess.run([*base, "-d2s", url], check=True, capture_output=True, timeout=30)  # warm-up
    result = subprocess.run(
        [*base, f"-d{seconds}s", url],
        check=True,
        capture_output=True,
        text=True,
        timeout=seconds + 30,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(env: dict[str, str], args: argparse.Namespace) -> list[dict[str, object]]:
    queries = queries_per_request(env)
    rows: list[dict[str, object]] = []
    with gunicorn(env, args.workers, args.server_cpus):
        cookie = member_session(env)
        for label, path in PAGES + MEMBER_PAGES:
            result = wrk(
                path,
                seconds=args.duration,
                connections=args.connections,
                client_cpus=args.client_cpus,
                cookie=cookie if label.endswith(", member") else "",
            )
            rows.append({"page": label, "path": path, "queries": queries[label], **result})
    baseline = float(rows[0]["rps"])  # type: ignore[arg-type]
    for row in rows:
        row["ratio"] = float(row["rps"]) / baseline  # type: ignore[arg-type]
    return rows


def print_table(title: str, rows: list[dict[str, object]]) -> None:
    print(f"\n{title}")
    header = (
        f"{'page':<24}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'non-2xx':>9}"
        f"{'queries':>10}{'÷ bare':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['page']:<24}{r['rps']:>9.1f}{r['p50_ms']:>9.2f}{r['p95_ms']:>9.2f}"
            f"{r['p99_ms']:>9.2f}{r['non_2xx'] + r['socket_errors']:>9}{r['queries']:>10}"
            f"{r['ratio']:>9.3f}"
        )


def print_growth(small: list[dict[str, object]], large: list[dict[str, object]]) -> None:
    print("\nChange when the data grows tenfold (large ÷ small)")
    print(f"{'page':<24}{'req/s':>9}{'p95 ms':>9}   queries (cold/warm)")
    for s, g in zip(small, large, strict=True):
        print(
            f"{s['page']:<24}{float(g['rps']) / float(s['rps']):>9.2f}"  # type: ignore[arg-type]
            f"{float(g['p95_ms']) / float(s['p95_ms']):>9.2f}"  # type: ignore[arg-type]
            f"{g['queries']!s:>5} vs {s['queries']!s}"
        )


def run(args: argparse.Namespace) -> None:
    admin_url = args.admin_url
    database_url = admin_url.rsplit("/", 1)[0] + f"/{args.database}"
    results = []
    scales = [1, 10] if args.growth else [1]
    with tempfile.TemporaryDirectory() as data_dir:
        env = django_env(database_url, data_dir)
        for factor in scales:
            institutions, people = args.institutions * factor, args.people * factor
            reset_database(admin_url, args.database)
            took = seed(env, institutions, people)
            rows = measure(env, args)
            title = (
                f"{institutions} institutions, {people:,} people "
                f"(seeded in {took:.0f} s); wrk -t1 -c{args.connections} -d{args.duration}s, "
                f"gunicorn {args.workers} sync worker(s) on CPU {args.server_cpus}, "
                f"wrk on CPU {args.client_cpus}"
            )
            print_table(title, rows)
            results.append(rows)
    if args.growth:
        print_growth(results[0], results[1])
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--institutions", type=int, default=30)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--growth", action="store_true", help="also run with ten times the data")
    parser.add_argument("--duration", type=int, default=8, help="seconds per page (default 8)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--server-cpus", default="0")
    parser.add_argument("--client-cpus", default="1")
    parser.add_argument(
        "--admin-url",
        default="postgres://postgres@127.0.0.1:5432/postgres",
        help="a PostgreSQL database to connect to for creating the bench one",
    )
    parser.add_argument("--database", default="allin_bench")
    parser.add_argument("--json", help="also write the figures to this file")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
