ACTIONS = {
    "campaigns.campaign.created": "Campaign {object} was created",
    "campaigns.session.added": "{event} is part of the campaign",
    "campaigns.challenge.created": "Challenge {object} was created, revealed {reveal}",
    "campaigns.prize.added": "Prize {rank}: {object}",
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
