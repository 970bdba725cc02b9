"""Organizers set up the change work: spheres with their working groups and boundary partners,
and the list of change targets. Helpers here are shared by the other organizer views."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from allin.change import mapping, queries, services, targets
from allin.change.forms import (
    BoundaryPartnerForm,
    SphereEditForm,
    SphereForm,
    TargetForm,
    WorkingGroupForm,
)
from allin.change.models import BoundaryPartner, ChangeTarget, Sphere, WorkingGroup
from allin.core.audit import history_for
from allin.core.forms import apply_validation_error
from allin.institutions.decorators import institution_view

MANAGE = "change.manage"


def manage_url(request: HttpRequest, name: str, **kwargs: object) -> str:
    return reverse(f"change:{name}", kwargs={"institution": request.institution.slug, **kwargs})


def target_url(target: ChangeTarget) -> str:
    return reverse(
        "change:manage-target",
        kwargs={"institution": target.institution.slug, "target": target.slug},
    )


def managed_sphere(request: HttpRequest, slug: str) -> Sphere:
    return get_object_or_404(
        Sphere.objects.select_related("institution"), institution=request.institution, slug=slug
    )


def managed_target(request: HttpRequest, slug: str) -> ChangeTarget:
    return get_object_or_404(
        ChangeTarget.objects.select_related("institution", "sphere"),
        institution=request.institution,
        slug=slug,
    )


def attempt(form: forms.BaseForm, act: Callable[[], object]) -> bool:
    """Run the service if the form is valid; a refusal lands on the form. True when done."""
    if not form.is_valid():
        return False
    try:
        act()
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return False
    return True


def edit_page(
    request: HttpRequest, *, back: str, back_label: str, **context: object
) -> HttpResponse:
    return render(
        request,
        "change/manage/edit.html",
        {"back": back, "back_label": back_label, **context},
    )


def confirm(
    request: HttpRequest, act: Callable[[], object], *, back: str, done: str, **context: object
) -> HttpResponse:
    """The confirmation page on GET; on POST, ``act()`` and back, or the refusal shown."""
    form = forms.Form(request.POST if request.method == "POST" else None)
    if request.method == "POST" and attempt(form, act):
        messages.success(request, done)
        return redirect(back)
    return render(request, "change/manage/confirm.html", {"form": form, "back": back, **context})


@institution_view(MANAGE, manage=True)
def spheres(request: HttpRequest) -> HttpResponse:
    form = SphereForm(request.POST or None)
    if request.method == "POST" and attempt(
        form,
        lambda: services.create_sphere(
            request.institution, actor=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, f"{form.cleaned_data['name']} is added.")
        return redirect(manage_url(request, "manage-sphere", sphere=form.cleaned_data["slug"]))
    listing = Sphere.objects.filter(institution=request.institution).prefetch_related(
        "working_groups"
    )
    return render(request, "change/manage/spheres.html", {"spheres": listing, "form": form})


def _sphere_page(request: HttpRequest, sphere: Sphere, **bound: object) -> HttpResponse:
    context = {
        "sphere": sphere,
        "form": SphereEditForm(initial={"name": sphere.name, "description": sphere.description}),
        "group_form": WorkingGroupForm(),
        "partner_form": BoundaryPartnerForm(),
        "groups": sphere.working_groups.all(),
        "partners": sphere.boundary_partners.all(),
        "history": history_for(sphere),
        **bound,
    }
    return render(request, "change/manage/sphere.html", context)


@institution_view(MANAGE, manage=True)
def sphere(request: HttpRequest, sphere: str) -> HttpResponse:
    found = managed_sphere(request, sphere)
    if request.method == "POST":
        form = SphereEditForm(request.POST)
        if attempt(
            form, lambda: services.update_sphere(found, actor=request.user, **form.cleaned_data)
        ):
            messages.success(request, "Sphere saved.")
            return redirect(manage_url(request, "manage-sphere", sphere=found.slug))
        return _sphere_page(request, found, form=form)
    return _sphere_page(request, found)


@institution_view(MANAGE, manage=True)
def sphere_add(request: HttpRequest, sphere: str, what: str) -> HttpResponse:
    found = managed_sphere(request, sphere)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if what == "working-group":
        form: forms.Form = WorkingGroupForm(request.POST)
        act = lambda: services.add_working_group(found, actor=request.user, **form.cleaned_data)  # noqa: E731
        key = "group_form"
    elif what == "partner":
        form = BoundaryPartnerForm(request.POST)
        act = lambda: mapping.add_boundary_partner(found, actor=request.user, **form.cleaned_data)  # noqa: E731
        key = "partner_form"
    else:
        raise Http404("Nothing to add here.")
    if attempt(form, act):
        messages.success(request, "Added.")
        return redirect(manage_url(request, "manage-sphere", sphere=found.slug))
    return _sphere_page(request, found, **{key: form})


@institution_view(MANAGE, manage=True)
def working_group(request: HttpRequest, sphere: str, working_group: str) -> HttpResponse:
    found = managed_sphere(request, sphere)
    group = get_object_or_404(WorkingGroup, sphere=found, public_id=working_group)
    back = manage_url(request, "manage-sphere", sphere=found.slug)
    form = WorkingGroupForm(
        request.POST or None, initial={"name": group.name, "description": group.description}
    )
    if request.method == "POST" and attempt(
        form, lambda: services.update_working_group(group, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Working group saved.")
        return redirect(back)
    return edit_page(
        request,
        back=back,
        back_label=found.name,
        form=form,
        heading=f"Edit the working group {group.name}",
        history=history_for(group),
    )


@institution_view(MANAGE, manage=True)
def partner(request: HttpRequest, sphere: str, partner: str) -> HttpResponse:
    found = managed_sphere(request, sphere)
    obj = get_object_or_404(
        BoundaryPartner.objects.select_related("sphere__institution"),
        sphere=found,
        public_id=partner,
    )
    back = manage_url(request, "manage-sphere", sphere=found.slug)
    initial = {"name": obj.name, "kind": obj.kind, "description": obj.description}
    form = BoundaryPartnerForm(request.POST or None, initial=initial)
    if request.method == "POST" and attempt(
        form, lambda: mapping.update_boundary_partner(obj, actor=request.user, **form.cleaned_data)
    ):
        messages.success(request, "Boundary partner saved.")
        return redirect(back)
    return edit_page(
        request,
        back=back,
        back_label=found.name,
        form=form,
        heading=f"Edit the boundary partner {obj.name}",
        history=history_for(obj),
    )


@institution_view(MANAGE, manage=True)
def target_list(request: HttpRequest) -> HttpResponse:
    form = TargetForm(request.POST or None, institution=request.institution)
    if request.method == "POST" and attempt(
        form,
        lambda: targets.create_target(actor=request.user, **form.cleaned_data),
    ):
        messages.success(request, "The change target is created.")
        return redirect(manage_url(request, "manage-target", target=form.cleaned_data["slug"]))
    listing = queries.organizer_targets(request.institution)
    return render(request, "change/manage/targets.html", {"targets": listing, "form": form})
