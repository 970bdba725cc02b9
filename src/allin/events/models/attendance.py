from __future__ import annotations

from django.conf import settings
from django.db import models
from django_scopes import ScopedManager

from allin.core.models import TimeStampedModel
from allin.events.enums import AttendanceSource, ImportStatus, RowOutcome


class Attendance(TimeStampedModel):
    """The ledger: one row per person per event, whatever told us they came.

    Raffle entries and participation figures read this table alone, so the unique constraint
    is what makes "one entry per session attended" true.
    """

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance"
    )
    source = models.CharField(max_length=10, choices=AttendanceSource)
    checked_in_at = models.DateTimeField()
    # Kept raw, so a changed minimum-minutes rule can be applied again later.
    minutes = models.PositiveIntegerField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_import = models.ForeignKey(
        "events.AttendanceImport", null=True, blank=True, on_delete=models.SET_NULL
    )

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_attendance_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.event}"


class AttendanceImport(TimeStampedModel):
    """An uploaded Zoom or Teams report: provenance, and the preview before anything is written.

    The file itself is not kept; its hash is, so the same report imported twice is recognised.
    """

    institution = models.ForeignKey(
        "institutions.Institution", on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="imports")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    parser_version = models.CharField(max_length=10)
    threshold = models.PositiveSmallIntegerField(help_text="Minimum minutes at import time.")
    status = models.CharField(max_length=10, choices=ImportStatus, default=ImportStatus.PREVIEW)
    applied_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager(institution="institution")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "sha256"],
                condition=models.Q(status="applied"),
                name="one_applied_import_per_file",
            ),
        ]
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.filename

    @property
    def source(self) -> str:
        if self.format.startswith("zoom"):
            return AttendanceSource.ZOOM
        if self.format.startswith("teams"):
            return AttendanceSource.TEAMS
        return AttendanceSource.CSV


class ImportRow(models.Model):
    """One person in a report, merged over rejoins, with who we think they are."""

    report = models.ForeignKey(AttendanceImport, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField()
    name = models.CharField(max_length=200, blank=True)
    email = models.CharField(max_length=254, blank=True)
    minutes = models.PositiveIntegerField(default=0)
    first_join = models.DateTimeField(null=True, blank=True)
    last_leave = models.DateTimeField(null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matched_by = models.CharField(max_length=10, blank=True)  # "email", "name" or "organizer"
    outcome = models.CharField(max_length=10, choices=RowOutcome)

    class Meta:
        ordering = ["line"]

    def __str__(self) -> str:
        return self.name or self.email
