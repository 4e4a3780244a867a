"""Comp in the plan's currency, converted: each deal at the rate of its close date, each
renewal target at the rate of its due date, the team's NRR in constant currency, every
missing rate named and its money left out, never taken at 1. A book in dollars, euros
and pounds worked out by hand."""

import json
from datetime import date
from decimal import Decimal as D

import pytest
from sqlalchemy import delete, update

from cswork.cli import main
from cswork.comp import PlanTerms, Quarter
from cswork.comp_book import book_quarter, plan_currency, quarter_statement, save_plan, team_nrr
from cswork.enums import OpportunityKind, OpportunityStage
from cswork.models import Account
from cswork.models.money import ExchangeRate
from cswork.opportunities import close_opportunity, create_opportunity
from cswork.rates import Rates, import_rates
from cswork.settings import set_setting
from tests.factories import add_account, add_people, add_teams

Q4 = Quarter(2026, 4)

# One euro and one pound in dollars, from each day on (rows of date,currency,rate, as a
# finance team keeps them).
RATES = b"""date,currency,rate
2026-10-01,EUR,1.10
2026-10-01,GBP,1.25
2026-11-01,EUR,1.20
2026-11-01,GBP,1.30
2026-12-01,EUR,1.15
2026-12-01,GBP,1.40
"""


def store_rates(book, raw=RATES):
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        import_rates(session, raw)


def renewal(book, account, close, target, final=None):
    with book.writing() as session:
        opp = create_opportunity(
            session, account, OpportunityKind.RENEWAL, close_date=close, target_cents=target
        )
        if final is not None:
            close_opportunity(session, opp, OpportunityStage.WON, close, final_cents=final)


def upsell(book, account, close, amount):
    with book.writing() as session:
        opp = create_opportunity(
            session, account, OpportunityKind.UPSELL, close_date=close, amount_cents=amount
        )
        close_opportunity(session, opp, OpportunityStage.WON, close)


@pytest.fixture
def fx_book(book):
    """Riley's Q4 2026, on a plan in dollars (the seed's: OTE 150,000, half variable,
    40 % of it on renewals: 7,500 a quarter; upsell quota 112,500 a quarter at 10 %):

    - Umbrella (USD): $100,000 due 15 Nov, won at target on 15 Nov.
    - Eiffel (EUR): €100,000 due 15 Dec, won early, on 20 Nov, at €110,000.
    - Globe (GBP): £80,000 due 20 Oct, still open; a £50,000 upsell won 5 Dec.
    """
    people = add_people(book)
    with book.writing() as session:
        save_plan(session, people["re"], 2026, PlanTerms(ote_cents=150_000_00, currency="USD"))
    owners = {"csm_id": people["csm"], "re_manager_id": people["re"], "ae_id": people["ae"]}
    ids = {}
    for name, currency, due in (
        ("Umbrella", "USD", date(2026, 11, 15)),
        ("Eiffel", "EUR", date(2026, 12, 15)),
        ("Globe", "GBP", date(2026, 10, 20)),
    ):
        ids[name] = add_account(
            book, due, 0, external_id=name, name=name, currency=currency, **owners
        )
    renewal(book, ids["Umbrella"], date(2026, 11, 15), 100_000_00, 100_000_00)
    renewal(book, ids["Eiffel"], date(2026, 11, 20), 100_000_00, 110_000_00)
    renewal(book, ids["Globe"], date(2026, 10, 20), 80_000_00)
    upsell(book, ids["Globe"], date(2026, 12, 5), 50_000_00)
    store_rates(book)
    return people | {"accounts": ids}


