"""Settings come from the environment and fail loudly with a sentence that says what to fix."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from allin import settings as allin_settings

PROD_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-like-secret-for-check-deploy",
    "DEBUG": "false",
    "ALLOWED_HOSTS": "allin.example.edu",
    "DATABASE_URL": "sqlite:////tmp/allin-check-deploy.sqlite3",
    "CACHE_URL": "redis://127.0.0.1:6379/0",
    "TASK_BACKEND": "database",
    "EMAIL_URL": "smtp://mailer:secret@smtp.example.edu:587",
    "SITE_URL": "https://allin.example.edu",
}


def run_allin(args, env):
    clean = {
        k: v for k, v in os.environ.items() if k not in PROD_ENV and not k.startswith("DJANGO")
    }
    for name in ("ALLIN_DATA_DIR", "SECURE_SSL_REDIRECT", "EMAIL_URL", "DATABASE_URL"):
        clean.pop(name, None)  # set by the test settings of this very process
    return subprocess.run(
        [sys.executable, "-m", "allin", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_env_bool_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG must be one of"):
        allin_settings.env_bool("SOME_FLAG", False)
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert allin_settings.env_bool("SOME_FLAG", False) is True


def test_env_int_and_list(monkeypatch):
    monkeypatch.setenv("N", "twelve")
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        allin_settings.env_int("N", 1)
    monkeypatch.setenv("HOSTS", " a.example , b.example,")
    assert allin_settings.env_list("HOSTS", []) == ["a.example", "b.example"]


def test_secret_file_wins(monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    assert allin_settings.env_str("MY_SECRET") == "from-a-file"
    monkeypatch.setenv("MY_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="MY_SECRET_FILE points to"):
        allin_settings.env_str("MY_SECRET")


def test_missing_secret_key_stops_with_a_clear_message(tmp_path):
    result = run_allin(["check"], {"DEBUG": "false", "ALLIN_DATA_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_bad_database_url_and_cache_url_are_named(tmp_path):
    env = {**PROD_ENV, "ALLIN_DATA_DIR": str(tmp_path)}
    result = run_allin(["check"], {**env, "CACHE_URL": "memcached://x"})
    assert "CACHE_URL must start with" in result.stderr
    result = run_allin(["check"], {**env, "TASK_BACKEND": "celery"})
    assert "TASK_BACKEND must be immediate or database" in result.stderr


def test_check_deploy_is_clean_with_production_values(tmp_path):
    result = run_allin(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {**PROD_ENV, "ALLIN_DATA_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_about_per_process_rate_limits(tmp_path):
    env = {**PROD_ENV, "ALLIN_DATA_DIR": str(tmp_path), "CACHE_URL": "locmem://"}
    result = run_allin(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "allin.W003" in result.stderr + result.stdout


def test_env_example_documents_every_variable_the_settings_read():
    import re
    from pathlib import Path

    source = Path(allin_settings.__file__).read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list)\(\s*"([A-Z_]+)"', source))
    read |= set(re.findall(r'os\.environ\.get\("([A-Z_]+)"', source)) - {"NAME"}
    documented = set(
        re.findall(
            r"^([A-Z_]+)=",
            Path("/".join(__file__.split("/")[:-3]) + "/.env.example").read_text(),
            re.M,
        )
    )
    assert read - documented == set()
