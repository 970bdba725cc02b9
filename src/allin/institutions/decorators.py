from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


def institution_view(
    permission: str | None = None, *, manage: bool = False
) -> Callable[[View], View]:
    """Guard a view under /<institution>/.

    - anonymous on a protected page: sent to sign in;
    - signed in but not a member of this institution: 404, so its existence leaks nothing;
    - a member without the permission: 403.
    ``manage`` marks organizer pages, which also need a second factor (StaffMFAMiddleware).
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            kwargs.pop("institution", None)
            if permission is not None:
                if not request.user.is_authenticated:
                    return redirect_to_login(request.get_full_path())
                if request.membership is None:
                    raise Http404("Not a member of this institution.")
                if not request.user.has_perm(permission, request.institution):
                    raise PermissionDenied("Your role here does not allow this.")
            return view(request, *args, **kwargs)

        wrapper.allin_manage_view = manage
        return wrapper

    return decorator
