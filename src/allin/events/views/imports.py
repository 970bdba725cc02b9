"""Attendance from Zoom and Teams reports: upload, preview, confirm, and the review queue."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.accounts.models import User
from allin.core.forms import apply_validation_error
from allin.events import imports
from allin.events.enums import ImportStatus, RowOutcome
from allin.events.forms import ImportForm
from allin.events.models import AttendanceImport, Event, ImportRow
from allin.events.reports import canonical_template
from allin.events.views.manage import MANAGE, managed_event, post_only
from allin.institutions.decorators import institution_view


def _report_url(upload: AttendanceImport) -> str:
    return reverse(
        "events:import-detail",
        kwargs={
            "institution": upload.event.institution.slug,
            "event": upload.event.slug,
            "report": upload.pk,
        },
    )


def _upload(request: HttpRequest, event: str, report: int) -> AttendanceImport:
    obj = managed_event(request, event)
    return get_object_or_404(AttendanceImport.objects.select_related("event"), event=obj, pk=report)


@institution_view(MANAGE, manage=True)
def upload(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        try:
            report = imports.preview_import(
                obj, actor=request.user, filename=file.name, data=file.read()
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            return redirect(_report_url(report))
    earlier = (
        AttendanceImport.objects.filter(event=obj)
        .select_related("uploaded_by")
        .annotate(unmatched=Count("rows", filter=Q(rows__outcome=RowOutcome.UNMATCHED)))[:20]
    )
    return render(
        request,
        "events/manage/import.html",
        {"event": obj, "form": form, "earlier": earlier, "samples": _samples()},
    )


def _samples() -> dict[str, str]:
    if not settings.ALLIN_DEMO:
        return {}
    from allin.demo.attendance import SAMPLES

    return SAMPLES


@institution_view(MANAGE, manage=True)
def sample(request: HttpRequest, event: str, name: str) -> HttpResponse:
    """In the demo, the sample reports, dated to this event so that they match it."""
    obj = managed_event(request, event)
    if name not in _samples():
        raise Http404("No such sample.")
    from allin.demo.attendance import sample_report

    day = timezone.localtime(obj.starts_at, obj.zone).date()
    response = HttpResponse(sample_report(name, day), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@institution_view(MANAGE, manage=True)
def detail(request: HttpRequest, event: str, report: int) -> HttpResponse:
    upload = _upload(request, event, report)
    rows = list(upload.rows.select_related("user"))
    groups = {outcome: [r for r in rows if r.outcome == outcome] for outcome in RowOutcome.values}
    return render(
        request,
        "events/manage/import_detail.html",
        {
            "event": upload.event,
            "report": upload,
            "groups": groups,
            "labels": dict(RowOutcome.choices),
            "is_preview": upload.status == ImportStatus.PREVIEW,
            "other_day": _other_day(upload.event, rows),
        },
    )


def _other_day(event: Event, rows: list[ImportRow]) -> str:
    """A report of another session is the likeliest mistake; say so when no one in it joined
    on the event's day."""
    joins = [r.first_join for r in rows if r.first_join]
    margin = timedelta(hours=12)
    if not joins or any(event.starts_at - margin <= j <= event.ends_at + margin for j in joins):
        return ""
    return f"{timezone.localtime(min(joins), event.zone):%B %-d, %Y}"


@institution_view(MANAGE, manage=True)
@post_only
def confirm(request: HttpRequest, event: str, report: int) -> HttpResponse:
    upload = _upload(request, event, report)
    try:
        added = imports.apply_import(upload, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Imported: {added} people added to the attendance.")
    return redirect(_report_url(upload))


@institution_view(MANAGE, manage=True)
@post_only
def discard(request: HttpRequest, event: str, report: int) -> HttpResponse:
    upload = _upload(request, event, report)
    imports.discard_import(upload, actor=request.user)
    messages.success(request, "Report discarded; nothing was written.")
    return redirect(
        reverse(
            "events:import",
            kwargs={"institution": upload.event.institution.slug, "event": upload.event.slug},
        )
    )


@institution_view(MANAGE, manage=True)
@post_only
def review(request: HttpRequest, event: str, report: int, row: int) -> HttpResponse:
    """Assign an unmatched row to a member by email, or dismiss it."""
    upload = _upload(request, event, report)
    line = get_object_or_404(ImportRow, report=upload, pk=row)
    if request.POST.get("action") == "dismiss":
        imports.dismiss_row(line, actor=request.user)
        messages.success(request, f"Row {line.line} dismissed.")
        return redirect(_report_url(upload))
    email = request.POST.get("email", "").strip()
    person = _member_by_email(upload.event, email)
    if person is None:
        messages.error(
            request, f"Row {line.line}: no member of the institution has the email “{email}”."
        )
        return redirect(_report_url(upload))
    try:
        imports.resolve_row(line, user=person, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Row {line.line} is {person.display_name}.")
    return redirect(_report_url(upload))


def _member_by_email(event: Event, email: str) -> User | None:
    if not email:
        return None
    return User.objects.filter(
        email__iexact=email,
        memberships__institution=event.institution,
        memberships__ended_at__isnull=True,
    ).first()


@institution_view(MANAGE, manage=True)
def template(request: HttpRequest, event: str) -> HttpResponse:
    managed_event(request, event)
    response = HttpResponse(canonical_template(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="all-in-attendance-template.csv"'
    return response
