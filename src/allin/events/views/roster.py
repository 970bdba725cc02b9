"""The organizer's roster: who RSVPed and who came; check in by hand, undo, export."""

from __future__ import annotations

import uuid

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import escape

from allin.accounts.models import User
from allin.core.exports import csv_response, xlsx_response
from allin.events import checkin, queries
from allin.events.forms import CapacityForm, CheckInSearchForm
from allin.events.models import RSVP, Attendance, Event
from allin.events.views.manage import MANAGE, managed_event, post_only, roster_url
from allin.institutions.decorators import institution_view
from allin.institutions.models import Membership

EXPORT_HEADER = [
    "Name",
    "Email",
    "RSVP",
    "Waitlist number",
    "RSVP time",
    "Attended",
    "How",
    "Minutes",
    "Checked in at",
]


@institution_view(MANAGE, manage=True)
def roster(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    search = CheckInSearchForm(request.GET or None)
    term = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "event": obj,
        "search": search,
        "term": term,
        "candidates": queries.check_in_candidates(obj, term),
    }
    if request.htmx and request.htmx.target == "check-in-results":
        return render(request, "events/manage/roster.html#check-in-results", context)
    lines = queries.roster(obj)
    context.update(
        lines=lines,
        attended=sum(1 for line in lines if line.attendance),
        capacity_form=CapacityForm(initial={"capacity": obj.capacity}),
    )
    return render(request, "events/manage/roster.html", context)


@institution_view(MANAGE, manage=True)
@post_only
def staff_check_in(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    person = _person(obj, request.POST.get("person", ""))
    try:
        _, created = checkin.staff_check_in(obj, user=person, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        name = person.display_name
        messages.success(request, f"{name} checked in." if created else f"{name} was already in.")
    return redirect(roster_url(obj))


@institution_view(MANAGE, manage=True)
@post_only
def undo_check_in(request: HttpRequest, event: str, attendance: int) -> HttpResponse:
    obj = managed_event(request, event)
    row = get_object_or_404(Attendance.objects.select_related("user"), event=obj, pk=attendance)
    checkin.undo_check_in(row, actor=request.user)
    messages.success(request, f"{row.user.display_name} removed from the attendance.")
    return redirect(roster_url(obj))


def _person(event: Event, public_id: str) -> User:
    """Someone an organizer may check in: a member of the institution, or a person with an
    RSVP for this (public) event. Anyone else on the platform is not found."""
    try:
        key = uuid.UUID(public_id)
    except ValueError as exc:
        raise Http404("No such person.") from exc
    members = Membership.objects.filter(institution=event.institution, ended_at__isnull=True)
    rsvps = RSVP.objects.filter(event=event)
    return get_object_or_404(
        User.objects.filter(
            Q(pk__in=members.values("user_id")) | Q(pk__in=rsvps.values("user_id"))
        ),
        public_id=key,
    )


def _export_rows(lines: list[queries.RosterLine]) -> list[list[object]]:
    rows = []
    for line in lines:
        r, a = line.rsvp, line.attendance
        rows.append(
            [
                line.user.name,
                line.user.email,
                r.get_status_display() if r else "",
                r.queue_number if r and r.queue_number else None,
                timezone.localtime(r.queued_at) if r and r.queued_at else None,
                "yes" if a else "no",
                a.get_source_display() if a else "",
                a.minutes if a else None,
                timezone.localtime(a.checked_in_at) if a else None,
            ]
        )
    return rows


@institution_view(MANAGE, manage=True)
def export(request: HttpRequest, event: str, kind: str) -> HttpResponse:
    obj = managed_event(request, event)
    if kind not in ("csv", "xlsx"):
        raise Http404("Exports are CSV or Excel.")
    with timezone.override(obj.zone):
        rows = _export_rows(queries.roster(obj))
        name = f"{obj.slug}-roster"
        if kind == "xlsx":
            return xlsx_response(f"{name}.xlsx", "Roster", EXPORT_HEADER, rows)
        return csv_response(f"{name}.csv", EXPORT_HEADER, rows)


@institution_view(MANAGE, manage=True)
def qr(request: HttpRequest, event: str) -> HttpResponse:
    """A page to project in the room: the code, the address written out, and the window."""
    obj = managed_event(request, event)
    url = f"{settings.SITE_URL}{obj.get_absolute_url()}check-in/"
    code = segno.make(url, error="m")
    svg = code.svg_inline(scale=8, dark="#111", light="#fff").replace(
        "<svg ", f'<svg role="img" aria-label="QR code to check in to {escape(obj.title)}" ', 1
    )
    return render(request, "events/manage/qr.html", {"event": obj, "url": url, "svg": svg})
