"""The app's URLs plus a deliberately naive RSVP: count, pause, insert.

It exists only to show that the race harness can see a race: on PostgreSQL it must oversell.
"""

import time

from django.db import transaction
from django.http import HttpResponse
from django.urls import include, path
from django_scopes import scopes_disabled

from allin.events.enums import RSVPStatus
from allin.events.models import RSVP, Event


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


urlpatterns = [
    path("race/naive/<slug:slug>/", naive_rsvp),
    path("", include("allin.urls")),
]
