from allin.campaigns.models.campaign import (
    Campaign,
    CampaignEvent,
    Challenge,
    ChallengeOpen,
    Prize,
)
from allin.campaigns.models.raffle import Entrant, Raffle
from allin.campaigns.models.taking_part import (
    ChallengeGroup,
    GroupMember,
    Reflection,
    Visibility,
    Worksheet,
)

__all__ = [
    "Campaign",
    "CampaignEvent",
    "Challenge",
    "ChallengeGroup",
    "ChallengeOpen",
    "Entrant",
    "GroupMember",
    "Prize",
    "Raffle",
    "Reflection",
    "Visibility",
    "Worksheet",
]
