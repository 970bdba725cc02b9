"""The `allin` command: Django's management commands, plus `allin demo` and `allin raffle`."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if argv[1:2] == ["raffle"]:
        # Anyone re-checking a draw runs this without settings, a database or Django.
        from allin.campaigns.raffle import main as raffle

        sys.exit(raffle(argv[2:]))
    if len(argv) > 1 and argv[1] == "demo":
        # The demo is a local, single-process run: development mode, console email, tasks run
        # in-process, and the staff second factor relaxed (the command says so when it starts).
        os.environ.setdefault("DEBUG", "true")
        os.environ.setdefault("ALLIN_DEMO", "true")
        os.environ.setdefault("ALLIN_MFA_REQUIRED_FOR_STAFF", "false")
        os.environ.setdefault("TASK_BACKEND", "immediate")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "allin.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
