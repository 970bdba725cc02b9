from __future__ import annotations

import rules

from allin.institutions.rules import is_member

rules.add_perm("campaigns.reflect", is_member)
