"""A comp plan has a currency: the statement shows each deal in its own currency, and a
deal or a renewal target in another currency is named as needing an exchange rate,
never added as if euros were dollars (the book has no rates to convert with yet)."""

import json

import pytest

from cswork.cli import main
from cswork.comp import PlanTerms, Quarter
from cswork.comp_book import book_quarter, plan_currency, quarter_statement
from tests.factories import add_mixed_renewals

Q4 = Quarter(2026, 4)


@pytest.fixture
def mixed(book):
    return add_mixed_renewals(book)


def test_deals_in_another_currency_are_named_not_added(book, mixed):
    with book.session() as session:
        found = book_quarter(session, mixed["re"], Q4)
        result = quarter_statement(session, mixed["re"], Q4)
    # eligible: $100,000 in the plan's currency; the €100,000 target is kept apart
    assert found.eligible_by_currency == {"USD": 100_000_00, "EUR": 100_000_00}
    assert found.eligible_elsewhere("USD") == {"EUR": 100_000_00}
    # quota 90 % of $100,000 = $90,000; renewed $100,000 only, not $200,000; the
    # euro renewal and its €10,000 uplift are listed as needing a EUR to USD rate
    assert result.currency == "USD" and result.renewal_quota == 90_000_00
    assert result.renewed_cents == 100_000_00 and result.bookings_cents == 0
    named = [(line.deal.currency, line.deal.amount_cents) for line in result.needing_rates]
    assert named == [("EUR", 100_000_00), ("EUR", 10_000_00)]
    assert all(line.payout_cents == 0 for line in result.needing_rates)
    assert result.needing_rates[0].tier == "in EUR: needs a EUR to USD rate, not counted"


def test_a_plan_without_a_currency_pays_in_the_books(book, mixed):
    with book.session() as session:
        assert plan_currency(session, PlanTerms(ote_cents=1)) == "USD"  # most accounts: a tie
        assert plan_currency(session, PlanTerms(ote_cents=1, currency="EUR")) == "EUR"


def test_the_comp_command_names_what_needs_a_rate(book, book_path, mixed, capsys):
    argv = ["comp", "--person", "riley@example.com", "--quarter", "2026Q4", "--json"]
    assert main([*argv, "--db", str(book_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currency"] == "USD" and data["eligible_for_renewal"] == "100000.00"
    assert data["eligible_needing_rates"] == {"EUR": "100000.00"}
    euros = [d for d in data["deals"] if d["amount_currency"] == "EUR"]
    assert [d["amount"] for d in euros] == ["100000.00", "10000.00"]
    assert all(d["needs_rate"] and d["payout"] == "0.00" for d in euros)
