from __future__ import annotations

from django import forms

from allin.campaigns.models import Campaign, Challenge, Visibility


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


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "slug", "tagline", "description", "starts_at", "ends_at"]
        labels = {"slug": "Short name for the address", "starts_at": "Starts", "ends_at": "Ends"}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def clean(self) -> dict[str, object]:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The campaign must end after it starts.")
        return data


class CampaignEditForm(CampaignForm):
    """The slug stays as created: it is in published links and in the raffle's rules."""

    class Meta(CampaignForm.Meta):
        fields = ["name", "tagline", "description", "starts_at", "ends_at"]


class ChallengeForm(forms.Form):
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=60, label="Short name for the address")
    purpose = forms.CharField(max_length=300, help_text="One line: what the challenge is for.")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    questions = forms.CharField(
        label="Guiding questions",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One question per line, in order.",
    )
    steps = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text="Steps in order, separated by a blank line: the first line of each is its "
        "title, the rest its text.",
    )
    video_url = forms.URLField(label="Video link", required=False)
    has_worksheet = forms.BooleanField(label="Offer the Equity Impact worksheet", required=False)
    group_mode = forms.BooleanField(
        label="Members may take it as a group with a facilitator", required=False
    )
    reveal_at = forms.DateTimeField(
        label="Revealed",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    @staticmethod
    def initial_for(challenge: Challenge) -> dict[str, object]:
        """The challenge as this form writes it: questions a line each, steps in blocks."""
        steps = "\n\n".join(
            "\n".join(part for part in (s.get("title", ""), s.get("body", "")) if part)
            for s in challenge.steps
        )
        return {
            **{name: getattr(challenge, name) for name in ChallengeForm.base_fields},
            "questions": "\n".join(challenge.questions),
            "steps": steps,
        }

    def clean_questions(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()
        ]

    def clean_steps(self) -> list[dict[str, str]]:
        steps = []
        for block in self.cleaned_data["steps"].replace("\r\n", "\n").split("\n\n"):
            lines = [line for line in block.strip().splitlines() if line.strip()]
            if lines:
                steps.append({"title": lines[0].strip(), "body": "\n".join(lines[1:]).strip()})
        return steps


class PrizeForm(forms.Form):
    rank = forms.IntegerField(min_value=1, max_value=100)
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    quantity = forms.IntegerField(min_value=1, max_value=1000, initial=1)


class SessionForm(forms.Form):
    event = forms.ModelChoiceField(queryset=None, label="Event", empty_label="Choose an event")

    def __init__(self, *args: object, events: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["event"].queryset = events
