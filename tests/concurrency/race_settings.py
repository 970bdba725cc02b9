"""Settings for the gunicorn that the race tests start: the test settings plus a naive endpoint."""

from allin.settings_test import *  # noqa: F403

ROOT_URLCONF = "tests.concurrency.race_urls"
# Each request returns its connection, so 16 requests in flight use at most 16 connections.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# The races send one person's fifty requests at once on purpose.
ALLIN_RATE_LIMITS = {"rsvp": (10_000, 60), "check_in": (10_000, 60)}
