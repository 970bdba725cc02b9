"""The spheres of a school and what changes in each: public or members-only, per institution."""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from allin.change import queries
from allin.change.models import Sphere
from allin.institutions.decorators import institution_view


def may_view(request: HttpRequest) -> HttpResponse | None:
    """None when the tracker is visible to this person; otherwise the answer to give."""
    if request.user.has_perm("change.view_tracker", request.institution):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404("The tracker of this institution is for its members.")


@institution_view()
def spheres(request: HttpRequest) -> HttpResponse:
    if (refusal := may_view(request)) is not None:
        return refusal
    found = (
        Sphere.objects.filter(institution=request.institution)
        .select_related("institution")
        .prefetch_related("working_groups")
    )
    return render(request, "change/spheres.html", {"spheres": found})


@institution_view()
def sphere(request: HttpRequest, sphere: str) -> HttpResponse:
    if (refusal := may_view(request)) is not None:
        return refusal
    found = get_object_or_404(
        Sphere.objects.prefetch_related("working_groups"),
        institution=request.institution,
        slug=sphere,
    )
    context = {"sphere": found, "targets": queries.sphere_targets(found)}
    return render(request, "change/targets/sphere.html", context)
