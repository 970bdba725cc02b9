from allin.change.models.spheres import Sphere, WorkingGroup

__all__ = ["Sphere", "WorkingGroup"]
