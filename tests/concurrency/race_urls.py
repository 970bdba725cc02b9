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


def naive_accept(request, application):  # type: ignore[no-untyped-def]
    """Count the coalition's members, then accept, trusting the count."""
    from allin.coalitions.models import Application, Term
    from allin.coalitions.terms import add_months, today_at

    with scopes_disabled(), transaction.atomic():
        row = Application.objects.select_related("coalition__institution").get(
            public_id=application
        )
        coalition = row.coalition
        today = today_at(coalition.institution)
        members = Term.objects.filter(
            coalition=coalition, starts_on__lte=today, ends_on__gt=today
        ).count()
        if members >= coalition.capacity:
            return HttpResponse("full", status=409)
        time.sleep(0.2)
        ends = add_months(today, coalition.term_months)
        Term.objects.create(
            institution_id=coalition.institution_id,
            coalition=coalition,
            user_id=row.user_id,
            application=row,
            starts_on=today,
            ends_on=ends,
            planned_ends_on=ends,
        )
        Application.objects.filter(pk=row.pk).update(status="accepted")
    return HttpResponse("ok")


def naive_project_sign_up(request, slug):  # type: ignore[no-untyped-def]
    """Count who signed up, then sign up, trusting the count: the last place goes many times."""
    from allin.coalitions.models import MiniProject, ProjectSignup

    with scopes_disabled(), transaction.atomic():
        project = MiniProject.objects.get(slug=slug)
        going = ProjectSignup.objects.filter(project=project, status="confirmed").count()
        if going >= project.capacity:
            return HttpResponse("full", status=409)
        time.sleep(0.2)
        ProjectSignup.objects.create(
            institution_id=project.institution_id,
            project=project,
            user=request.user,
            status="confirmed",
        )
    return HttpResponse("ok")


urlpatterns = [
    path("race/naive-accept/<uuid:application>/", naive_accept),
    path("race/naive-project/<slug:slug>/", naive_project_sign_up),
    path("race/naive-join/<slug:code>/", naive_join),
    path("race/naive-draw/<slug:slug>/", naive_draw),
    path("race/naive/<slug:slug>/", naive_rsvp),
    path("race/naive-check-in/<slug:slug>/", naive_check_in),
    path("", include("allin.urls")),
]
