from django.db import models


class Visibility(models.TextChoices):
    MEMBERS = "members", "Members of the institution"
    PUBLIC = "public", "Anyone (public)"


class Prompt(models.TextChoices):
    """The three sticky-note questions of a gallery walk station."""

    NOTICE = "notice", "What I notice"
    SURPRISE = "surprise", "What surprises me"
    CHANGE = "change", "What should change"


class NoteOrder(models.TextChoices):
    NEWEST = "newest", "Newest first"
    VOTES = "votes", "Most voted first"
