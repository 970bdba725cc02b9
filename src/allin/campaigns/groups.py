"""Challenge groups: a facilitator opens one, members join with its code, the group walks
through the challenge's steps together and records its shared goals and next steps.

What a group records is for its members alone. Organizers see how many groups met, never what
they wrote.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.campaigns.models import Challenge, ChallengeGroup, GroupMember
from allin.core.audit import log_action
from allin.institutions.rules import cached_membership

# Read aloud across a room or typed from a slide: no 0/O or 1/I to mix up.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
# A storytelling circle works at 4-12; a large dialogue splits before it reaches this.
MAX_MEMBERS = 40
MAX_RECORD = 10_000


def _log(group: ChallengeGroup, action: str, **data: object) -> None:
    """Against the challenge, with no actor and no group name: who meets with whom, and when,
    is the group's business. The institution sees that groups met, as the page promises."""
    log_action(
        group.challenge,
        action,
        actor=None,
        institution=group.challenge.campaign.institution,
        data=data or None,
    )


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _may_take_part(challenge: Challenge, user: User) -> None:
    if not challenge.group_mode:
        raise ValidationError("This challenge is not taken in groups.")
    if challenge.reveal_at > timezone.now():
        raise ValidationError("This challenge is not out yet.")
    if cached_membership(user, challenge.campaign.institution) is None:
        raise ValidationError("Groups are for members of the institution.")


def open_group(challenge: Challenge, *, facilitator: User, name: str) -> ChallengeGroup:
    """Open a group with a fresh code; the facilitator is its first member."""
    _may_take_part(challenge, facilitator)
    if len(name.strip()) > 120:
        raise ValidationError({"name": "Keep the name under 120 characters."})
    name = name.strip() or f"{facilitator.display_name}'s group"[:120]
    for _ in range(5):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                group = ChallengeGroup.objects.create(
                    institution_id=challenge.institution_id,
                    challenge=challenge,
                    facilitator=facilitator,
                    name=name,
                    code=code,
                )
                GroupMember.objects.create(
                    institution_id=challenge.institution_id, group=group, user=facilitator
                )
                _log(group, "campaigns.group.opened")
        except IntegrityError:
            continue  # the code was taken: draw another
        return group
    raise ValidationError("No free group code was found. Please try again.")


def join_group(challenge: Challenge, *, user: User, code: str) -> ChallengeGroup:
    """Join the open group of this challenge with the code. Joining twice changes nothing."""
    _may_take_part(challenge, user)
    code = normalize_code(code)
    if len(code) != CODE_LENGTH:
        raise ValidationError({"code": f"A group code has {CODE_LENGTH} letters and digits."})
    with transaction.atomic():
        # Locked, so two people joining the last seat at once cannot both get it.
        group = (
            ChallengeGroup.objects.select_for_update()
            .filter(challenge=challenge, code=code, closed_at__isnull=True)
            .first()
        )
        if group is None:
            raise ValidationError(
                {
                    "code": "No open group of this challenge has this code. Check it with your "
                    "facilitator."
                }
            )
        if GroupMember.objects.filter(group=group, user=user).exists():
            return group
        if group.members.count() >= MAX_MEMBERS:
            raise ValidationError(
                {
                    "code": f"This group is full ({MAX_MEMBERS} people). Ask your facilitator "
                    "to open another."
                }
            )
        GroupMember.objects.create(institution_id=group.institution_id, group=group, user=user)
        _log(group, "campaigns.group.joined")
    return group


def is_member(group: ChallengeGroup, user: User) -> bool:
    return user.is_authenticated and group.members.filter(user=user).exists()


def _open_for(group: ChallengeGroup, user: User) -> None:
    if not is_member(group, user):
        raise PermissionDenied("Only the group's members can do this.")
    if group.closed_at is not None:
        raise ValidationError("This group is closed; its record can no longer change.")


def record(
    group: ChallengeGroup,
    *,
    user: User,
    shared_goals: str,
    next_steps: str,
    seen: datetime | None,
) -> ChallengeGroup:
    """Save the group's shared goals and next steps. ``seen`` is when the writer loaded the
    record: if someone in the group saved after that, nothing is overwritten."""
    _open_for(group, user)
    errors = {
        field: f"Keep this under {MAX_RECORD:,} characters."
        for field, value in (("shared_goals", shared_goals), ("next_steps", next_steps))
        if len(value) > MAX_RECORD
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = ChallengeGroup.objects.select_for_update().get(pk=group.pk)
        if current.closed_at is not None:
            raise ValidationError("This group is closed; its record can no longer change.")
        if seen is not None and current.updated_at > seen:
            raise ValidationError(
                "Someone in the group saved the record while you were writing. Their version "
                "is shown below; copy your words into it and save again."
            )
        current.shared_goals = shared_goals.strip()
        current.next_steps = next_steps.strip()
        current.save(update_fields=["shared_goals", "next_steps", "updated_at"])
        # Not the words: the record belongs to the group, the log to the institution.
        _log(current, "campaigns.group.recorded")
    return current


def move_to_step(group: ChallengeGroup, *, user: User, step: int) -> None:
    """The facilitator moves the group to a step; everyone's page follows."""
    if group.facilitator_id != user.pk:
        raise PermissionDenied("Only the facilitator moves the group between steps.")
    _open_for(group, user)
    with transaction.atomic():
        # The challenge row locked, as an organizer's edit of the steps locks it: a move and
        # a shortening of the steps cannot interleave and leave the group past the last one.
        steps = Challenge.objects.select_for_update().get(pk=group.challenge_id).steps
        last = max(len(steps) - 1, 0)
        if not 0 <= step <= last:
            raise ValidationError(f"Choose a step from 1 to {last + 1}.")
        # update(), not save(): a step change must not look like an edit of the record.
        ChallengeGroup.objects.filter(pk=group.pk).update(current_step=step)
        _log(group, "campaigns.group.step", step=step + 1)


def leave_group(group: ChallengeGroup, *, user: User) -> None:
    if group.facilitator_id == user.pk:
        raise ValidationError("The facilitator closes the group rather than leaving it.")
    with transaction.atomic():
        deleted, _ = GroupMember.objects.filter(group=group, user=user).delete()
        if not deleted:
            raise PermissionDenied("You are not in this group.")
        _log(group, "campaigns.group.left")


def close_group(group: ChallengeGroup, *, user: User) -> None:
    """Closed groups keep their record for their members; nobody joins or edits any more."""
    if group.facilitator_id != user.pk:
        raise PermissionDenied("Only the facilitator closes the group.")
    with transaction.atomic():
        done = ChallengeGroup.objects.filter(pk=group.pk, closed_at__isnull=True).update(
            closed_at=timezone.now()
        )
        if not done:
            raise ValidationError("This group is already closed.")
        _log(group, "campaigns.group.closed")
