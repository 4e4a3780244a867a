from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cswork.health import HealthReplay, band, overall_health
from cswork.money import MoneyError, cents_to_decimal, format_compact, format_money, parse_money


@pytest.mark.parametrize(
    "text, cents",
    [
        ("$1,200.50", 120050),
        ("1200.5", 120050),
        ("USD 1,200", 120000),
        ("1200 EUR", 120000),
        ("€99.99", 9999),
        ("0.1", 10),
        ("(300)", -30000),
        ("-12.345", -1235),
        ("1'000'000", 100000000),
    ],
)
def test_parse_money_is_exact(text, cents):
    assert parse_money(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "$", "12,34.5.6", "1e5"])
def test_parse_money_refuses_what_is_not_money(text):
    with pytest.raises(MoneyError):
        parse_money(text)


def test_money_round_trips_without_float_error():
    # 0.1 + 0.2 in float is 0.30000000000000004; in cents it is exact.
    assert parse_money("0.10") + parse_money("0.20") == parse_money("0.30")
    assert cents_to_decimal(parse_money("1234567890.99")) == Decimal("1234567890.99")


def test_money_formats():
    assert format_money(120050) == "$1,200.50"
    assert format_money(120050, whole=True) == "$1,201"
    assert format_money(-500, "EUR") == "-€5.00"
    assert format_compact(123_456_789) == "$1.2M"
    assert format_compact(85_000_000) == "$850K"


@pytest.mark.parametrize(
    "health, expected",
    [
        (None, None),
        (0, "red"),
        (50, "red"),
        (51, "yellow"),
        (75, "yellow"),
        (76, "green"),
        (100, "green"),
    ],
)
def test_band_edges(health, expected):
    assert band(health) == expected


def test_overall_health_renormalises_over_scored_categories():
    weights = {1: 1250, 2: 1250, 3: 2500, 4: 5000}
    assert overall_health({}, weights) is None
    assert overall_health({1: 80}, weights) == 80
    # (1250*80 + 2500*40) / 3750 = 53.33 -> 53
    assert overall_health({1: 80, 3: 40}, weights) == 53
    # half rounds up: (1250*51 + 1250*50) / 2500 = 50.5 -> 51
    assert overall_health({1: 51, 2: 50}, weights) == 51


@given(st.lists(st.tuples(st.integers(1, 8), st.integers(0, 100)), max_size=40))
def test_replaying_scores_gives_the_health_of_the_latest_scores(changes):
    weights = {1: 1250, 2: 1250, 3: 2500, 4: 0, 5: 500, 6: 1500, 7: 1000, 8: 2000}
    replay, latest = HealthReplay(weights), {}
    for category, score in changes:
        previous, before, after = replay.record(category, score)
        assert previous == latest.get(category)
        assert before == overall_health(latest, weights)
        latest[category] = score
        assert after == overall_health(latest, weights) == replay.health
