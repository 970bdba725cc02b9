from django.apps import AppConfig


class DataWalksConfig(AppConfig):
    name = "allin.datawalks"
    label = "datawalks"
    verbose_name = "Data walks"
