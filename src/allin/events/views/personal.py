"""My calendar: the private feed address and the feed itself."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django_scopes import scopes_disabled

from allin.events import feeds, ical, queries
from allin.events.models import CalendarFeed
from allin.events.views.http import calendar_response

# The new secret rides the session for one page view only, so it is shown once.
SESSION_KEY = "allin-new-calendar-token"


def feed_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('personal-feed', kwargs={'token': token})}"


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    token = request.session.pop(SESSION_KEY, None)
    feed = CalendarFeed.objects.filter(user=request.user).first()
    context = {"feed": feed, "url": feed_url(token) if token else None}
    if token:
        context["webcal"] = (
            context["url"].replace("https://", "webcal://").replace("http://", "webcal://")
        )
    return render(request, "events/my_calendar.html", context)


@login_required
@require_POST
def rotate(request: HttpRequest) -> HttpResponse:
    had = CalendarFeed.objects.filter(user=request.user).exists()
    request.session[SESSION_KEY] = feeds.rotate_feed(request.user)
    if had:
        messages.success(request, "New address made. The old one no longer works.")
    return redirect("my-calendar")


@login_required
@require_POST
def revoke(request: HttpRequest) -> HttpResponse:
    feeds.revoke_feed(request.user)
    messages.success(request, "Your calendar address is turned off.")
    return redirect("my-calendar")


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    with scopes_disabled():
        owner = feeds.owner_of(token)
        if owner is None:
            raise Http404("No such calendar.")
        events, links = queries.my_feed_events(owner)
        body = ical.feed_calendar(
            events, name="My All In events", base_url=settings.SITE_URL, include_join_links=links
        )
    return calendar_response(request, body)
