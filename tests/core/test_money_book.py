"""A book in dollars, euros and pounds, worked out by hand: every sum converts into the
reporting currency at stated rates, retention is in constant currency, a missing rate
is named."""

import json
from datetime import date
from decimal import Decimal

import pytest

from cswork.cli import main
from cswork.enums import AccountStatus, OpportunityKind, OpportunityStage
from cswork.metrics import metrics, ratio
from cswork.models.money import ExchangeRate
from cswork.opportunities import create_opportunity
from cswork.rates import Rates
from cswork.settings import set_setting
from tests.factories import add_account, add_people, add_renewal

JAN, JUL = date(2026, 1, 1), date(2026, 7, 1)
YEAR_END = date(2026, 12, 31)


def renew(book, account_id, target, stage, final=None):
    with book.writing() as session:
        add_renewal(
            session, account_id, date(2026, 6, 1), target, final, stage=stage, forecast_cents=target
        )


@pytest.fixture
def money_book(book):
    """On 1 January one euro is $1.10 and one pound $1.25; on 1 July $1.20 and $1.30.

    - Umbrella (USD): $100,000, renewed flat on 1 June.
    - Eiffel (EUR): €100,000, renewed at €120,000 on 1 June: €20,000 of expansion.
    - Globe (GBP): £80,000, lost on 1 June: churn.
    """
    people = add_people(book)
    owners = {"csm_id": people["csm"], "re_manager_id": people["re"], "ae_id": people["ae"]}
    common = owners | {"entered_book_on": date(2025, 1, 1), "contract_start": date(2025, 1, 1)}
    ids = {
        name: add_account(
            book, date(2026, 6, 1), 0, external_id=name, name=name, currency=currency,
            arr_cents=arr, **common,
        )
        for name, currency, arr in (
            ("Umbrella", "USD", 100_000_00),
            ("Eiffel", "EUR", 100_000_00),
            ("Globe", "GBP", 80_000_00),
        )
    }  # fmt: skip
    renew(book, ids["Umbrella"], 100_000_00, OpportunityStage.WON, 100_000_00)
    renew(book, ids["Eiffel"], 100_000_00, OpportunityStage.WON, 120_000_00)
    renew(book, ids["Globe"], 80_000_00, OpportunityStage.LOST)
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        for on_date, eur, gbp in ((JAN, "1.10", "1.25"), (JUL, "1.20", "1.30")):
            session.add(
                ExchangeRate(on_date=on_date, currency="EUR", rate=Decimal(eur), base="USD")
            )
            session.add(
                ExchangeRate(on_date=on_date, currency="GBP", rate=Decimal(gbp), base="USD")
            )
    return ids


def test_retention_in_constant_currency_worked_by_hand(book, money_book):
    with book.session() as session:
        m = metrics(session, JAN, YEAR_END)
    assert m.currency == "USD"
    # Starting ARR at the rates of 1 January: $100,000, plus €100,000 at 1.10 ($110,000),
    # plus £80,000 at 1.25 ($100,000): $310,000.
    assert m.starting_arr == 310_000_00
    assert m.starting_by_currency == {"USD": 100_000_00, "EUR": 100_000_00, "GBP": 80_000_00}
    # Churn: Globe's £80,000 at 1.25 is $100,000. Expansion: Eiffel's €20,000 at 1.10 is
    # $22,000 (not at July's 1.20: the whole period is at the rates of its first day).
    assert (m.churned, m.contraction, m.expansion) == (100_000_00, 0, 22_000_00)
    # GRR: (310,000 - 100,000) / 310,000 = 67.74 %; NRR: 232,000 / 310,000 = 74.84 %.
    assert m.grr == Decimal("0.6774") and m.nrr == Decimal("0.7484")
    # Renewals due: $100,000 + $110,000 + $100,000; renewed at most the target: $210,000.
    assert (m.renewals_due, m.renewed) == (310_000_00, 210_000_00)
    assert m.renewal_rate_dollars == ratio(210, 310)
    assert m.missing_rates == ()


def test_an_exchange_rate_move_is_never_churn_or_expansion(book, money_book):
    """From 1 July nothing is won or lost; the euro went from $1.10 to $1.20 meanwhile.
    Starting ARR is at July's rates ($100,000 + €120,000 at 1.20 = $244,000), and
    GRR and NRR are exactly 100 %."""
    with book.session() as session:
        m = metrics(session, JUL, YEAR_END)
    assert m.starting_arr == 244_000_00
    assert (m.churned, m.contraction, m.expansion) == (0, 0, 0)
    assert m.grr == 1 and m.nrr == 1


