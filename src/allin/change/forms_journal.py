from __future__ import annotations

from django import forms

from allin.change.enums import ChangeLevel
from allin.change.forms import DATE
from allin.change.mapping import Rating
from allin.change.models import ChangeTarget, ProgressMarker


class JournalForm(forms.Form):
    """An outcome journal entry, with one rating and note per progress marker of the target."""

    boundary_partner = forms.ModelChoiceField(
        queryset=None, required=False, empty_label="All of the target's partners"
    )
    period_start = forms.DateField(label="From", widget=DATE)
    period_end = forms.DateField(label="To", widget=DATE)
    description = forms.CharField(label="What changed", widget=forms.Textarea(attrs={"rows": 3}))
    contributing_factors = forms.CharField(
        label="Contributing factors and actors",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    evidence = forms.CharField(
        label="Sources of evidence", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    unanticipated_change = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    lessons = forms.CharField(
        label="Lessons, and what we will change",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(
        self, *args: object, target: ChangeTarget, markers: list[ProgressMarker], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["boundary_partner"].queryset = target.sphere.boundary_partners.all()
        self.markers = markers
        for marker in markers:
            self.fields[f"level_{marker.public_id}"] = forms.ChoiceField(
                label=f"{marker.get_level_display()}: {marker.text}",
                choices=ChangeLevel.choices,
                initial=ChangeLevel.NONE,
            )
            self.fields[f"note_{marker.public_id}"] = forms.CharField(
                label="Note", max_length=300, required=False
            )

    def ratings(self) -> list[Rating]:
        return [
            Rating(
                marker=m,
                level=self.cleaned_data[f"level_{m.public_id}"],
                note=self.cleaned_data[f"note_{m.public_id}"],
            )
            for m in self.markers
        ]

    def entry_fields(self) -> dict[str, object]:
        return {k: v for k, v in self.cleaned_data.items() if not k.startswith(("level_", "note_"))}
