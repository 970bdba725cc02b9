"""Mini projects: the public catalogue, sign-up and withdrawal for members, and the
organizer's pages (create, edit, roster with CSV and Excel export)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.coalitions import projects as services
from allin.coalitions import queries
from allin.coalitions.enums import SignupStatus
from allin.coalitions.forms import ProjectEditForm, ProjectForm
from allin.coalitions.models import MiniProject, ProjectSignup
from allin.core.audit import history_for
from allin.core.exports import csv_response, xlsx_response
from allin.core.forms import apply_validation_error
from allin.core.ratelimit import rate_limited
from allin.institutions.decorators import institution_view

MANAGE = "coalitions.manage"
EXPORT_HEADER = [
    "Name",
    "Email",
    "Affiliation",
    "Status",
    "Waitlist number",
    "Signed up at",
    "Moved up from the waitlist at",
]


def _project(request: HttpRequest, slug: str) -> MiniProject:
    return get_object_or_404(
        MiniProject.objects.select_related("institution", "point_person", "sphere__institution"),
        institution=request.institution,
        slug=slug,
    )


def _manage_url(obj: MiniProject, name: str = "manage-project") -> str:
    return reverse(
        f"coalitions:{name}", kwargs={"institution": obj.institution.slug, "project": obj.slug}
    )


@institution_view()
def catalogue(request: HttpRequest) -> HttpResponse:
    found = list(queries.catalogue(request.institution))
    return render(
        request,
        "coalitions/projects.html",
        {"projects": found, "mine": queries.my_signups(request.user, found)},
    )


@institution_view()
def project(request: HttpRequest, project: str) -> HttpResponse:
    obj = _project(request, project)
    row = None
    if request.user.is_authenticated:
        row = (
            ProjectSignup.objects.filter(project=obj, user=request.user)
            .exclude(status=SignupStatus.WITHDRAWN)
            .first()
        )
    return render(
        request,
        "coalitions/project.html",
        {
            "project": obj,
            "signup": row,
            "position": queries.waitlist_position(row) if row else None,
            "problem": services.signup_problem(obj, request.user)
            if request.user.is_authenticated
            else None,
        },
    )


@institution_view("coalitions.take_part")
@rate_limited("rsvp")
def sign_up(request: HttpRequest, project: str) -> HttpResponse:
    obj = _project(request, project)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        row = services.sign_up(obj, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "You're signed up."
            if row.status == SignupStatus.CONFIRMED
            else "The project is full: you're on the waitlist.",
        )
    return redirect(obj.get_absolute_url())


@institution_view("coalitions.take_part")
@rate_limited("rsvp")
def withdraw(request: HttpRequest, project: str) -> HttpResponse:
    obj = _project(request, project)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    row = (
        ProjectSignup.objects.filter(project=obj, user=request.user)
        .exclude(status=SignupStatus.WITHDRAWN)
        .first()
    )
    if row is None:
        raise Http404("You are not signed up for this project.")
    was_waiting = row.status == SignupStatus.WAITLISTED
    try:
        services.withdraw(row, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "You left the waitlist." if was_waiting else "You withdrew from the project."
        )
    return redirect(obj.get_absolute_url())


@institution_view(MANAGE, manage=True)
def manage_projects(request: HttpRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None, institution=request.institution)
    if request.method == "POST" and form.is_valid():
        try:
            obj = services.create_project(
                request.institution, actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"{obj.title} is in the catalogue.")
            return redirect(_manage_url(obj, "manage-project-roster"))
    return render(
        request,
        "coalitions/manage/projects.html",
        {"projects": queries.catalogue(request.institution), "form": form},
    )


@institution_view(MANAGE, manage=True)
def manage_project(request: HttpRequest, project: str) -> HttpResponse:
    obj = _project(request, project)
    form = ProjectEditForm(request.POST or None, instance=obj, institution=request.institution)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_project(obj, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Saved.")
            return redirect(_manage_url(obj))
    if request.method == "POST":
        obj.refresh_from_db()
    return render(
        request,
        "coalitions/manage/project.html",
        {"project": obj, "form": form, "history": history_for(obj)},
    )


@institution_view(MANAGE, manage=True)
def roster(request: HttpRequest, project: str) -> HttpResponse:
    obj = _project(request, project)
    return render(
        request,
        "coalitions/manage/roster.html",
        {"project": obj, "signups": queries.project_roster(obj)},
    )


@institution_view(MANAGE, manage=True)
def export(request: HttpRequest, project: str, kind: str) -> HttpResponse:
    obj = _project(request, project)
    if kind not in ("csv", "xlsx"):
        raise Http404("Exports are CSV or Excel.")
    rows = [
        [
            row.user.name,
            row.user.email,
            row.affiliation_label,
            row.get_status_display(),
            row.queue_number,
            timezone.localtime(row.queued_at) if row.queued_at else None,
            timezone.localtime(row.promoted_at) if row.promoted_at else None,
        ]
        for row in queries.project_roster(obj)
    ]
    name = f"{obj.slug}-roster"
    if kind == "xlsx":
        return xlsx_response(f"{name}.xlsx", "Roster", EXPORT_HEADER, rows)
    return csv_response(f"{name}.csv", EXPORT_HEADER, rows)