def test_a_book_in_three_currencies_worked_by_hand(book, fx_book):
    with book.session() as session:
        result = quarter_statement(session, fx_book["re"], Q4)
    assert result.currency == "USD" and result.missing_rates == ()
    # Eligible, each target at the rate of its due date: $100,000 (15 Nov), €100,000 at
    # 1.15 (15 Dec: December's rate, though it closed in November) = $115,000, and
    # £80,000 at 1.25 (20 Oct) = $100,000: $315,000. Quota 90 % = $283,500.
    assert result.eligible_cents == 315_000_00 and result.renewal_quota == 283_500_00
    # Renewed, each deal at the rate of its close date: $100,000, and Eiffel's €100,000
    # (its final capped at target) at 1.20 (20 Nov) = $120,000: $220,000, no accelerator.
    # Attainment 220,000 / 283,500 = 77.60 %.
    assert result.renewed_cents == result.renewal_credit_cents == 220_000_00
    assert result.renewal_attainment == D("0.7760")
    # Payout, 7,500 a quarter x credit / quota: 7,500 x 100,000 / 283,500 = 2,645.50
    # and 7,500 x 120,000 / 283,500 = 3,174.60: 5,820.10.
    assert [line.payout_cents for line in result.lines[:2]] == [2_645_50, 3_174_60]
    assert result.renewal_payout == 5_820_10
    # Bookings: Globe's £50,000 at 1.40 (5 Dec) = $70,000, then Eiffel's €10,000 uplift at
    # renewal at 1.20 (its close date) = $12,000, counted on its due date (15 Dec):
    # $82,000, under the 112,500 quota, all at 10 %: 7,000 + 1,200 = 8,200.
    assert result.bookings_cents == 82_000_00 and result.upsell_payout == 8_200_00
    # In all 5,820.10 + 8,200 = 14,020.10.
    assert result.total_payout == 14_020_10
    shown = [
        (line.deal.account, line.deal.currency, line.deal.amount_cents, line.amount_plan_cents)
        for line in result.lines
    ]
    assert shown == [
        ("Umbrella", "USD", 100_000_00, 100_000_00),
        ("Eiffel", "EUR", 100_000_00, 120_000_00),
        ("Globe", "GBP", 50_000_00, 70_000_00),
        ("Eiffel", "EUR", 10_000_00, 12_000_00),
    ]
    assert [line.rate for line in result.lines] == [None, D("1.20"), D("1.40"), D("1.20")]


def test_a_missing_rate_is_named_and_its_money_left_out(book, fx_book):
    """Without the book's October pound (and without the shipped history), Globe's
    £80,000 target due 20 Oct has no rate: it is left out of the quota and named; the
    £50,000 upsell of 5 Dec still converts at December's 1.40."""
    with book.writing() as session:
        session.execute(
            delete(ExchangeRate).where(
                ExchangeRate.currency == "GBP", ExchangeRate.on_date == date(2026, 10, 1)
            )
        )
    with book.session() as session:
        rates = Rates.load(session, shipped=False)
        result = quarter_statement(session, fx_book["re"], Q4, rates)
        eligible = book_quarter(session, fx_book["re"], Q4).eligible("USD", rates)
    # $100,000 + $115,000 = $215,000, never £80,000 taken as $80,000
    assert result.eligible_cents == 215_000_00 and result.renewal_quota == 193_500_00
    assert eligible.left_out == {"GBP": 80_000_00}
    assert [m.as_json() for m in result.missing_rates] == [
        {"currency": "GBP", "date": "2026-10-20"}
    ]
    assert result.bookings_cents == 82_000_00


def test_a_deal_without_a_rate_is_listed_not_counted(book, fx_book):
    with book.session() as session:
        rates = Rates.load(session, {"USD", "EUR"}, shipped=False)  # no pound at all
        result = quarter_statement(session, fx_book["re"], Q4, rates)
    assert result.bookings_cents == 12_000_00  # the euro uplift alone
    (line,) = result.needing_rates
    assert (line.deal.currency, line.amount_plan_cents, line.payout_cents) == ("GBP", None, 0)
    assert line.tier == "no GBP to USD rate on 2026-12-05: not counted"
    named = [m.as_json() for m in result.missing_rates]
    assert named == [
        {"currency": "GBP", "date": "2026-10-20"},
        {"currency": "GBP", "date": "2026-12-05"},
    ]


def test_a_plan_without_a_currency_is_in_the_books_reporting_currency(book, fx_book):
    with book.writing() as session:
        set_setting(session, "reporting_currency", "EUR")  # most accounts are not in euros
    with book.session() as session:
        assert plan_currency(session, PlanTerms(ote_cents=1)) == "EUR"
        assert plan_currency(session, PlanTerms(ote_cents=1, currency="GBP")) == "GBP"


def test_the_comp_command_shows_each_deal_in_its_own_money_and_converted(
    book, book_path, fx_book, capsys
):
    argv = ["comp", "--person", "riley@example.com", "--quarter", "2026Q4", "--db", str(book_path)]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["currency"], data["plan_currency"]) == ("USD", "USD")
    assert (data["eligible_for_renewal"], data["total_payout"]) == ("315000.00", "14020.10")
    assert data["missing_rates"] == [] and data["eligible_needing_rates"] == {}
    eiffel = data["deals"][1]
    assert (eiffel["amount"], eiffel["currency"]) == ("100000.00", "EUR")
    assert (eiffel["amount_plan"], eiffel["plan_currency"], eiffel["rate"]) == (
        "120000.00",
        "USD",
        "1.20",
    )
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "EUR      100000.00  = USD 120000.00 at 1.20" in text


