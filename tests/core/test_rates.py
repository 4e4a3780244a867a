"""Exchange rates: the rate in force on a day, both ways round and through a third
currency, exact conversion, and a missing rate named, never 1."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cswork.models.money import ExchangeRate
from cswork.rates import MissingRate, Rates, convert, rate, reporting_currency
from cswork.settings import SettingError, check_setting, set_setting
from tests.factories import add_account

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)


def store(book, *rows, source="import"):
    with book.writing() as session:
        for on_date, currency, value, base in rows:
            session.add(
                ExchangeRate(
                    on_date=on_date,
                    currency=currency,
                    rate=Decimal(value),
                    base=base,
                    source=source,
                )
            )


def test_the_rate_in_force_is_the_latest_on_or_before_the_day(book):
    store(book, (JAN, "EUR", "1.10", "USD"), (FEB, "EUR", "1.20", "USD"))
    with book.session() as session:
        assert rate(session, "EUR", date(2026, 1, 31), "USD") == Decimal("1.10")
        assert rate(session, "EUR", FEB, "USD") == Decimal("1.20")
        assert rate(session, "EUR", date(2026, 6, 1), "USD") == Decimal("1.20")
        # €100,000 at 1.10 is $110,000.
        assert convert(session, 10_000_000, "EUR", JAN, "USD") == 11_000_000
        # And back: $110,000 at 1 / 1.10 is €100,000.
        assert convert(session, 11_000_000, "USD", JAN, "EUR") == 10_000_000


def test_a_pair_goes_through_a_currency_both_have_rates_with(book):
    # The ECB's way: one euro is 1.10 dollars and 0.85 pounds.
    store(book, (JAN, "EUR", "1.10", "USD"), (JAN, "EUR", "0.85", "GBP"))
    with book.session() as session:
        rates = Rates.load(session, {"GBP", "USD"}, shipped=False)
    # £85 is €100 is $110: one pound is 110 / 85 dollars.
    assert rates.convert(8_500, "GBP", JAN, "USD") == 11_000
    assert rates.rate("GBP", JAN, "USD") == Decimal("1.10") / Decimal("0.85")


def test_a_missing_rate_is_named_never_one(book):
    store(book, (FEB, "EUR", "1.10", "USD"))
    with book.session() as session:
        rates = Rates.load(session, shipped=False)
    with pytest.raises(MissingRate) as caught:
        rates.convert(100, "EUR", JAN, "USD")  # before the first rate
    assert (caught.value.currency, caught.value.on_date) == ("EUR", JAN)
    assert rates.convert_or_none(100, "GBP", FEB, "USD") is None
    assert rates.missing() == [
        {"currency": "EUR", "date": "2026-01-01"},
        {"currency": "GBP", "date": "2026-02-01"},
    ]
    total = rates.total({"USD": 500, "EUR": 1000, "GBP": 700}, FEB, "USD")
    # $5 + €10 at 1.10 ($11); the pounds have no rate and are left out, named.
    assert total.cents == 1600
    assert [m.currency for m in total.missing] == ["GBP"]


def test_conversion_rounds_half_to_even():
    rates = Rates([(JAN, "EUR", "USD", Decimal("1.5"))], shipped=False)
    assert rates.convert(1, "EUR", JAN, "USD") == 2  # 1.5 -> 2
    assert rates.convert(3, "EUR", JAN, "USD") == 4  # 4.5 -> 4
    assert rates.convert(-1, "EUR", JAN, "USD") == -2


def test_the_shipped_ecb_history_answers_where_the_book_has_no_rate(book):
    with book.session() as session:
        rates = Rates.load(session)
    # The ECB's reference rate for 2 January 2024: 1 EUR = 1.0956 USD.
    assert rates.rate("EUR", date(2024, 1, 2), "USD") == Decimal("1.0956")
    # A Saturday takes Friday's rate.
    assert rates.rate("EUR", date(2024, 1, 6), "USD") == rates.rate("EUR", date(2024, 1, 5), "USD")
    with pytest.raises(MissingRate):
        rates.rate("EUR", date(1998, 12, 31), "USD")  # before the euro


def test_the_book_s_own_rates_come_before_the_shipped_ones(book):
    store(book, (date(2024, 1, 1), "EUR", "2", "USD"))
    with book.session() as session:
        assert rate(session, "EUR", date(2024, 1, 2), "USD") == 2


@settings(max_examples=60, deadline=None)
@given(
    amounts=st.lists(
        st.tuples(st.sampled_from(["USD", "EUR", "GBP"]), st.integers(0, 10**12)),
        max_size=30,
    ),
    eur=st.decimals("0.5", "2", places=4),
    gbp=st.decimals("0.5", "2", places=4),
)
def test_a_converted_total_is_the_per_currency_totals_times_their_rates(amounts, eur, gbp):
    rates = Rates([(JAN, "EUR", "USD", eur), (JAN, "GBP", "USD", gbp)], shipped=False)
    per_currency: dict[str, int] = {}
    for currency, cents in amounts:
        per_currency[currency] = per_currency.get(currency, 0) + cents
    total = rates.total(per_currency, JAN, "USD")
    expected = per_currency.get("USD", 0) + sum(
        int((Decimal(per_currency.get(c, 0)) * r).quantize(Decimal(1), "ROUND_HALF_EVEN"))
        for c, r in (("EUR", eur), ("GBP", gbp))
    )
    assert total.cents == expected
    assert total.missing == []


def test_the_reporting_currency_defaults_to_the_one_with_most_arr(book):
    today = date(2026, 3, 1)
    add_account(book, today, external_id="U1", currency="USD", arr_cents=100)
    add_account(book, today, external_id="U2", currency="USD", arr_cents=100)
    add_account(book, today, external_id="E1", currency="EUR", arr_cents=1_000)
    with book.session() as session:
        assert reporting_currency(session) == "EUR"  # fewer accounts, more ARR
    with book.writing() as session:
        set_setting(session, "reporting_currency", "GBP")
    with book.session() as session:
        assert reporting_currency(session) == "GBP"


@pytest.mark.parametrize("bad", ["usd", "US", "EURO", 12, "€"])
def test_the_reporting_currency_setting_is_checked(bad):
    with pytest.raises(SettingError, match=r"reporting currency: .* three capital letters"):
        check_setting("reporting_currency", bad)


def test_an_import_of_rates_is_taken_back_whole(book):
    from cswork.rates import import_rates, unstore_rates

    store(book, (JAN, "EUR", "1.10", "USD"))
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        kept = import_rates(
            session, b"date,currency,rate\n2026-01-01,EUR,1.30\n2026-02-01,EUR,1.40\n"
        )
    with book.session() as session:
        assert rate(session, "EUR", FEB, "USD") == Decimal("1.40")
        assert rate(session, "EUR", JAN, "USD") == Decimal("1.30")  # replaced
    with book.writing() as session:
        unstore_rates(session, kept)
    with book.session() as session:
        rates = Rates.load(session, shipped=False)
    assert rates.rate("EUR", FEB, "USD") == Decimal("1.10")  # February's is gone again
    assert rates.rate("EUR", JAN, "USD") == Decimal("1.10")  # January's as it was
