from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.core.cache import forget_home_listing
from allin.core.db import unique_or_error
from allin.institutions.models import Institution
from allin.institutions.rules import cached_membership
from allin.learning.models import Cohort, CohortMembership, Program


def create_program(
    host: Institution,
    *,
    actor: User | None,
    slug: str,
    name: str,
    short_name: str,
    summary: str = "",
    description: str = "",
) -> Program:
    program = Program(
        institution=host,
        slug=slug,
        name=name,
        short_name=short_name,
        summary=summary,
        description=description,
    )
    program.full_clean()
    with transaction.atomic():
        program.save()
        transaction.on_commit(forget_home_listing)
        log_action(
            program, "learning.program.created", actor=actor, institution=host, data={"slug": slug}
        )
    return program


def add_partner(program: Program, partner: Institution, *, actor: User | None) -> None:
    with transaction.atomic():
        if program.partners.filter(pk=partner.pk).exists():
            return
        program.partners.add(partner)
        transaction.on_commit(forget_home_listing)
        log_action(
            program,
            "learning.program.partner_added",
            actor=actor,
            institution=program.institution,
            data={"partner": partner.short_name},
        )


def create_cohort(
    institution: Institution,
    *,
    actor: User | None,
    slug: str,
    name: str,
    description: str = "",
    program: Program | None = None,
) -> Cohort:
    cohort = Cohort(
        institution=institution, slug=slug, name=name, description=description, program=program
    )
    cohort.full_clean(validate_constraints=False)
    if Cohort.objects.filter(institution=institution, slug=slug).exists():
        raise ValidationError({"slug": "Another cohort already uses this short name."})
    with unique_or_error("slug", "Another cohort already uses this short name."):
        cohort.save()
        log_action(cohort, "learning.cohort.created", actor=actor, institution=institution)
    return cohort


def add_to_cohort(cohort: Cohort, user: User, *, actor: User | None, lead: bool = False) -> bool:
    """Only members of the cohort's institution can join it. Adding twice changes nothing."""
    if cached_membership(user, cohort.institution) is None:
        raise ValidationError(
            {"email": f"{user.display_name} is not a member of {cohort.institution.short_name}."}
        )
    with transaction.atomic():
        _, created = CohortMembership.objects.get_or_create(
            cohort=cohort,
            user=user,
            defaults={"institution_id": cohort.institution_id, "is_lead": lead},
        )
        if created:
            log_action(
                cohort,
                "learning.cohort.member_added",
                actor=actor,
                institution=cohort.institution,
                data={"person": user.display_name},
            )
    return created


def remove_from_cohort(cohort: Cohort, user: User, *, actor: User) -> None:
    """Out of the cohort, and so out of its coming events: their seats go to the waitlist."""
    from allin.events.services import release_outsiders

    with transaction.atomic():
        deleted, _ = CohortMembership.objects.filter(cohort=cohort, user=user).delete()
        if deleted:
            for event in cohort.events.filter(rsvps__user=user).distinct():
                release_outsiders(event, actor=actor)
            log_action(
                cohort,
                "learning.cohort.member_removed",
                actor=actor,
                institution=cohort.institution,
                data={"person": user.display_name},
            )
