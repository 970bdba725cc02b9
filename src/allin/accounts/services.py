from __future__ import annotations

from django.db import transaction

from allin.accounts.models import User
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
