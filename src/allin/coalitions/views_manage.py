"""Organizers run coalitions: create and edit them, read applications with their statements
and decide, renew and end terms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from allin.coalitions import queries, services, terms
from allin.coalitions.forms import CoalitionEditForm, CoalitionForm, DecisionForm, EndTermForm
from allin.coalitions.models import Application, Coalition, Term
from allin.coalitions.views import find_coalition
from allin.core.audit import history_for
from allin.core.forms import apply_validation_error
from allin.institutions.decorators import institution_view
from allin.institutions.models import Membership

MANAGE = "coalitions.manage"


def manage_url(obj: Coalition, name: str = "manage-coalition", **kwargs: object) -> str:
    return reverse(
        f"coalitions:{name}",
        kwargs={"institution": obj.institution.slug, "coalition": obj.slug, **kwargs},
    )


@institution_view(MANAGE, manage=True)
def coalitions(request: HttpRequest) -> HttpResponse:
    form = CoalitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.create_coalition(
                request.institution, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{obj.name} is created.")
            return redirect(manage_url(obj))
    found = queries.coalitions(request.institution, terms.today_at(request.institution))
    return render(request, "coalitions/manage/list.html", {"coalitions": found, "form": form})


@institution_view(MANAGE, manage=True)
def coalition(request: HttpRequest, coalition: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    form = CoalitionEditForm(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_coalition(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(manage_url(obj))
    if request.method == "POST":
        obj.refresh_from_db()  # the form changed the instance it was given; show what is stored
    return render(
        request,
        "coalitions/manage/coalition.html",
        {"coalition": obj, "form": form, "history": history_for(obj)},
    )


@institution_view(MANAGE, manage=True)
def applications(request: HttpRequest, coalition: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    decided = request.GET.get("show") == "decided"
    return render(
        request,
        "coalitions/manage/applications.html",
        {
            "coalition": obj,
            "decided": decided,
            "applications": queries.applications(obj, decided=decided),
        },
    )


@institution_view(MANAGE, manage=True)
def application(request: HttpRequest, coalition: str, application: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    row = get_object_or_404(
        Application.objects.select_related("user", "decided_by"),
        coalition=obj,
        public_id=application,
    )
    form = DecisionForm(request.POST or None, today=terms.today_at(request.institution))
    if request.method == "POST" and form.is_valid():
        try:
            row = services.decide(row, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(
                request,
                f"{row.user.display_name}: {row.get_status_display().lower()}. "
                "They were told by email.",
            )
            return redirect(manage_url(obj, "manage-applications"))
    return render(
        request,
        "coalitions/manage/application.html",
        {
            "coalition": obj,
            "application": row,
            "form": form,
            "affiliation": _affiliation(obj, row.user_id),
            "history": history_for(row),
        },
    )


def _affiliation(obj: Coalition, user_id: int) -> str:
    code = (
        Membership.objects.filter(institution=obj.institution, user_id=user_id, ended_at=None)
        .values_list("affiliation", flat=True)
        .first()
    )
    return queries.affiliation_label(code)


@institution_view(MANAGE, manage=True)
def term_list(request: HttpRequest, coalition: str) -> HttpResponse:
    obj = find_coalition(request, coalition)
    return render(
        request,
        "coalitions/manage/terms.html",
        {
            "coalition": obj,
            "terms": queries.terms(obj, terms.today_at(request.institution)),
        },
    )


def _term(request: HttpRequest, coalition: str, term: str) -> tuple[Coalition, Term]:
    obj = find_coalition(request, coalition)
    row = get_object_or_404(Term.objects.select_related("user"), coalition=obj, public_id=term)
    return obj, row


def _term_page(request: HttpRequest, obj: Coalition, row: Term, form: EndTermForm) -> HttpResponse:
    today = terms.today_at(request.institution)
    return render(
        request,
        "coalitions/manage/term.html",
        {
            "coalition": obj,
            "term": row,
            "form": form,
            "renewed": Term.objects.filter(renewal_of=row).first(),
            "renew_problem": terms.renew_problem(row, today),
            "may_end": row.ends_on > today,
            "affiliation": _affiliation(obj, row.user_id),
            "history": history_for(row),
        },
    )


@institution_view(MANAGE, manage=True)
def term(request: HttpRequest, coalition: str, term: str) -> HttpResponse:
    obj, row = _term(request, coalition, term)
    return _term_page(request, obj, row, EndTermForm(today=terms.today_at(request.institution)))


@institution_view(MANAGE, manage=True)
def renew(request: HttpRequest, coalition: str, term: str) -> HttpResponse:
    obj, row = _term(request, coalition, term)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        renewal = terms.renew_term(row, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(manage_url(obj, "manage-term", term=row.public_id))
    messages.success(
        request,
        f"Renewed: {row.user.display_name} serves until {terms.human(renewal.ends_on)}.",
    )
    return redirect(manage_url(obj, "manage-terms"))


@institution_view(MANAGE, manage=True)
def end(request: HttpRequest, coalition: str, term: str) -> HttpResponse:
    obj, row = _term(request, coalition, term)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = EndTermForm(request.POST, today=terms.today_at(request.institution))
    if form.is_valid():
        try:
            terms.end_term(row, actor=request.user, on=form.cleaned_data["ends_on"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{row.user.display_name}'s term was ended.")
            return redirect(manage_url(obj, "manage-terms"))
    return _term_page(request, obj, row, form)
