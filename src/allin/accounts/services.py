from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from allin.accounts.enums import RaceEthnicity, URiM
from allin.accounts.models import SelfIdentification, User
from allin.core.audit import log_action

PROFILE_FIELDS = ("name", "pronouns")


def update_profile(user: User, *, actor: User, name: str, pronouns: str) -> User:
    """Change how a person is named across All In. Platform-level, so no institution."""
    changed = sorted(
        f for f, v in (("name", name), ("pronouns", pronouns)) if getattr(user, f) != v
    )
    if not changed:
        return user
    user.name, user.pronouns = name.strip(), pronouns.strip()
    user.full_clean(exclude=["password", "email"])
    with transaction.atomic():
        user.save(update_fields=changed)
        log_action(
            user,
            "accounts.profile.updated",
            actor=actor,
            institution=None,
            data={"fields": ", ".join(changed)},
        )
    return user


def save_identity(
    user: User, *, actor: User, race_ethnicity: list[str], urim: str
) -> SelfIdentification | None:
    """Record how a person describes themselves; nothing at all clears it. The audit entry
    says that it changed, never what it says."""
    codes = [c for c in RaceEthnicity.values if c in set(race_ethnicity)]
    if len(codes) != len(set(race_ethnicity)):
        raise ValidationError({"race_ethnicity": "Choose from the groups listed."})
    if RaceEthnicity.PREFER_NOT in codes and len(codes) > 1:
        raise ValidationError(
            {"race_ethnicity": "Choose groups, or “Prefer not to say”, but not both."}
        )
    if urim not in ("", *URiM.values):
        raise ValidationError({"urim": "Choose one of the answers listed."})
    if not codes and not urim:
        clear_identity(user, actor=actor)
        return None
    with transaction.atomic():
        row, created = SelfIdentification.objects.select_for_update().get_or_create(user=user)
        if not created and row.race_ethnicity == codes and row.urim == urim:
            return row
        row.race_ethnicity, row.urim = codes, urim
        row.save()
        log_action(row, "accounts.identity.saved", actor=actor, institution=None)
    return row


def clear_identity(user: User, *, actor: User) -> None:
    with transaction.atomic():
        deleted, _ = SelfIdentification.objects.filter(user=user).delete()
        if deleted:
            # No object: the row is gone, and the entry must not point at the person twice.
            log_action(None, "accounts.identity.cleared", actor=actor, institution=None)
