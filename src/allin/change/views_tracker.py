from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from allin.change import tracker
from allin.change.models import Sphere
from allin.change.views import may_view
from allin.community.queries import latest_reports
from allin.core.cache import CHANGE_PAGE_SECONDS, change_fragment_key
from allin.institutions.decorators import institution_view


@institution_view()
def tracker_page(request: HttpRequest) -> HttpResponse:
    if (refusal := may_view(request)) is not None:
        return refusal
    institution = request.institution
    known = tracker.cycles(institution)
    today = timezone.localdate(timezone=institution.zone)
    try:
        cycle = int(request.GET.get("cycle", ""))
    except ValueError:
        cycle = 0
    if not tracker.FIRST_CYCLE <= cycle <= tracker.LAST_CYCLE:
        cycle = tracker.current_cycle(institution, today)
    # The same for every viewer (no drafts, hidden values hidden for all): rendered once per
    # change generation, which any write to the change apps retires.
    key = change_fragment_key(institution.pk, "tracker", cycle)
    body = cache.get(key)
    if body is None:
        tracks = tracker.track(
            institution, cycle, latest_reports(Sphere.objects.filter(institution=institution))
        )
        body = render_to_string(
            "change/_tracker_body.html",
            {"cycle": cycle, "tracks": tracks, "institution": institution},
        )
        cache.set(key, body, CHANGE_PAGE_SECONDS)
    return render(
        request,
        "change/tracker.html",
        {"cycle": cycle, "cycles": known, "body": mark_safe(body)},  # noqa: S308
    )
