"""Comp plans: both worked examples, tiers at exactly 100 % and 150 %,
contract-length accelerators, a person with nothing to renew, the book agreeing with
the renewals desk, what-if and the command line."""

import json
from datetime import date
from decimal import Decimal as D

import pytest

from cswork.cli import main
from cswork.comp import CompError, Deal, PlanTerms, Quarter, csm_split, statement, what_if
from cswork.comp_book import book_quarter, quarter_statement, save_plan, territory
from cswork.metrics import Cohort, metrics
from tests.factories import add_account, add_people, add_q4_deals, add_renewal

Q4 = Quarter(2026, 4)
SEED = PlanTerms(
    ote_cents=150_000_00,
    variable_share=D("0.5"),
    renewal_share=D("0.4"),
    commission_rate=D("0.10"),
    grr_target=D("0.9"),
)


def test_the_r_and_e_worked_example():
    assert SEED.variable == 75_000_00
    assert (SEED.renewal_variable, SEED.upsell_variable) == (30_000_00, 45_000_00)
    assert SEED.annual_upsell_quota == 450_000_00 and SEED.quarterly_upsell_quota == 112_500_00
    assert SEED.renewal_quota(2_000_000_00) == 1_800_000_00


def test_the_csm_worked_example():
    assert csm_split(100_000_00, D("0.25")) == (75_000_00, 25_000_00)
    with pytest.raises(CompError):
        csm_split(100_000_00, D("0.4"))


def upsell(amount, day=date(2026, 11, 1), key="u"):
    return Deal(key, "Acme", "upsell", day, amount)


@pytest.mark.parametrize(
    "booked, payout",
    [
        (112_500_00, 11_250_00),  # exactly 100 %: all at the base rate
        (112_500_00 + 100_00, 11_250_00 + 15_00),  # $100 above: at 1.5x
        (168_750_00, 11_250_00 + 8_437_50),  # exactly 150 %: 56,250 at 15 %
        (168_750_00 + 100_00, 11_250_00 + 8_437_50 + 20_00),  # $100 above: at 2x
    ],
)
def test_upsell_tiers_at_exactly_100_and_150_percent(booked, payout):
    result = statement(SEED, Q4, 0, [upsell(booked)])
    assert result.upsell_payout == payout


def test_a_deal_across_a_tier_boundary_is_split_and_the_tier_is_named():
    deals = [upsell(100_000_00, key="a"), upsell(50_000_00, date(2026, 12, 1), key="b")]
    result = statement(SEED, Q4, 0, deals)
    first, second = result.lines
    assert first.tier == "base rate" and first.payout_cents == 10_000_00
    # 12,500 at the base rate then 37,500 at 1.5x the rate
    assert second.payout_cents == 1_250_00 + 5_625_00
    assert second.tier.startswith("above 100%")
    assert result.upsell_attainment == D("1.3333")


def renewal(amount, months, key, day=date(2026, 10, 15)):
    return Deal(key, "Acme", "renewal", day, amount, months)


def test_contract_length_accelerators():
    assert [SEED.accelerator(m) for m in (None, 12, 23, 24, 35, 36, 60)] == [
        D(1),
        D(1),
        D(1),
        D("1.1"),
        D("1.1"),
        D("1.2"),
        D("1.2"),
    ]
    result = statement(
        SEED, Q4, 2_000_000_00, [renewal(900_000_00, 12, "a"), renewal(900_000_00, 36, "b")]
    )
    # quota 1.8M; quarter's renewal variable 7,500; credit 0.9M + 1.08M
    assert result.renewal_quota == 1_800_000_00
    assert [line.payout_cents for line in result.lines] == [3_750_00, 4_500_00]
    assert result.renewal_attainment == D(1) and result.total_payout == 8_250_00


def test_a_person_with_no_eligible_renewals_is_paid_nothing_for_renewals():
    result = statement(SEED, Q4, 0, [upsell(10_000_00)])
    assert result.renewal_quota == 0 and result.renewal_attainment is None
    assert result.renewal_payout == 0 and result.upsell_payout == 1_000_00


