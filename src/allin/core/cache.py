"""What every visitor reads alike is cached; this module names the keys and forgets them.

Services call the forget_* functions on commit, so a change shows at once in this process and,
with a shared cache (CACHE_URL=redis://...), in every worker.
"""

from __future__ import annotations

import hashlib
import uuid

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
VISITOR_PAGE_SECONDS = 60


def events_generation(institution_id: int) -> str:
    """A token that changes whenever an event or its seats change; cached event pages and
    feeds put it in their keys, so one bump retires them all."""
    key = f"allin:events:generation:{institution_id}"
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(key, token, None)
    return token


def forget_events(institution_id: int) -> None:
    """Called on commit by the services that change events or RSVPs. The public feed is then
    rebuilt on its next request; between changes calendar apps, which poll hourly, are served
    one rendering for up to ten minutes, which also lets events age out of its window."""
    cache.delete(f"allin:events:generation:{institution_id}")


def public_feed_key(institution_id: int) -> str:
    return f"allin:events:public-feed:{institution_id}:{events_generation(institution_id)}"


def visitor_page_key(institution_id: int, path: str) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"allin:events:page:{institution_id}:{events_generation(institution_id)}:{digest}"


# The tracker and the community map read targets, plans, results, updates, projects and walk
# notes from four apps. Every write there is logged, so log_action bumps this generation on
# commit for those apps' actions, and the pages' cached renderings retire together.
CHANGE_AREAS = ("change", "community", "coalitions", "datawalks")
CHANGE_PAGE_SECONDS = 600


def change_generation(institution_id: int) -> str:
    key = f"allin:change:generation:{institution_id}"
    token = cache.get(key)
    if token is None:
        token = uuid.uuid4().hex
        cache.set(key, token, None)
    return token


def forget_change(institution_id: int) -> None:
    cache.delete(f"allin:change:generation:{institution_id}")


def change_fragment_key(institution_id: int, name: str, *parts: object) -> str:
    tail = ":".join(str(p) for p in parts)
    return f"allin:change:{name}:{institution_id}:{change_generation(institution_id)}:{tail}"
