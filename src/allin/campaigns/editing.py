"""Every change organizers make to a campaign after creating it: its dates and words, its
challenges, prizes and sessions.

What people have already relied on stays put: a revealed challenge keeps its address, a
challenge people wrote on is not deleted, the prizes are fixed once the raffle's rules are
published (the rules list them and are hashed), and the sessions once its entries are frozen.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.campaigns.models import (
    Campaign,
    CampaignEvent,
    Challenge,
    GroupMember,
    Prize,
    Raffle,
    Reflection,
    Worksheet,
)
from allin.core.audit import log_action
from allin.core.db import unique_or_error

CHALLENGE_FIELDS = (
    "title",
    "slug",
    "purpose",
    "body",
    "questions",
    "steps",
    "video_url",
    "has_worksheet",
    "group_mode",
    "reveal_at",
)
PRIZES_FIXED = (
    "The raffle's rules are published and list the prizes in order; the prizes can no longer "
    "change."
)


def _apply(obj: Any, fields: dict[str, Any]) -> list[str]:
    """Set the fields on ``obj`` and name those whose value differs."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    return changed


def update_campaign(
    campaign: Campaign,
    *,
    actor: User | None,
    name: str,
    starts_at: datetime,
    ends_at: datetime,
    tagline: str = "",
    description: str = "",
) -> Campaign:
    """The slug is not editable: it is in published links and in the raffle's rules."""
    with transaction.atomic():
        fresh = Campaign.objects.select_for_update().get(pk=campaign.pk)
        changed = _apply(
            fresh,
            {
                "name": name,
                "tagline": tagline,
                "description": description,
                "starts_at": starts_at,
                "ends_at": ends_at,
            },
        )
        fresh.full_clean(validate_constraints=False)
        if ends_at <= starts_at:
            raise ValidationError({"ends_at": "The campaign must end after it starts."})
        outside = (
            Challenge.objects.filter(campaign=fresh)
            .exclude(reveal_at__gte=starts_at, reveal_at__lt=ends_at)
            .count()
        )
        if outside:
            raise ValidationError(
                f"{outside} challenge{'s' if outside > 1 else ''} would be revealed outside "
                "these dates; move the reveal times first."
            )
        if changed:
            fresh.save(update_fields=[*changed, "updated_at"])
            log_action(
                fresh,
                "campaigns.campaign.changed",
                actor=actor,
                institution=fresh.institution,
                data={"fields": ", ".join(changed)},
            )
    return fresh


def _check_challenge(challenge: Challenge, *, was_revealed: bool, old_slug: str) -> None:
    """The rules of create_challenge, plus: a revealed challenge keeps its address."""
    campaign = challenge.campaign
    errors = {}
    if not campaign.starts_at <= challenge.reveal_at < campaign.ends_at:
        errors["reveal_at"] = "Reveal the challenge on a day of the campaign."
    if not all(isinstance(q, str) and q.strip() for q in challenge.questions):
        errors["questions"] = "Each guiding question needs some text."
    if not all(isinstance(s, dict) and s.get("title") for s in challenge.steps):
        errors["steps"] = "Each step needs a title."
    if challenge.slug != old_slug:
        if was_revealed:
            errors["slug"] = (
                "This challenge is revealed and people have its address; the short name stays."
            )
        elif (
            Challenge.objects.filter(campaign=campaign, slug=challenge.slug)
            .exclude(pk=challenge.pk)
            .exists()
        ):
            errors["slug"] = "Another challenge of this campaign already uses this short name."
    if errors:
        raise ValidationError(errors)


def update_challenge(challenge: Challenge, *, actor: User | None, **fields: Any) -> Challenge:
    """Change any of CHALLENGE_FIELDS. Moving the reveal time later hides a revealed challenge
    again; that is allowed, as the way to take one back that people have written on."""
    unknown = set(fields) - set(CHALLENGE_FIELDS)
    if unknown:
        raise TypeError(f"Not a challenge field: {', '.join(sorted(unknown))}")
    message = "Another challenge of this campaign already uses this short name."
    with unique_or_error("slug", message):
        fresh = (
            Challenge.objects.select_for_update()
            .select_related("campaign__institution")
            .get(pk=challenge.pk)
        )
        was_revealed, old_slug = fresh.reveal_at <= timezone.now(), fresh.slug
        changed = _apply(fresh, fields)
        fresh.full_clean(validate_constraints=False)
        _check_challenge(fresh, was_revealed=was_revealed, old_slug=old_slug)
        if changed:
            fresh.save(update_fields=[*changed, "updated_at"])
            log_action(
                fresh,
                "campaigns.challenge.changed",
                actor=actor,
                institution=fresh.campaign.institution,
                data={"fields": ", ".join(changed)},
            )
    return fresh


