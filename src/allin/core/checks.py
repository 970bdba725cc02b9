"""Deploy checks Django does not make itself (reliability-perf.md §2.2)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_csp_and_shared_cache(app_configs: Any, **kwargs: Any) -> list[Warning]:
    problems: list[Warning] = []
    if "django.middleware.csp.ContentSecurityPolicyMiddleware" not in settings.MIDDLEWARE:
        problems.append(Warning("The CSP middleware is not installed.", id="allin.W001"))
    if not getattr(settings, "SECURE_CSP", None):
        problems.append(Warning("SECURE_CSP is empty: pages have no CSP.", id="allin.W002"))
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        problems.append(
            Warning(
                "CACHE_URL is locmem://: sign-in rate limits are counted per process and do not "
                "hold across several workers.",
                hint="Set CACHE_URL=redis://127.0.0.1:6379/0 (or db:// for a single machine).",
                id="allin.W003",
            )
        )
    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        problems.append(
            Warning(
                "TASK_BACKEND is immediate: emails are sent inside the web request.",
                hint="Set TASK_BACKEND=database and run `allin db_worker` beside the web server.",
                id="allin.W004",
            )
        )
    return problems
