from django.apps import AppConfig


class ChangeConfig(AppConfig):
    name = "allin.change"
    label = "change"
    verbose_name = "Change management"
