from django.db import models


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    WAITLISTED = "waitlisted", "On the waitlist"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Applications an organizer still has to decide; a person has at most one of these.
OPEN_STATUSES = (ApplicationStatus.PENDING, ApplicationStatus.WAITLISTED)


class Decision(models.TextChoices):
    ACCEPT = "accept", "Accept"
    WAITLIST = "waitlist", "Put on the waitlist"
    DECLINE = "decline", "Decline"


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Signed up"
    WAITLISTED = "waitlisted", "On the waitlist"
    WITHDRAWN = "withdrawn", "Withdrawn"
