"""The app's URLs plus a deliberately naive RSVP: count, pause, insert.

It exists only to show that the race harness can see a race: on PostgreSQL it must oversell.
"""

import time

from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.events.enums import RSVPStatus
from allin.events.models import RSVP, Attendance, Event


def naive_rsvp(request, slug):  # type: ignore[no-untyped-def]
    with scopes_disabled(), transaction.atomic():
        event = Event.objects.get(slug=slug)
        going = RSVP.objects.filter(event=event, status=RSVPStatus.CONFIRMED).count()
        if going >= event.capacity:
            return HttpResponse("full", status=409)
        time.sleep(0.02)  # the gap between check and write that real code never admits to
        RSVP.objects.create(
            institution_id=event.institution_id,
            event=event,
            user=request.user,
            status=RSVPStatus.CONFIRMED,
        )
    return HttpResponse("ok")


def naive_check_in(request, slug):  # type: ignore[no-untyped-def]
    """Look, then write, trusting the look: the unique constraint has to catch the twins."""
    with scopes_disabled(), transaction.atomic():
        event = Event.objects.get(slug=slug)
        if Attendance.objects.filter(event=event, user=request.user).exists():
            return HttpResponse("already in")
        time.sleep(0.02)
        Attendance.objects.create(
            institution_id=event.institution_id,
            event=event,
            user=request.user,
            source="qr",
            checked_in_at=timezone.now(),
        )
    return HttpResponse("ok")


urlpatterns = [
    path("race/naive/<slug:slug>/", naive_rsvp),
    path("race/naive-check-in/<slug:slug>/", naive_check_in),
    path("", include("allin.urls")),
]
