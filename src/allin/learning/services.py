from __future__ import annotations

from django.db import transaction

from allin.accounts.models import User
from allin.core.audit import log_action
from allin.core.cache import forget_home_listing
from allin.institutions.models import Institution
from allin.learning.models import Program


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
