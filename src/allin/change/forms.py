"""Forms of the organizer pages. They only parse input; every rule is in the services."""

from __future__ import annotations

from django import forms

from allin.accounts.models import User
from allin.change.enums import (
    Direction,
    IndicatorUnit,
    KotterStep,
    MarkerLevel,
    PartnerKind,
    SystemsCondition,
    TargetStatus,
)
from allin.change.targets import SETTABLE
from allin.coalitions.models import Coalition
from allin.core.privacy import THRESHOLD
from allin.institutions.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def members_of(institution: Institution):  # type: ignore[no-untyped-def]
    return User.objects.filter(
        memberships__institution=institution, memberships__ended_at__isnull=True
    ).order_by("name", "email")


class SphereForm(forms.Form):
    name = forms.CharField(max_length=120)
    slug = forms.SlugField(max_length=60, label="Short name for the address")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class SphereEditForm(forms.Form):
    """The slug stays as created: it is in the public sphere page's address."""

    name = forms.CharField(max_length=120)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)


class WorkingGroupForm(forms.Form):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class BoundaryPartnerForm(forms.Form):
    name = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=PartnerKind.choices, initial=PartnerKind.GROUP)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="Someone the sphere works with directly and hopes to influence.",
    )


class TargetEditForm(forms.Form):
    sphere = forms.ModelChoiceField(queryset=None, empty_label="Choose a sphere")
    title = forms.CharField(max_length=200)
    cycle = forms.IntegerField(min_value=2000, max_value=2200, help_text="The year it runs in.")
    desired_outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What will be different, for whom."
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, help_text="Why this, why now."
    )
    systems_condition = forms.ChoiceField(
        label="Systems-change condition", choices=SystemsCondition.choices, widget=forms.RadioSelect
    )
    kotter_steps = forms.TypedMultipleChoiceField(
        label="Kotter steps it works on",
        choices=KotterStep.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    owners = forms.ModelMultipleChoiceField(
        queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    coalition = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="No coalition",
        label="Guiding coalition",
        help_text="The coalition that leads this target.",
    )

    def __init__(self, *args: object, institution: Institution, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["sphere"].queryset = institution.spheres.all()
        self.fields["owners"].queryset = members_of(institution)
        self.fields["coalition"].queryset = Coalition.objects.filter(institution=institution)


class TargetForm(TargetEditForm):
    slug = forms.SlugField(max_length=80, label="Short name for the address")
    status = forms.ChoiceField(
        choices=[(TargetStatus.DRAFT, "Draft"), (TargetStatus.ACTIVE, "Active")],
        initial=TargetStatus.DRAFT,
        help_text="A draft is visible to organizers only.",
    )

    field_order = ["sphere", "title", "slug", "cycle", "status"]


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in SETTABLE])


class ObjectiveForm(forms.Form):
    text = forms.CharField(label="Objective", widget=forms.Textarea(attrs={"rows": 2}))
    measure = forms.CharField(max_length=300, help_text="How you will know it is met.")
    due_date = forms.DateField(label="Due", widget=DATE)


class TaskForm(forms.Form):
    title = forms.CharField(max_length=300, label="Task")
    owner = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    due_date = forms.DateField(label="Due", widget=DATE, required=False)

    def __init__(self, *args: object, institution: Institution, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["owner"].queryset = members_of(institution)


class WinForm(forms.Form):
    date = forms.DateField(widget=DATE)
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    evidence_url = forms.URLField(label="Evidence (link)", required=False)
    publicised = forms.BooleanField(label="It has been announced", required=False)


class IndicatorForm(forms.Form):
    name = forms.CharField(max_length=200)
    definition = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="Exactly what is counted, over whom."
    )
    unit = forms.ChoiceField(choices=IndicatorUnit.choices)
    direction = forms.ChoiceField(choices=Direction.choices)
    data_source = forms.CharField(max_length=300, required=False)
    responsible = forms.ModelChoiceField(queryset=None, required=False, empty_label="Nobody yet")
    min_cell_size = forms.IntegerField(
        label="Smallest group shown",
        min_value=THRESHOLD,
        max_value=1000,
        initial=THRESHOLD,
        help_text=f"Results built from fewer people are hidden. At least {THRESHOLD}.",
    )

    def __init__(self, *args: object, institution: Institution, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["responsible"].queryset = members_of(institution)


NUMBER = {"max_digits": 12, "decimal_places": 2}


class BaselineForm(forms.Form):
    value = forms.DecimalField(**NUMBER)
    as_of = forms.DateField(label="As of", widget=DATE)
    note = forms.CharField(max_length=300, required=False, help_text="Where the number comes from.")


class PeriodTargetForm(forms.Form):
    period_start = forms.DateField(label="From", widget=DATE)
    period_end = forms.DateField(label="To", widget=DATE)
    value = forms.DecimalField(label="Target value", **NUMBER)


class ResultForm(forms.Form):
    period_start = forms.DateField(label="From", widget=DATE)
    period_end = forms.DateField(label="To", widget=DATE)
    numerator = forms.IntegerField(min_value=0, required=False, help_text="People counted.")
    denominator = forms.IntegerField(
        min_value=0, required=False, help_text="People in the group it is a share or mean of."
    )
    value = forms.DecimalField(
        required=False, help_text="Left empty for a percentage, it is worked out.", **NUMBER
    )
    evidence_url = forms.URLField(label="Evidence (link)", required=False)


class OutcomeChallengeForm(forms.Form):
    boundary_partner = forms.ModelChoiceField(queryset=None, empty_label="Choose a partner")
    text = forms.CharField(
        label="We intend to see the partner who …", widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, sphere: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["boundary_partner"].queryset = sphere.boundary_partners.all()  # type: ignore[attr-defined]


class MarkerForm(forms.Form):
    level = forms.ChoiceField(choices=MarkerLevel.choices)
    text = forms.CharField(max_length=300, label="Progress marker")


class CarryForwardForm(forms.Form):
    cycle = forms.IntegerField(min_value=2000, max_value=2200, label="Next cycle")
    slug = forms.SlugField(max_length=80, label="Short name for the new address")
    title = forms.CharField(max_length=200)
