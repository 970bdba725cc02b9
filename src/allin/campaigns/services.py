"""Every write to campaigns, their sessions, challenges and prizes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.campaigns.editing import (
    SESSIONS_FIXED,
    SLUG_TAKEN,
    check_challenge,
    lock_campaign,
    refuse_once_rules_published,
)
from allin.campaigns.models import (
    Campaign,
    CampaignEvent,
    Challenge,
    ChallengeOpen,
    Prize,
    Reflection,
    Visibility,
    Worksheet,
)
from allin.campaigns.worksheets import MODES
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.events.models import Event
from allin.institutions.models import Institution
from allin.institutions.rules import cached_membership


def create_campaign(
    institution: Institution,
    *,
    actor: User | None,
    slug: str,
    name: str,
    starts_at: datetime,
    ends_at: datetime,
    tagline: str = "",
    description: str = "",
) -> Campaign:
    campaign = Campaign(
        institution=institution,
        slug=slug,
        name=name,
        tagline=tagline,
        description=description,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    campaign.full_clean(validate_constraints=False)
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "The campaign must end after it starts."})
    if slug == "manage":
        raise ValidationError({"slug": "This short name is reserved; choose another."})
    if Campaign.objects.filter(institution=institution, slug=slug).exists():
        raise ValidationError({"slug": "Another campaign already uses this short name."})
    with unique_or_error("slug", "Another campaign already uses this short name."):
        campaign.save()
        log_action(campaign, "campaigns.campaign.created", actor=actor, institution=institution)
    return campaign


def add_session(campaign: Campaign, event: Event, *, actor: User | None) -> CampaignEvent:
    if event.institution_id != campaign.institution_id:
        raise ValidationError("Choose an event of this institution.")
    with transaction.atomic():
        refuse_once_rules_published(campaign.pk, SESSIONS_FIXED)
        link, created = CampaignEvent.objects.get_or_create(
            campaign=campaign, event=event, defaults={"institution_id": campaign.institution_id}
        )
        if created:
            log_action(
                campaign,
                "campaigns.session.added",
                actor=actor,
                institution=campaign.institution,
                data={"event": event.title},
            )
    return link


def create_challenge(campaign: Campaign, *, actor: User | None, **fields: Any) -> Challenge:
    with unique_or_error("slug", SLUG_TAKEN):
        challenge = Challenge(
            institution_id=campaign.institution_id,
            campaign=lock_campaign(campaign.pk),
            **fields,
        )
        check_challenge(challenge)
        challenge.save()
        log_action(
            challenge,
            "campaigns.challenge.created",
            actor=actor,
            institution=campaign.institution,
            data={"reveal": challenge.reveal_at.isoformat()},
        )
    return challenge


def add_prize(
    campaign: Campaign,
    *,
    actor: User | None,
    rank: int,
    name: str,
    description: str = "",
    quantity: int = 1,
) -> Prize:
    prize = Prize(
        institution_id=campaign.institution_id,
        campaign=campaign,
        rank=rank,
        name=name,
        description=description,
        quantity=quantity,
    )
    prize.full_clean(validate_constraints=False)
    if quantity < 1:
        raise ValidationError({"quantity": "A prize needs at least one of it."})
    if Prize.objects.filter(campaign=campaign, rank=rank).exists():
        raise ValidationError({"rank": f"There is already a prize of rank {rank}."})
    with unique_or_error("rank", f"There is already a prize of rank {rank}."):
        refuse_once_rules_published(campaign.pk)
        prize.save()
        log_action(
            prize,
            "campaigns.prize.added",
            actor=actor,
            institution=campaign.institution,
            data={"rank": rank},
        )
    return prize


def save_reflection(
    challenge: Challenge, *, author: User, body: str, visibility: str
) -> Reflection:
    """Write or rewrite my reflection. Only members, and only once the challenge is out."""
    body = body.strip()
    errors = {}
    if not body:
        errors["body"] = "Write something before saving."
    elif len(body) > 20_000:
        errors["body"] = "Keep a reflection under 20,000 characters."
    if visibility not in Visibility.values:
        errors["visibility"] = "Choose who may read it."
    if errors:
        raise ValidationError(errors)
    if cached_membership(author, challenge.campaign.institution) is None:
        raise ValidationError("Reflections are for members of the institution.")
    if challenge.reveal_at > timezone.now():
        raise ValidationError("This challenge is not out yet.")
    with transaction.atomic():
        reflection, _ = Reflection.objects.update_or_create(
            challenge=challenge,
            author=author,
            defaults={
                "institution_id": challenge.institution_id,
                "body": body,
                "visibility": visibility,
            },
        )
        # The audit keeps that a reflection was saved and how widely it is shared: not the
        # words, and not the author, or the log would unmask an anonymous one.
        log_action(
            challenge,
            "campaigns.reflection.saved",
            actor=None,
            institution=challenge.campaign.institution,
            data={"visibility": reflection.get_visibility_display()},
        )
    return reflection


def delete_reflection(reflection: Reflection, *, author: User) -> None:
    """Delete for real: the row goes, and nothing of the text is kept anywhere."""
    if reflection.author_id != author.pk:
        raise PermissionDenied("Only its author can delete a reflection.")
    with transaction.atomic():
        institution = reflection.challenge.campaign.institution
        challenge = reflection.challenge
        Reflection.objects.filter(pk=reflection.pk).delete()
        log_action(challenge, "campaigns.reflection.deleted", actor=None, institution=institution)


def note_open(challenge: Challenge, user: User) -> None:
    """Count that a member opened the challenge, once. Not in the audit trail: it changes
    nothing, and a log of who read what is the kind of record privacy asks us not to keep."""
    ChallengeOpen.objects.bulk_create(
        [ChallengeOpen(institution_id=challenge.institution_id, challenge=challenge, user=user)],
        ignore_conflicts=True,
    )


def save_worksheet(
    challenge: Challenge,
    *,
    owner: User,
    mode: str,
    decision_title: str,
    decision_description: str,
    answers: dict[str, str],
) -> Worksheet:
    """Save my worksheet privately. Nothing of it reaches anyone else, nor the audit text."""
    if mode not in MODES:
        raise ValidationError({"mode": "Choose the quick or the full worksheet."})
    if not challenge.has_worksheet:
        raise ValidationError("This challenge has no worksheet.")
    if not decision_title.strip():
        raise ValidationError({"decision_title": "Name the decision you are assessing."})
    if cached_membership(owner, challenge.campaign.institution) is None:
        raise ValidationError("Worksheets are for members of the institution.")
    codes = {code for code, _ in MODES[mode]["questions"]}
    kept = {k: v.strip()[:10_000] for k, v in answers.items() if k in codes and v.strip()}
    with transaction.atomic():
        sheet, _ = Worksheet.objects.update_or_create(
            challenge=challenge,
            owner=owner,
            mode=mode,
            defaults={
                "institution_id": challenge.institution_id,
                "question_set": MODES[mode]["version"],
                "decision_title": decision_title.strip()[:200],
                "decision_description": decision_description.strip()[:10_000],
                "answers": kept,
            },
        )
        log_action(
            challenge,
            "campaigns.worksheet.saved",
            actor=None,
            institution=challenge.campaign.institution,
            data={"mode": mode},
        )
    return sheet
