import pytest

from allin.accounts.models import User
from allin.demo.scale import build_scale
from allin.institutions.models import Institution, InstitutionPage, Membership


@pytest.mark.django_db
def test_build_scale_creates_what_it_reports():
    report = build_scale(institutions=3, people=40, seed=1)
    assert (report.institutions, report.people) == (3, 40)
    assert Institution.objects.count() == 3
    assert InstitutionPage.objects.count() == 12
    assert User.objects.count() == 40
    assert report.memberships == Membership.objects.count()
    # Everyone belongs to one school, every fifth person to a second one.
    assert Membership.objects.count() == 40 + 8
    assert Membership.objects.values("user").distinct().count() == 40
    from allin.events.models import RSVP, Attendance, Event

    assert (report.events, report.rsvps, report.attendance) == (
        Event.objects.count(),
        RSVP.objects.count(),
        Attendance.objects.count(),
    )
    assert report.events == 3 * 40 and report.rsvps == 48 * 3
    assert all(e.confirmed_count == e.rsvps.count() for e in Event.objects.all())
    from allin.change.models import ChangeTarget, IndicatorResult

    assert report.targets == ChangeTarget.objects.count() == 6
    assert IndicatorResult.objects.count() == 6 * 6


@pytest.mark.django_db
def test_scaled_people_can_sign_in(client):
    build_scale(institutions=1, people=2, password="bench-password-1")
    response = client.post(
        "/accounts/login/", {"login": "person000001@bench.example", "password": "bench-password-1"}
    )
    assert response.status_code == 302
