"""Attendance from Zoom and Teams reports: parse, preview, then apply in one transaction.

Nothing reaches the ledger until an organizer has seen the preview. A malformed file is refused
whole with its line and reason. The file's hash makes a second import of the same report a
no-op, and the unique constraint on applied imports settles two confirmations racing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.events.enums import ImportStatus, RowOutcome, RSVPStatus
from allin.events.models import RSVP, Attendance, AttendanceImport, Event, ImportRow
from allin.events.reports import PARSER_VERSION, ParsedReport, ReportError, parse_report
from allin.institutions.models import Membership

MAX_REPORT_BYTES = 5 * 1024 * 1024


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _candidates(event: Event, report: ParsedReport) -> tuple[dict[str, User], dict[str, User]]:
    """People a row may be: members or RSVPs by email; by name only among RSVPs, and only
    when the name is unambiguous (two Alex Kims stay in the review queue)."""
    emails = {row.email for row in report.rows if row.email}
    member_ids = Membership.objects.filter(
        institution=event.institution, ended_at__isnull=True
    ).values("user_id")
    rsvp_ids = RSVP.objects.filter(event=event).values("user_id")
    people = User.objects.filter(Q(pk__in=member_ids) | Q(pk__in=rsvp_ids))
    by_email = {
        u.email.casefold(): u
        for u in people.annotate(folded=Lower("email")).filter(folded__in=emails)
    }
    names: dict[str, list[User]] = {}
    going = RSVP.objects.filter(event=event).exclude(status=RSVPStatus.CANCELLED)
    for r in going.select_related("user"):
        names.setdefault(_fold(r.user.name), []).append(r.user)
    by_name = {n: users[0] for n, users in names.items() if n and len(users) == 1}
    return by_email, by_name


def preview_import(event: Event, *, actor: User, filename: str, data: bytes) -> AttendanceImport:
    if not data:
        raise ValidationError({"file": "The file is empty."})
    if len(data) > MAX_REPORT_BYTES:
        raise ValidationError({"file": "The file is larger than 5 MB; is it an attendance report?"})
    minutes = int((event.ends_at - event.starts_at).total_seconds() // 60)
    try:
        report = parse_report(data, time_zone=event.time_zone, session_minutes=minutes)
    except ReportError as exc:
        raise ValidationError({"file": str(exc)}) from exc
    done = AttendanceImport.objects.filter(
        event=event, sha256=report.sha256, status=ImportStatus.APPLIED
    ).first()
    if done is not None:
        when = timezone.localtime(done.applied_at, event.zone)
        raise ValidationError(
            {
                "file": f"This report was already imported on {when:%B %-d at %-I:%M %p}; "
                "importing it again would change nothing."
            }
        )
    if not report.rows:
        raise ValidationError({"file": "The report lists nobody who attended."})
    by_email, by_name = _candidates(event, report)
    threshold = event.attendance_threshold
    with transaction.atomic():
        upload = AttendanceImport.objects.create(
            institution_id=event.institution_id,
            event=event,
            uploaded_by=actor,
            filename=filename[:200],
            sha256=report.sha256,
            format=report.format,
            parser_version=PARSER_VERSION,
            threshold=threshold,
        )
        rows = []
        for r in report.rows:
            user, how = by_email.get(r.email.casefold()) if r.email else None, "email"
            if user is None:
                user, how = by_name.get(_fold(r.name)), "name"
            if user is None:
                outcome, how = RowOutcome.UNMATCHED, ""
            elif r.minutes < threshold:
                outcome = RowOutcome.TOO_SHORT
            else:
                outcome = RowOutcome.MATCHED
            rows.append(
                ImportRow(
                    report=upload,
                    line=r.line,
                    name=r.name[:200],
                    email=r.email[:254],
                    minutes=r.minutes,
                    first_join=r.first_join,
                    last_leave=r.last_leave,
                    user=user,
                    matched_by=how,
                    outcome=outcome,
                )
            )
        ImportRow.objects.bulk_create(rows)
        log_action(
            upload,
            "events.import.previewed",
            actor=actor,
            institution=event.institution,
            data={"file": upload.filename},
        )
    return upload


def _write(upload: AttendanceImport, rows: list[ImportRow], actor: User) -> int:
    have = set(
        Attendance.objects.filter(
            event=upload.event, user__in=[r.user_id for r in rows]
        ).values_list("user_id", flat=True)
    )
    now = timezone.now()
    fresh = [
        Attendance(
            institution_id=upload.institution_id,
            event_id=upload.event_id,
            user_id=r.user_id,
            source=upload.source,
            checked_in_at=r.first_join or now,
            minutes=r.minutes,
            recorded_by=actor,
            source_import=upload,
        )
        for r in {r.user_id: r for r in rows}.values()
        if r.user_id not in have
    ]
    # A QR scan racing the import may take a row first; the constraint keeps one of them.
    Attendance.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def apply_import(upload: AttendanceImport, *, actor: User) -> int:
    """Write the matched rows to the ledger; people already recorded are left as they are."""
    try:
        with transaction.atomic():
            upload = AttendanceImport.objects.select_for_update().get(pk=upload.pk)
            if upload.status != ImportStatus.PREVIEW:
                raise ValidationError("This report was already imported or discarded.")
            matched = list(
                upload.rows.filter(outcome__in=[RowOutcome.MATCHED, RowOutcome.RESOLVED])
            )
            added = _write(upload, matched, actor)
            upload.status, upload.applied_at = ImportStatus.APPLIED, timezone.now()
            upload.save(update_fields=["status", "applied_at", "updated_at"])
            log_action(
                upload,
                "events.import.applied",
                actor=actor,
                institution=upload.event.institution,
                data={
                    "file": upload.filename,
                    "added": added,
                    "unmatched": upload.rows.filter(outcome=RowOutcome.UNMATCHED).count(),
                },
            )
    except IntegrityError as exc:
        raise ValidationError("This report was already imported; nothing changed.") from exc
    return added


def discard_import(upload: AttendanceImport, *, actor: User) -> None:
    with transaction.atomic():
        if AttendanceImport.objects.filter(pk=upload.pk, status=ImportStatus.PREVIEW).update(
            status=ImportStatus.DISCARDED, updated_at=timezone.now()
        ):
            log_action(
                upload,
                "events.import.discarded",
                actor=actor,
                institution=upload.event.institution,
                data={"file": upload.filename},
            )


def resolve_row(row: ImportRow, *, user: User, actor: User) -> None:
    """From the review queue: this row is that person. Writes attendance if they stayed long
    enough and the report is already imported."""
    with transaction.atomic():
        row = ImportRow.objects.select_for_update().select_related("report__event").get(pk=row.pk)
        if row.outcome != RowOutcome.UNMATCHED:
            raise ValidationError("This row was already reviewed.")
        row.user, row.matched_by = user, "organizer"
        row.outcome = (
            RowOutcome.RESOLVED if row.minutes >= row.report.threshold else RowOutcome.TOO_SHORT
        )
        row.save(update_fields=["user", "matched_by", "outcome"])
        if row.outcome == RowOutcome.RESOLVED and row.report.status == ImportStatus.APPLIED:
            _write(row.report, [row], actor)
        log_action(
            row.report,
            "events.import.resolved",
            actor=actor,
            institution=row.report.event.institution,
            data={"person": user.display_name, "line": row.line},
        )


def dismiss_row(row: ImportRow, *, actor: User) -> None:
    with transaction.atomic():
        if ImportRow.objects.filter(pk=row.pk, outcome=RowOutcome.UNMATCHED).update(
            outcome=RowOutcome.DISMISSED
        ):
            log_action(
                row.report,
                "events.import.dismissed",
                actor=actor,
                institution=row.report.event.institution,
                data={"line": row.line},
            )
