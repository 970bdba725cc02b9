"""Walk every named URL pattern as someone from another institution.

Each pattern is filled with Beta's objects and requested by Alpha's organizer, under Alpha's
address (another tenant's id) and under Beta's address (a tenant they do not belong to). Every
such request answers 404, except public pages of Beta. A new URL pattern with an argument this
file cannot fill fails the sweep, so nobody has to remember to add a test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from allin.campaigns.groups import open_group
from allin.campaigns.models import Campaign, CampaignEvent, Challenge, Prize
from allin.campaigns.services import add_prize, add_session, create_campaign, create_challenge
from allin.change.services import add_working_group, create_sphere
from allin.coalitions import projects as coalition_projects
from allin.coalitions import services as coalition_services
from allin.coalitions.models import Application, Coalition, MiniProject, ProjectSignup, Term
from allin.community.services import publish_post, start_update
from allin.events import checkin, imports
from allin.events.models import Attendance, AttendanceImport, Event, Series
from allin.events.services import create_series
from allin.institutions.models import Invitation, Membership
from allin.institutions.services import invite_member
from allin.learning.models import CohortMembership
from allin.learning.services import add_to_cohort, create_cohort
from tests.change.helpers import beta_change_objects
from tests.conftest import membership_of
from tests.datawalks.helpers import beta_datawalk_objects, beta_datawalk_state
from tests.factories import make_event

# Public pages of an institution: anyone may open Beta's.
PUBLIC = {
    "institutions:home",
    "institutions:page",
    "institutions:invitation",
    "events:calendar",
    "events:feed",
    "campaigns:index",
    "campaigns:detail",
    "campaigns:challenge",
    "campaigns:raffle",
    # Public while the institution keeps its tracker public (the default).
    "change:spheres",
    "change:sphere",
    "change:tracker",
    "change:target",
    "community:news",
    "community:feed",
    "community:post",
    # Guiding coalitions and mini projects recruit in public; rosters are for members.
    "coalitions:index",
    "coalitions:detail",
    "coalitions:projects",
    "coalitions:project",
    # The list shows public walks only; the map is visible like the change tracker.
    "datawalks:index",
    "datawalks:map",
}
# Arguments that name no object of a tenant.
NOT_OBJECTS = {"institution", "kind"}
# Platform-wide pages, outside any institution.
NOT_TENANT = {
    "home",
    "healthz",
    "accounts:me",
    "accounts:profile",
    "accounts:identity",
    "my-calendar",
    "my-calendar-rotate",
    "my-calendar-revoke",
    "personal-feed",
}
THIRD_PARTY = ("account_", "mfa_", "admin:")
REPORT = (
    "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"
    "Beta Member,{email},,,55,No\n"
    "Somebody Else,,,,50,Yes\n"
)


@dataclass(frozen=True)
class Route:
    name: str
    args: frozenset[str]


def routes() -> list[Route]:
    def walk(resolver: URLResolver, namespace: str, prefix: str) -> Iterator[Route]:
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry, ns, route)
            elif isinstance(entry, URLPattern) and entry.name:
                args = frozenset(re.findall(r"<(?:\w+:)?(\w+)>", route))
                yield Route(f"{namespace}{entry.name}", args)

    return list(walk(get_resolver(), "", ""))


def tenant_routes() -> list[Route]:
    return [r for r in routes() if "institution" in r.args]


def fill(route: Route, slug: str, objects: dict[str, object]) -> str:
    kwargs: dict[str, object] = {"institution": slug}
    for arg in route.args - {"institution"}:
        if arg not in objects:
            pytest.fail(
                f"The URL sweep cannot fill <{arg}> of {route.name}: add it to beta_objects."
            )
        kwargs[arg] = objects[arg]
    return reverse(route.name, kwargs=kwargs)


@pytest.fixture
def beta_objects(other_institution, other_organizer, other_member):
    invitation, token = invite_member(
        other_institution,
        actor=other_organizer,
        actor_membership=membership_of(other_organizer, other_institution),
        email="newcomer@beta.example",
        affiliation="faculty",
    )
    event = make_event(
        other_institution, slug="beta-members-only", starts_at=timezone.now() - timedelta(hours=2)
    )
    attendance, _ = checkin.staff_check_in(event, user=other_member, actor=other_organizer)
    report = imports.preview_import(
        event,
        actor=other_organizer,
        filename="zoom.csv",
        data=REPORT.format(email=other_member.email).encode(),
    )
    week = create_campaign(
        other_institution,
        actor=None,
        slug="beta-week",
        name="Beta week",
        starts_at=timezone.now() - timedelta(days=1),
        ends_at=timezone.now() + timedelta(days=4),
    )
    revealed = create_challenge(
        week,
        actor=None,
        slug="revealed",
        title="Revealed",
        purpose="Shown to all.",
        reveal_at=week.starts_at,
        has_worksheet=True,
        group_mode=True,
    )
    beta_group = open_group(revealed, facilitator=other_member, name="Beta circle")
    add_session(week, event, actor=None)
    prize = add_prize(week, actor=None, rank=1, name="Beta prize")
    beta_sphere = create_sphere(other_institution, actor=None, slug="admissions", name="Admissions")
    beta_post = publish_post(other_institution, actor=None, title="Beta news", body="News.")
    beta_update = start_update(other_institution, actor=None, month=timezone.localdate())
    beta_cohort = create_cohort(other_institution, actor=None, slug="beta-cohort", name="Beta")
    beta_coalition = coalition_services.create_coalition(
        other_institution, actor=None, slug="grbi", name="Beta gRBI", capacity=5
    )
    beta_application = coalition_services.apply(
        beta_coalition, user=other_organizer, why="To help.", brings="Time."
    )
    beta_term = coalition_services.decide(
        coalition_services.apply(beta_coalition, user=other_member, why="x", brings="y"),
        actor=None,
        decision="accept",
    ).term
    beta_project = coalition_projects.create_project(
        other_institution, actor=None, slug="data-walk", title="Beta data walk", capacity=5
    )
    coalition_projects.sign_up(beta_project, user=other_member)
    add_to_cohort(beta_cohort, other_member, actor=None)
    return {
        "membership": membership_of(other_member, other_institution).public_id,
        "invitation": invitation.public_id,
        "token": token,
        "kind": "purpose",
        # Members-only, so nobody outside Beta may see it at all.
        "event": event.slug,
        "attendance": attendance.pk,
        "report": report.pk,
        "row": report.rows.first().pk,
        "name": "zoom-meeting-participants.csv",
        "cohort": beta_cohort.slug,
        "campaign": week.slug,
        "action": "publish",
        "part": "prize",
        "challenge": revealed.slug,
        "rank": prize.rank,
        "group": beta_group.code,
        "sphere": beta_sphere.slug,
        "coalition": beta_coalition.slug,
        "application": beta_application.public_id,
        "term": beta_term.public_id,
        "project": beta_project.slug,
        "working_group": add_working_group(beta_sphere, actor=None, name="Beta group").public_id,
        **beta_change_objects(beta_sphere),
        **beta_datawalk_objects(other_institution, other_member),
        "post": beta_post.slug,
        "month": f"{beta_update.month:%Y-%m}",
        "person": other_member.public_id,
        "series": create_series(
            other_institution, actor=None, slug="beta-series", name="Beta series"
        ).slug,
    }


def beta_state(other_institution):
    return (
        sorted(
            Campaign.objects.filter(institution=other_institution).values_list(
                "slug", "name", "starts_at", "ends_at"
            )
        ),
        sorted(
            Challenge.objects.filter(institution=other_institution).values_list(
                "slug", "title", "reveal_at"
            )
        ),
        sorted(
            Prize.objects.filter(institution=other_institution).values_list(
                "rank", "name", "quantity"
            )
        ),
        sorted(CampaignEvent.objects.filter(institution=other_institution).values_list("pk")),
        sorted(
            Membership.objects.filter(institution=other_institution).values_list(
                "public_id", "role", "affiliation", "ended_at"
            )
        ),
        sorted(
            Invitation.objects.filter(institution=other_institution).values_list(
                "public_id", "revoked_at", "accepted_at"
            )
        ),
        sorted(
            Event.objects.filter(institution=other_institution).values_list(
                "slug", "status", "capacity", "rsvps_closed", "sequence"
            )
        ),
        sorted(Attendance.objects.filter(institution=other_institution).values_list("pk")),
        sorted(
            CohortMembership.objects.filter(institution=other_institution).values_list(
                "cohort__slug", "user_id"
            )
        ),
        sorted(
            Series.objects.filter(institution=other_institution).values_list(
                "slug", "name", "description"
            )
        ),
        sorted(
            AttendanceImport.objects.filter(institution=other_institution).values_list(
                "pk", "status"
            )
        ),
        sorted(
            Coalition.objects.filter(institution=other_institution).values_list(
                "slug", "name", "capacity", "signups_open"
            )
        ),
        sorted(
            Application.objects.filter(institution=other_institution).values_list(
                "public_id", "status"
            )
        ),
        sorted(
            Term.objects.filter(institution=other_institution).values_list(
                "public_id", "starts_on", "ends_on"
            )
        ),
        sorted(
            MiniProject.objects.filter(institution=other_institution).values_list(
                "slug", "title", "capacity", "confirmed_count"
            )
        ),
        sorted(
            ProjectSignup.objects.filter(institution=other_institution).values_list(
                "user_id", "status"
            )
        ),
        beta_datawalk_state(other_institution),
    )


def test_every_url_pattern_is_classified():
    unclassified = {
        r.name
        for r in routes()
        if "institution" not in r.args
        and r.name not in NOT_TENANT
        and not r.name.startswith(THIRD_PARTY)
    }
    assert unclassified == set()
    assert len(tenant_routes()) >= 11


@pytest.mark.parametrize("method", ["get", "post"])
def test_outsider_gets_404_for_every_object_of_another_institution(
    method, client_for, institution, organizer, other_institution, beta_objects
):
    client = client_for(organizer)
    before = beta_state(other_institution)
    unexpected = []
    for route in tenant_routes():
        data = {"role": "admin", "affiliation": "staff", "email": "x@example.org"}
        send = getattr(client, method)
        if route.args - NOT_OBJECTS:
            # Beta's object addressed through Alpha, where this organizer has every right.
            url = fill(route, institution.slug, beta_objects)
            response = send(url, data) if method == "post" else send(url)
            if response.status_code != 404:
                unexpected.append((url, response.status_code))
        # Beta's own address, where this organizer is nobody.
        url = fill(route, other_institution.slug, beta_objects)
        response = send(url, data) if method == "post" else send(url)
        expected = {200} if route.name in PUBLIC else {404}
        if route.name in PUBLIC and method == "post":
            expected = {200, 405}
        if response.status_code not in expected:
            unexpected.append((url, response.status_code))
    assert unexpected == []
    assert beta_state(other_institution) == before


def test_sweep_as_anonymous_never_shows_beta_member_pages(client, other_institution, beta_objects):
    for route in tenant_routes():
        if route.name in PUBLIC:
            continue
        response = client.get(fill(route, other_institution.slug, beta_objects))
        assert response.status_code in (302, 404, 405), route.name
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/")
