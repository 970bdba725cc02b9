from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "allin.events"
    label = "events"
    verbose_name = "Events"
