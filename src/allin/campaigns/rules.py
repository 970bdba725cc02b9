from __future__ import annotations

import rules

from allin.institutions.rules import is_member, is_organizer

rules.add_perm("campaigns.reflect", is_member)
rules.add_perm("campaigns.run_raffle", is_organizer)
