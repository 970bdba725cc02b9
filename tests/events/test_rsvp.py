from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from allin.core.models import ActivityLog
from allin.events import services
from allin.events.enums import Audience, RSVPMode, RSVPStatus
from allin.events.models import RSVP
from tests.conftest import make_member
from tests.factories import UserFactory, make_event


def people(institution, n):
    return [make_member(institution, email=f"p{i}@alpha.example") for i in range(n)]


def statuses(event):
    return list(
        RSVP.objects.filter(event=event)
        .order_by("queued_at", "id")
        .values_list("user__email", "status")
    )


def test_rsvp_confirms_until_full_then_waitlists_in_order(institution):
    event = make_event(institution, capacity=2)
    a, b, c, d = people(institution, 4)
    for person in (a, b, c, d):
        services.rsvp(event, user=person)
    event.refresh_from_db()
    assert event.confirmed_count == 2
    assert statuses(event) == [
        (a.email, "confirmed"),
        (b.email, "confirmed"),
        (c.email, "waitlisted"),
        (d.email, "waitlisted"),
    ]


def test_rsvp_twice_changes_nothing(institution, member):
    event = make_event(institution, capacity=5)
    first = services.rsvp(event, user=member)
    second = services.rsvp(event, user=member)
    event.refresh_from_db()
    assert (first.pk, second.pk, event.confirmed_count) == (first.pk, first.pk, 1)
    assert ActivityLog.objects.filter(action="events.rsvp.confirmed").count() == 1


def test_cancel_promotes_exactly_the_head_of_the_waitlist_and_emails_them(
    institution, django_capture_on_commit_callbacks
):
    event = make_event(institution, capacity=1)
    a, b, c = people(institution, 3)
    for person in (a, b, c):
        services.rsvp(event, user=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_rsvp(RSVP.objects.get(event=event, user=a), actor=a)
    assert statuses(event) == [
        (a.email, "cancelled"),
        (b.email, "confirmed"),
        (c.email, "waitlisted"),
    ]
    event.refresh_from_db()
    assert event.confirmed_count == 1
    (message,) = mail.outbox
    assert message.to == [b.email]
    assert "A seat opened up" in message.subject
    promoted = ActivityLog.objects.get(action="events.rsvp.promoted")
    assert promoted.display == f"{b.display_name} moved from the waitlist to going"


def test_leaving_the_waitlist_frees_no_seat(institution):
    event = make_event(institution, capacity=1)
    a, b, c = people(institution, 3)
    for person in (a, b, c):
        services.rsvp(event, user=person)
    services.cancel_rsvp(RSVP.objects.get(event=event, user=b), actor=b)
    assert statuses(event) == [
        (a.email, "confirmed"),
        (b.email, "cancelled"),
        (c.email, "waitlisted"),
    ]


def test_rejoining_goes_to_the_back_of_the_queue(institution):
    event = make_event(institution, capacity=1)
    a, b, c = people(institution, 3)
    for person in (a, b, c):
        services.rsvp(event, user=person)
    services.cancel_rsvp(RSVP.objects.get(event=event, user=b), actor=b)
    services.rsvp(event, user=b)
    services.cancel_rsvp(RSVP.objects.get(event=event, user=a), actor=a)
    assert dict(statuses(event)) == {
        a.email: "cancelled",
        b.email: "waitlisted",
        c.email: "confirmed",
    }


def test_raising_capacity_promotes_in_order_and_lowering_below_going_is_refused(
    institution, organizer
):
    event = make_event(institution, capacity=1)
    a, b, c, d = people(institution, 4)
    for person in (a, b, c, d):
        services.rsvp(event, user=person)
    services.set_capacity(event, actor=organizer, capacity=3)
    assert [s for _, s in statuses(event)] == ["confirmed", "confirmed", "confirmed", "waitlisted"]
    with pytest.raises(ValidationError, match="3 people are going"):
        services.set_capacity(event, actor=organizer, capacity=2)
    services.set_capacity(event, actor=organizer, capacity=None)
    assert [s for _, s in statuses(event)] == ["confirmed"] * 4
    assert [
        e.display
        for e in ActivityLog.objects.filter(action="events.event.capacity_changed").order_by("id")
    ] == ["Capacity changed from 1 to 3", "Capacity changed from 3 to no limit"]


def test_rsvp_window_is_exact_to_the_second(institution, member):
    event = make_event(institution, capacity=None)
    services.update_event(event, actor=member, rsvp_closes_at=event.starts_at - timedelta(hours=1))
    with time_machine.travel(event.rsvp_closes_at - timedelta(seconds=1), tick=False):
        assert services.rsvp(event, user=member).status == RSVPStatus.CONFIRMED
    other = make_member(institution, email="late@alpha.example")
    with (
        time_machine.travel(event.rsvp_closes_at, tick=False),
        pytest.raises(ValidationError, match="have closed"),
    ):
        services.rsvp(event, user=other)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rsvp_mode": RSVPMode.NONE}, "takes no RSVPs"),
        ({"audience": Audience.MEMBERS}, "for members"),
    ],
)
def test_rsvp_refusals_say_why(institution, fields, message):
    event = make_event(institution, **fields)
    with pytest.raises(ValidationError, match=message):
        services.rsvp(event, user=UserFactory())
    assert RSVP.objects.count() == 0


def test_closed_and_cancelled_events_refuse_rsvps(institution, organizer, member):
    event = make_event(institution)
    services.set_rsvps_closed(event, actor=organizer, closed=True)
    with pytest.raises(ValidationError, match="closed"):
        services.rsvp(event, user=member)
    services.set_rsvps_closed(event, actor=organizer, closed=False)
    services.cancel_event(event, actor=organizer)
    with pytest.raises(ValidationError, match="cancelled"):
        services.rsvp(event, user=member)


def test_public_events_take_rsvps_from_anyone_signed_in(institution):
    event = make_event(institution, audience=Audience.PUBLIC)
    assert services.rsvp(event, user=UserFactory()).status == RSVPStatus.CONFIRMED


def test_event_validation_names_the_field(institution):
    start = make_event(institution).starts_at
    with pytest.raises(ValidationError) as exc:
        make_event(institution, slug="bad", starts_at=start, ends_at=start - timedelta(minutes=5))
    assert exc.value.message_dict == {"ends_at": ["The event must end after it starts."]}


def test_update_raises_the_icalendar_sequence(institution, organizer):
    event = make_event(institution)
    services.update_event(event, actor=organizer, title="Renamed")
    services.update_event(event, actor=organizer, title="Renamed")
    event.refresh_from_db()
    assert (event.title, event.sequence) == ("Renamed", 1)
