"""Per-person limits on the one-click actions (RSVP, cancel, check-in), counted in the cache.

A fixed window is enough here: the point is to stop a script or a stuck key from hammering the
waitlist, not to meter fair use. Limits come from settings.ALLIN_RATE_LIMITS.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def allowed(scope: str, who: str) -> bool:
    limit, window = settings.ALLIN_RATE_LIMITS[scope]
    key = f"allin:rate:{scope}:{who}"
    # add() starts the window only if none is running; incr() counts within it.
    if cache.add(key, 1, window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the window ran out between add() and incr()
        cache.add(key, 1, window)
        return True


def rate_limited(
    scope: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if (
                request.method == "POST"
                and request.user.is_authenticated
                and not allowed(scope, str(request.user.pk))
            ):
                return render(request, "429.html", status=429)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
