from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from allin.campaigns import queries
from allin.campaigns.models import Campaign
from allin.events.queries import by_day
from allin.institutions.decorators import institution_view


def _campaign(request: HttpRequest, slug: str) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("institution"), institution=request.institution, slug=slug
    )


@institution_view()
def index(request: HttpRequest) -> HttpResponse:
    found = Campaign.objects.filter(institution=request.institution)
    return render(request, "campaigns/index.html", {"campaigns": found})


@institution_view()
def detail(request: HttpRequest, campaign: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    challenges = list(queries.challenges(obj, request.user))
    revealed = [c for c in challenges if c.reveal_at <= timezone.now()]
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": obj,
            "countdown": queries.countdown(obj),
            "days": by_day(queries.sessions(obj, request.user)),
            "challenges": challenges,
            "today": queries.todays_challenge(revealed),
            "prizes": list(obj.prizes.all()),
            "entries": queries.entries(obj, request.user),
            "now": timezone.now(),
        },
    )


@institution_view()
def challenge(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    found = queries.challenges(obj, request.user).filter(slug=challenge).first()
    if found is None:
        raise Http404("No such challenge, or not yet revealed.")
    return render(
        request,
        "campaigns/challenge.html",
        {
            "campaign": obj,
            "challenge": found,
            "preview": found.reveal_at > timezone.now(),
        },
    )