def test_deals_outside_the_quarter_do_not_count_and_what_if_moves_them():
    deals = [renewal(900_000_00, 12, "late", date(2027, 1, 5))]
    assert statement(SEED, Q4, 2_000_000_00, deals).renewal_payout == 0
    moved = what_if(
        SEED,
        Q4,
        2_000_000_00,
        deals,
        moved={"late": date(2026, 12, 20)},
        added=[upsell(50_000_00, key="what-if 1")],
    )
    assert moved.renewal_payout == 3_750_00 and moved.upsell_payout == 5_000_00


def test_bad_terms_are_refused():
    with pytest.raises(CompError):
        PlanTerms(ote_cents=100, variable_share=D("1.5"))
    with pytest.raises(CompError):
        Quarter.parse("2026Q5")


# -- from the book ----------------------------------------------------------------------
@pytest.fixture
def re_book(book):
    people = add_people(book)
    with book.writing() as session:
        save_plan(session, people["re"], 2026, SEED)
    ids = [
        add_account(
            book,
            date(2026, 11, 15),
            0,
            external_id=f"A{n}",
            arr_cents=1_000_000_00,
            csm_id=people["csm"],
            re_manager_id=people["re"],
            ae_id=people["ae"],
            contract_start=date(2025, 11, 15),
            entered_book_on=date(2025, 1, 1),
        )
        for n in range(2)
    ]
    add_q4_deals(book, ids)
    return people


def test_attainment_from_the_book_agrees_with_the_renewals_desk(book, re_book):
    with book.session() as session:
        found = book_quarter(session, re_book["re"], Q4)
        result = quarter_statement(session, re_book["re"], Q4)
        desk = metrics(session, Q4.first, Q4.last, Cohort(owner_id=re_book["re"]))
        load = territory(session, re_book["re"], Q4)
    assert found.eligible_in("USD") == desk.renewals_due == 2_000_000_00
    assert result.renewed_cents == desk.renewed == 1_000_000_00  # above target is not renewal
    assert result.renewal_quota == 1_800_000_00
    # the 50,000 upsell and the 100,000 the renewal won above its 1.0M target (uplift at
    # renewal, the expansion NRR counts)
    assert result.bookings_cents == 150_000_00
    # 1.0M renewed at x1.1 (24 months) against 1.8M: 7,500 x 1.1M / 1.8M
    assert result.renewal_payout == 4_583_33
    assert load.renewals == 2 and load.business_days == 66  # Q4 2026 weekdays, no holidays set


def test_the_ae_is_credited_when_the_raci_makes_them_accountable(book, re_book):
    from cswork import raci

    with book.writing() as session:
        save_plan(session, re_book["ae"], 2026, SEED)
        raci.apply_team_preset(session, "Sales owns expansion")
    with book.session() as session:
        ae = quarter_statement(session, re_book["ae"], Q4)
        re_manager = quarter_statement(session, re_book["re"], Q4)
    # the AE books the upsell; the uplift at renewal stays with the renewal's owner
    assert ae.bookings_cents == 50_000_00 and re_manager.bookings_cents == 100_000_00


