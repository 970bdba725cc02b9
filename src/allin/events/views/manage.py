"""Organizer pages: create, edit, duplicate and cancel events; capacity and RSVP closing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from allin.core.audit import history_for
from allin.core.forms import apply_validation_error
from allin.events import services
from allin.events.forms import CapacityForm, EventForm
from allin.events.models import Event
from allin.institutions.decorators import institution_view

MANAGE = "events.manage"


def post_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Like require_POST, but after the event is looked up, so another institution's event
    is a 404 whatever the method."""

    @wraps(view)
    def wrapper(request: HttpRequest, event: str, **kwargs: Any) -> HttpResponse:
        managed_event(request, event)
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, event, **kwargs)

    return wrapper


def managed_event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(
        Event.objects.filter(institution=request.institution).select_related("series"), slug=slug
    )


def _save_new(request: HttpRequest, form: EventForm, repeat_of: Event | None) -> Event | None:
    data = dict(form.cleaned_data)
    try:
        return services.create_event(
            request.institution, actor=request.user, repeat_of=repeat_of, **data
        )
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return None


@institution_view(MANAGE, manage=True)
def create(request: HttpRequest) -> HttpResponse:
    form = EventForm(
        request.POST or None,
        institution=request.institution,
        initial={"time_zone": request.institution.time_zone},
    )
    if request.method == "POST" and form.is_valid():
        event = _save_new(request, form, repeat_of=None)
        if event is not None:
            messages.success(request, f"{event.title} is on the calendar.")
            return redirect(event.get_absolute_url())
    return render(request, "events/manage/form.html", {"form": form, "heading": "New event"})


def _a_week_later(moment: datetime, event: Event) -> datetime:
    # The same wall-clock time a week on, even across a change of clocks.
    wall = timezone.localtime(moment, event.zone).replace(tzinfo=None) + timedelta(days=7)
    return wall.replace(tzinfo=event.zone)


@institution_view(MANAGE, manage=True)
def duplicate(request: HttpRequest, event: str) -> HttpResponse:
    """Hold an event again (the fellowship info session repeated on Sept 17): a week later by
    default, everything else the same; the new event remembers which one it repeats."""
    original = managed_event(request, event)
    initial = {
        field: getattr(original, field)
        for field in EventForm.Meta.fields
        if field not in ("slug", "starts_at", "ends_at", "rsvp_opens_at", "rsvp_closes_at")
    }
    initial.update(
        slug=f"{original.slug}-again"[:80],
        starts_at=_a_week_later(original.starts_at, original),
        ends_at=_a_week_later(original.ends_at, original),
    )
    with timezone.override(original.zone):
        form = EventForm(request.POST or None, institution=request.institution, initial=initial)
        if request.method == "POST" and form.is_valid():
            copy = _save_new(request, form, repeat_of=original)
            if copy is not None:
                messages.success(request, f"{copy.title} is on the calendar again.")
                return redirect(copy.get_absolute_url())
        return render(
            request,
            "events/manage/form.html",
            {"form": form, "heading": f"Hold “{original.title}” again", "original": original},
        )


@institution_view(MANAGE, manage=True)
def edit(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    # The form works on its own copy, so the service still sees what changed.
    with timezone.override(obj.zone):
        form = EventForm(
            request.POST or None,
            instance=managed_event(request, event),
            institution=obj.institution,
        )
        if request.method == "POST" and form.is_valid():
            data = dict(form.cleaned_data)
            capacity = data.pop("capacity")
            try:
                services.edit_event(obj, actor=request.user, capacity=capacity, **data)
            except ValidationError as exc:
                apply_validation_error(form, exc)
            else:
                messages.success(request, "Changes saved. Calendars update on their next refresh.")
                return redirect(obj.get_absolute_url())
        return render(
            request,
            "events/manage/form.html",
            {
                "form": form,
                "heading": f"Edit {obj.title}",
                "event": obj,
                "history": history_for(obj),
            },
        )


@institution_view(MANAGE, manage=True)
def cancel_event(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    if request.method == "POST":
        if obj.is_cancelled:
            messages.info(request, "This event was already cancelled.")
        else:
            services.cancel_event(obj, actor=request.user)
            messages.success(request, "Event cancelled. Everyone who RSVPed is being told.")
        return redirect(obj.get_absolute_url())
    going = obj.rsvps.exclude(status="cancelled").count()
    return render(request, "events/manage/cancel.html", {"event": obj, "going": going})


@institution_view(MANAGE, manage=True)
@post_only
def capacity(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    form = CapacityForm(request.POST)
    if form.is_valid():
        try:
            services.set_capacity(obj, actor=request.user, capacity=form.cleaned_data["capacity"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Capacity changed; the waitlist moved up in order.")
    else:
        messages.error(request, "Capacity must be a whole number of at least 1, or empty.")
    return redirect(roster_url(obj))


@institution_view(MANAGE, manage=True)
@post_only
def close_rsvps(request: HttpRequest, event: str) -> HttpResponse:
    obj = managed_event(request, event)
    closed = request.POST.get("closed") == "1"
    services.set_rsvps_closed(obj, actor=request.user, closed=closed)
    messages.success(request, "RSVPs closed." if closed else "RSVPs open again.")
    return redirect(roster_url(obj))


def roster_url(event: Event) -> str:
    return reverse(
        "events:roster", kwargs={"institution": event.institution.slug, "event": event.slug}
    )
