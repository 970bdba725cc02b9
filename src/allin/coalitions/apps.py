from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "allin.coalitions"
    label = "coalitions"
    verbose_name = "Guiding coalitions and mini projects"
