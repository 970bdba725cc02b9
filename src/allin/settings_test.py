"""Test settings: the production module with safe defaults for a test run."""

import os
import tempfile

os.environ.setdefault(
    "SECRET_KEY", "test-secret-key-not-for-production-0123456789-abcdefghijklmnop"
)
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("ALLIN_DATA_DIR", os.path.join(tempfile.gettempdir(), "allin-test-data"))

from allin.settings import *  # noqa: F403

# Hashing is not what the tests are about; the fast hasher keeps fixtures cheap.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
