from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "allin.learning"
    label = "learning"
    verbose_name = "Programs"
