"""Cohorts of an institution: organizers create them and say who is in them."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from allin.accounts.models import User
from allin.core.audit import history_for
from allin.core.forms import apply_validation_error
from allin.institutions.decorators import institution_view
from allin.learning import services
from allin.learning.forms import AddPersonForm, CohortForm
from allin.learning.models import Cohort, CohortMembership

MANAGE = "learning.manage_cohorts"


@institution_view(MANAGE, manage=True)
def cohorts(request: HttpRequest) -> HttpResponse:
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = services.create_cohort(
                request.institution, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Cohort {cohort.name} created.")
            return redirect(
                "learning:cohort", institution=request.institution.slug, cohort=cohort.slug
            )
    # Ordered explicitly: Meta.ordering does not apply to a GROUP BY query.
    listing = (
        Cohort.objects.filter(institution=request.institution)
        .annotate(size=Count("memberships"))
        .order_by("name")
    )
    return render(request, "learning/cohorts.html", {"cohorts": listing, "form": form})


@institution_view(MANAGE, manage=True)
def cohort(request: HttpRequest, cohort: str) -> HttpResponse:
    obj = get_object_or_404(Cohort, institution=request.institution, slug=cohort)
    form = AddPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Only this institution's people: the form must not tell who has an account elsewhere.
        person = User.objects.filter(
            email__iexact=form.cleaned_data["email"],
            memberships__institution=request.institution,
            memberships__ended_at__isnull=True,
        ).first()
        if person is None:
            form.add_error(
                "email", f"No member of {request.institution.short_name} has this email address."
            )
        else:
            try:
                added = services.add_to_cohort(
                    obj, person, actor=request.user, lead=form.cleaned_data["lead"]
                )
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                name = person.display_name
                messages.success(request, f"{name} added." if added else f"{name} was already in.")
                return redirect(request.path)
    people = (
        CohortMembership.objects.filter(cohort=obj)
        .select_related("user")
        .order_by("-is_lead", "user__name")
    )
    return render(
        request,
        "learning/cohort.html",
        {"cohort": obj, "people": people, "form": form, "history": history_for(obj)},
    )


@institution_view(MANAGE, manage=True)
def remove(request: HttpRequest, cohort: str, person: str) -> HttpResponse:
    obj = get_object_or_404(Cohort, institution=request.institution, slug=cohort)
    place = get_object_or_404(
        CohortMembership.objects.select_related("user"), cohort=obj, user__public_id=person
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.remove_from_cohort(obj, place.user, actor=request.user)
    messages.success(request, f"{place.user.display_name} removed from the cohort.")
    return redirect("learning:cohort", institution=request.institution.slug, cohort=obj.slug)
