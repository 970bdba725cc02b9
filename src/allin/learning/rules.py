from __future__ import annotations

import rules

from allin.institutions.rules import is_organizer

rules.add_perm("learning.manage_cohorts", is_organizer)
