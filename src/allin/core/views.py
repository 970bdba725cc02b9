from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from allin.core.cache import HOME_LISTING_KEY, HOME_LISTING_SECONDS
from allin.institutions.queries import institutions_for_home
from allin.learning.queries import programs_for_home


def home(request: HttpRequest) -> HttpResponse:
    # The listing is the same for every visitor and grows with the platform, so its rendered
    # HTML is cached: the page costs the same whatever the number of schools and members.
    listing = cache.get(HOME_LISTING_KEY)
    if listing is None:
        listing = render_to_string(
            "core/home_listing.html",
            {"institutions": institutions_for_home(), "programs": programs_for_home()},
        )
        cache.set(HOME_LISTING_KEY, str(listing), HOME_LISTING_SECONDS)
    # Our own template's output, escaped when it was rendered; the cache hands back a str.
    return render(request, "core/home.html", {"listing": mark_safe(listing)})  # noqa: S308


def healthz(request: HttpRequest) -> HttpResponse:
    # Also the benchmark's same-run baseline: a constant answer through the full middleware.
    return HttpResponse(b"ok", content_type="text/plain")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", {"reason": str(exception or "")}, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors that touch the database: the error may be the database itself.
    from django.template import loader

    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403_csrf.html", status=403)
