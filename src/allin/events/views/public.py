from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from allin.core.cache import PUBLIC_FEED_SECONDS, public_feed_key
from allin.core.ratelimit import rate_limited
from allin.events import checkin, fragments, ical, queries, services
from allin.events.enums import Audience, EventFormat
from allin.events.models import RSVP, Attendance, Event, Series
from allin.events.views.http import cached_for_visitors, calendar_response
from allin.institutions.decorators import institution_view


def _event(request: HttpRequest, slug: str) -> Event:
    return get_object_or_404(queries.visible_events(request.institution, request.user), slug=slug)


def _choice(request: HttpRequest, name: str, allowed: list[str]) -> str:
    value = request.GET.get(name, "")
    return value if value in allowed else ""


@institution_view()
@cached_for_visitors
def calendar(request: HttpRequest) -> HttpResponse:
    institution = request.institution
    past = request.GET.get("when") == "past"
    filters = {
        "series": request.GET.get("series", "")[:60],
        "format": _choice(request, "format", EventFormat.values),
        "audience": _choice(request, "audience", Audience.values),
    }
    month = queries.parse_month(request.GET.get("month", ""))
    series_list = list(Series.objects.filter(institution=institution))
    if request.GET.get("view") == "month" or request.GET.get("month"):
        events = list(queries.month_events(institution, request.user, month, **filters))
        context = {"weeks": queries.month_grid(month, events), "month": month}
        context.update(queries.neighbour_months(month))
        template = "events/month.html"
    else:
        events = list(queries.calendar(institution, request.user, past=past, **filters)[:200])
        context = {
            "days": queries.by_day(events, newest_first=past),
            "past": past,
            "items": fragments.calendar_items(events),
        }
        template = "events/calendar.html"
    return render(
        request,
        template,
        {
            **context,
            **filters,
            "rsvps": queries.rsvps_by_event(request.user, events),
            "series_list": series_list,
            "current_series": next((s for s in series_list if s.slug == filters["series"]), None),
            "formats": EventFormat.choices,
            "audiences": Audience.choices,
        },
    )


@institution_view()
def event_ics(request: HttpRequest, event: str) -> HttpResponse:
    obj = _event(request, event)
    response = HttpResponse(
        ical.event_calendar(obj, base_url=settings.SITE_URL),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{obj.slug}.ics"'
    return response


@institution_view()
def public_feed(request: HttpRequest) -> HttpResponse:
    """Public events only, whoever asks: calendar apps subscribe without signing in."""
    key = public_feed_key(request.institution.pk)
    body = cache.get(key)
    if body is None:
        events = queries.feed_events(
            Event.objects.filter(institution=request.institution, audience=Audience.PUBLIC)
        )
        body = ical.feed_calendar(
            events, name=f"{request.institution.short_name} events", base_url=settings.SITE_URL
        )
        cache.set(key, body, PUBLIC_FEED_SECONDS)
    return calendar_response(request, body)


@institution_view()
@rate_limited("check_in")
def check_in(request: HttpRequest, event: str) -> HttpResponse:
    """Where the QR code in the room leads: one tap records the signed-in person."""
    # Sign in first: a members-only event is invisible until then, and a phone scanning the
    # code in the room should land on the sign-in page, not on "not found".
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    obj = _event(request, event)
    row = Attendance.objects.filter(event=obj, user=request.user).first()
    problem = None if row else checkin.check_in_problem(obj, request.user)
    if request.method == "POST" and row is None and problem is None:
        row, _ = checkin.self_check_in(obj, user=request.user)
        messages.success(request, f"You're checked in to {obj.title}. Welcome!")
        return redirect(request.path)
    return render(
        request, "events/check_in.html", {"event": obj, "attendance": row, "problem": problem}
    )


def _panel_context(request: HttpRequest, event: Event) -> dict[str, object]:
    row = None
    if request.user.is_authenticated:
        row = RSVP.objects.filter(event=event, user=request.user).first()
    attended = (
        request.user.is_authenticated
        and Attendance.objects.filter(event=event, user=request.user).exists()
    )
    return {
        "event": event,
        "rsvp": row,
        "attended": attended,
        "closed_for_changes": event.is_cancelled or event.ends_at <= timezone.now(),
        "check_in_open": request.user.is_authenticated
        and not attended
        and checkin.check_in_problem(event, request.user) is None,
        "position": queries.waitlist_position(row) if row else None,
        "problem": services.rsvp_problem(event, request.user)
        if request.user.is_authenticated
        else None,
        "show_join_link": queries.may_see_join_link(event, request.user, row),
    }


@institution_view()
@cached_for_visitors
def detail(request: HttpRequest, event: str) -> HttpResponse:
    try:
        obj = _event(request, event)
    except Http404:
        # A member following a link from an email, signed out: sign in, then see it.
        hidden = Event.objects.filter(institution=request.institution, slug=event).exists()
        if not request.user.is_authenticated and hidden:
            return redirect_to_login(request.get_full_path())
        raise
    return render(request, "events/detail.html", _panel_context(request, obj))


def _answer(request: HttpRequest, obj: Event) -> HttpResponse:
    if request.htmx:
        return render(request, "events/detail.html#rsvp-panel", _panel_context(request, obj))
    return redirect(obj.get_absolute_url())


@institution_view()
@rate_limited("rsvp")
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
@rate_limited("rsvp")
def cancel(request: HttpRequest, event: str) -> HttpResponse:
    # A person may give back their own place even at an event they can no longer see (they
    # left its cohort): look for their RSVP first, and otherwise for the event.
    row = None
    if request.user.is_authenticated:
        row = (
            RSVP.objects.filter(
                event__institution=request.institution, event__slug=event, user=request.user
            )
            .select_related("event")
            .first()
        )
    obj = row.event if row is not None else _event(request, event)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(obj.get_absolute_url())
    if row is None:
        raise Http404("You have no RSVP for this event.")
    was_waiting = row.status == "waitlisted"
    try:
        services.cancel_rsvp(row, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, "You left the waitlist." if was_waiting else "Your RSVP is cancelled."
        )
    obj.refresh_from_db()
    return _answer(request, obj)
