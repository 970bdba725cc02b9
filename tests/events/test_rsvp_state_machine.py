"""Property test: any sequence of RSVPs, cancellations and capacity changes keeps the rules."""

from __future__ import annotations

import itertools

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from allin.events import services
from allin.events.enums import RSVPStatus
from allin.events.models import RSVP, Event
from tests.conftest import make_member
from tests.factories import make_event

PEOPLE = 6
_runs = itertools.count()


class RSVPMachine(RuleBasedStateMachine):
    """The model: who is going, and the waitlist as a plain first-in-first-out list."""

    institution = None
    organizer = None

    def __init__(self) -> None:
        super().__init__()
        run = next(_runs)
        self.event = make_event(self.institution, slug=f"sm-{run}", capacity=2)
        self.people = [
            make_member(self.institution, email=f"sm{run}-{i}@alpha.example") for i in range(PEOPLE)
        ]
        self.going: set[int] = set()
        self.queue: list[int] = []
        self.capacity: int | None = 2

    def _fill(self) -> None:
        while self.queue and (self.capacity is None or len(self.going) < self.capacity):
            self.going.add(self.queue.pop(0))

    @rule(who=st.integers(0, PEOPLE - 1))
    def rsvp(self, who: int) -> None:
        services.rsvp(self.event, user=self.people[who])
        if who in self.going or who in self.queue:
            return
        if self.capacity is None or len(self.going) < self.capacity:
            self.going.add(who)
        else:
            self.queue.append(who)

    @rule(who=st.integers(0, PEOPLE - 1))
    def cancel(self, who: int) -> None:
        row = RSVP.objects.filter(event=self.event, user=self.people[who]).first()
        if row is None:
            return
        services.cancel_rsvp(row, actor=self.people[who])
        if who in self.going:
            self.going.discard(who)
            self._fill()
        elif who in self.queue:
            self.queue.remove(who)

    @rule(capacity=st.one_of(st.none(), st.integers(0, PEOPLE)))
    def set_capacity(self, capacity: int | None) -> None:
        try:
            services.set_capacity(self.event, actor=self.organizer, capacity=capacity)
        except ValidationError:
            assert capacity is not None and capacity < len(self.going)
            return
        self.capacity = capacity
        self._fill()

    def _rows(self, status: str) -> list[int]:
        users = list(
            RSVP.objects.filter(event=self.event, status=status)
            .order_by("queue_number", "queued_at", "id")
            .values_list("user_id", flat=True)
        )
        return [next(i for i, p in enumerate(self.people) if p.pk == u) for u in users]

    @invariant()
    def matches_the_model(self) -> None:
        event = Event.objects.get(pk=self.event.pk)
        going = self._rows(RSVPStatus.CONFIRMED)
        assert set(going) == self.going
        assert event.confirmed_count == len(going)
        assert event.capacity is None or event.confirmed_count <= event.capacity
        # First in, first out: the waitlist is exactly the model's queue, in order.
        assert self._rows(RSVPStatus.WAITLISTED) == self.queue
        assert not set(going) & set(self.queue)


@pytest.mark.django_db
def test_rsvp_state_machine(institution, organizer):
    RSVPMachine.institution = institution
    RSVPMachine.organizer = organizer
    run_state_machine_as_test(
        RSVPMachine,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
