from __future__ import annotations

from collections import Counter
from datetime import timedelta

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from allin.accounts.models import User
from allin.campaigns.models import (
    Campaign,
    Challenge,
    ChallengeGroup,
    ChallengeOpen,
    GroupMember,
    Reflection,
    Visibility,
)
from allin.core.privacy import shown
from allin.events.models import Attendance, Event
from allin.events.queries import visible_events
from allin.institutions.rules import cached_membership


def _count(rows: QuerySet) -> Coalesce:  # type: ignore[type-arg]
    return Coalesce(
        Subquery(rows.order_by().values("challenge").annotate(n=Count("pk")).values("n")[:1]),
        0,
    )


def may_preview(user: User, campaign: Campaign) -> bool:
    membership = cached_membership(user, campaign.institution)
    return membership is not None and membership.is_organizer


def challenges(campaign: Campaign, user: User) -> QuerySet[Challenge]:
    """Revealed challenges for everyone; organizers also see those still to come."""
    found = Challenge.objects.filter(campaign=campaign).select_related("campaign__institution")
    if may_preview(user, campaign):
        return found
    return found.filter(reveal_at__lte=timezone.now())


def sessions(campaign: Campaign, user: User) -> list[Event]:
    ids = campaign.sessions.values("event_id")
    return list(visible_events(campaign.institution, user).filter(pk__in=ids).order_by("starts_at"))


def groups_of(challenge: Challenge, user: User) -> list[ChallengeGroup]:
    """The groups of this challenge the person is in, with their member counts."""
    # Filtered by a subquery, not a join on members: the join would leave only the viewer's
    # row to count, and every group would say "1 member".
    return list(
        ChallengeGroup.objects.filter(
            challenge=challenge,
            pk__in=GroupMember.objects.filter(user=user).values("group_id"),
        )
        .select_related("challenge__campaign__institution")
        .annotate(size=Count("members", distinct=True))
        .order_by("-created_at")
    )


def todays_challenge(revealed: list[Challenge]) -> Challenge | None:
    """The latest revealed challenge, while it is still the challenge of the day."""
    now = timezone.now()
    current = [c for c in revealed if c.reveal_at <= now]
    if not current or now - current[-1].reveal_at > timedelta(days=1):
        return None
    return current[-1]


def entries(campaign: Campaign, user: User) -> list[Attendance]:
    """My tickets: one per raffle-eligible session of the campaign I attended."""
    if not user.is_authenticated:
        return []
    return list(
        Attendance.objects.filter(
            user=user,
            event__in=campaign.sessions.values("event_id"),
            event__raffle_eligible=True,
        )
        .select_related("event")
        .order_by("event__starts_at")
    )


def countdown(campaign: Campaign) -> dict[str, int] | None:
    left = campaign.starts_at - timezone.now()
    if left.total_seconds() <= 0:
        return None
    seconds = int(left.total_seconds())
    return {
        "days": seconds // 86400,
        "hours": seconds % 86400 // 3600,
        "minutes": seconds % 3600 // 60,
        "seconds": seconds % 60,
    }


def reflections_for_page(challenge: Challenge, user: User) -> dict[str, object]:
    """What this person may read about reflections on a challenge: their own, what the
    community shared, what was shared with organizers (organizers only) and how many there are
    (organizers only). Never anyone's private text."""
    mine = None
    if user.is_authenticated:
        mine = Reflection.objects.filter(challenge=challenge, author=user).first()
    shared = Reflection.objects.filter(
        challenge=challenge, visibility__in=[Visibility.ANONYMOUS, Visibility.NAMED]
    ).select_related("author")
    context: dict[str, object] = {"mine": mine, "community": list(shared)}
    if may_preview(user, challenge.campaign):
        context["for_organizers"] = list(
            Reflection.objects.filter(
                challenge=challenge, visibility=Visibility.ORGANIZERS
            ).select_related("author")
        )
        context["written"] = shown(Reflection.objects.filter(challenge=challenge).count())
    return context


def participation(campaign: Campaign) -> dict[str, object]:
    """What organizers see of participation: distinct people, attendance per session, opens
    and reflections per challenge, every count of people from 1 to 10 hidden, and no totals;
    and how many groups took each group challenge."""
    sessions_ids = campaign.sessions.values("event_id")
    attended = Attendance.objects.filter(event__in=sessions_ids)
    per_session = dict(
        attended.values("event_id").annotate(n=Count("pk")).values_list("event_id", "n")
    )
    events = (
        Event.objects.filter(pk__in=sessions_ids)
        .select_related("institution")
        .order_by("starts_at")
    )
    # One subquery per count: counting opens, reflections and groups through joins in one
    # GROUP BY would multiply the rows, opens x reflections x groups per challenge.
    per_challenge = list(
        Challenge.objects.filter(campaign=campaign)
        .select_related("campaign__institution")
        .annotate(
            opened=_count(ChallengeOpen.objects.filter(challenge=OuterRef("pk"))),
            written=_count(Reflection.objects.filter(challenge=OuterRef("pk"))),
        )
        .order_by("reveal_at")
    )
    # A group "met" once someone besides its facilitator joined; groups of people are
    # counted like people, so 1 to 10 stays hidden.
    met = Counter(
        ChallengeGroup.objects.filter(challenge__campaign=campaign)
        .annotate(size=Count("members"))
        .filter(size__gte=2)
        .values_list("challenge_id", flat=True)
    )
    for c in per_challenge:
        c.group_count = shown(met.get(c.pk, 0))
    return {
        "people": shown(attended.values("user_id").distinct().count()),
        "sessions": [(e, shown(per_session.get(e.pk, 0))) for e in events],
        "challenges": [(c, shown(c.opened), shown(c.written)) for c in per_challenge],
    }


def shared_reflections(campaign: Campaign) -> list[tuple[str, str, str, str]]:
    """What people chose to share, for the organizers' download: (challenge, shared with,
    author, text). Private reflections never leave the database; an anonymous one carries no
    name, and all are ordered by challenge, audience and text rather than by when they were
    written, so the order cannot be matched against anything else to unmask an author."""
    rows = (
        Reflection.objects.filter(challenge__campaign=campaign)
        .exclude(visibility=Visibility.PRIVATE)
        .select_related("author", "challenge")
        .order_by("challenge__reveal_at", "challenge__title", "visibility", "body")
    )
    return [
        (
            r.challenge.title,
            r.get_visibility_display(),
            "" if r.visibility == Visibility.ANONYMOUS else r.author.display_name,
            r.body,
        )
        for r in rows
    ]
