from django.db import models


class EventFormat(models.TextChoices):
    VIRTUAL = "virtual", "Virtual"
    IN_PERSON = "in_person", "In person"
    HYBRID = "hybrid", "Hybrid"


class RSVPMode(models.TextChoices):
    REQUIRED = "required", "RSVP required"
    REQUESTED = "requested", "RSVP requested, not required"
    NONE = "none", "No RSVP"


class Audience(models.TextChoices):
    PUBLIC = "public", "Everyone"
    MEMBERS = "members", "Members of the institution"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class RSVPStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Going"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Not going"
