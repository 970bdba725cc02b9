from django.apps import AppConfig


class InstitutionsConfig(AppConfig):
    name = "allin.institutions"
    label = "institutions"
    verbose_name = "Institutions"
