from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils.dateparse import parse_datetime

from allin.campaigns.groups import CODE_LENGTH, MAX_RECORD


class OpenGroupForm(forms.Form):
    name = forms.CharField(
        label="Group name",
        max_length=120,
        required=False,
        help_text="Optional, e.g. \u201cTuesday circle, 4th floor\u201d.",
    )


class JoinGroupForm(forms.Form):
    code = forms.CharField(
        label="Group code",
        max_length=20,
        help_text=f"The {CODE_LENGTH} letters and digits your facilitator shows you.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class GroupRecordForm(forms.Form):
    shared_goals = forms.CharField(
        label="Our shared goals",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_RECORD,
        required=False,
    )
    next_steps = forms.CharField(
        label="Our next steps",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_RECORD,
        required=False,
    )
    # When the writer loaded the record, to the microsecond: a plain DateTimeField would
    # round to the second and let a save made in the same second slip through. Required: a
    # save that cannot say what it saw must not overwrite what the group wrote.
    seen = forms.CharField(
        widget=forms.HiddenInput, error_messages={"required": "Reload the page and save again."}
    )

    def clean_seen(self) -> datetime:
        seen = parse_datetime(self.cleaned_data["seen"])
        if seen is None or seen.tzinfo is None:
            raise forms.ValidationError("Reload the page and save again.")
        return seen
