"""A guiding coalition and a mini project at Alpha, and people to fill them."""

from __future__ import annotations

from datetime import date

import pytest

from allin.coalitions import projects, services
from allin.coalitions.terms import today_at
from tests.conftest import make_member


def crowd(institution, n: int, prefix: str = "p"):  # type: ignore[no-untyped-def]
    return [make_member(institution, email=f"{prefix}{i}@alpha.example") for i in range(n)]


def applied(coalition, user, why: str = "To help.", brings: str = "Time."):  # type: ignore[no-untyped-def]
    return services.apply(coalition, user=user, why=why, brings=brings)


def accepted(coalition, user, starts_on: date | None = None):  # type: ignore[no-untyped-def]
    application = applied(coalition, user)
    services.decide(application, actor=None, decision="accept", starts_on=starts_on)
    return application.user.coalition_terms.get(coalition=coalition)


@pytest.fixture
def today(institution) -> date:
    return today_at(institution)


@pytest.fixture
def coalition(institution):  # type: ignore[no-untyped-def]
    return services.create_coalition(
        institution,
        actor=None,
        slug="rbi",
        name="Medical Education RBI Guiding Coalition",
        description="Oversees the change targets of the medical school.",
        role="Monthly meetings; one change target.",
        criteria="Values diversity; commitment; open-mindedness.",
    )


@pytest.fixture
def project(institution):  # type: ignore[no-untyped-def]
    return projects.create_project(
        institution,
        actor=None,
        slug="data-walk",
        title="Attend the Data Walk",
        description="An interactive data walk that reveals the project community map.",
        eligibility="Faculty, staff, students and postdocs",
        season="September 2023",
        hours_per_month=3,
        works_with="The gRBI guiding coalition",
        capacity=2,
    )
