from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "allin.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from allin.core import checks  # noqa: F401  (registers the deploy checks)
