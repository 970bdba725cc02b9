from allin.change.models.indicators import (
    Indicator,
    IndicatorBaseline,
    IndicatorResult,
    IndicatorTarget,
)
from allin.change.models.mapping import (
    BoundaryPartner,
    MarkerRating,
    OutcomeChallenge,
    OutcomeJournalEntry,
    ProgressMarker,
)
from allin.change.models.spheres import Sphere, WorkingGroup
from allin.change.models.targets import ChangeTarget, ShortTermWin, SmartObjective, TacticalTask

__all__ = [
    "BoundaryPartner",
    "ChangeTarget",
    "Indicator",
    "IndicatorBaseline",
    "IndicatorResult",
    "IndicatorTarget",
    "MarkerRating",
    "OutcomeChallenge",
    "OutcomeJournalEntry",
    "ProgressMarker",
    "ShortTermWin",
    "SmartObjective",
    "Sphere",
    "TacticalTask",
    "WorkingGroup",
]
