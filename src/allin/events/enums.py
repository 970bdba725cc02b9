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
    COHORT = "cohort", "One cohort"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    CANCELLED = "cancelled", "Cancelled"


class RSVPStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Going"
    WAITLISTED = "waitlisted", "On the waitlist"
    CANCELLED = "cancelled", "Not going"


class AttendanceSource(models.TextChoices):
    QR = "qr", "Self check-in (QR code)"
    STAFF = "staff", "Checked in by staff"
    ZOOM = "zoom", "Zoom report"
    TEAMS = "teams", "Teams report"
    CSV = "csv", "CSV upload"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "Waiting for confirmation"
    APPLIED = "applied", "Imported"
    DISCARDED = "discarded", "Discarded"


class RowOutcome(models.TextChoices):
    MATCHED = "matched", "Matched"
    TOO_SHORT = "too_short", "Below the minimum minutes"
    UNMATCHED = "unmatched", "Matches nobody: needs review"
    RESOLVED = "resolved", "Assigned by an organizer"
    DISMISSED = "dismissed", "Dismissed"
