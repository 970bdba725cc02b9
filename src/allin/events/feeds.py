"""The personal calendar address: create, rotate, revoke, and find its owner from the URL."""

from __future__ import annotations

import hmac

from django.db import transaction
from django.utils import timezone

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.events.models import CalendarFeed
from allin.events.models.feeds import hash_token


def rotate_feed(user: User) -> str:
    """A new secret address; the old one stops working at once. Returns the secret, which is
    shown to its owner now and never again."""
    token, digest = CalendarFeed.new_token()
    with transaction.atomic():
        feed, created = CalendarFeed.objects.update_or_create(
            user=user, defaults={"token_hash": digest, "last_used_at": None}
        )
        if not created:
            log_action(feed, "events.feed.rotated", actor=user, institution=None)
    return token


def revoke_feed(user: User) -> None:
    with transaction.atomic():
        deleted, _ = CalendarFeed.objects.filter(user=user).delete()
        if deleted:
            log_action(None, "events.feed.revoked", actor=user, institution=None)


def owner_of(token: str) -> User | None:
    digest = hash_token(token)
    feed = CalendarFeed.objects.select_related("user").filter(token_hash=digest).first()
    if feed is None or not hmac.compare_digest(feed.token_hash, digest) or not feed.user.is_active:
        return None
    # Once an hour is enough to tell the owner the address is in use.
    now = timezone.now()
    if feed.last_used_at is None or (now - feed.last_used_at).total_seconds() > 3600:
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user
