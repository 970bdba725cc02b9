from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified


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
