from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from allin.change.models import Sphere
from allin.coalitions.enums import Decision
from allin.coalitions.models import Coalition, MiniProject
from allin.coalitions.projects import PROJECT_FIELDS, eligible_members
from allin.coalitions.services import COALITION_FIELDS, MAX_STATEMENT
from allin.coalitions.terms import check_term_date
from allin.institutions.enums import Affiliation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Seconds too: a window closing at 23:59:59 must be typed as such (DESIGN.md §6, Time).
MOMENT = forms.DateTimeInput(
    attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"
)


class ServiceChecked(forms.ModelForm):
    """The services check short names and cross-field rules, each with a message on the field
    it concerns; the model's constraints would only repeat them, attached to none."""

    def validate_unique(self) -> None:
        return

    def validate_constraints(self) -> None:
        return


class CoalitionForm(ServiceChecked):
    class Meta:
        model = Coalition
        fields = list(COALITION_FIELDS)
        labels = {"slug": "Short name for the address"}
        help_texts = {"slug": "Letters, numbers and hyphens, e.g. grbi."}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "role": forms.Textarea(attrs={"rows": 4}),
            "criteria": forms.Textarea(attrs={"rows": 4}),
        }


class CoalitionEditForm(CoalitionForm):
    """The short name stays as created: it is in links people were sent."""

    class Meta(CoalitionForm.Meta):
        fields = [f for f in COALITION_FIELDS if f != "slug"]


class ApplicationForm(forms.Form):
    why = forms.CharField(
        label="Why do you want to join?",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_STATEMENT,
    )
    brings = forms.CharField(
        label="What would you bring?",
        help_text="Experience, perspectives, skills, time: whatever you think matters.",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_STATEMENT,
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=Decision.choices, widget=forms.RadioSelect
    )
    starts_on = forms.DateField(
        label="Term starts",
        required=False,
        widget=DATE,
        help_text="When accepting. Leave empty to start today.",
    )
    note = forms.CharField(
        label="A word to the applicant (optional)",
        required=False,
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Sent with the decision by email.",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_starts_on(self) -> date | None:
        return _term_date(self, "starts_on")


class EndTermForm(forms.Form):
    ends_on = forms.DateField(
        label="No longer a member from",
        required=False,
        widget=DATE,
        help_text="Leave empty for today.",
    )

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_ends_on(self) -> date | None:
        return _term_date(self, "ends_on")


def _term_date(form: DecisionForm | EndTermForm, field: str) -> date | None:
    day = form.cleaned_data[field]
    if day is not None:
        try:
            check_term_date(day, form.today, field)
        except forms.ValidationError as exc:
            raise forms.ValidationError(exc.message_dict[field]) from exc
    return day


class ProjectForm(ServiceChecked):
    affiliations = forms.MultipleChoiceField(
        label="Only for these affiliations",
        choices=Affiliation.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: anyone in the school may sign up.",
    )
    # Typed as an email address: a school has too many members for a list to choose from.
    point_person = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="email",
        widget=forms.EmailInput,
        label="Point person's email",
        error_messages={"invalid_choice": "No member of this institution has this email address."},
    )
    sphere = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label="Sphere (optional)"
    )

    class Meta:
        model = MiniProject
        fields = list(PROJECT_FIELDS)
        labels = {"slug": "Short name for the address", "hours_per_month": "Hours per month"}
        help_texts = {
            "slug": "Letters, numbers and hyphens, e.g. data-walk-2023.",
            "opens_at": "Exact to the second, in the institution's time zone. Empty: open now.",
            "closes_at": "Exact to the second: 23:59:59 accepts that whole second.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_on": DATE,
            "ends_on": DATE,
            "opens_at": MOMENT,
            "closes_at": MOMENT,
        }

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["point_person"].queryset = eligible_members(institution)
        self.fields["sphere"].queryset = Sphere.objects.filter(institution=institution)
        self.fields["capacity"].validators.append(MinValueValidator(1))
        self.fields["hours_per_month"].validators.append(MaxValueValidator(200))
        # The fields are addressed by email and slug; the instance holds ids.
        if self.instance.point_person_id:
            self.initial["point_person"] = self.instance.point_person.email
        if self.instance.sphere_id:
            self.initial["sphere"] = self.instance.sphere.slug


class ProjectEditForm(ProjectForm):
    class Meta(ProjectForm.Meta):
        fields = [f for f in PROJECT_FIELDS if f != "slug"]
