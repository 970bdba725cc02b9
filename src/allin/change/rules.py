from __future__ import annotations

import rules

from allin.institutions.rules import is_member, is_organizer


@rules.predicate
def tracker_is_visible(user, institution) -> bool:  # type: ignore[no-untyped-def]
    return institution is not None and (institution.tracker_public or is_member(user, institution))


rules.add_perm("change.view_tracker", tracker_is_visible)
rules.add_perm("change.take_part", is_member)
rules.add_perm("change.manage", is_organizer)
