from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from allin.institutions.queries import memberships_for_user


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """My All In: everything that is mine across institutions. Later parts add sections."""
    return render(request, "accounts/me.html", {"memberships": memberships_for_user(request.user)})
