from __future__ import annotations

import rules

from allin.institutions.rules import is_member, is_organizer

rules.add_perm("events.manage", is_organizer)
rules.add_perm("events.view_members_events", is_member)
