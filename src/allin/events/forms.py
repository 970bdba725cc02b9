from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone

from allin.events.models import Event, Series
from allin.events.services import EVENT_FIELDS
from allin.learning.models import Cohort

WHEN_FIELDS = ("starts_at", "ends_at", "rsvp_opens_at", "rsvp_closes_at")


class EventForm(forms.ModelForm):
    """Times are typed as wall-clock times in the event's own time zone.

    Django reads them in the active zone (the institution's); when the organizer picks another
    zone for the event, the same wall-clock time is moved into it.
    """

    # Scoped managers cannot be queried at import time; the queryset is set per request.
    series = forms.ModelChoiceField(queryset=None, required=False, label="Series")
    cohort = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Cohort",
        help_text="Only when the audience is one cohort.",
    )

    class Meta:
        model = Event
        # Everything the service accepts except the link to an earlier event, which
        # "Hold again" sets.
        fields = [f for f in EVENT_FIELDS if f != "repeat_of"]
        labels = {
            "slug": "Short name for the address",
            "starts_at": "Starts",
            "ends_at": "Ends",
            "join_url": "Join link",
            "min_minutes": "Minimum minutes online to count as attending",
            "rsvp_mode": "RSVP",
            "rsvp_opens_at": "RSVPs open",
            "rsvp_closes_at": "RSVPs close",
            "raffle_eligible": "Counts for the raffle",
            "not_recorded": "Not recorded / confidential",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 8}),
            **{
                f: forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
                for f in WHEN_FIELDS
            },
        }

    time_zone = forms.ChoiceField(
        choices=[(name, name) for name in sorted(zoneinfo.available_timezones())],
        help_text="Times below are in this zone.",
    )

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = Series.objects.filter(institution=institution)
        self.fields["cohort"].queryset = Cohort.objects.filter(institution=institution)
        self.fields["slug"].help_text = "Letters, numbers and hyphens, e.g. chats-nov-2026."
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].validators.append(MinValueValidator(1))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        name = data.get("time_zone")
        if name and name != timezone.get_current_timezone_name():
            zone = zoneinfo.ZoneInfo(name)
            for field in WHEN_FIELDS:
                value: datetime | None = data.get(field)
                if value is not None:
                    wall = timezone.localtime(value).replace(tzinfo=None)
                    data[field] = wall.replace(tzinfo=zone)
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The event must end after it starts.")
        opens, closes = data.get("rsvp_opens_at"), data.get("rsvp_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("rsvp_closes_at", "RSVPs must close after they open.")
        return data


class SeriesForm(forms.ModelForm):
    class Meta:
        model = Series
        fields = ["name", "slug", "description"]
        labels = {"slug": "Short name for the address"}
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(
        min_value=1, required=False, help_text="Leave empty for no limit."
    )


class CheckInSearchForm(forms.Form):
    q = forms.CharField(label="Find a person", required=False, max_length=100)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Attendance report",
        help_text="A Zoom participants or webinar report, a Teams attendance report, "
        "or the All In CSV template.",
    )

    def clean_file(self) -> Any:
        from allin.events.imports import MAX_REPORT_BYTES

        file = self.cleaned_data["file"]
        # Refused before it is read: an attendance report is never this large.
        if file.size > MAX_REPORT_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB; is it an attendance report?")
        return file
