from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified

from allin.core.cache import VISITOR_PAGE_SECONDS, visitor_page_key


def calendar_response(request: HttpRequest, body: bytes) -> HttpResponse:
    """A subscription feed: shown inline (no attachment), with an ETag so calendar apps that
    poll every hour get a 304 when nothing changed.

    The ETag ignores DTSTAMP lines, which carry the time of the request.
    """
    stable = b"\n".join(line for line in body.splitlines() if not line.startswith(b"DTSTAMP"))
    etag = f'"{hashlib.sha256(stable).hexdigest()[:32]}"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified(headers={"ETag": etag})
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=900"
    return response


PAGE_PARAMETERS = ("when", "view", "month", "series", "format", "audience")


def cached_for_visitors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve signed-out visitors one rendering of a calendar page until an event or its seats
    change (the events generation), or for a minute, so past events drop off in time. With a
    per-process cache (locmem) and several workers, a change reaches the other workers' copies
    only when they expire; production uses a shared cache.

    Signed-in people always get a fresh page: theirs shows their own RSVPs. A page with a
    pending message or a form token is never stored.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if (
            request.user.is_authenticated
            or request.method != "GET"
            or request.htmx
            or len(messages.get_messages(request))
        ):
            return view(request, *args, **kwargs)
        # Only the parameters the pages read: made-up ones must not mint new cache entries.
        known = sorted((k, request.GET[k][:60]) for k in PAGE_PARAMETERS if k in request.GET)
        key = visitor_page_key(request.institution.pk, f"{request.path}?{urlencode(known)}")
        body = cache.get(key)
        if body is not None:
            return HttpResponse(body)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and b"csrfmiddlewaretoken" not in response.content:
            cache.set(key, response.content, VISITOR_PAGE_SECONDS)
        return response

    return wrapper
