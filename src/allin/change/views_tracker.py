from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from allin.change import tracker
from allin.change.models import Sphere
from allin.change.views import may_view
from allin.community.queries import latest_reports
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
    return render(
        request,
        "change/tracker.html",
        {
            "cycle": cycle,
            "cycles": known,
            "tracks": tracker.track(
                institution,
                cycle,
                latest_reports(Sphere.objects.filter(institution=institution)),
            ),
        },
    )
