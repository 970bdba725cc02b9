"""Guiding coalitions as people meet them: public descriptions that recruit, the roster and its
composition for members, sign-up with a statement, and the state of my application."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from allin.coalitions import composition, queries, services
from allin.coalitions.enums import OPEN_STATUSES
from allin.coalitions.forms import ApplicationForm
from allin.coalitions.models import Application, Coalition
from allin.coalitions.terms import today_at
from allin.core.forms import apply_validation_error
from allin.core.ratelimit import rate_limited
from allin.institutions.decorators import institution_view


def find_coalition(request: HttpRequest, slug: str) -> Coalition:
    return get_object_or_404(
        Coalition.objects.select_related("institution"), institution=request.institution, slug=slug
    )


@institution_view()
def index(request: HttpRequest) -> HttpResponse:
    found = queries.coalitions(request.institution, today_at(request.institution))
    return render(request, "coalitions/index.html", {"coalitions": found})


@institution_view()
def detail(request: HttpRequest, coalition: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    today = today_at(request.institution)
    context: dict[str, Any] = {"coalition": obj}
    if request.membership is not None:
        context.update(
            roster=queries.roster(obj, today),
            composition=composition.composition(obj, today),
            application=queries.my_application(obj, request.user),
            terms=queries.my_terms(obj, request.user, today),
            problem=services.apply_problem(obj, request.user),
        )
    return render(request, "coalitions/detail.html", context)


@institution_view("coalitions.take_part")
@rate_limited("rsvp")
def apply(request: HttpRequest, coalition: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply(obj, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Thank you for signing up. The organizers will be in touch.")
            return redirect(obj.get_absolute_url())
    return render(
        request,
        "coalitions/apply.html",
        {"coalition": obj, "form": form, "problem": services.apply_problem(obj, request.user)},
    )


@institution_view("coalitions.take_part")
def withdraw(request: HttpRequest, coalition: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    row = Application.objects.filter(
        coalition=obj, user=request.user, status__in=OPEN_STATUSES
    ).first()
    if row is None:
        raise Http404("You have no open application to this coalition.")
    try:
        services.withdraw_application(row, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Your application is withdrawn.")
    return redirect(obj.get_absolute_url())
