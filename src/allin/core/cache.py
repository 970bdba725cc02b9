"""What every visitor reads alike is cached; this module names the keys and forgets them.

Services call the forget_* functions on commit, so a change shows at once in this process and,
with a shared cache (CACHE_URL=redis://...), in every worker.
"""

from __future__ import annotations

from django.core.cache import cache

HOME_LISTING_KEY = "allin:home:listing:v1"
HOME_LISTING_SECONDS = 60


def forget_home_listing() -> None:
    """Called on commit by services that add, rename or link institutions and programs.

    Member counts on the listing may lag by up to HOME_LISTING_SECONDS; names never do.
    """
    cache.delete(HOME_LISTING_KEY)


def institution_key(slug: str) -> str:
    return f"allin:institution:{slug}:v1"


def pages_key(institution_id: int) -> str:
    return f"allin:pages:{institution_id}:v1"


def forget_institution(slug: str) -> None:
    cache.delete(institution_key(slug))


def forget_pages(institution_id: int) -> None:
    cache.delete(pages_key(institution_id))


PUBLIC_FEED_SECONDS = 600


def public_feed_key(institution_id: int) -> str:
    return f"allin:events:public-feed:{institution_id}:v1"


def forget_public_feed(institution_id: int) -> None:
    """Called on commit when an event is created, changed or cancelled. Calendar apps poll the
    feed hourly; between changes they are served one rendering for up to ten minutes, which
    also lets events age out of the feed's window."""
    cache.delete(public_feed_key(institution_id))
