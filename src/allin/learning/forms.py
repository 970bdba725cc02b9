from __future__ import annotations

from django import forms

from allin.learning.models import Cohort


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "slug", "description"]
        labels = {"slug": "Short name for the address"}
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}


class AddPersonForm(forms.Form):
    email = forms.EmailField(label="Member's email address")
    lead = forms.BooleanField(label="Cohort lead", required=False)
