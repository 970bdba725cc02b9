"""Indicator results built from few people are stored as suppressed and their value is shown
nowhere: not on the public page, not to organizers, not in the export, not in the log."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from allin.change import indicators
from allin.change.enums import IndicatorUnit
from allin.change.models import IndicatorResult
from allin.core.models import ActivityLog
from tests.change.helpers import add_indicator, make_sphere, make_target, text

T = "/alpha/change/manage/targets/holistic-review/"
PERIOD = {"period_start": date(2026, 1, 1), "period_end": date(2026, 6, 30)}


@pytest.mark.parametrize(
    ("numerator", "denominator", "suppressed"),
    [
        (None, None, False),
        (11, 22, False),
        (10, 40, True),  # numerator small
        (30, 40, True),  # difference small: "30 of 40" says 10 did not
        (11, 21, True),
        (0, 50, True),  # nobody of 50: the small side is everyone
        (50, 50, True),  # all of a group: l-diversity
        (None, 10, True),  # a mean over 10 people
        (None, 11, False),
    ],
)
def test_the_suppression_rule(numerator, denominator, suppressed):
    assert indicators.is_suppressed(11, numerator, denominator) is suppressed


def test_a_larger_cell_size_hides_more():
    assert indicators.is_suppressed(20, 15, 60) is True
    assert indicators.is_suppressed(11, 15, 60) is False


@pytest.fixture
def indicator(institution, organizer):
    return add_indicator(make_target(make_sphere(institution)), responsible=organizer)


def test_a_percentage_is_worked_out_and_needs_its_counts(indicator):
    result = indicators.record_result(indicator, actor=None, numerator=25, denominator=45, **PERIOD)
    assert str(result.value) == "55.56" and not result.suppressed
    with pytest.raises(ValidationError) as refused:
        indicators.record_result(indicator, actor=None, value=50, **PERIOD)
    assert set(refused.value.message_dict) == {"numerator", "denominator"}
    with pytest.raises(ValidationError, match="larger than the denominator"):
        indicators.record_result(indicator, actor=None, numerator=31, denominator=30, **PERIOD)


def test_a_count_needs_no_counts_behind_it(institution):
    count = add_indicator(
        make_target(make_sphere(institution, slug="curriculum", name="Curriculum"), slug="c"),
        unit=IndicatorUnit.COUNT,
        name="Courses revised",
    )
    result = indicators.record_result(count, actor=None, value=12, **PERIOD)
    assert result.shown_value == "12" and not result.suppressed


def test_the_cell_size_cannot_go_below_eleven(indicator):
    with pytest.raises(ValidationError) as refused:
        indicators.update_indicator(indicator, actor=None, min_cell_size=10)
    assert "min_cell_size" in refused.value.message_dict


def test_the_unit_stays_once_results_exist(indicator):
    indicators.record_result(indicator, actor=None, numerator=20, denominator=30, **PERIOD)
    with pytest.raises(ValidationError, match="has results"):
        indicators.update_indicator(indicator, actor=None, min_cell_size=25)


def test_a_suppressed_value_is_shown_nowhere(client, client_for, organizer, indicator):
    indicators.record_result(indicator, actor=organizer, numerator=8, denominator=9, **PERIOD)
    result = IndicatorResult.objects.get()
    assert result.suppressed and str(result.value) == "88.89"
    pages = {
        "public": text(client.get("/alpha/change/targets/holistic-review/")),
        "organizer": text(client_for(organizer).get(f"{T}indicators/{indicator.public_id}/")),
        "export": text(client_for(organizer).get(f"{T}results.csv")),
        "log": " ".join(str(entry.data) + entry.display for entry in ActivityLog.objects.all()),
    }
    for where, page in pages.items():
        assert "88.89" not in page and "88.9" not in page, where
        assert "8 of 9" not in page, where
    # "hidden", not "fewer than 11": 8 of 9 hides a difference of 1, not a count below 11.
    assert ",hidden," in pages["export"] and "fewer than 11" not in pages["export"]
    assert ",8,9," not in pages["export"]
    assert "Hidden" in pages["organizer"]


def test_a_shown_result_is_in_the_export(client_for, organizer, indicator):
    indicators.record_result(indicator, actor=organizer, numerator=25, denominator=40, **PERIOD)
    export = text(client_for(organizer).get(f"{T}results.csv"))
    assert ",62.5%,25,40," in export


def test_organizer_records_results_from_the_page(client_for, organizer, indicator):
    url = f"{T}indicators/{indicator.public_id}/"
    client = client_for(organizer)
    response = client.post(
        f"{url}add/result/",
        {
            "result-period_start": "2026-01-01",
            "result-period_end": "2026-06-30",
            "result-numerator": "5",
            "result-value": "",
        },
    )
    assert 'id="id_result-denominator_error"' in text(response)
    assert not IndicatorResult.objects.exists()
    response = client.post(
        f"{url}add/result/",
        {
            "result-period_start": "2026-01-01",
            "result-period_end": "2026-06-30",
            "result-numerator": "12",
            "result-denominator": "30",
        },
    )
    assert response["Location"] == url
    response = client.post(
        f"{url}add/aim/",
        {"aim-period_start": "2026-12-31", "aim-period_end": "2026-01-01", "aim-value": "80"},
    )
    assert 'id="id_aim-period_end_error"' in text(response)
    page = text(client.get(url))
    assert "40" in page and "12 of 30" in page
