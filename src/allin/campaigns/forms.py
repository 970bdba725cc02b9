from __future__ import annotations

from django import forms

from allin.campaigns.models import Visibility


class ReflectionForm(forms.Form):
    body = forms.CharField(
        label="My reflection",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20_000,
    )
    visibility = forms.ChoiceField(
        label="Who may read it",
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        help_text="Only you, unless you choose otherwise. You can change this or delete the "
        "reflection at any time.",
    )
