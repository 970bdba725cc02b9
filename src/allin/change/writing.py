"""Small rules shared by the change-target services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError

from allin.accounts.models import User
from allin.change.enums import TargetStatus
from allin.change.models import ChangeTarget
from allin.institutions.models import Institution, Membership


def apply(obj: Any, fields: dict[str, Any]) -> list[str]:
    """Set the fields on ``obj`` and name those whose value differs."""
    changed = [name for name, value in fields.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, fields[name])
    return changed


def require_members(institution: Institution, users: Iterable[User | None], *, field: str) -> None:
    """Owners and responsible people must belong to the school: a target's page names them."""
    wanted = {u.pk for u in users if u is not None}
    if not wanted:
        return
    current = set(
        Membership.objects.filter(
            institution=institution, user_id__in=wanted, ended_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    if wanted - current:
        raise ValidationError(
            {field: f"Choose people who are members of {institution.short_name}."}
        )


def refuse_if_closed(target: ChangeTarget) -> None:
    """A course-corrected target is the record of its cycle; its plan is carried on by the
    next cycle's target, which is where changes go."""
    if target.status == TargetStatus.COURSE_CORRECTED:
        raise ValidationError(
            "This target was course-corrected into the next cycle; it is kept as it was. "
            "Make changes on the next cycle's target."
        )


def locked_target(target: ChangeTarget, *, allow_closed: bool = False) -> ChangeTarget:
    """Lock the target row so a carry-forward copying the plan cannot interleave with a change
    to it, and refuse once the target is course-corrected (unless ``allow_closed``: results
    and journal entries look back on a cycle and may come after it closed)."""
    fresh = ChangeTarget.objects.select_for_update().select_related("institution").get(pk=target.pk)
    if not allow_closed:
        refuse_if_closed(fresh)
    return fresh


def not_blank(**values: str) -> None:
    errors = {
        name: "This field is required." for name, value in values.items() if not value.strip()
    }
    if errors:
        raise ValidationError(errors)
