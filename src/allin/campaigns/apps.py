from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "allin.campaigns"
    label = "campaigns"
    verbose_name = "Campaigns"
