from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from allin.demo.builder import build_demo, demo_exists
from allin.demo.people import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "Create (or reuse) the demo database, build the demo from the seeds and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset", action="store_true", help="Throw the demo data away and rebuild it."
        )
        parser.add_argument(
            "--port", type=int, default=8000, help="Port to serve on (default 8000)."
        )
        parser.add_argument("--no-serve", action="store_true", help="Build the demo, then stop.")

    def handle(self, *args: Any, reset: bool, port: int, no_serve: bool, **options: Any) -> None:
        db = settings.DATABASES["default"]
        if reset:
            self._reset(db)
        call_command("migrate", interactive=False, verbosity=0)
        if demo_exists():
            self.stdout.write("Reusing the demo database (run with --reset to rebuild it).")
        else:
            self.stdout.write("Building the demo from the seed documents…")
            build_demo()
        self._print_welcome(db, port)
        if not no_serve:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True)

    def _reset(self, db: dict[str, Any]) -> None:
        if db["ENGINE"] == "django.db.backends.sqlite3":
            connection.close()
            for suffix in ("", "-wal", "-shm"):
                path = f"{db['NAME']}{suffix}"
                try:
                    import os

                    os.remove(path)
                except FileNotFoundError:
                    pass
            self.stdout.write(f"Removed {db['NAME']}.")
        else:
            call_command("flush", interactive=False, verbosity=0)
            self.stdout.write("Emptied the database.")

    def _print_welcome(self, db: dict[str, Any], port: int) -> None:
        write = self.stdout.write
        write("")
        write(self.style.SUCCESS(f"All In demo: http://127.0.0.1:{port}/"))
        write(f"Database: {db['NAME']}")
        write("")
        write(f"Sign in with any of these (password for all: {DEMO_PASSWORD}):")
        width = max(len(p.email) for p in PERSONAS)
        for persona in PERSONAS:
            write(f"  {persona.email.ljust(width)}  {persona.name}: {persona.what}")
        write("")
        if not settings.ALLIN_MFA_REQUIRED_FOR_STAFF:
            write(
                self.style.WARNING(
                    "Demo mode: organizers and admins are NOT required to set up a second factor "
                    "(ALLIN_MFA_REQUIRED_FOR_STAFF=false). Production requires it."
                )
            )
        write("Emails (sign-up verification, invitations) are printed to this console.")
        write("")
