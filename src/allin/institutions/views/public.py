from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from allin.institutions import queries, services
from allin.institutions.decorators import institution_view
from allin.institutions.enums import PageKind


@institution_view()
def home(request: HttpRequest) -> HttpResponse:
    pages = queries.pages_by_kind(request.institution)
    return render(
        request,
        "institutions/home.html",
        {
            "purpose": pages.get(PageKind.PURPOSE),
            "pages": [pages[k] for k in queries.page_order() if k in pages],
        },
    )


@institution_view()
def page(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in PageKind.values:
        raise Http404("No such page.")
    pages = queries.pages_by_kind(request.institution)
    if kind not in pages:
        raise Http404("No such page.")
    return render(
        request,
        "institutions/page.html",
        {
            "page": pages[kind],
            "pages": [pages[k] for k in queries.page_order() if k in pages],
        },
    )


@institution_view()
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    institution = request.institution
    invite = services.find_invitation(institution, token)
    if invite is None:
        raise Http404("No such invitation.")
    if not request.user.is_authenticated:
        # Come back here after signing up or signing in.
        request.session["allin_next"] = request.get_full_path()
        return render(
            request, "institutions/invitation.html", {"invite": invite, "anonymous": True}
        )
    error = None
    if request.method == "POST":
        try:
            services.accept_invitation(invite, user=request.user)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, f"Welcome to {institution.short_name}.")
            return redirect(reverse("institutions:home", kwargs={"institution": institution.slug}))
    return render(request, "institutions/invitation.html", {"invite": invite, "error": error})