def test_comp_command(book, book_path, re_book, capsys):
    assert (
        main(
            [
                "comp",
                "--person",
                "riley@example.com",
                "--quarter",
                "2026Q4",
                "--json",
                "--db",
                str(book_path),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    # renewal 4,583.33 (as above); upsell against the 112,500 quota: the 100,000 uplift
    # at renewal (due 15 Nov) at 10 % = 10,000, then the 50,000 upsell (1 Dec): 12,500
    # at 10 % and 37,500 above quota at 15 %, 1,250 + 5,625 = 6,875; 21,458.33 in all
    assert data["renewal_quota"] == "1800000.00" and data["total_payout"] == "21458.33"
    assert [(d["kind"], d["note"]) for d in data["deals"]] == [
        ("renewal", ""),
        ("upsell", "uplift at renewal"),
        ("upsell", ""),
    ]
    assert (
        main(
            ["comp", "--person", "casey@example.com", "--quarter", "2026Q4", "--db", str(book_path)]
        )
        == 2
    )
    assert "no comp plan for 2026" in capsys.readouterr().err


def test_plan_only_command(capsys):
    assert (
        main(
            [
                "comp",
                "--ote",
                "150000",
                "--variable-share",
                "0.5",
                "--renewal-share",
                "0.4",
                "--commission-rate",
                "0.10",
                "--grr-target",
                "0.9",
                "--renewable",
                "2000000",
                "--json",
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert {
        k: data[k]
        for k in (
            "variable",
            "renewal_variable",
            "upsell_variable",
            "annual_upsell_quota",
            "quarterly_upsell_quota",
            "renewal_quota",
        )
    } == {
        "variable": "75000.00",
        "renewal_variable": "30000.00",
        "upsell_variable": "45000.00",
        "annual_upsell_quota": "450000.00",
        "quarterly_upsell_quota": "112500.00",
        "renewal_quota": "1800000.00",
    }


# -- renewal credit by the rule the market uses -------------------------------------------
def test_a_renewal_won_above_target_credits_the_target_and_books_the_excess():
    # GIVEN a renewal won at 120,000 against its 100,000 target
    renewal_deal, uplift = (
        Deal(
            "r", "Acme", "renewal", date(2026, 11, 2), 100_000_00, 12, due_date=date(2026, 11, 15)
        ),
        Deal(
            "r uplift",
            "Acme",
            "upsell",
            date(2026, 11, 2),
            20_000_00,
            due_date=date(2026, 11, 15),
            note="uplift at renewal",
        ),
    )
    result = statement(SEED, Q4, 100_000_00, [renewal_deal, uplift])
    # THEN 100,000 is renewal (the quota is 90 % of 100,000 = 90,000: 111.1 %) and
    # 20,000 is upsell bookings, paid at the 10 % rate: 2,000
    assert result.renewed_cents == 100_000_00 and result.bookings_cents == 20_000_00
    assert result.upsell_payout == 2_000_00
    assert result.renewal_attainment == D("1.1111")


@pytest.fixture
def early(book):
    """Riley's 100,000 account renewing 15 Nov 2026 (Q4), the renewal won early, on
    20 Sep (Q3), at 120,000 over 12 months."""
    people = add_people(book)
    with book.writing() as session:
        save_plan(session, people["re"], 2026, SEED)
    account = add_account(
        book,
        date(2026, 11, 15),
        0,
        external_id="E1",
        arr_cents=100_000_00,
        re_manager_id=people["re"],
        csm_id=people["csm"],
        term_months=12,
    )
    with book.writing() as session:
        # the CRM records the day it was signed as its close date
        add_renewal(session, account, date(2026, 9, 20), 100_000_00, 120_000_00, contract_months=12)
    return people


def test_a_renewal_closed_early_counts_in_the_quarter_it_was_due(book, early):
    with book.session() as session:
        q3 = book_quarter(session, early["re"], Quarter(2026, 3))
        q4 = quarter_statement(session, early["re"], Q4)
    # nothing was due in Q3: no target and no credit moved there by the early close
    assert q3.eligible_by_currency == {} and q3.deals == []
    # Q4: the 100,000 target due 15 Nov (quota 90,000), 100,000 renewed, 20,000 uplift
    assert q4.eligible_cents == 100_000_00 and q4.renewal_quota == 90_000_00
    assert q4.renewed_cents == 100_000_00 and q4.bookings_cents == 20_000_00
    uplift = next(line for line in q4.lines if line.deal.note == "uplift at renewal")
    assert uplift.deal.close_date == date(2026, 9, 20)
    assert uplift.deal.due_date == date(2026, 11, 15) and uplift.payout_cents == 2_000_00


def test_a_what_if_moving_a_renewal_moves_its_uplift_too():
    renewal_deal = Deal("r", "Acme", "renewal", date(2026, 11, 2), 100_000_00, 12)
    uplift = Deal("r uplift", "Acme", "upsell", date(2026, 11, 2), 20_000_00)
    moved = what_if(SEED, Q4, 100_000_00, [renewal_deal, uplift], moved={"r": date(2027, 1, 5)})
    assert moved.renewed_cents == 0 and moved.bookings_cents == 0
