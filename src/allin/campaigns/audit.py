# What organizers did to a campaign, its sessions, challenges and prizes: the only entries
# their history panels show. Members' saves and group steps are logged on the challenge too,
# and their times would let an organizer tell a handful of writers apart.
ORGANIZER_ACTIONS = (
    "campaigns.campaign.",
    "campaigns.session.",
    "campaigns.challenge.",
    "campaigns.prize.",
)

ACTIONS = {
    "campaigns.campaign.created": "Campaign {object} was created",
    "campaigns.session.added": "{event} is part of the campaign",
    "campaigns.challenge.created": "Challenge {object} was created, revealed {reveal}",
    "campaigns.prize.added": "Prize {rank}: {object}",
    "campaigns.campaign.changed": "Campaign {object} was edited: {fields}",
    "campaigns.session.removed": "{event} is no longer part of the campaign",
    "campaigns.challenge.changed": "Challenge {object} was edited: {fields}",
    "campaigns.challenge.deleted": "Challenge {challenge} was deleted",
    "campaigns.prize.changed": "Prize {rank}, {object}, was edited: {fields}",
    "campaigns.prize.deleted": "Prize {rank}, {prize}, was deleted",
}
ACTIONS.update(
    {
        "campaigns.reflection.saved": "A reflection was saved ({visibility})",
        "campaigns.reflection.deleted": "A reflection was deleted",
        "campaigns.worksheet.saved": "A worksheet was saved ({mode})",
    }
)
ACTIONS.update(
    {
        "campaigns.raffle.rules_published": "Raffle rules published (SHA-256 {rules_sha256})",
        "campaigns.raffle.entries_frozen": "Raffle entries frozen: {entrants} entrants",
        "campaigns.raffle.drawn": "Raffle drawn from beacon round {round}",
        "campaigns.raffle.consent_changed": "An entrant changed whether to be named if they win",
    }
)
ACTIONS.update(
    {
        "campaigns.raffle.prize_declined": "A winner declined the prize of place {place}",
        "campaigns.raffle.prize_released": "Place {place} marked as declined or not claimed",
    }
)
ACTIONS.update(
    {
        "campaigns.group.opened": "A group was opened for {object}",
        "campaigns.group.joined": "Someone joined a group of {object}",
        "campaigns.group.recorded": "A group of {object} saved its record",
        "campaigns.group.step": "A group of {object} moved to step {step}",
        "campaigns.group.left": "Someone left a group of {object}",
        "campaigns.group.closed": "A group of {object} was closed",
    }
)

# What members do on their own account (write, share, meet, consent): kept as a record, but
# shown on no page, since their times alone could point at who wrote an anonymous reflection.
PRIVATE_TRACES = (
    "campaigns.reflection.",
    "campaigns.worksheet.",
    "campaigns.group.",
    "campaigns.raffle.consent_changed",
)
