"""Organizers' writes to walks and stations: what they accept, what they refuse with which
message, and that a refusal writes nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.core.models import ActivityLog
from allin.datawalks import services
from allin.datawalks.models import DataWalk, Station
from tests.change.helpers import make_sphere, make_target
from tests.datawalks.helpers import FIGURES, leave, make_station, make_walk
from tests.factories import make_event


def errors(caught) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return caught.value.message_dict


def test_a_walk_is_created_and_logged(institution, organizer):
    walk = make_walk(institution, title="GSBS Data Walk")
    services.update_walk(walk, actor=organizer, title="GSBS Data Walk 2023")
    assert DataWalk.objects.get().title == "GSBS Data Walk 2023"
    assert [(e.action, e.actor, e.data) for e in ActivityLog.objects.order_by("id")] == [
        ("datawalks.walk.created", None, {}),
        ("datawalks.walk.changed", organizer, {"fields": "title"}),
    ]


def test_a_walk_held_at_an_event_needs_no_online_window(institution):
    event = make_event(institution, slug="data-walk")
    walk = make_walk(institution, event=event, opens_at=None, closes_at=None)
    assert event.data_walk == walk


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"opens_at": None, "closes_at": None},
            {
                "opens_at": [
                    "Give an online window, or choose the event the walk happens at, or both."
                ]
            },
        ),
        ({"closes_at": None}, {"closes_at": ["Give both ends of the online window, or neither."]}),
        ({"slug": "map"}, {"slug": ["“map” is part of the site's addresses; choose another."]}),
        (
            {"slug": "manage"},
            {"slug": ["“manage” is part of the site's addresses; choose another."]},
        ),
        ({"title": ""}, {"title": ["This field cannot be blank."]}),
    ],
)
def test_a_walk_is_refused_with_a_reason(institution, fields, expected):
    with pytest.raises(ValidationError) as caught:
        make_walk(institution, **fields)
    assert errors(caught) == expected
    assert not DataWalk.objects.exists()


def test_the_window_must_close_after_it_opens(institution):
    now = timezone.now()
    with pytest.raises(ValidationError) as caught:
        make_walk(institution, opens_at=now, closes_at=now)
    assert errors(caught) == {"closes_at": ["Online notes must close after they open."]}


def test_an_event_is_one_walk_and_of_this_school(institution, other_institution):
    event = make_event(institution, slug="data-walk")
    make_walk(institution, slug="first", event=event)
    with pytest.raises(ValidationError) as caught:
        make_walk(institution, slug="second", event=event)
    assert errors(caught) == {"event": ["This event is already the data walk “GSBS Data Walk”."]}
    with pytest.raises(ValidationError) as caught:
        make_walk(institution, slug="third", event=make_event(other_institution, slug="beta"))
    assert errors(caught) == {"event": ["Choose an event of this institution."]}
    with pytest.raises(ValidationError) as caught:
        make_walk(institution, slug="first")
    assert errors(caught) == {"slug": ["Another data walk already uses this short name."]}
    assert list(DataWalk.objects.values_list("slug", flat=True)) == ["first"]


def test_the_slug_stays_as_created(walk):
    with pytest.raises(ValueError, match="Not editable: slug"):
        services.update_walk(walk, actor=None, slug="elsewhere")


def test_stations_line_up_in_order(walk, institution, organizer):
    sphere = make_sphere(institution)
    target = make_target(sphere)
    first = make_station(walk, title="Admissions", sphere=sphere, targets=[target])
    second = make_station(walk, title="Retention")
    assert [(s.title, s.order) for s in Station.objects.all()] == [
        ("Admissions", 1),
        ("Retention", 2),
    ]
    assert list(first.targets.all()) == [target]
    services.update_station(
        second, actor=organizer, order=0, figure_rows=[["A", "1"]], targets=[target]
    )
    second.refresh_from_db()
    assert (second.order, second.figure_rows, list(second.targets.all())) == (
        0,
        [["A", "1"]],
        [target],
    )
    assert ActivityLog.objects.filter(action="datawalks.station.changed").get().data == {
        "station": "Retention",
        "fields": "figure_rows, order, targets",
    }


def test_a_station_refuses_bad_rows_and_other_schools_links(walk, other_institution):
    beta_target = make_target(make_sphere(other_institution))
    with pytest.raises(ValidationError) as caught:
        make_station(walk, figure_rows=[["Black", "-1"]])
    assert errors(caught) == {"figure_rows": ["Line 1: the bars start at zero; use 0 or more."]}
    with pytest.raises(ValidationError) as caught:
        make_station(walk, targets=[beta_target])
    assert errors(caught) == {"targets": ["Choose change targets of this institution."]}
    assert not Station.objects.exists()


def test_a_station_with_notes_stays(station, member, organizer):
    leave(station, member)
    with pytest.raises(ValidationError) as caught:
        services.remove_station(station, actor=organizer)
    assert caught.value.messages == [
        "People left notes at this station; it stays. Edit it instead."
    ]
    assert Station.objects.count() == 1


def test_an_empty_station_can_be_removed(station, organizer):
    services.remove_station(station, actor=organizer)
    assert not Station.objects.exists()
    assert ActivityLog.objects.filter(action="datawalks.station.removed").get().data == {
        "station": "Who studies here"
    }


def test_linking_an_event_retires_the_visitors_copy_of_its_page(
    client, institution, django_capture_on_commit_callbacks
):
    from allin.events.enums import Audience

    event = make_event(institution, slug="open", audience=Audience.PUBLIC)
    assert "open the stations" not in client.get("/alpha/events/open/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_walk(institution, event=event)
    assert "This event is a data walk" in client.get("/alpha/events/open/").content.decode()


def test_figures_are_kept_as_typed(station):
    assert Station.objects.get().figure_rows == FIGURES
    assert station.figure_unit == "%"


def test_another_window_later(walk):
    later = walk.closes_at + timedelta(days=7)
    services.update_walk(walk, actor=None, closes_at=later)
    assert DataWalk.objects.get().closes_at == later
