"""The audit trail: one place to write entries and one registry of what each action means.

Services call ``log_action`` inside their transaction. Each app lists its actions and their
sentences in ``<app>/audit.py`` as ``ACTIONS``; ``describe`` turns an entry into that sentence.
"""

from __future__ import annotations

import importlib
import operator
from functools import cache, reduce
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django_scopes import scopes_disabled

from allin.core.cache import CHANGE_AREAS, forget_change
from allin.core.models import ActivityLog

if TYPE_CHECKING:
    from allin.accounts.models import User
    from allin.institutions.models import Institution

SENSITIVE_KEYS = ("password", "secret", "token", "key", "code", "answer", "reflection")
MASK = "********"


def _mask(data: dict[str, Any]) -> dict[str, Any]:
    masked: dict[str, Any] = {}
    for key, value in data.items():
        if any(word in key.lower() for word in SENSITIVE_KEYS):
            masked[key] = MASK
        elif isinstance(value, dict):
            masked[key] = _mask(value)
        else:
            masked[key] = value
    return masked


def log_action(
    obj: models.Model | None,
    action: str,
    *,
    actor: User | None,
    institution: Institution | None,
    data: dict[str, Any] | None = None,
) -> ActivityLog:
    if data is not None and not isinstance(data, dict):
        raise TypeError("Audit data must be a dict.")
    if action.count(".") < 2:
        raise ValueError(f"Audit actions are dotted app.thing.past_verb, not {action!r}.")
    if institution is not None and action.split(".", 1)[0] in CHANGE_AREAS:
        institution_id = institution.pk
        transaction.on_commit(lambda: forget_change(institution_id))
    with scopes_disabled():
        return ActivityLog.objects.create(
            institution=institution,
            actor=actor if actor is not None and actor.is_authenticated else None,
            content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:200] if obj is not None else "",
            action=action,
            data=_mask(data or {}),
        )


def history_for(
    obj: models.Model, limit: int = 50, *, actions: tuple[str, ...] = ()
) -> list[ActivityLog]:
    """``actions``, dotted prefixes, keeps only those entries: members' own traces logged on
    the same object (a reflection saved, a group joined) are not the organizers' history."""
    entries = ActivityLog.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )
    if actions:
        entries = entries.filter(
            reduce(operator.or_, (Q(action__startswith=prefix) for prefix in actions))
        )
    return list(entries.select_related("actor")[:limit])


@cache
def registry() -> dict[str, str]:
    actions: dict[str, str] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("allin."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.audit")
        except ModuleNotFoundError:
            continue
        actions.update(getattr(module, "ACTIONS", {}))
    return actions


@cache
def private_traces() -> tuple[str, ...]:
    """Action prefixes that record what members do on their own account: in the log, on no
    page (each app lists them as ``PRIVATE_TRACES``)."""
    prefixes: list[str] = []
    for config in apps.get_app_configs():
        if config.name.startswith("allin."):
            try:
                module = importlib.import_module(f"{config.name}.audit")
            except ModuleNotFoundError:
                continue
            prefixes.extend(getattr(module, "PRIVATE_TRACES", ()))
    return tuple(prefixes)


def shown_activity(entries: QuerySet[ActivityLog]) -> QuerySet[ActivityLog]:
    prefixes = private_traces()
    if not prefixes:
        return entries
    return entries.exclude(reduce(operator.or_, (Q(action__startswith=p) for p in prefixes)))


def describe(entry: ActivityLog) -> str:
    template = registry().get(entry.action)
    if template is None:
        return entry.action
    context = {key: value for key, value in entry.data.items() if isinstance(key, str)}
    context.setdefault("object", entry.object_repr)
    try:
        return template.format(**context)
    except (KeyError, IndexError, ValueError):
        return template.split(":")[0]
