"""Every write to spheres and their working groups."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from allin.accounts.models import User
from allin.change.models import Sphere, WorkingGroup
from allin.core.audit import log_action
from allin.core.db import unique_or_error
from allin.institutions.models import Institution


def create_sphere(
    institution: Institution,
    *,
    actor: User | None,
    slug: str,
    name: str,
    description: str = "",
    order: int | None = None,
) -> Sphere:
    sphere = Sphere(
        institution=institution,
        slug=slug,
        name=name.strip(),
        description=description,
        order=order if order is not None else institution.spheres.count(),
    )
    sphere.full_clean(validate_constraints=False)
    taken = f"Another sphere of {institution.short_name} has the address “{slug}”."
    if Sphere.objects.filter(institution=institution, slug=slug).exists():
        raise ValidationError({"slug": taken})
    with unique_or_error("slug", taken):
        sphere.save()
        log_action(sphere, "change.sphere.created", actor=actor, institution=institution)
    return sphere


def update_sphere(sphere: Sphere, *, actor: User | None, name: str, description: str) -> Sphere:
    if not name.strip():
        raise ValidationError({"name": "A sphere needs a name."})
    with transaction.atomic():
        fresh = Sphere.objects.select_for_update().get(pk=sphere.pk)
        changed = [
            field
            for field, value in (("name", name.strip()), ("description", description))
            if getattr(fresh, field) != value
        ]
        if changed:
            fresh.name, fresh.description = name.strip(), description
            fresh.save(update_fields=[*changed, "updated_at"])
            log_action(
                fresh,
                "change.sphere.changed",
                actor=actor,
                institution=sphere.institution,
                data={"fields": ", ".join(changed)},
            )
    return fresh


def add_working_group(
    sphere: Sphere, *, actor: User | None, name: str, description: str = ""
) -> WorkingGroup:
    if not name.strip():
        raise ValidationError({"name": "A working group needs a name."})
    with transaction.atomic():
        group = WorkingGroup.objects.create(
            institution_id=sphere.institution_id,
            sphere=sphere,
            name=name.strip(),
            description=description,
            order=sphere.working_groups.count(),
        )
        log_action(group, "change.working_group.added", actor=actor, institution=sphere.institution)
    return group


def update_working_group(
    group: WorkingGroup, *, actor: User | None, name: str, description: str = ""
) -> WorkingGroup:
    if not name.strip():
        raise ValidationError({"name": "A working group needs a name."})
    with transaction.atomic():
        fresh = WorkingGroup.objects.select_for_update().get(pk=group.pk)
        changed = [
            field
            for field, value in (("name", name.strip()), ("description", description))
            if getattr(fresh, field) != value
        ]
        if changed:
            fresh.name, fresh.description = name.strip(), description
            fresh.save(update_fields=changed)
            log_action(
                fresh,
                "change.working_group.changed",
                actor=actor,
                institution=group.institution,
                data={"fields": ", ".join(changed)},
            )
    return fresh
