"""Two submissions a moment apart both pass a service's own uniqueness check; the constraint
then decides, and the loser gets the same form error, not a server error."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from allin.campaigns import services as campaigns
from allin.campaigns.models import Campaign, Prize
from allin.events import services as events
from allin.events.models import Series


def _slip_past_the_check(model):  # type: ignore[no-untyped-def]
    """Make the service's exists() check see nothing, as the second of two racing requests."""
    fake = mock.MagicMock()
    fake.exists.return_value = False
    fake.exclude.return_value.exists.return_value = False
    return mock.patch.object(model.objects, "filter", return_value=fake)


def test_a_duplicate_series_is_a_form_error(institution):
    events.create_series(institution, actor=None, slug="chats", name="Chats")
    with _slip_past_the_check(Series), pytest.raises(ValidationError) as caught:
        events.create_series(institution, actor=None, slug="chats", name="Again")
    assert caught.value.message_dict == {"slug": ["Another series already uses this short name."]}
    assert Series.objects.count() == 1


def test_a_duplicate_campaign_and_prize_are_form_errors(institution):
    start = timezone.now()
    week = campaigns.create_campaign(
        institution,
        actor=None,
        slug="wai",
        name="WAI",
        starts_at=start,
        ends_at=start + timedelta(days=5),
    )
    campaigns.add_prize(week, actor=None, rank=1, name="Kindle")
    with _slip_past_the_check(Campaign), pytest.raises(ValidationError, match="Another campaign"):
        campaigns.create_campaign(
            institution,
            actor=None,
            slug="wai",
            name="Again",
            starts_at=start,
            ends_at=start + timedelta(days=5),
        )
    with _slip_past_the_check(Prize), pytest.raises(ValidationError, match="prize of rank 1"):
        campaigns.add_prize(week, actor=None, rank=1, name="Hatch")
    assert (Campaign.objects.count(), Prize.objects.count()) == (1, 1)
