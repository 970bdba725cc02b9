"""Organizers create and schedule a campaign: its sessions, challenges and prizes, and see
participation in aggregate."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.campaigns import queries, services
from allin.campaigns.audit import ORGANIZER_ACTIONS
from allin.campaigns.forms import CampaignForm, ChallengeForm, PrizeForm, SessionForm
from allin.campaigns.models import Campaign
from allin.core.audit import history_for
from allin.core.exports import csv_response
from allin.core.forms import apply_validation_error
from allin.events.models import Event
from allin.institutions.decorators import institution_view

MANAGE = "campaigns.run_raffle"


def manage_url(campaign: Campaign) -> str:
    return reverse(
        "campaigns:manage-campaign",
        kwargs={"institution": campaign.institution.slug, "campaign": campaign.slug},
    )


@institution_view(MANAGE, manage=True)
def campaigns(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = services.create_campaign(
                request.institution, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{campaign.name} is scheduled.")
            return redirect(manage_url(campaign))
    listing = Campaign.objects.filter(institution=request.institution)
    return render(request, "campaigns/manage/list.html", {"campaigns": listing, "form": form})


def _events_near(campaign: Campaign):  # type: ignore[no-untyped-def]
    return Event.objects.filter(
        institution=campaign.institution,
        starts_at__gte=campaign.starts_at - timedelta(days=14),
        starts_at__lt=campaign.ends_at + timedelta(days=14),
    ).exclude(pk__in=campaign.sessions.values("event_id"))


def _page(request: HttpRequest, obj: Campaign, **bound: object) -> HttpResponse:
    """The campaign's manage page; a form that failed comes back bound, with its errors."""
    context = {
        "campaign": obj,
        "session_form": SessionForm(events=_events_near(obj)),
        "challenge_form": ChallengeForm(initial={"reveal_at": obj.starts_at}),
        "prize_form": PrizeForm(initial={"rank": obj.prizes.count() + 1}),
        "prizes": obj.prizes.all(),
        "participation": queries.participation(obj),
        "history": history_for(obj, actions=ORGANIZER_ACTIONS),
        "now": timezone.now(),
        **bound,
    }
    return render(request, "campaigns/manage/campaign.html", context)


@institution_view(MANAGE, manage=True)
def campaign(request: HttpRequest, campaign: str) -> HttpResponse:
    obj = get_object_or_404(Campaign, institution=request.institution, slug=campaign)
    return _page(request, obj)


@institution_view(MANAGE, manage=True)
def add(request: HttpRequest, campaign: str, part: str) -> HttpResponse:
    obj = get_object_or_404(Campaign, institution=request.institution, slug=campaign)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    forms = {
        "session": lambda: SessionForm(request.POST, events=_events_near(obj)),
        "challenge": lambda: ChallengeForm(request.POST),
        "prize": lambda: PrizeForm(request.POST),
    }
    if part not in forms:
        raise Http404("Nothing to add here.")
    form = forms[part]()
    if form.is_valid():
        try:
            if part == "session":
                services.add_session(obj, form.cleaned_data["event"], actor=request.user)
            elif part == "challenge":
                services.create_challenge(obj, actor=request.user, **form.cleaned_data)
            else:
                services.add_prize(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Added.")
            return redirect(manage_url(obj))
    return _page(request, obj, **{f"{part}_form": form})


@institution_view(MANAGE, manage=True)
def reflections_export(request: HttpRequest, campaign: str) -> HttpResponse:
    """What members shared with the organizers or the community; never a private one."""
    obj = get_object_or_404(Campaign, institution=request.institution, slug=campaign)
    return csv_response(
        f"{obj.slug}-shared-reflections.csv",
        ["Challenge", "Shared with", "Author", "Reflection"],
        queries.shared_reflections(obj),
    )
