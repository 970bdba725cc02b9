from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "allin.demo"
    label = "demo"
    verbose_name = "Demo"
