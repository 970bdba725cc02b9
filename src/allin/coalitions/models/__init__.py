from allin.coalitions.models.coalitions import Application, Coalition, Term
from allin.coalitions.models.composition import CompositionSnapshot
from allin.coalitions.models.projects import MiniProject, ProjectSignup

__all__ = [
    "Application",
    "Coalition",
    "CompositionSnapshot",
    "MiniProject",
    "ProjectSignup",
    "Term",
]
