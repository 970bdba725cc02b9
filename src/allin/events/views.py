from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render

from allin.events import queries, services
from allin.events.enums import EventFormat
from allin.events.models import RSVP, Event, Series
from allin.institutions.decorators import institution_view


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(queries.visible_events(request.institution, request.user), slug=slug)


@institution_view()
def calendar(request: HttpRequest) -> HttpResponse:
    institution = request.institution
    past = request.GET.get("when") == "past"
    series = request.GET.get("series", "")[:60]
    fmt = request.GET.get("format", "")
    if fmt not in EventFormat.values:
        fmt = ""
    events = list(
        queries.calendar(institution, request.user, past=past, series=series, format=fmt)[:200]
    )
    return render(
        request,
        "events/calendar.html",
        {
            "days": queries.by_day(events),
            "rsvps": queries.rsvps_by_event(request.user, events),
            "past": past,
            "series_list": Series.objects.filter(institution=institution),
            "series": series,
            "format": fmt,
            "formats": EventFormat.choices,
        },
    )


def _panel_context(request: HttpRequest, event: Event) -> dict[str, object]:
    row = None
    if request.user.is_authenticated:
        row = RSVP.objects.filter(event=event, user=request.user).first()
    return {
        "event": event,
        "rsvp": row,
        "position": queries.waitlist_position(row) if row else None,
        "problem": services.rsvp_problem(event, request.user)
        if request.user.is_authenticated
        else None,
        "show_join_link": queries.may_see_join_link(event, request.user, row),
    }


@institution_view()
def detail(request: HttpRequest, event: str) -> HttpResponse:
    obj = _event(request, event)
    return render(request, "events/detail.html", _panel_context(request, obj))


def _answer(request: HttpRequest, obj: Event) -> HttpResponse:
    if request.htmx:
        return render(request, "events/detail.html#rsvp-panel", _panel_context(request, obj))
    return redirect(obj.get_absolute_url())


@institution_view()
def rsvp(request: HttpRequest, event: str) -> HttpResponse:
    obj = _event(request, event)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(obj.get_absolute_url())
    try:
        row = services.rsvp(obj, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "You're going."
            if row.status == "confirmed"
            else "The event is full: you're on the waitlist.",
        )
    obj.refresh_from_db()
    return _answer(request, obj)


@institution_view()
def cancel(request: HttpRequest, event: str) -> HttpResponse:
    obj = _event(request, event)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(obj.get_absolute_url())
    row = RSVP.objects.filter(event=obj, user=request.user).first()
    if row is None:
        raise Http404("You have no RSVP for this event.")
    was_waiting = row.status == "waitlisted"
    services.cancel_rsvp(row, actor=request.user)
    messages.success(
        request, "You left the waitlist." if was_waiting else "Your RSVP is cancelled."
    )
    obj.refresh_from_db()
    return _answer(request, obj)
