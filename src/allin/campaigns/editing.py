"""Every change organizers make to a campaign after creating it: its dates and words, its
challenges, prizes and sessions.

What people have already relied on stays put: a challenge that was ever out keeps its address,
a challenge people wrote on is not deleted and keeps its worksheet and groups, and the prizes and
sessions are fixed once the raffle's rules are published (the rules list the prizes, give a
ticket per attended session, and are hashed).

Every service here locks the campaign row first and then the object (lock_campaign), as
draws.publish_rules does: one order everywhere, so two edits cannot deadlock, and what is
checked against the campaign holds until the commit.
"""

from __future__ import annotations

import copy
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
    ChallengeGroup,
    ChallengeOpen,
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
SESSIONS_FIXED = (
    "The raffle's rules are published and give one ticket per attended session of the "
    "campaign; the sessions can no longer change."
)
SLUG_TAKEN = "Another challenge of this campaign already uses this short name."


def _apply(obj: Any, fields: dict[str, Any]) -> list[str]:
    """Set the fields on ``obj`` and name those whose value differs."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    return changed


def lock_campaign(campaign_id: int) -> Campaign:
    """Call first inside the writing transaction, before locking anything of the campaign."""
    return (
        Campaign.objects.select_related("institution")
        .select_for_update(of=("self",))
        .get(pk=campaign_id)
    )


def refuse_once_rules_published(campaign_id: int, message: str = PRIZES_FIXED) -> Campaign:
    """Lock the campaign, then refuse if its raffle's rules are out: publish_rules locks the
    same row, so a change and the publishing cannot interleave."""
    campaign = lock_campaign(campaign_id)
    if Raffle.objects.filter(campaign=campaign).exists():
        raise ValidationError(message)
    return campaign


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
        fresh = lock_campaign(campaign.pk)
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


def slug_is_fixed(challenge: Challenge) -> bool:
    """Once a challenge was out, or anyone opened it, wrote on it or took it in a group, people
    have its address; renaming it would break their links and pages."""
    if challenge.was_revealed or challenge.reveal_at <= timezone.now():
        return True
    return any(
        model.objects.filter(challenge=challenge).exists()
        for model in (ChallengeOpen, Reflection, Worksheet, ChallengeGroup)
    )


def check_challenge(challenge: Challenge, *, before: Challenge | None = None) -> None:
    """The rules every challenge follows, created (``before`` None) or edited (``before`` the
    row as it was). Call with the campaign locked: the reveal is checked against its dates."""
    challenge.full_clean(validate_constraints=False)
    campaign = challenge.campaign
    errors = {}
    if not campaign.starts_at <= challenge.reveal_at < campaign.ends_at:
        errors["reveal_at"] = "Reveal the challenge on a day of the campaign."
    if not all(isinstance(q, str) and q.strip() for q in challenge.questions):
        errors["questions"] = "Each guiding question needs some text."
    if not all(isinstance(s, dict) and s.get("title") for s in challenge.steps):
        errors["steps"] = "Each step needs a title."
    if before is None or challenge.slug != before.slug:
        if before is not None and slug_is_fixed(before):
            errors["slug"] = (
                "This challenge has been revealed and people have its address; the short name "
                "stays."
            )
        elif (
            Challenge.objects.filter(campaign=campaign, slug=challenge.slug)
            .exclude(pk=challenge.pk)
            .exists()
        ):
            errors["slug"] = SLUG_TAKEN
    # Turning these off would hide what people made: the group pages answer 404 without
    # group_mode, and a private worksheet cannot be reached without has_worksheet.
    turned_off = {
        name
        for name in ("group_mode", "has_worksheet")
        if before is not None and getattr(before, name) and not getattr(challenge, name)
    }
    if "group_mode" in turned_off and ChallengeGroup.objects.filter(challenge=challenge).exists():
        errors["group_mode"] = (
            "Groups have taken this challenge; it stays open to groups so they can still reach "
            "their page."
        )
    if "has_worksheet" in turned_off and Worksheet.objects.filter(challenge=challenge).exists():
        errors["has_worksheet"] = (
            "People have saved worksheets on this challenge; the worksheet stays so they can "
            "still reach theirs."
        )
    if errors:
        raise ValidationError(errors)


def update_challenge(challenge: Challenge, *, actor: User | None, **fields: Any) -> Challenge:
    """Change any of CHALLENGE_FIELDS. Moving the reveal time later hides a revealed challenge
    again; that is allowed, as the way to take one back that people have written on. Groups
    past the last step of shorter steps move back to the last one."""
    unknown = set(fields) - set(CHALLENGE_FIELDS)
    if unknown:
        raise TypeError(f"Not a challenge field: {', '.join(sorted(unknown))}")
    with unique_or_error("slug", SLUG_TAKEN):
        campaign = lock_campaign(challenge.campaign_id)
        fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
        fresh.campaign = campaign
        before = copy.copy(fresh)
        changed = _apply(fresh, fields)
        check_challenge(fresh, before=before)
        if changed:
            saved = [*changed, "updated_at"]
            if before.reveal_at <= timezone.now() and not fresh.was_revealed:
                fresh.was_revealed = True
                saved.append("was_revealed")
            fresh.save(update_fields=saved)
            if "steps" in changed:
                last = max(len(fresh.steps) - 1, 0)
                # update(), as groups.move_to_step does: not an edit of the group's record.
                ChallengeGroup.objects.filter(challenge=fresh, current_step__gt=last).update(
                    current_step=last
                )
            log_action(
                fresh,
                "campaigns.challenge.changed",
                actor=actor,
                institution=campaign.institution,
                data={"fields": ", ".join(changed)},
            )
    return fresh


def has_writers(challenge: Challenge) -> bool:
    """Whether anyone wrote on the challenge or took it in a group: deleting it would delete
    what they wrote."""
    return any(
        model.objects.filter(challenge=challenge).exists()
        for model in (Reflection, Worksheet, ChallengeGroup)
    )


def delete_challenge(challenge: Challenge, *, actor: User | None) -> None:
    """Delete a challenge nobody has written on; its opens go with it."""
    with transaction.atomic():
        campaign = lock_campaign(challenge.campaign_id)
        fresh = Challenge.objects.select_for_update().get(pk=challenge.pk)
        # No count: from 1 to 10 it would point at people, and repeated it would track them.
        if has_writers(fresh):
            raise ValidationError(
                "People have written on this challenge or taken it in a group; it cannot be "
                "deleted. Move its reveal time instead."
            )
        fresh.delete()
        log_action(
            campaign,
            "campaigns.challenge.deleted",
            actor=actor,
            institution=campaign.institution,
            data={"challenge": fresh.title},
        )


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
        campaign = refuse_once_rules_published(prize.campaign_id)
        fresh = Prize.objects.select_for_update().get(pk=prize.pk)
        fresh.campaign = campaign
        changed = _apply(
            fresh, {"rank": rank, "name": name, "description": description, "quantity": quantity}
        )
        fresh.full_clean(validate_constraints=False)
        if quantity < 1:
            raise ValidationError({"quantity": "A prize needs at least one of it."})
        if Prize.objects.filter(campaign=campaign, rank=rank).exclude(pk=fresh.pk).exists():
            raise ValidationError({"rank": message})
        if changed:
            fresh.save(update_fields=changed)
            log_action(
                fresh,
                "campaigns.prize.changed",
                actor=actor,
                institution=campaign.institution,
                data={"rank": rank, "fields": ", ".join(changed)},
            )
    return fresh


def delete_prize(prize: Prize, *, actor: User | None) -> None:
    with transaction.atomic():
        campaign = refuse_once_rules_published(prize.campaign_id)
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
    rules are published: they give a ticket per attended session of the campaign."""
    with transaction.atomic():
        campaign = refuse_once_rules_published(link.campaign_id, SESSIONS_FIXED)
        CampaignEvent.objects.filter(pk=link.pk).delete()
        log_action(
            campaign,
            "campaigns.session.removed",
            actor=actor,
            institution=campaign.institution,
            data={"event": link.event.title},
        )
