"""A change target: its public page, and the organizer's page to run it (plan, indicators,
outcome mapping, wins, status, carry forward)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from allin.change import course, indicators, mapping, plan, queries, targets
from allin.change.enums import TargetStatus
from allin.change.forms import (
    CarryForwardForm,
    IndicatorForm,
    ObjectiveForm,
    OutcomeChallengeForm,
    StatusForm,
    TargetEditForm,
    TaskForm,
    WinForm,
)
from allin.change.models import ChangeTarget
from allin.change.views import may_view
from allin.change.views_manage import (
    MANAGE,
    attempt,
    edit_page,
    managed_target,
    target_url,
)
from allin.core.audit import history_for
from allin.institutions.decorators import institution_view


@institution_view()
def target(request: HttpRequest, target: str) -> HttpResponse:
    if (refusal := may_view(request)) is not None:
        return refusal
    found = get_object_or_404(
        queries.target_detail(ChangeTarget.objects.filter(institution=request.institution)),
        slug=target,
    )
    may_manage = request.user.has_perm(MANAGE, request.institution)
    if found.status == TargetStatus.DRAFT and not may_manage:
        raise Http404("This target is not published yet.")
    # After the lookup, so another institution's target is a 404 whatever the method.
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    context = {
        "target": found,
        "earlier": queries.earlier_cycles(found),
        "may_manage": may_manage,
    }
    return render(request, "change/targets/target.html", context)


def _add_forms(
    request: HttpRequest, found: ChangeTarget, data: object = None
) -> dict[str, forms.Form]:
    inst = request.institution
    # Each form its own prefix: on one page, two "title" fields must not share an id.
    return {
        "objective": ObjectiveForm(data, prefix="objective"),
        "task": TaskForm(data, institution=inst, prefix="task"),
        "indicator": IndicatorForm(data, institution=inst, prefix="indicator"),
        "outcome": OutcomeChallengeForm(data, sphere=found.sphere, prefix="outcome"),
        "win": WinForm(data, prefix="win"),
    }


def _manage_page(request: HttpRequest, found: ChangeTarget, **bound: forms.Form) -> HttpResponse:
    detail = queries.target_detail(ChangeTarget.objects.filter(pk=found.pk)).get()
    context = {
        "target": detail,
        "forms": {**_add_forms(request, found), **bound},
        "status_form": StatusForm(initial={"status": found.status}),
        "earlier": queries.earlier_cycles(detail),
        "closed": detail.status == TargetStatus.COURSE_CORRECTED,
        "history": history_for(detail),
    }
    return render(request, "change/manage/target.html", context)


@institution_view(MANAGE, manage=True)
def manage_target(request: HttpRequest, target: str) -> HttpResponse:
    return _manage_page(request, managed_target(request, target))


@institution_view(MANAGE, manage=True)
def add(request: HttpRequest, target: str, what: str) -> HttpResponse:
    found = managed_target(request, target)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    available = _add_forms(request, found, request.POST)
    if what not in available:
        raise Http404("Nothing to add here.")
    form = available[what]
    services = {
        "objective": plan.add_objective,
        "task": plan.add_task,
        "indicator": indicators.add_indicator,
        "outcome": mapping.add_outcome_challenge,
        "win": plan.add_win,
    }
    if attempt(form, lambda: services[what](found, actor=request.user, **form.cleaned_data)):
        messages.success(request, "Added.")
        return redirect(f"{target_url(found)}#{what}s")
    return _manage_page(request, found, **{what: form})


@institution_view(MANAGE, manage=True)
def edit(request: HttpRequest, target: str) -> HttpResponse:
    found = managed_target(request, target)
    initial = {name: getattr(found, name) for name in TargetEditForm.base_fields}
    initial["owners"] = list(found.owners.all())
    form = TargetEditForm(request.POST or None, initial=initial, institution=request.institution)
    if request.method == "POST" and attempt(
        form, lambda: targets.update_target(found, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Change target saved.")
        return redirect(target_url(found))
    return edit_page(
        request,
        back=target_url(found),
        back_label=found.title,
        form=form,
        heading=f"Edit {found.title}",
        note="The short name in the address stays as created: it is in shared links.",
    )


@institution_view(MANAGE, manage=True)
def status(request: HttpRequest, target: str) -> HttpResponse:
    found = managed_target(request, target)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = StatusForm(request.POST)
    if attempt(
        form, lambda: targets.set_target_status(found, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Status saved.")
        return redirect(target_url(found))
    for error in form.errors.values():
        messages.error(request, " ".join(error))
    return redirect(target_url(found))


@institution_view(MANAGE, manage=True)
def carry_forward(request: HttpRequest, target: str) -> HttpResponse:
    found = managed_target(request, target)
    suggested = found.cycle + 1
    form = CarryForwardForm(
        request.POST or None,
        initial={
            "cycle": suggested,
            "slug": course.next_slug(found, suggested),
            "title": found.title,
        },
    )
    created: list[ChangeTarget] = []
    if request.method == "POST" and attempt(
        form,
        lambda: created.append(
            course.carry_forward(found, actor=request.user, **form.cleaned_data)
        ),
    ):
        messages.success(request, f"{found.title} carries on in {created[0].cycle}.")
        return redirect(target_url(created[0]))
    return render(
        request,
        "change/manage/carry_forward.html",
        {"target": found, "form": form, "back": target_url(found)},
    )
