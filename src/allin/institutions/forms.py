from __future__ import annotations

from django import forms

from allin.institutions.enums import Affiliation, Role
from allin.institutions.models import Institution, InstitutionPage


class InstitutionSettingsForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = [
            "name",
            "short_name",
            "tagline",
            "time_zone",
            "kind",
            "contact_email",
            "tracker_public",
        ]
        labels = {"tracker_public": "Change work is public"}


class PageForm(forms.ModelForm):
    class Meta:
        model = InstitutionPage
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address")
    affiliation = forms.ChoiceField(choices=Affiliation.choices)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER)


class MembershipForm(forms.Form):
    affiliation = forms.ChoiceField(choices=Affiliation.choices)
    role = forms.ChoiceField(choices=Role.choices)


class PeopleSearchForm(forms.Form):
    q = forms.CharField(label="Search people", required=False, max_length=100)
