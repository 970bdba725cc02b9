from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from allin.change.enums import SystemsCondition
from allin.change.models import ChangeTarget, Sphere
from allin.coalitions.models import MiniProject
from allin.datawalks.enums import Prompt
from allin.datawalks.figures import parse_rows, rows_as_text
from allin.datawalks.models import DataWalk, Station
from allin.datawalks.notes import MAX_NOTE
from allin.datawalks.services import STATION_FIELDS, WALK_FIELDS
from allin.events.models import Event

# Seconds too: a window closing at 23:59:59 must be typed as such (DESIGN.md §6, Time).
MOMENT = forms.DateTimeInput(
    attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S"
)
# Events to choose from: recent and upcoming ones, not the school's whole history.
EVENT_WINDOW = timedelta(days=90)


class NoteForm(forms.Form):
    prompt = forms.ChoiceField(
        label="Your note answers", choices=Prompt.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label="Your note",
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown without your name. You can delete it later.",
    )


class WalkForm(forms.ModelForm):
    event = forms.ModelChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        label="The event it happens at (optional)",
        help_text="Notes are open while the event runs, and its page links here.",
    )

    class Meta:
        model = DataWalk
        fields = list(WALK_FIELDS)
        labels = {"slug": "Short name for the address"}
        help_texts = {
            "slug": "Letters, numbers and hyphens, e.g. gsbs-2023.",
            "opens_at": "Exact to the second, in the institution's time zone.",
            "closes_at": "Exact to the second: 23:59:59 accepts that whole second.",
        }
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 5}),
            "opens_at": MOMENT,
            "closes_at": MOMENT,
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        recent = Q(ends_at__gte=timezone.now() - EVENT_WINDOW)
        if self.instance.event_id:
            recent |= Q(pk=self.instance.event_id)
            self.initial["event"] = self.instance.event.slug
        self.fields["event"].queryset = Event.objects.filter(
            recent, institution=institution
        ).order_by("starts_at")
        self.fields["event"].label_from_instance = lambda e: (
            f"{e.title}, {date_format(timezone.localtime(e.starts_at), 'M j, Y')}"
        )

    # The service checks the short name, the event and the window, each with a message next
    # to its field; the model's constraints would say it less clearly, at the top.
    def validate_unique(self) -> None:
        pass

    def validate_constraints(self) -> None:
        pass


class WalkEditForm(WalkForm):
    class Meta(WalkForm.Meta):
        fields = [f for f in WALK_FIELDS if f != "slug"]


class StationForm(forms.ModelForm):
    figure_data = forms.CharField(
        label="The figures",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One “label, value” a line, e.g. “White, 52”. Numbers only; the unit goes "
        "below. The chart is drawn from these. Unless the unit is a percentage, the values "
        "are counts of people: counts from 1 to 10 are shown as “hidden”, with no bar, and so "
        "is any count that would give one away.",
    )
    sphere = forms.ModelChoiceField(
        queryset=None, required=False, to_field_name="slug", label="Sphere (optional)"
    )
    targets = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        label="Change targets it speaks to",
    )
    projects = forms.ModelMultipleChoiceField(
        queryset=None,
        required=False,
        to_field_name="slug",
        widget=forms.CheckboxSelectMultiple,
        label="Mini projects it speaks to",
    )

    class Meta:
        model = Station
        fields = [f for f in STATION_FIELDS if f != "figure_rows"]
        labels = {"order": "Position in the walk"}
        help_texts = {"order": "Empty: after the last station."}
        widgets = {
            "context": forms.Textarea(attrs={"rows": 4}),
            "quote": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["title", "figure_title", "figure_data", "figure_unit", "figure_source"]

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        self.fields["order"].validators += [MinValueValidator(1), MaxValueValidator(999)]
        self.fields["sphere"].queryset = Sphere.objects.filter(institution=institution)
        self.fields["targets"].queryset = ChangeTarget.objects.filter(
            institution=institution
        ).order_by("-cycle", "title")
        self.fields["projects"].queryset = MiniProject.objects.filter(institution=institution)
        if self.instance.pk:
            self.initial["figure_data"] = rows_as_text(self.instance.figure_rows)
            self.initial["sphere"] = self.instance.sphere.slug if self.instance.sphere_id else None
            self.initial["targets"] = [t.slug for t in self.instance.targets.all()]
            self.initial["projects"] = [p.slug for p in self.instance.projects.all()]

    def clean_figure_data(self) -> list[list[str]]:
        return parse_rows(self.cleaned_data["figure_data"])

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["figure_rows"] = data.pop("figure_data")
        data["targets"] = list(data["targets"])
        data["projects"] = list(data["projects"])
        return data


class ThemeForm(forms.Form):
    name = forms.CharField(label="New theme", max_length=120)


class DraftTargetForm(forms.Form):
    sphere = forms.ModelChoiceField(queryset=None, to_field_name="slug", label="Sphere")
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        label="Short name for the address",
        max_length=80,
        help_text="Letters, numbers and hyphens. It stays as created.",
    )
    desired_outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Markdown. What will be different, for whom.",
    )
    rationale = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Markdown."
    )
    cycle = forms.IntegerField(
        min_value=2000, max_value=2200, help_text="The academic year the target runs in."
    )
    systems_condition = forms.ChoiceField(
        label="Systems-change condition",
        choices=SystemsCondition.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, institution: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sphere"].queryset = Sphere.objects.filter(institution=institution)
