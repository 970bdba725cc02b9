from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # An invitation link remembers where to come back to after signing in.
        pending = request.session.pop("allin_next", None)
        return pending or super().get_login_redirect_url(request)
