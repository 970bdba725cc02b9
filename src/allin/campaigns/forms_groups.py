from __future__ import annotations

from datetime import datetime

from django import forms

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
    # round to the second and let a save made in the same second slip through.
    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_seen(self) -> datetime | None:
        try:
            return datetime.fromisoformat(self.cleaned_data["seen"])
        except ValueError:
            return None
