from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect


class StaffMFAMiddleware:
    """Organizers and admins must have a TOTP authenticator before they use the manage pages.

    Runs after InstitutionMiddleware, which has already worked out the membership.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not settings.ALLIN_MFA_REQUIRED_FOR_STAFF:
            return None
        if not getattr(view_func, "allin_manage_view", False):
            return None
        membership = getattr(request, "membership", None)
        if membership is None or not membership.is_organizer:
            return None
        if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            return None
        messages.warning(
            request,
            "Organizers and admins protect their account with a second factor. "
            "Set up an authenticator app to continue to the manage pages.",
        )
        return redirect("mfa_activate_totp")
