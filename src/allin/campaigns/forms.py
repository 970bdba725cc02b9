from __future__ import annotations

from django import forms
from django.http import QueryDict

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
        help_text="Steps in order. Start each with a line \u201c## \u201d and its title; the lines "
        "below it, blank lines included, are its text, up to the next \u201c## \u201d line. For a "
        "heading inside a step, use \u201c### \u201d.",
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
        """The challenge as this form writes it: questions a line each, steps as clean_steps
        reads them, so saving the page unchanged changes nothing."""
        return {
            **{name: getattr(challenge, name) for name in ChallengeForm.base_fields},
            "questions": "\n".join(challenge.questions),
            "steps": "\n\n".join(
                f"## {s.get('title', '')}\n{s.get('body', '')}".rstrip() for s in challenge.steps
            ),
        }

    def clean_questions(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["questions"].splitlines() if line.strip()
        ]

    def clean_steps(self) -> list[dict[str, str]]:
        """A line starting with "## " begins a step; a step's text may hold blank lines,
        which a blank-line separator would have cut into new steps."""
        steps: list[tuple[str, list[str]]] = []
        for line in self.cleaned_data["steps"].replace("\r\n", "\n").split("\n"):
            if line.startswith("## ") or line.rstrip() == "##":
                steps.append((line[2:].strip(), []))
            elif steps:
                steps[-1][1].append(line)
            elif line.strip():
                raise forms.ValidationError(
                    "Start each step with a line \u201c## \u201d and its title.", code="no_title"
                )
        return [{"title": title, "body": "\n".join(body).strip()} for title, body in steps]


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


class DrawForm(forms.Form):
    """Left empty, the page fetches the round from drand; a signature copied from a mirror is
    checked against the chain's key by the draw itself."""

    signature = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, data: QueryDict | None = None, *, beacon_round: int) -> None:
        super().__init__(data)
        field = self.fields["signature"]
        field.label = f"Signature of round {beacon_round}"
        field.help_text = (
            "96 hexadecimal characters, the round's \u201csignature\u201d on any drand mirror. "
            "Leave empty to fetch it from drand."
        )