def test_another_reporting_currency(book, money_book):
    """In euros at 1 January: $100,000 / 1.10 = €90,909.09; €100,000; £80,000 is
    $100,000 is €90,909.09: €281,818.18, and the ratios do not move."""
    with book.session() as session:
        m = metrics(session, JAN, YEAR_END, currency="EUR")
    assert m.currency == "EUR" and m.starting_arr == 281_818_18
    assert m.grr == Decimal("0.6774")


def test_a_missing_rate_is_named_and_its_money_left_out(book, money_book):
    with book.session() as session:
        m = metrics(session, date(2025, 6, 1), YEAR_END, rates=Rates.load(session, shipped=False))
    # No rate before 1 January 2026: the euros and pounds are named, never taken as 1.
    assert [(r.currency, r.on_date) for r in m.missing_rates] == [
        ("EUR", date(2025, 6, 1)),
        ("GBP", date(2025, 6, 1)),
    ]
    assert m.starting_arr == 100_000_00  # the dollars alone


def test_metrics_command_says_its_currency_and_names_missing_rates(
    book, book_path, money_book, capsys
):
    argv = ["metrics", "--from", "2026-01-01", "--to", "2026-12-31", "--db", str(book_path)]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["currency"], data["starting_arr"], data["grr"]) == ("USD", "310000.00", "0.6774")
    assert data["by_currency"]["starting_arr"] == {
        "EUR": "100000.00",
        "GBP": "80000.00",
        "USD": "100000.00",
    }
    # The ECB has no rate for the Argentine peso: every currency's rate into it is missing.
    assert main([*argv, "--json", "--reporting-currency", "ARS"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["currency"] == "ARS" and data["starting_arr"] == "0.00"
    assert data["missing_rates"] == [
        {"currency": c, "date": "2026-01-01"} for c in ("EUR", "GBP", "USD")
    ]
    assert main([*argv, "--reporting-currency", "ARS"]) == 0
    out = capsys.readouterr().out
    assert "no exchange rate for GBP on 2026-01-01: its amounts are left out" in out
    assert main([*argv, "--reporting-currency", "euro"]) == 2
    assert "--reporting-currency: reporting currency: 'EURO' is not a currency code" in (
        capsys.readouterr().err
    )


def test_the_churned_account_is_churned(book, money_book):
    # The ledger behind the figures above: a lost renewal churns the account.
    from cswork.models import Account

    with book.session() as session:
        assert session.get(Account, money_book["Globe"]).status == AccountStatus.CHURNED


def test_renewals_add_dollars_and_euros_only_once_converted(book, book_path, capsys):
    """The issue's book: $100,000 and €100,000 renewing within 90 days were "2 renewals,
    ARR 200000.00". With one euro at $1.10 they are $210,000."""
    today = date(2026, 3, 1)
    add_account(book, today, 30, external_id="US-1", name="Dollar Co", arr_cents=100_000_00)
    add_account(
        book, today, 40, external_id="EU-1", name="Euro SA", arr_cents=100_000_00, currency="EUR"
    )
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        session.add(ExchangeRate(on_date=JAN, currency="EUR", rate=Decimal("1.10"), base="USD"))
    argv = ["renewals", "--within", "90", "--as-of", "2026-03-01", "--db", str(book_path)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "2 renewals, ARR USD 210000.00 (EUR 100000.00, USD 100000.00 at the rates" in out
    assert "EUR 100000.00" in out.splitlines()[2]  # each row in its own currency
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["arr"], data["currency"]) == ("210000.00", "USD")
    euro = data["renewals"][1]
    assert (euro["arr"], euro["currency"], euro["arr_reporting"]) == (
        "100000.00",
        "EUR",
        "110000.00",
    )
    # In euros: $100,000 / 1.10 = €90,909.09, plus €100,000.
    assert main([*argv, "--json", "--reporting-currency", "EUR"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["arr"], data["currency"]) == ("190909.09", "EUR")


def test_the_top_decile_of_arr_compares_converted_money(book):
    """Nine accounts of $1,000 to $9,000 and one of €8,500. At $1.10 the euros are
    $9,350: that account, not the $9,000 one, is the top tenth and its renewal CTA is
    high priority."""
    from cswork.alerts import scan
    from cswork.enums import CtaType, Priority
    from cswork.models import Cta

    today = date(2026, 3, 1)
    people = add_people(book)
    owners = {"csm_id": people["csm"], "re_manager_id": people["re"], "ae_id": people["ae"]}
    ids = [
        add_account(
            book, today, 60, external_id=f"U{n}", arr_cents=n * 1_000_00, health=80, **owners
        )
        for n in range(1, 10)
    ]
    euro = add_account(
        book, today, 60, external_id="E", arr_cents=8_500_00, currency="EUR", health=80, **owners
    )
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        session.add(ExchangeRate(on_date=JAN, currency="EUR", rate=Decimal("1.10"), base="USD"))
    scan(book, today)
    with book.session() as session:
        priority = {
            c.account_id: c.priority for c in session.query(Cta).filter(Cta.type == CtaType.RENEWAL)
        }
    assert priority[euro] == Priority.HIGH
    assert priority[ids[-1]] == Priority.MEDIUM  # $9,000 is second


def test_the_book_sorts_arr_by_converted_value_and_totals_in_the_reporting_currency(book):
    """£500 at $1.25 is $625, above $600; €600 at $1.10 is $660, above both. Each row
    still shows its own money; the total is $600 + $660 + $625 = $1,885."""
    from cswork.book import BookIndex, book_money, load_rows

    today = date(2026, 3, 1)
    for ext, currency, arr in (("U", "USD", 600_00), ("E", "EUR", 600_00), ("G", "GBP", 500_00)):
        add_account(book, today, 30, external_id=ext, name=ext, currency=currency, arr_cents=arr)
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        session.add(ExchangeRate(on_date=JAN, currency="EUR", rate=Decimal("1.10"), base="USD"))
        session.add(ExchangeRate(on_date=JAN, currency="GBP", rate=Decimal("1.25"), base="USD"))
    with book.session() as session:
        index = BookIndex(load_rows(session), money=book_money(session, today))
    everyone = range(len(index))
    assert [index.rows[i].name for i in index.sort(everyone, "arr")] == ["U", "G", "E"]
    total = index.arr_total(list(everyone))
    assert (total.cents, total.currency) == (1_885_00, "USD")
    assert total.by_currency == {"USD": 600_00, "EUR": 600_00, "GBP": 500_00}


def test_the_desk_list_and_pipeline_carry_converted_money(book):
    """The 90-day list converts each ARR at today's rate (€600 at $1.20 on 1 July is
    $720); the pipeline converts each deal at its close date's rate (€1,000 closing in
    March at January's $1.10 is $1,100; one closing in August at July's $1.20, $1,200);
    money in a currency nobody quotes (XTS, ISO's code for tests) is None, never taken at 1."""
    from cswork.desk import review_agenda, upcoming_renewals
    from cswork.pipeline import open_opportunities

    today = date(2026, 7, 10)
    people = add_people(book)
    owners = {"csm_id": people["csm"], "re_manager_id": people["re"], "ae_id": people["ae"]}
    ids = {
        ext: add_account(
            book, today, 30, external_id=ext, name=ext, currency=cur, arr_cents=arr, **owners
        )
        for ext, cur, arr in (("U", "USD", 700_00), ("E", "EUR", 600_00), ("X", "XTS", 500_00))
    }
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        for on_date, eur in ((JAN, "1.10"), (JUL, "1.20")):
            session.add(ExchangeRate(on_date=on_date, currency="EUR", rate=eur, base="USD"))
        for closing in (date(2026, 3, 15), date(2026, 8, 15)):
            create_opportunity(
                session, ids["E"], OpportunityKind.UPSELL, close_date=closing, amount_cents=1_000_00
            )
    with book.session() as session:
        upcoming = {r.name: r for r in upcoming_renewals(session, today)}
        deals = open_opportunities(session, JAN, YEAR_END)
        agenda = review_agenda(session, today)
    assert {n: r.arr_reporting for n, r in upcoming.items()} == {
        "U": 700_00, "E": 720_00, "X": None
    }  # fmt: skip
    assert upcoming["E"].reporting_currency == "USD"
    upsells = sorted(
        (d.close_date, d.amount_reporting) for d in deals if d.kind == OpportunityKind.UPSELL
    )
    assert upsells == [(date(2026, 3, 15), 1_100_00), (date(2026, 8, 15), 1_200_00)]
    # The agenda's owner total is in dollars: $700 + $720, the XTS left out.
    ((_, renewals),) = agenda
    assert sum(r.arr_reporting or 0 for r in renewals) == 1_420_00
