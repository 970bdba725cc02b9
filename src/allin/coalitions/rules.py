from __future__ import annotations

import rules

from allin.institutions.rules import is_member, is_organizer

# Coalition and project pages are public (they recruit); rosters and sign-ups are for members.
rules.add_perm("coalitions.take_part", is_member)
rules.add_perm("coalitions.manage", is_organizer)
