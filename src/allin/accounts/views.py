from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from allin.accounts.forms import IdentityForm, ProfileForm
from allin.accounts.models import SelfIdentification
from allin.accounts.services import clear_identity, save_identity, update_profile
from allin.core.forms import apply_validation_error
from allin.events import queries as event_queries
from allin.institutions.queries import memberships_for_user


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """My All In: everything that is mine across institutions. Later parts add sections."""
    user = request.user
    return render(
        request,
        "accounts/me.html",
        {
            "memberships": memberships_for_user(user),
            "upcoming": event_queries.my_upcoming(user),
            "attended": event_queries.my_attendance(user),
        },
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(request.POST or None, initial={"name": user.name, "pronouns": user.pronouns})
    if request.method == "POST" and form.is_valid():
        update_profile(user, actor=user, **form.cleaned_data)
        messages.success(request, "Your profile was saved.")
        return redirect("accounts:me")
    return render(request, "accounts/profile.html", {"form": form})


@login_required
def identity(request: HttpRequest) -> HttpResponse:
    """Set or clear how I describe myself; the page says who sees what."""
    user = request.user
    current = SelfIdentification.objects.filter(user=user).first()
    initial = {"race_ethnicity": current.race_ethnicity, "urim": current.urim} if current else {}
    form = IdentityForm(request.POST or None, initial=initial)
    if request.method == "POST" and "clear" in request.POST:
        clear_identity(user, actor=user)
        messages.success(request, "Cleared: nothing about how you describe yourself is kept.")
        return redirect("accounts:identity")
    if request.method == "POST" and form.is_valid():
        try:
            save_identity(user, actor=user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Saved. Only counts of 11 or more are ever shown.")
            return redirect("accounts:identity")
    return render(request, "accounts/identity.html", {"form": form, "current": current})
