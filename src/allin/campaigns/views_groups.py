"""Taking a challenge as a group: open, join with a code, follow the steps, record together."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from allin.campaigns import groups
from allin.campaigns.forms_groups import GroupRecordForm, JoinGroupForm, OpenGroupForm
from allin.campaigns.models import Campaign, Challenge, ChallengeGroup
from allin.campaigns.views import challenge_page, find_challenge
from allin.core.forms import apply_validation_error
from allin.core.ratelimit import rate_limited
from allin.institutions.decorators import institution_view

TAKE_PART = "campaigns.reflect"


def _group_challenge(
    request: HttpRequest, campaign: str, challenge: str
) -> tuple[Campaign, Challenge]:
    obj, found = find_challenge(request, campaign, challenge)
    # Organizers may preview a challenge before it is out; groups wait for the reveal.
    if not found.group_mode or found.reveal_at > timezone.now():
        raise Http404("This challenge is not taken in groups, or not yet.")
    return obj, found


@institution_view(TAKE_PART)
def open_group(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    obj, found = _group_challenge(request, campaign, challenge)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = OpenGroupForm(request.POST)
    if form.is_valid():
        try:
            group = groups.open_group(found, facilitator=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"Your group is open. Its code is {group.code}.")
            return redirect(group.get_absolute_url())
    return challenge_page(request, obj, found, open_form=form)


@institution_view(TAKE_PART)
@rate_limited("group_join")
def join_group(request: HttpRequest, campaign: str, challenge: str) -> HttpResponse:
    """Rate limited: codes are short enough to read aloud, so guessing must stay slow."""
    obj, found = _group_challenge(request, campaign, challenge)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = JoinGroupForm(request.POST)
    if form.is_valid():
        try:
            group = groups.join_group(found, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, f"You joined {group.name}.")
            return redirect(group.get_absolute_url())
    return challenge_page(request, obj, found, join_form=form)


def _group(request: HttpRequest, found: Challenge, code: str) -> ChallengeGroup:
    """A group's page exists only for its members; to everyone else it is a 404."""
    group = (
        ChallengeGroup.objects.filter(challenge=found, code=code)
        .select_related("facilitator", "challenge__campaign__institution")
        .first()
    )
    if group is None or not groups.is_member(group, request.user):
        raise Http404("No such group, or you are not in it.")
    return group


@institution_view(TAKE_PART)
def group(request: HttpRequest, campaign: str, challenge: str, group: str) -> HttpResponse:
    obj, found = _group_challenge(request, campaign, challenge)
    found_group = _group(request, found, group)
    form = GroupRecordForm(
        request.POST or None,
        initial={
            "shared_goals": found_group.shared_goals,
            "next_steps": found_group.next_steps,
            "seen": found_group.updated_at.isoformat(),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            groups.record(found_group, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
            found_group.refresh_from_db()
            # The writer has now seen the newer record: saving again is a deliberate choice.
            form.data = form.data.copy()
            form.data["seen"] = found_group.updated_at.isoformat()
        else:
            messages.success(request, "The group's record is saved.")
            return redirect(request.path)
    return render(
        request,
        "campaigns/group.html",
        {
            "campaign": obj,
            "challenge": found,
            "group": found_group,
            "members": found_group.members.select_related("user"),
            "form": form,
            "is_facilitator": found_group.facilitator_id == request.user.pk,
            "current_step": (found.steps or [None])[
                min(found_group.current_step, max(len(found.steps) - 1, 0))
            ],
        },
    )


def _act(
    request: HttpRequest, campaign: str, challenge: str, code: str, action: Callable[..., str]
) -> HttpResponse:
    """Run a one-button group action and come back with what it did, or why it could not."""
    _, found = _group_challenge(request, campaign, challenge)
    found_group = _group(request, found, code)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        done = action(found_group)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(found_group.get_absolute_url())
    messages.success(request, done)
    still_in = groups.is_member(found_group, request.user)
    return redirect(found_group.get_absolute_url() if still_in else found.get_absolute_url())


@institution_view(TAKE_PART)
def step(request: HttpRequest, campaign: str, challenge: str, group: str) -> HttpResponse:
    def move(found_group: ChallengeGroup) -> str:
        try:
            target = int(request.POST.get("step", "")) - 1
        except ValueError:
            raise ValidationError("Choose a step.") from None
        groups.move_to_step(found_group, user=request.user, step=target)
        return f"The group is on step {target + 1}."

    return _act(request, campaign, challenge, group, move)


@institution_view(TAKE_PART)
def leave(request: HttpRequest, campaign: str, challenge: str, group: str) -> HttpResponse:
    def go(found_group: ChallengeGroup) -> str:
        groups.leave_group(found_group, user=request.user)
        return f"You left {found_group.name}."

    return _act(request, campaign, challenge, group, go)


@institution_view(TAKE_PART)
def close(request: HttpRequest, campaign: str, challenge: str, group: str) -> HttpResponse:
    def shut(found_group: ChallengeGroup) -> str:
        groups.close_group(found_group, user=request.user)
        return "The group is closed. Its members can still read what it recorded."

    return _act(request, campaign, challenge, group, shut)
