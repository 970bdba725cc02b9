from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def platform(request: HttpRequest) -> dict[str, Any]:
    return {
        "ALLIN_DEMO": settings.ALLIN_DEMO,
        "institution": getattr(request, "institution", None),
        "membership": getattr(request, "membership", None),
    }
