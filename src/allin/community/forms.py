from __future__ import annotations

from datetime import date

from django import forms


class StartUpdateForm(forms.Form):
    month = forms.CharField(
        label="Month",
        help_text="The month the update reports on, e.g. 2026-11.",
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def clean_month(self) -> date:
        value = self.cleaned_data["month"].strip()
        try:
            year, month = (int(part) for part in value.split("-"))
            return date(year, month, 1)
        except ValueError:
            raise forms.ValidationError("Give the month as year and month, e.g. 2026-11.") from None


class SphereReportForm(forms.Form):
    body = forms.CharField(
        label="Update",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=20_000,
        help_text="Markdown. Drafted from what changed in the sphere's targets this month.",
    )
    nothing_to_report = forms.BooleanField(label="Nothing to report this month", required=False)


class PublishUpdateForm(forms.Form):
    intro = forms.CharField(
        label="Introduction",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2_000,
    )
