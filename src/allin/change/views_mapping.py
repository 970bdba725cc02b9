"""Organizers run a target's Outcome Mapping: each outcome challenge with its graduated
progress markers, and the outcome journal with a rating per marker."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from allin.change import mapping
from allin.change.enums import MarkerLevel
from allin.change.forms import MarkerForm, OutcomeChallengeForm
from allin.change.forms_journal import JournalForm
from allin.change.models import (
    OutcomeChallenge,
    OutcomeJournalEntry,
    ProgressMarker,
)
from allin.change.views_manage import MANAGE, attempt, confirm, managed_target, target_url
from allin.core.audit import history_for
from allin.institutions.decorators import institution_view


def _challenge(request: HttpRequest, target: str, outcome: str) -> OutcomeChallenge:
    found = managed_target(request, target)
    return get_object_or_404(
        OutcomeChallenge.objects.select_related(
            "target__institution", "target__sphere", "boundary_partner"
        ),
        target=found,
        public_id=outcome,
    )


@institution_view(MANAGE, manage=True)
def outcome(request: HttpRequest, target: str, outcome: str) -> HttpResponse:
    """The challenge's text on top, its markers by level, and a form to add one. The two forms
    post here, told apart by their submit button's name."""
    obj = _challenge(request, target, outcome)
    initial = {"boundary_partner": obj.boundary_partner_id, "text": obj.text}
    form = OutcomeChallengeForm(initial=initial, sphere=obj.target.sphere)
    marker_form = MarkerForm()
    if request.method == "POST" and "add_marker" in request.POST:
        marker_form = MarkerForm(request.POST)
        if attempt(
            marker_form,
            lambda: mapping.add_marker(obj, actor=request.user, **marker_form.cleaned_data),
        ):
            messages.success(request, "Progress marker added.")
            return redirect(request.path)
    elif request.method == "POST":
        form = OutcomeChallengeForm(request.POST, sphere=obj.target.sphere)
        if attempt(
            form,
            lambda: mapping.update_outcome_challenge(obj, actor=request.user, **form.cleaned_data),
        ):
            messages.success(request, "Outcome challenge saved.")
            return redirect(request.path)
    markers = list(obj.markers.all())
    context = {
        "challenge": obj,
        "target": obj.target,
        "back": f"{target_url(obj.target)}#outcomes",
        "form": form,
        "marker_form": marker_form,
        "levels": [
            (label, [m for m in markers if m.level == value])
            for value, label in MarkerLevel.choices
        ],
        "history": history_for(obj),
    }
    return render(request, "change/manage/outcome.html", context)


@institution_view(MANAGE, manage=True)
def marker_delete(request: HttpRequest, target: str, outcome: str, marker: str) -> HttpResponse:
    obj = _challenge(request, target, outcome)
    found = get_object_or_404(ProgressMarker, challenge=obj, public_id=marker)
    return confirm(
        request,
        lambda: mapping.delete_marker(found, actor=request.user),
        back=request.path.rsplit("markers/", 1)[0],
        done="The progress marker is removed.",
        heading=f"Remove the progress marker “{found.text}”?",
        explanation="A marker rated in the outcome journal stays with those entries.",
        button="Remove the marker",
    )


@institution_view(MANAGE, manage=True)
def journal(request: HttpRequest, target: str) -> HttpResponse:
    found = managed_target(request, target)
    markers = list(
        ProgressMarker.objects.filter(challenge__target=found)
        .select_related("challenge__boundary_partner")
        .order_by("challenge__boundary_partner__name", "challenge_id", "order", "id")
    )
    form = JournalForm(request.POST or None, target=found, markers=markers)
    if request.method == "POST" and attempt(
        form,
        lambda: mapping.write_journal_entry(
            found, actor=request.user, ratings=form.ratings(), **form.entry_fields()
        ),
    ):
        messages.success(request, "Journal entry saved.")
        return redirect(request.path)
    entries = (
        OutcomeJournalEntry.objects.filter(target=found)
        .select_related("author", "boundary_partner")
        .prefetch_related("ratings__marker")
    )
    context = {
        "target": found,
        "back": target_url(found),
        "form": form,
        "markers": markers,
        "entries": entries,
    }
    return render(request, "change/manage/journal.html", context)
