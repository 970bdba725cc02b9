from __future__ import annotations

from django import forms

from allin.accounts.enums import RaceEthnicity, URiM
from allin.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "pronouns"]
        labels = {"name": "Your name", "pronouns": "Pronouns (optional)"}
        help_texts = {"name": "As organizers and other members will see it."}


class IdentityForm(forms.Form):
    race_ethnicity = forms.MultipleChoiceField(
        label="Race and ethnicity",
        choices=RaceEthnicity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose all that apply, or none.",
    )
    urim = forms.ChoiceField(
        label="Do you identify as underrepresented in medicine?",
        choices=URiM.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text="Underrepresented in medicine: racial and ethnic groups whose share of the "
        "medical profession is smaller than their share of the population (AAMC).",
    )
