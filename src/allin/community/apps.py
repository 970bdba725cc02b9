from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "allin.community"
    label = "community"
    verbose_name = "Community"
