"""First-come waitlists (event seats, mini-project places): one way to move people up."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone


def promote_in_order(
    waiting: QuerySet[Any],
    *,
    claim: Callable[[], bool],
    confirmed: str,
    promoted: Callable[[Any], None],
) -> list[Any]:
    """Move the head of ``waiting`` (rows with ``queue_number``) up while ``claim()`` takes a
    free place, first in first out. Call inside the transaction that freed the place: each head
    is locked before it moves, so two promotions never take the same person. ``promoted`` is
    called for each (audit and the email on commit)."""
    moved: list[Model] = []
    while True:
        head = waiting.select_for_update().select_related("user").order_by("queue_number").first()
        if head is None or not claim():
            return moved
        head.status, head.promoted_at, head.queue_number = confirmed, timezone.now(), None
        head.save(update_fields=["status", "promoted_at", "queue_number", "updated_at"])
        promoted(head)
        moved.append(head)
