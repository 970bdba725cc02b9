from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from allin.accounts.forms import ProfileForm
from allin.accounts.services import update_profile
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
