"""Settings for the gunicorn that the race tests start: the test settings plus a naive endpoint."""

import os

from allin.settings_test import *  # noqa: F403

ROOT_URLCONF = "tests.concurrency.race_urls"
# Each request returns its connection, so 16 requests in flight use at most 16 connections.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The races send one person's fifty requests at once on purpose.
ALLIN_RATE_LIMITS = dict.fromkeys(ALLIN_RATE_LIMITS, (10_000, 60))  # noqa: F405
# A race test that counts the mail sent reads it from files: the server's locmem is not its own.
if os.environ.get("RACE_MAIL_DIR"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": os.environ["RACE_MAIL_DIR"]},
        }
    }
