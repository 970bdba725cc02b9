"""News of an institution: public, newest first, filterable by sphere, with an Atom feed."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from allin.change.models import Sphere
from allin.community.models import NewsPost
from allin.institutions.decorators import institution_view

PER_PAGE = 20


@institution_view()
def news(request: HttpRequest) -> HttpResponse:
    spheres = list(Sphere.objects.filter(institution=request.institution))
    chosen = next((s for s in spheres if s.slug == request.GET.get("sphere")), None)
    posts = NewsPost.objects.filter(institution=request.institution).select_related("institution")
    if chosen is not None:
        posts = posts.filter(spheres=chosen)
    page = Paginator(posts.prefetch_related("spheres"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "community/news.html",
        {"page": page, "spheres": spheres, "chosen": chosen},
    )


@institution_view()
def post(request: HttpRequest, post: str) -> HttpResponse:
    found = get_object_or_404(
        NewsPost.objects.select_related("institution", "author").prefetch_related(
            "spheres", "targets__institution"
        ),
        institution=request.institution,
        slug=post,
    )
    return render(request, "community/post.html", {"post": found})
