"""Named demo people, one for every kind of person. Tests and docs use the same personas."""

from __future__ import annotations

from dataclasses import dataclass

from allin.institutions.enums import Affiliation, Role

DEMO_PASSWORD = "allin-demo-2026"  # noqa: S105  (printed by `allin demo`)


@dataclass(frozen=True)
class Persona:
    email: str
    name: str
    institution: str | None
    affiliation: str
    role: str
    what: str
    platform_admin: bool = False


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "admin@allin.example",
        "Morgan Reyes",
        None,
        Affiliation.STAFF,
        Role.ADMIN,
        "platform admin (Django admin at /platform-admin/)",
        platform_admin=True,
    ),
    Persona(
        "director@icahn.example",
        "Renee Alvarez",
        "icahn",
        Affiliation.LEADER,
        Role.ADMIN,
        "institution admin at Icahn Mount Sinai",
    ),
    Persona(
        "organizer@icahn.example",
        "Sam Okafor",
        "icahn",
        Affiliation.STAFF,
        Role.ORGANIZER,
        "organizer (Institute staff) at Icahn Mount Sinai",
    ),
    Persona(
        "student@icahn.example",
        "Priya Natarajan",
        "icahn",
        Affiliation.MD_STUDENT,
        Role.MEMBER,
        "MD student at Icahn Mount Sinai",
    ),
    Persona(
        "phd@icahn.example",
        "Marcus Bell",
        "icahn",
        Affiliation.PHD_STUDENT,
        Role.MEMBER,
        "PhD student at the Graduate School",
    ),
    Persona(
        "faculty@icahn.example",
        "Dr. Helen Cho",
        "icahn",
        Affiliation.FACULTY,
        Role.MEMBER,
        "faculty member at Icahn Mount Sinai",
    ),
    Persona(
        "lead@riverside.example",
        "Dr. Ade Coleman",
        "riverside",
        Affiliation.LEADER,
        Role.ADMIN,
        "admin at partner school Riverside",
    ),
    Persona(
        "student@riverside.example",
        "Lena Park",
        "riverside",
        Affiliation.MD_STUDENT,
        Role.MEMBER,
        "MD student at partner school Riverside",
    ),
    Persona(
        "lead@lakeshore.example",
        "Dr. Tomas Ruiz",
        "lakeshore",
        Affiliation.LEADER,
        Role.ADMIN,
        "admin at partner school Lakeshore",
    ),
    Persona(
        "staff@lakeshore.example",
        "Jordan Blake",
        "lakeshore",
        Affiliation.STAFF,
        Role.ORGANIZER,
        "organizer at partner school Lakeshore",
    ),
)
