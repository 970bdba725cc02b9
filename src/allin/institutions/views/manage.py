from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from allin.core.audit import history_for, shown_activity
from allin.core.forms import apply_validation_error
from allin.core.models import ActivityLog
from allin.institutions import queries, services
from allin.institutions.decorators import institution_view
from allin.institutions.enums import PageKind
from allin.institutions.forms import (
    InstitutionSettingsForm,
    InviteForm,
    MembershipForm,
    PageForm,
    PeopleSearchForm,
)
from allin.institutions.models import Invitation, Membership


def _url(request: HttpRequest, name: str, **kwargs: object) -> str:
    return reverse(
        f"institutions:{name}", kwargs={"institution": request.institution.slug, **kwargs}
    )


@institution_view("institutions.manage", manage=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    institution = request.institution
    return render(
        request,
        "institutions/manage/dashboard.html",
        {
            "member_count": queries.people(institution).count(),
            "invitation_count": queries.open_invitations(institution).count(),
            "recent": shown_activity(
                ActivityLog.objects.filter(institution=institution)
            ).select_related("actor")[:10],
        },
    )


@institution_view("institutions.edit_settings", manage=True)
def settings_edit(request: HttpRequest) -> HttpResponse:
    institution = request.institution
    form = InstitutionSettingsForm(request.POST or None, instance=institution)
    if request.method == "POST" and form.is_valid():
        institution.refresh_from_db()
        try:
            services.update_institution(institution, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, "Settings saved.")
            return redirect(_url(request, "manage-settings"))
    if request.method == "POST":
        institution.refresh_from_db()
    return render(
        request,
        "institutions/manage/settings.html",
        {"form": form, "history": history_for(institution)},
    )


@institution_view("institutions.edit_pages", manage=True)
def page_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in PageKind.values:
        raise Http404("No such page.")
    page = queries.pages_by_kind(request.institution).get(kind)
    if page is None:
        raise Http404("No such page.")
    form = PageForm(request.POST or None, instance=page)
    if request.method == "POST" and form.is_valid():
        page.refresh_from_db()
        services.update_page(page, actor=request.user, **form.cleaned_data)
        messages.success(request, f"The {page.get_kind_display().lower()} page was saved.")
        return redirect(_url(request, "page", kind=kind))
    return render(
        request,
        "institutions/manage/page_edit.html",
        {"form": form, "page": page, "kinds": PageKind.choices, "history": history_for(page)},
    )


@institution_view("institutions.manage_people", manage=True)
def people(request: HttpRequest) -> HttpResponse:
    institution = request.institution
    search = PeopleSearchForm(request.GET or None)
    term = search.cleaned_data["q"] if search.is_valid() else ""
    invite_form = InviteForm(request.POST or None)
    if request.method == "POST" and invite_form.is_valid():
        try:
            services.invite_member(
                institution,
                actor=request.user,
                actor_membership=request.membership,
                **invite_form.cleaned_data,
            )
        except ValidationError as exc:
            apply_validation_error(invite_form, exc)
        except PermissionDenied as exc:
            invite_form.add_error("role", str(exc))
        else:
            messages.success(request, f"Invitation sent to {invite_form.cleaned_data['email']}.")
            return redirect(_url(request, "manage-people"))
    page = Paginator(queries.people(institution, search=term), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "search": search,
        "term": term,
        "invite_form": invite_form,
        "invitations": queries.open_invitations(institution),
    }
    template = "institutions/manage/people.html"
    if request.htmx and request.method == "GET":
        template += "#people-table"
    return render(request, template, context)


@institution_view("institutions.manage_people", manage=True)
def membership_detail(request: HttpRequest, membership: str) -> HttpResponse:
    institution = request.institution
    member = get_object_or_404(
        Membership.objects.select_related("user"), institution=institution, public_id=membership
    )
    form = MembershipForm(
        request.POST or None, initial={"role": member.role, "affiliation": member.affiliation}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership(
                member,
                actor=request.user,
                actor_membership=request.membership,
                **form.cleaned_data,
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
        except PermissionDenied as exc:
            form.add_error("role", str(exc))
        else:
            messages.success(request, f"Saved changes for {member.user}.")
            return redirect(_url(request, "manage-membership", membership=member.public_id))
    return render(
        request,
        "institutions/manage/membership.html",
        {"member": member, "form": form, "history": history_for(member)},
    )


@institution_view("institutions.manage_people", manage=True)
def membership_end(request: HttpRequest, membership: str) -> HttpResponse:
    institution = request.institution
    member = get_object_or_404(
        Membership.objects.select_related("user"), institution=institution, public_id=membership
    )
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.end_membership(
            member,
            actor=request.user,
            actor_membership=request.membership,
        )
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, f"{member.user}'s membership has ended.")
    return redirect(_url(request, "manage-membership", membership=member.public_id))


@institution_view("institutions.manage_people", manage=True)
def invitation_revoke(request: HttpRequest, invitation: str) -> HttpResponse:
    invite = get_object_or_404(Invitation, institution=request.institution, public_id=invitation)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.revoke_invitation(invite, actor=request.user)
    messages.success(request, f"The invitation for {invite.email} was revoked.")
    return redirect(_url(request, "manage-people"))


@institution_view("institutions.view_audit", manage=True)
def audit(request: HttpRequest) -> HttpResponse:
    entries = shown_activity(
        ActivityLog.objects.filter(institution=request.institution)
    ).select_related("actor")
    term = request.GET.get("action", "").strip()[:100]
    if term:
        entries = entries.filter(Q(action__startswith=term))
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "institutions/manage/audit.html", {"page": page, "term": term})
