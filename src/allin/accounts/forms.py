from __future__ import annotations

from django import forms

from allin.accounts.models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["name", "pronouns"]
        labels = {"name": "Your name", "pronouns": "Pronouns (optional)"}
        help_texts = {"name": "As organizers and other members will see it."}
