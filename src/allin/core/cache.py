"""Cached fragments of pages everyone sees alike, and the one place that forgets them."""

from __future__ import annotations

from django.core.cache import cache

HOME_LISTING_KEY = "allin:home:listing:v1"
HOME_LISTING_SECONDS = 60


def forget_home_listing() -> None:
    """Called on commit by services that add, rename or link institutions and programs.

    Member counts on the listing may lag by up to HOME_LISTING_SECONDS; names never do.
    """
    cache.delete(HOME_LISTING_KEY)
