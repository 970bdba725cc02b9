"""Organizers change or remove what they created in a campaign. Each form calls one service of
campaigns.editing; a refusal comes back next to the form, and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.campaigns import editing
from allin.campaigns.audit import ORGANIZER_ACTIONS
from allin.campaigns.forms import CampaignEditForm, ChallengeForm, PrizeForm
from allin.campaigns.models import Campaign, CampaignEvent, Challenge, Prize
from allin.campaigns.views_manage import MANAGE, manage_url
from allin.core.audit import history_for
from allin.core.forms import apply_validation_error
from allin.institutions.decorators import institution_view

# Prize.rank is a PositiveSmallIntegerField; a larger number in the address names no prize.
MAX_RANK = 32767


def _campaign(request: HttpRequest, slug: str) -> Campaign:
    return get_object_or_404(
        Campaign.objects.select_related("institution"), institution=request.institution, slug=slug
    )


def _challenge(request: HttpRequest, campaign: str, slug: str) -> Challenge:
    obj = _campaign(request, campaign)
    return get_object_or_404(
        Challenge.objects.select_related("campaign__institution"), campaign=obj, slug=slug
    )


def _prize(request: HttpRequest, campaign: str, rank: int) -> Prize:
    obj = _campaign(request, campaign)
    if rank > MAX_RANK:
        raise Http404("No such prize.")
    return get_object_or_404(
        Prize.objects.select_related("campaign__institution"), campaign=obj, rank=rank
    )


def _edit_page(request: HttpRequest, campaign: Campaign, **context: object) -> HttpResponse:
    return render(request, "campaigns/manage/edit.html", {"campaign": campaign, **context})


def _confirm(
    request: HttpRequest,
    campaign: Campaign,
    act: Callable[[], None],
    *,
    done: str,
    **context: object,
) -> HttpResponse:
    """The confirmation page on GET; on POST, ``act()`` and back to the campaign, or the
    refusal shown above the button."""
    form = forms.Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            act()
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(manage_url(campaign))
    return render(
        request,
        "campaigns/manage/confirm.html",
        {"campaign": campaign, "form": form, **context},
    )


@institution_view(MANAGE, manage=True)
def edit_campaign(request: HttpRequest, campaign: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    initial = {name: getattr(obj, name) for name in CampaignEditForm.base_fields}
    form = CampaignEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_campaign(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Campaign saved.")
            return redirect(manage_url(obj))
    return _edit_page(
        request,
        obj,
        form=form,
        heading=f"Edit {obj.name}",
        note="The short name in the address stays as created: it is in published links and "
        "in the raffle's rules.",
        history=history_for(obj, actions=ORGANIZER_ACTIONS),
    )


@institution_view(MANAGE, manage=True)
def edit_challenge(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    found = _challenge(request, campaign, challenge)
    form = ChallengeForm(request.POST or None, initial=ChallengeForm.initial_for(found))
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_challenge(found, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Challenge saved.")
            return redirect(manage_url(found.campaign))
    if found.reveal_at <= timezone.now():
        note = "Revealed: its short name stays, since people have the address."
    elif editing.slug_is_fixed(found):
        note = (
            "Not revealed now: members cannot see it. Its short name stays: people have had "
            "the address."
        )
    else:
        note = "Not revealed yet: members cannot see it."
    return _edit_page(
        request,
        found.campaign,
        form=form,
        heading=f"Edit the challenge {found.title}",
        note=note,
        preview_url=found.get_absolute_url(),
        delete_url=reverse(
            "campaigns:manage-challenge-delete",
            kwargs={
                "institution": request.institution.slug,
                "campaign": found.campaign.slug,
                "challenge": found.slug,
            },
        ),
        history=history_for(found, actions=ORGANIZER_ACTIONS),
    )


@institution_view(MANAGE, manage=True)
def delete_challenge(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    found = _challenge(request, campaign, challenge)
    return _confirm(
        request,
        found.campaign,
        lambda: editing.delete_challenge(found, actor=request.user),
        done=f"The challenge {found.title} is deleted.",
        heading=f"Delete the challenge {found.title}?",
        explanation="This cannot be undone. A challenge people have written on cannot be "
        "deleted; move its reveal time instead.",
        button="Delete the challenge",
    )


@institution_view(MANAGE, manage=True)
def edit_prize(request: HttpRequest, campaign: str, rank: int) -> HttpResponse:
    prize = _prize(request, campaign, rank)
    initial = {name: getattr(prize, name) for name in PrizeForm.base_fields}
    form = PrizeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.update_prize(prize, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Prize saved.")
            return redirect(manage_url(prize.campaign))
    return _edit_page(
        request,
        prize.campaign,
        form=form,
        heading=f"Edit prize {prize.rank}: {prize.name}",
        note="Prizes are fixed once the raffle's rules are published.",
        delete_url=reverse(
            "campaigns:manage-prize-delete",
            kwargs={
                "institution": request.institution.slug,
                "campaign": prize.campaign.slug,
                "rank": prize.rank,
            },
        ),
        history=history_for(prize, actions=ORGANIZER_ACTIONS),
    )


@institution_view(MANAGE, manage=True)
def delete_prize(request: HttpRequest, campaign: str, rank: int) -> HttpResponse:
    prize = _prize(request, campaign, rank)
    return _confirm(
        request,
        prize.campaign,
        lambda: editing.delete_prize(prize, actor=request.user),
        done=f"Prize {prize.rank}, {prize.name}, is deleted.",
        heading=f"Delete prize {prize.rank}: {prize.name}?",
        explanation="Prizes are fixed once the raffle's rules are published.",
        button="Delete the prize",
    )


@institution_view(MANAGE, manage=True)
def remove_session(request: HttpRequest, campaign: str, event: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    link = get_object_or_404(
        CampaignEvent.objects.select_related("event", "campaign"), campaign=obj, event__slug=event
    )
    return _confirm(
        request,
        obj,
        lambda: editing.remove_session(link, actor=request.user),
        done=f"{link.event.title} is no longer part of the campaign.",
        heading=f"Remove {link.event.title} from the campaign?",
        explanation="The event itself stays on the calendar, with its RSVPs and attendance. "
        "Sessions are fixed once the raffle's rules are published.",
        button="Remove the session",
    )
