"""The raffle's public record, the organizer's three steps, and a winner who declines."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.campaigns import beacon, draws, queries
from allin.campaigns.forms import DrawForm
from allin.campaigns.models import Campaign, Entrant, Raffle
from allin.campaigns.views import _campaign
from allin.core.forms import apply_validation_error
from allin.institutions.decorators import institution_view


def _raffle(campaign: Campaign) -> Raffle | None:
    return Raffle.objects.filter(campaign=campaign).first()


def _url(campaign: Campaign) -> str:
    return reverse(
        "campaigns:raffle",
        kwargs={"institution": campaign.institution.slug, "campaign": campaign.slug},
    )


@institution_view()
def raffle(request: HttpRequest, campaign: str) -> HttpResponse:
    return _page(request, _campaign(request, campaign))


def _page(request: HttpRequest, obj: Campaign, draw_form: DrawForm | None = None) -> HttpResponse:
    draw = _raffle(obj)
    mine = None
    if draw is not None and request.user.is_authenticated:
        mine = Entrant.objects.filter(raffle=draw, user=request.user).first()
    outcome = draws.results(draw) if draw else draws.Results()
    # Only the person now holding a place sees the button to decline it.
    holding = next((p for p in outcome.places if mine and p["code"] == mine.code), None)
    if draw_form is None and draw is not None:
        draw_form = DrawForm(beacon_round=draw.beacon_round)
    return render(
        request,
        "campaigns/raffle.html",
        {
            "campaign": obj,
            "draw": draw,
            "mine": mine,
            "organizer": queries.may_preview(request.user, obj),
            "round_at": draws.round_published_at(draw.beacon_round) if draw else None,
            "round_url": beacon.round_url(draw.beacon_round) if draw else "",
            "draw_form": draw_form,
            "now": timezone.now(),
            "prizes": list(obj.prizes.all()),
            "results": outcome,
            "holding": holding,
        },
    )


@institution_view("campaigns.reflect")
def consent(request: HttpRequest, campaign: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    draw = _raffle(obj)
    entrant = Entrant.objects.filter(raffle=draw, user=request.user).first() if draw else None
    if entrant is None:
        raise Http404("You have no entry in this raffle.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    consent_given = request.POST.get("name_if_winner") == "on"
    draws.set_name_consent(entrant, user=request.user, consent=consent_given)
    messages.success(
        request,
        "If you win, your name will be shown."
        if consent_given
        else "If you win, only your entrant code will be shown.",
    )
    return redirect(_url(obj))


@institution_view("campaigns.reflect")
def decline(request: HttpRequest, campaign: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    draw = _raffle(obj)
    entrant = Entrant.objects.filter(raffle=draw, user=request.user).first() if draw else None
    if entrant is None:
        raise Http404("You have no entry in this raffle.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        draws.decline(entrant, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "You have declined your prize; it passes to the next alternate. Thank you."
        )
    return redirect(_url(obj))


def _download(body: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@institution_view()
def published(request: HttpRequest, campaign: str, name: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    draw = _raffle(obj)
    if draw is None:
        raise Http404("No raffle yet.")
    if name == "rules.txt":
        return _download(draw.rules, name, "text/plain; charset=utf-8")
    if name == "entries.csv" and draw.frozen_at:
        return _download(draw.entries_file, name, "text/csv; charset=us-ascii")
    if name == "draw.json" and draw.drawn_at:
        return _download(json.dumps(draws.record(draw), indent=2), name, "application/json")
    raise Http404("Not published yet.")


def _draw(request: HttpRequest, obj: Campaign, draw: Raffle) -> HttpResponse:
    """A signature that does not verify is shown next to its field; anything else (the draw
    already made, the round not yet published) is a message on the page."""
    form = DrawForm(request.POST, beacon_round=draw.beacon_round)
    if form.is_valid():
        try:
            signature = form.cleaned_data["signature"].strip()
            if not signature:
                fetched = beacon.fetch_beacon(draw.beacon_round)
                if fetched is None:
                    raise ValidationError(
                        {
                            "signature": "drand could not be reached, or its answer did not "
                            "verify: copy the round's signature from a drand mirror."
                        }
                    )
                signature = fetched.signature
            draws.run_draw(draw, actor=request.user, signature_hex=signature)
        except ValidationError as exc:
            if "signature" not in getattr(exc, "error_dict", {}):
                messages.error(request, " ".join(exc.messages))
                return redirect(_url(obj))
            apply_validation_error(form, exc)
        else:
            messages.success(request, "The draw is made and published.")
            return redirect(_url(obj))
    return _page(request, obj, draw_form=form)


@institution_view("campaigns.run_raffle", manage=True)
def step(request: HttpRequest, campaign: str, action: str) -> HttpResponse:
    obj = _campaign(request, campaign)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    draw = _raffle(obj)
    try:
        if action == "publish" and draw is None:
            draws.publish_rules(obj, actor=request.user, closes_at=obj.ends_at)
            messages.success(request, "The rules are published with their SHA-256.")
        elif action == "freeze" and draw is not None:
            draws.freeze_entries(draw, actor=request.user)
            messages.success(request, "The entries are frozen and published.")
        elif action == "draw" and draw is not None:
            return _draw(request, obj, draw)
        elif action == "decline" and draw is not None:
            entrant = Entrant.objects.filter(raffle=draw, code=request.POST.get("code", "")).first()
            if entrant is None:
                raise ValidationError("No entrant has that code.")
            called = draws.decline(entrant, actor=request.user)
            messages.success(
                request,
                f"{entrant.code} no longer holds a prize; alternate {called.code} is called in "
                "and emailed."
                if called
                else f"{entrant.code} no longer holds a prize; no alternate is left, so the "
                "place is unclaimed.",
            )
        else:
            raise Http404("No such step.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(_url(obj))