def test_comp_json_in_another_reporting_currency(book, book_path, fx_book, capsys):
    argv = ["comp", "--person", "riley@example.com", "--quarter", "2026Q4", "--json"]
    assert main([*argv, "--reporting-currency", "eur", "--db", str(book_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    # The plan's dollars at the rate in force on 31 Dec (one euro is $1.15 from 1 Dec):
    # eligible $315,000 / 1.15 = €273,913.04; payout $14,020.10 / 1.15 = €12,191.39;
    # the quarterly upsell quota $112,500 / 1.15 = €97,826.09. Attainment does not move.
    assert (data["currency"], data["plan_currency"], data["rates_on"]) == (
        "EUR",
        "USD",
        "2026-12-31",
    )
    assert data["eligible_for_renewal"] == "273913.04"
    assert data["total_payout"] == "12191.39"
    assert data["quarterly_upsell_quota"] == "97826.09"
    assert data["renewal_attainment"] == "0.7760"
    # each deal still in its own money and the plan's
    assert data["deals"][2]["amount_plan"] == "70000.00"


def test_a_currency_with_no_rate_anywhere_is_named_by_the_command(book, book_path, fx_book, capsys):
    """The UAE dirham is in neither the book's rates nor the ECB's history."""
    with book.writing() as session:
        session.execute(update(Account).where(Account.name == "Globe").values(currency="AED"))
    argv = ["comp", "--person", "riley@example.com", "--quarter", "2026Q4", "--db", str(book_path)]
    assert main([*argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["missing_rates"] == [
        {"currency": "AED", "date": "2026-10-20"},
        {"currency": "AED", "date": "2026-12-05"},
    ]
    assert data["eligible_needing_rates"] == {"AED": "80000.00"}
    assert data["eligible_for_renewal"] == "215000.00"
    globe = next(d for d in data["deals"] if d["currency"] == "AED")
    assert (globe["amount_plan"], globe["needs_rate"], globe["payout"]) == (None, True, "0.00")
    assert main(argv) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if "no exchange rate" in line]
    assert lines == [
        "  no exchange rate to USD for AED on 2026-10-20, AED on 2026-12-05: that money is "
        "left out (import rates FILE)"
    ]


# -- the team's NRR, in constant currency ------------------------------------------
CSM_PLAN = PlanTerms(
    ote_cents=100_000_00,
    variable_share=D("0.25"),
    renewal_share=D("0.5"),
    team_nrr_share=D("0.4"),
    team_nrr_target=D("1"),
    currency="USD",
)


@pytest.fixture
def fx_teams(book):
    """East (Casey, Dana) as in add_teams, but Dana's 400,000 account and its 40,000
    upsell in euros; the euro moves from $1.10 (1 Oct) to $1.20 (1 Nov)."""
    ids = add_teams(book, CSM_PLAN)
    with book.writing() as session:
        session.execute(update(Account).where(Account.csm_id == ids["dana"]).values(currency="EUR"))
    store_rates(book, b"date,currency,rate\n2026-10-01,EUR,1.10\n2026-11-01,EUR,1.20\n")
    return ids


def test_the_team_nrr_is_in_constant_currency(book, fx_teams):
    with book.session() as session:
        east = team_nrr(session, fx_teams["casey"], Q4)
        result = quarter_statement(session, fx_teams["casey"], Q4)
    # Every amount at the rate of 1 Oct, the quarter's first day: starting $600,000 +
    # €400,000 x 1.10 = $1,040,000; expansion $60,000 + €40,000 x 1.10 = $104,000 (not
    # x 1.20: the euro's rise is not expansion). NRR = 1,144,000 / 1,040,000 = 110 %.
    assert east.currency == "USD"
    assert (east.starting_arr, east.expansion) == (1_040_000_00, 104_000_00)
    assert east.nrr == D("1.1") and result.team.bonus == 2_750_00  # 2,500 x 110 %


def test_a_team_account_without_a_rate_is_named(book, fx_teams):
    with book.writing() as session:
        session.execute(delete(ExchangeRate))
    with book.session() as session:
        rates = Rates.load(session, shipped=False)
        east = team_nrr(session, fx_teams["casey"], Q4, "USD", rates)
        result = quarter_statement(session, fx_teams["casey"], Q4, rates)
    # Dana's euros are left out: Casey alone, 660,000 / 600,000 = 110 %
    assert east.starting_arr == 600_000_00 and east.nrr == D("1.1")
    assert [m.as_json() for m in result.missing_rates] == [
        {"currency": "EUR", "date": "2026-10-01"}
    ]


def test_a_reporting_currency_without_a_rate_is_one_clear_line(book, book_path, fx_book, capsys):
    argv = ["comp", "--person", "riley@example.com", "--quarter", "2026Q4"]
    assert main([*argv, "--reporting-currency", "AED", "--db", str(book_path)]) != 0
    err = capsys.readouterr().err
    assert (
        "--reporting-currency AED: no exchange rate for USD in AED on or before 2026-12-31" in err
    )
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