def people_who_wrote(challenge: Challenge) -> int:
    """Distinct people with a reflection, a worksheet or a group on the challenge: deleting it
    would delete what they wrote."""
    people = set(Reflection.objects.filter(challenge=challenge).values_list("author_id", flat=True))
    people.update(Worksheet.objects.filter(challenge=challenge).values_list("owner_id", flat=True))
    people.update(
        GroupMember.objects.filter(group__challenge=challenge).values_list("user_id", flat=True)
    )
    return len(people)


def delete_challenge(challenge: Challenge, *, actor: User | None) -> None:
    """Delete a challenge nobody has written on; its opens go with it."""
    with transaction.atomic():
        fresh = (
            Challenge.objects.select_for_update()
            .select_related("campaign__institution")
            .get(pk=challenge.pk)
        )
        people = people_who_wrote(fresh)
        if people:
            who = "1 person has" if people == 1 else f"{people} people have"
            raise ValidationError(
                f"{who} written on this challenge; it cannot be deleted. "
                "Move its reveal time instead."
            )
        campaign = fresh.campaign
        fresh.delete()
        log_action(
            campaign,
            "campaigns.challenge.deleted",
            actor=actor,
            institution=campaign.institution,
            data={"challenge": fresh.title},
        )


def refuse_once_rules_published(campaign: Campaign) -> None:
    """Call inside the writing transaction: the campaign row is locked, as publish_rules locks
    it, so a prize change and the publishing of the rules cannot interleave."""
    Campaign.objects.select_for_update().filter(pk=campaign.pk).first()
    if Raffle.objects.filter(campaign=campaign).exists():
        raise ValidationError(PRIZES_FIXED)


def update_prize(
    prize: Prize,
    *,
    actor: User | None,
    rank: int,
    name: str,
    description: str = "",
    quantity: int = 1,
) -> Prize:
    message = f"There is already a prize of rank {rank}."
    with unique_or_error("rank", message):
        fresh = (
            Prize.objects.select_for_update()
            .select_related("campaign__institution")
            .get(pk=prize.pk)
        )
        refuse_once_rules_published(fresh.campaign)
        changed = _apply(
            fresh, {"rank": rank, "name": name, "description": description, "quantity": quantity}
        )
        fresh.full_clean(validate_constraints=False)
        if quantity < 1:
            raise ValidationError({"quantity": "A prize needs at least one of it."})
        if Prize.objects.filter(campaign=fresh.campaign, rank=rank).exclude(pk=fresh.pk).exists():
            raise ValidationError({"rank": message})
        if changed:
            fresh.save(update_fields=changed)
            log_action(
                fresh,
                "campaigns.prize.changed",
                actor=actor,
                institution=fresh.campaign.institution,
                data={"rank": rank, "fields": ", ".join(changed)},
            )
    return fresh


def delete_prize(prize: Prize, *, actor: User | None) -> None:
    with transaction.atomic():
        campaign = prize.campaign
        refuse_once_rules_published(campaign)
        Prize.objects.filter(pk=prize.pk).delete()
        log_action(
            campaign,
            "campaigns.prize.deleted",
            actor=actor,
            institution=campaign.institution,
            data={"rank": prize.rank, "prize": prize.name},
        )


def remove_session(link: CampaignEvent, *, actor: User | None) -> None:
    """Take an event out of the campaign (the event itself stays). Refused once the raffle's
    entries are frozen: the frozen tickets were counted from these sessions."""
    with transaction.atomic():
        campaign = link.campaign
        # Lock the raffle as freeze_entries does, so a freeze and a removal cannot interleave.
        raffle = Raffle.objects.select_for_update().filter(campaign=campaign).first()
        if raffle is not None and raffle.frozen_at is not None:
            raise ValidationError(
                "The raffle's entries are frozen and were counted from these sessions; a "
                "session can no longer be removed."
            )
        CampaignEvent.objects.filter(pk=link.pk).delete()
        log_action(
            campaign,
            "campaigns.session.removed",
            actor=actor,
            institution=campaign.institution,
            data={"event": link.event.title},
        )
