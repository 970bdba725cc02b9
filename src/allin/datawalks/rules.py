from __future__ import annotations

import rules

from allin.datawalks.models import DataWalk
from allin.institutions.rules import is_member, is_organizer


@rules.predicate
def walk_is_visible(user, walk: DataWalk) -> bool:  # type: ignore[no-untyped-def]
    return walk.is_public or is_member(user, walk.institution)


rules.add_perm("datawalks.view_walk", walk_is_visible)
rules.add_perm("datawalks.take_part", is_member)
rules.add_perm("datawalks.manage", is_organizer)
