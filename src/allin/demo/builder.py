"""Builds the living demo from the seed documents. Each app adds its part in build_demo()."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from allauth.account.models import EmailAddress
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django_scopes import scopes_disabled

from allin.accounts.models import User
from allin.demo.attendance import build_attendance, build_community
from allin.demo.campaign import build_campaign, build_last_year
from allin.demo.change import build_change
from allin.demo.coalitions import build_coalitions
from allin.demo.datawalk import build_datawalk
from allin.demo.events import build_events
from allin.demo.people import DEMO_PASSWORD, PERSONAS
from allin.institutions import services as institution_services
from allin.institutions.enums import InstitutionKind, PageKind
from allin.institutions.models import Institution, InstitutionPage
from allin.learning import services as learning_services

CONTENT = Path(__file__).parent / "content"

HOST_SLUG = "icahn"
INSTITUTIONS = (
    {
        "slug": "icahn",
        "name": "Icahn School of Medicine at Mount Sinai",
        "short_name": "Icahn Mount Sinai",
        "is_host": True,
        "kind": InstitutionKind.MEDICAL_SCHOOL,
        "tagline": "Institute for Equity and Justice in Health Sciences Education",
        "contact_email": "institute@icahn.example",
    },
    {
        "slug": "riverside",
        "name": "Riverside College of Medicine (fictional partner)",
        "short_name": "Riverside",
        "kind": InstitutionKind.MEDICAL_SCHOOL,
        "tagline": "An ART in MedEd partner school",
        "time_zone": "America/Los_Angeles",
    },
    {
        "slug": "lakeshore",
        "name": "Lakeshore School of Medicine (fictional partner)",
        "short_name": "Lakeshore",
        "kind": InstitutionKind.MEDICAL_SCHOOL,
        "tagline": "An ART in MedEd partner school",
        "time_zone": "America/Chicago",
    },
)


def make_user(
    email: str, name: str, *, password: str | None = DEMO_PASSWORD, platform_admin: bool = False
) -> User:
    """A person with a verified primary email, as if they had signed up and confirmed."""
    user = User.objects.create_user(
        email, password, name=name, is_staff=platform_admin, is_superuser=platform_admin
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def build_institution(spec: dict[str, object]) -> Institution:
    slug = str(spec["slug"])
    fields = {k: v for k, v in spec.items() if k not in {"slug", "name", "short_name"}}
    institution = institution_services.create_institution(
        actor=None, slug=slug, name=str(spec["name"]), short_name=str(spec["short_name"]), **fields
    )
    pages = {p.kind: p for p in InstitutionPage.objects.filter(institution=institution)}
    for kind in PageKind:
        source = CONTENT / f"{slug}_{kind}.md"
        if source.exists():
            body = source.read_text(encoding="utf-8")
        elif kind == PageKind.PURPOSE:
            body = (
                f"{institution.name} is a partner school in the ART in MedEd program, building "
                "its own anti-racist transformation with a cohort of leaders, faculty, staff "
                "and students."
            )
        else:
            continue
        institution_services.update_page(
            pages[kind], actor=None, title=f"Our {kind.label.lower()}", body=body
        )
    return institution


def build_demo(today: date | None = None) -> dict[str, Institution]:
    """Create the demo from nothing. Idempotence is the caller's job (see the demo command)."""
    # The demo's history is made through the real services, which queue emails; its people are
    # fictional, so the tasks are kept and not run.
    quiet = override_settings(
        TASKS={"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    )
    with quiet, scopes_disabled(), transaction.atomic():
        institutions = {str(spec["slug"]): build_institution(spec) for spec in INSTITUTIONS}
        people = {}
        for persona in PERSONAS:
            user = make_user(persona.email, persona.name, platform_admin=persona.platform_admin)
            people[persona.email] = user
            if persona.institution:
                institution_services.add_member(
                    institutions[persona.institution],
                    user,
                    actor=None,
                    affiliation=persona.affiliation,
                    role=persona.role,
                )
        build_programs(institutions)
        host = institutions[HOST_SLUG]
        crowd = build_community(host, make_user)
        events = build_events(host, today or timezone.localdate(timezone=host.zone), people)
        build_attendance(host, events, people, crowd)
        build_campaign(host, today or timezone.localdate(timezone=host.zone), events, people)
        build_last_year(host, today or timezone.localdate(timezone=host.zone), people, crowd)
        spheres = build_change(host, today or timezone.localdate(timezone=host.zone), people)
        build_coalitions(
            host, today or timezone.localdate(timezone=host.zone), people, crowd, spheres
        )
        build_datawalk(
            host, today or timezone.localdate(timezone=host.zone), people, crowd, spheres
        )
    return institutions


def build_programs(institutions: dict[str, Institution]) -> None:
    program = learning_services.create_program(
        institutions[HOST_SLUG],
        actor=None,
        slug="art-in-meded",
        name="Anti-Racist Transformation in Medical Education (ART in MedEd)",
        short_name="ART in MedEd",
        summary="Partner schools move through six phases of anti-racist transformation with a "
        "virtual learning platform, readiness assessments, coaching, outcome monitoring and a "
        "community of practice.",
    )
    for slug in ("riverside", "lakeshore"):
        learning_services.add_partner(program, institutions[slug], actor=None)


def demo_exists() -> bool:
    return Institution.objects.filter(slug=HOST_SLUG).exists()
