"""Database helpers shared by the services."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


@contextmanager
def unique_or_error(field: str, message: str) -> Iterator[None]:
    """A transaction whose unique constraint, if broken, is a form error on ``field``.

    Services check uniqueness first for a friendly message; two submissions a moment apart
    both pass that check, and the constraint then decides. This turns the loser's
    IntegrityError into the same message instead of a server error.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        raise ValidationError({field: message}) from exc
