"""An open data walk at Alpha with one station, and a sphere to send its needs to."""

from __future__ import annotations

import pytest

from allin.change.services import create_sphere
from tests.datawalks.helpers import make_station, make_walk


@pytest.fixture
def walk(institution):  # type: ignore[no-untyped-def]
    return make_walk(institution)


@pytest.fixture
def station(walk):  # type: ignore[no-untyped-def]
    return make_station(walk)


@pytest.fixture
def sphere(institution):  # type: ignore[no-untyped-def]
    return create_sphere(institution, actor=None, slug="admissions", name="Admissions")
