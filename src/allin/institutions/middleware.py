from __future__ import annotations

from collections.abc import Callable

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from allin.institutions.queries import institution_by_slug
from allin.institutions.rules import cached_membership


class InstitutionMiddleware:
    """Resolves /<institution>/..., activates its time zone and runs the view in its scope.

    Inside the scope, a query on a tenant model that forgets the institution raises instead of
    returning another school's rows.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.institution = None
        request.membership = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)
        if match.app_name == "admin":
            # The platform admin works across institutions by design; the admin site itself
            # lets in only is_staff people.
            with scopes_disabled():
                return self.get_response(request)
        slug = match.kwargs.get("institution")
        if slug is None:
            return self.get_response(request)
        institution = institution_by_slug(slug)
        if institution is None:
            raise Http404("No such institution.")
        request.institution = institution
        request.membership = cached_membership(request.user, institution)
        timezone.activate(institution.zone)
        try:
            with scope(institution=institution):
                return self.get_response(request)
        finally:
            timezone.deactivate()
