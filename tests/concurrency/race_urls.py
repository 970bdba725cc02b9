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
        time.sleep(0.2)  # the gap between check and write that real code never admits to
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
        time.sleep(0.2)
        Attendance.objects.create(
            institution_id=event.institution_id,
            event=event,
            user=request.user,
            source="qr",
            checked_in_at=timezone.now(),
        )
    return HttpResponse("ok")


def naive_draw(request, slug):  # type: ignore[no-untyped-def]
    """Look whether the draw is done, then draw and save: two requests both see "not yet"."""
    from allin.campaigns.models import Raffle
    from allin.campaigns.raffle import draw, parse_entries
    from allin.core.audit import log_action

    with scopes_disabled(), transaction.atomic():
        raffle = Raffle.objects.get(campaign__slug=slug)
        if raffle.drawn_at is not None:
            return HttpResponse("already drawn", status=409)
        time.sleep(0.2)
        result = draw(
            parse_entries(raffle.entries_file.encode()), 3, raffle.beacon_round, "ab" * 32
        )
        raffle.winners, raffle.seed, raffle.drawn_at = (
            list(result.winners),
            result.seed,
            timezone.now(),
        )
        raffle.save()
        log_action(
            raffle,
            "campaigns.raffle.drawn",
            actor=None,
            institution=raffle.institution,
            data={"round": raffle.beacon_round, "seed": result.seed},
        )
    return HttpResponse("ok")


def naive_join(request, code):  # type: ignore[no-untyped-def]
    """Count the members, then join, trusting the count: the last seat goes many times."""
    from allin.campaigns.groups import MAX_MEMBERS
    from allin.campaigns.models import ChallengeGroup, GroupMember

    with scopes_disabled(), transaction.atomic():
        group = ChallengeGroup.objects.get(code=code)
        if group.members.count() >= MAX_MEMBERS:
            return HttpResponse("full", status=409)
        time.sleep(0.2)
        GroupMember.objects.create(
            institution_id=group.institution_id, group=group, user=request.user
        )
    return HttpResponse("ok")


urlpatterns = [
    path("race/naive-join/<slug:code>/", naive_join),
    path("race/naive-draw/<slug:slug>/", naive_draw),
    path("race/naive/<slug:slug>/", naive_rsvp),
    path("race/naive-check-in/<slug:slug>/", naive_check_in),
    path("", include("allin.urls")),
]
