"""Organizers write the month's action updates: start from drafts, edit each sphere, publish."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.community import services
from allin.community.forms import PublishUpdateForm, SphereReportForm, StartUpdateForm
from allin.community.models import ActionUpdate
from allin.core.forms import apply_validation_error
from allin.institutions.decorators import institution_view

MANAGE = "change.manage"


def update_url(update: ActionUpdate) -> str:
    return reverse(
        "community:manage-update",
        kwargs={"institution": update.institution.slug, "month": f"{update.month:%Y-%m}"},
    )


@institution_view(MANAGE, manage=True)
def updates(request: HttpRequest) -> HttpResponse:
    this_month = timezone.localdate(timezone=request.institution.zone).replace(day=1)
    form = StartUpdateForm(request.POST or None, initial={"month": f"{this_month:%Y-%m}"})
    if request.method == "POST" and form.is_valid():
        try:
            update = services.start_update(
                request.institution, actor=request.user, month=form.cleaned_data["month"]
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{update} are drafted. Read and edit each sphere.")
            return redirect(update_url(update))
    listing = ActionUpdate.objects.filter(institution=request.institution).select_related(
        "institution", "post__institution"
    )
    return render(request, "community/manage/updates.html", {"updates": listing, "form": form})


def _update(request: HttpRequest, month: str) -> ActionUpdate:
    try:
        year, number = (int(part) for part in month.split("-"))
        first = date(year, number, 1)
    except ValueError:
        raise Http404("No such month.") from None
    found = (
        ActionUpdate.objects.filter(institution=request.institution, month=first)
        .select_related("institution", "post")
        .first()
    )
    if found is None:
        raise Http404("No update for this month.")
    return found


def _page(request: HttpRequest, update: ActionUpdate, **bound: object) -> HttpResponse:
    reports = list(update.reports.select_related("sphere"))
    forms = {
        r.pk: bound.get(f"report_{r.pk}")
        or SphereReportForm(
            prefix=r.sphere.slug,
            initial={"body": r.body, "nothing_to_report": r.nothing_to_report},
        )
        for r in reports
    }
    return render(
        request,
        "community/manage/update.html",
        {
            "update": update,
            "sections": [(r, forms[r.pk]) for r in reports],
            "publish_form": bound.get("publish_form") or PublishUpdateForm(),
        },
    )


@institution_view(MANAGE, manage=True)
def update(request: HttpRequest, month: str) -> HttpResponse:
    return _page(request, _update(request, month))


@institution_view(MANAGE, manage=True)
def section(request: HttpRequest, month: str, sphere: str) -> HttpResponse:
    found = _update(request, month)
    report = found.reports.select_related("sphere").filter(sphere__slug=sphere).first()
    if report is None:
        raise Http404("No such sphere in this update.")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = SphereReportForm(request.POST, prefix=report.sphere.slug)
    if form.is_valid():
        try:
            services.save_report(report, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"The {report.sphere.name} section is saved.")
            return redirect(update_url(found) + f"#sphere-{report.sphere.slug}")
    return _page(request, found, **{f"report_{report.pk}": form})


@institution_view(MANAGE, manage=True)
def publish(request: HttpRequest, month: str) -> HttpResponse:
    found = _update(request, month)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = PublishUpdateForm(request.POST)
    if form.is_valid():
        try:
            post = services.publish_update(found, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "The update is published.")
            return redirect(post.get_absolute_url())
    return _page(request, found, publish_form=form)
