"""The renewals desk core: opportunities and routing, metrics, dashboard
data, the review agenda, calendar export, table export, the weekly routine CTAs."""

import csv
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from icalendar import Calendar
from sqlalchemy import event, select

from cswork import desk, raci
from cswork.alerts import scan
from cswork.calendar_export import book_calendar, renewal_uid, write_calendar
from cswork.cli import main
from cswork.enums import (
    AccountStatus,
    CtaType,
    OpportunityKind,
    OpportunityStage,
    PersonRole,
    Segment,
)
from cswork.exporting import safe_text, write_table
from cswork.metrics import Cohort, metrics, ratio, retention
from cswork.models import Account, Cta, Person
from cswork.opportunities import (
    OpportunityError,
    close_opportunity,
    create_opportunity,
    flag_white_space,
    is_complex,
)
from cswork.rates import Reporting
from cswork.store import open_book
from tests.conftest import TODAY
from tests.factories import add_account, add_people

YEAR_START, YEAR_END = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture
def people(book):
    return add_people(book)


def owned(people, **fields):
    return {
        "csm_id": people["csm"],
        "re_manager_id": people["re"],
        "ae_id": people["ae"],
        "entered_book_on": date(2025, 1, 1),
        "contract_start": date(2025, 1, 1),
    } | fields


# -- metrics ---------------------------------------------------------------------------
def test_the_product_check_grr_85_nrr_103():
    grr, nrr, expansion = retention(10_000_000_00, 900_000_00, 600_000_00, 1_800_000_00)
    assert (grr, nrr, expansion) == (Decimal("0.85"), Decimal("1.03"), Decimal("0.18"))


def test_grr_is_capped_and_nothing_to_start_from_is_none():
    assert retention(100, -50, 0, 0)[0] == Decimal(1)  # never above 100 %
    assert retention(0, 0, 0, 500) == (None, None, None)
    assert ratio(1, 3) == Decimal("0.3333")


def renewal(
    book, account_id, target, close, stage=OpportunityStage.OPEN, final=None, forecast=None
):
    with book.writing() as session:
        opp = create_opportunity(
            session,
            account_id,
            OpportunityKind.RENEWAL,
            close_date=close,
            target_cents=target,
            forecast_cents=forecast if forecast is not None else target,
        )
        if stage != OpportunityStage.OPEN:
            close_opportunity(session, opp, stage, close, final_cents=final)
        return opp


def test_metrics_from_the_book_reproduce_the_product_check(book, people):
    """Ten accounts of $1M: one churns ($0.9M lost), two contract by $0.3M each, one
    buys $1.8M more: GRR 85 %, NRR 103 %."""
    ids = [
        add_account(
            book, date(2026, 6, 1), 0, external_id=f"A{n}", arr_cents=1_000_000_00, **owned(people)
        )
        for n in range(10)
    ]
    with book.writing() as session:  # the churned one had $0.9M up for renewal
        session.get(Account, ids[0]).arr_cents = 900_000_00
    for n in range(10):
        renewal(
            book,
            ids[n],
            1_000_000_00 if n else 900_000_00,
            date(2026, 6, 1),
            stage=OpportunityStage.LOST if n == 0 else OpportunityStage.WON,
            final={1: 700_000_00, 2: 700_000_00}.get(n, 1_000_000_00),
        )
    with book.writing() as session:
        upsell = create_opportunity(
            session,
            ids[3],
            OpportunityKind.UPSELL,
            amount_cents=1_800_000_00,
            close_date=date(2026, 7, 1),
        )
        close_opportunity(session, upsell, OpportunityStage.WON, date(2026, 7, 1))
    with book.session() as session:
        m = metrics(session, YEAR_START, YEAR_END)
    assert (m.starting_arr, m.churned, m.contraction, m.expansion) == (
        9_900_000_00,
        900_000_00,
        600_000_00,
        1_800_000_00,
    )
    assert m.grr == ratio(8_400_000_00, 9_900_000_00) and m.nrr == ratio(
        10_200_000_00, 9_900_000_00
    )
    assert (m.renewals_due_count, m.renewed_count) == (10, 9)
    assert m.renewals_due == 9_900_000_00 and m.renewed == 8_400_000_00


def test_a_period_with_only_expansion_and_one_with_nothing(book, people):
    account = add_account(
        book, date(2027, 3, 1), 0, external_id="X", arr_cents=500_00, **owned(people)
    )
    with book.writing() as session:
        upsell = create_opportunity(
            session,
            account,
            OpportunityKind.UPSELL,
            amount_cents=100_00,
            close_date=date(2026, 5, 1),
        )
        close_opportunity(session, upsell, OpportunityStage.WON, date(2026, 5, 1))
    with book.session() as session:
        m = metrics(session, YEAR_START, YEAR_END)
        empty = metrics(session, YEAR_START, YEAR_END, Cohort(segment=Segment.STRATEGIC))
    assert (m.starting_arr, m.churned, m.contraction, m.expansion) == (500_00, 0, 0, 100_00)
    assert (m.grr, m.nrr, m.expansion_pct) == (Decimal(1), Decimal("1.2"), Decimal("0.2"))
    assert empty.starting_arr == 0 and empty.grr is None and empty.renewal_rate_count is None


def test_forecast_counts_won_at_final_and_open_at_forecast_without_upsell(book, people):
    a = add_account(book, date(2026, 12, 15), 0, external_id="A", **owned(people))
    b = add_account(book, date(2026, 12, 20), 0, external_id="B", health=40, **owned(people))
    renewal(book, a, 100_00, date(2026, 12, 15), OpportunityStage.WON, final=130_00)
    renewal(book, b, 200_00, date(2026, 12, 20), forecast=150_00)
    with book.session() as session:
        m = metrics(session, date(2026, 12, 1), date(2026, 12, 31))
    assert m.renewal_forecast == 100_00 + 150_00  # the 30 above target is upsell
    assert m.at_risk_arr == 12_000_000  # b is red and renews in the period


def test_owner_and_segment_cohorts(book, people):
    add_account(
        book, date(2026, 6, 1), 0, external_id="MINE", arr_cents=100_00, **owned(people, ae_id=None)
    )
    add_account(
        book,
        date(2026, 6, 1),
        0,
        external_id="BIG",
        arr_cents=900_00,
        segment=Segment.STRATEGIC,
        **owned(people, csm_id=None, re_manager_id=None),
    )
    with book.session() as session:
        by_csm = metrics(session, YEAR_START, YEAR_END, Cohort(owner_id=people["csm"]))
        strategic = metrics(session, YEAR_START, YEAR_END, Cohort(segment=Segment.STRATEGIC))
    assert by_csm.starting_arr == 100_00 and strategic.starting_arr == 900_00


# -- opportunities ----------------------------------------------------------------------
def test_simple_and_complex_opportunities_route_per_the_raci(book, people):
    account = add_account(book, TODAY, 200, external_id="A", **owned(people))
    with book.writing() as session:
        upsell = create_opportunity(session, account, OpportunityKind.UPSELL, amount_cents=5)
        cross = create_opportunity(session, account, OpportunityKind.CROSS_SELL, amount_cents=5)
        division = create_opportunity(session, account, OpportunityKind.NEW_DIVISION)
    with book.session() as session:
        from cswork.models import Opportunity

        owners = {o.kind: o.owner_id for o in session.scalars(select(Opportunity))}
    assert not is_complex(OpportunityKind.UPSELL) and is_complex(OpportunityKind.NEW_DIVISION)
    assert owners[OpportunityKind.UPSELL] == people["re"]  # A for upsell
    assert (
        owners[OpportunityKind.CROSS_SELL] == owners[OpportunityKind.NEW_DIVISION] == people["ae"]
    )
    with book.writing() as session:
        raci.apply_team_preset(session, "Sales owns expansion")
        again = create_opportunity(session, account, OpportunityKind.UPSELL)
        assert session.get(Opportunity, again).owner_id == people["ae"]
    assert upsell and cross and division


def test_a_won_renewal_renews_the_contract_and_a_lost_one_is_churn(book, people):
    renews = add_account(book, TODAY, 10, external_id="R", term_months=12, **owned(people))
    leaves = add_account(book, TODAY, 10, external_id="L", **owned(people))
    won = renewal(book, renews, 120_000_00, TODAY + timedelta(days=10))
    lost = renewal(book, leaves, 120_000_00, TODAY + timedelta(days=10))
    with book.writing() as session:
        close_opportunity(session, won, OpportunityStage.WON, TODAY, final_cents=130_000_00)
        close_opportunity(session, lost, OpportunityStage.LOST, TODAY)
        with pytest.raises(OpportunityError, match="already closed"):
            close_opportunity(session, won, OpportunityStage.LOST, TODAY)
    with book.session() as session:
        r, leaver = session.get(Account, renews), session.get(Account, leaves)
        assert r.renewal_date == TODAY + timedelta(days=10) + timedelta(days=365)
        assert r.arr_cents == 130_000_00 and r.contract_start == TODAY + timedelta(days=10)
        assert leaver.status == AccountStatus.CHURNED


def test_white_space_raises_an_expansion_cta_to_the_accountable(book, people):
    account = add_account(book, TODAY, 200, external_id="A", **owned(people))
    with book.writing() as session:
        cta_id = flag_white_space(session, account, "Finance team wants dashboards", TODAY)
        with pytest.raises(OpportunityError):
            flag_white_space(session, account, "  ", TODAY)
    with book.session() as session:
        cta = session.get(Cta, cta_id)
        assert (cta.type, cta.owner_id) == (CtaType.EXPANSION, people["re"])  # A for white space
        assert "Finance team" in cta.reason


# -- desk, agenda, routine ---------------------------------------------------------------
def test_upcoming_renewals_and_the_review_agenda_group_by_accountable(book, people):
    with book.writing() as session:
        other = Person(name="Pat Other", email="pat@example.com", role=PersonRole.RE_MANAGER)
        session.add(other)
        session.flush()
        other_id = other.id
    a = add_account(book, TODAY, 10, external_id="A", arr_cents=100_00, **owned(people))
    add_account(
        book, TODAY, 20, external_id="B", arr_cents=300_00, **owned(people, re_manager_id=other_id)
    )
    add_account(book, TODAY, 120, external_id="LATER", **owned(people))
    renewal(book, a, 100_00, TODAY + timedelta(days=10))
    with book.writing() as session:
        from cswork.models import Opportunity

        session.scalars(select(Opportunity)).first().strategy = "Multi-year with a discount"
    with book.session() as session:
        upcoming = desk.upcoming_renewals(session, TODAY)
        agenda = desk.review_agenda(session, TODAY)
        months = desk.arr_renewing_by_month(session, TODAY)
    assert [r.external_id for r in upcoming] == ["A", "B"]
    assert upcoming[0].strategy == "Multi-year with a discount" and upcoming[0].stage == "open"
    assert [(owner, [r.external_id for r in rows]) for owner, rows in agenda] == [
        ("Pat Other", ["B"]),
        ("Riley Evans", ["A"]),
    ]
    assert len(months) == 12 and months[0][0] == date(2026, 11, 1)
    assert sum(months[0][1].values()) + sum(months[1][1].values()) >= 400_00


def test_wednesday_review_and_sunday_dashboard_ctas(book, people):
    add_account(
        book,
        TODAY,
        30,
        external_id="A",
        entered_book_on=TODAY,
        **{k: v for k, v in owned(people).items() if k != "entered_book_on"},
    )
    wednesday, sunday = date(2026, 11, 25), date(2026, 11, 29)
    scan(book, wednesday)
    scan(book, wednesday)
    scan(book, sunday)
    with book.session() as session:
        keys = sorted(session.scalars(select(Cta.dedupe_key).where(Cta.type == CtaType.ACTIVITY)))
    re = people["re"]
    assert keys == [f"dashboard:{re}:2026-W48", f"review:{re}:2026-W48"]


def routine_keys(book):
    with book.session() as session:
        return sorted(session.scalars(select(Cta.dedupe_key).where(Cta.type == CtaType.ACTIVITY)))


def test_weekly_routines_catch_up_once_a_week(book, people):
    add_account(book, TODAY, 30, external_id="A", **owned(people))
    re = people["re"]
    scan(book, date(2026, 11, 18))  # the Wednesday before: week 47's review
    scan(book, date(2026, 11, 24))  # Tuesday of week 48: last week's review is stale
    assert routine_keys(book) == [
        f"dashboard:{re}:2026-W47",  # Sunday 22 Nov's, caught up
        f"review:{re}:2026-W47",
    ]
    scan(book, date(2026, 11, 26))  # Thursday: the laptop was shut on Wednesday
    scan(book, date(2026, 11, 28))  # Saturday: nothing new this week
    assert routine_keys(book)[2:] == [f"review:{re}:2026-W48"]
    scan(book, date(2026, 11, 30))  # Monday: Sunday 29 Nov was missed
    assert routine_keys(book)[1] == f"dashboard:{re}:2026-W48"
    assert len(routine_keys(book)) == 4
    with book.session() as session:
        [review] = session.scalars(select(Cta).where(Cta.dedupe_key.like("review:%W48")))
    assert review.due_on == date(2026, 11, 26) and review.owner_id == re


def test_a_first_scan_raises_only_its_own_days_routine(book, people):
    add_account(book, TODAY, 30, external_id="A", **owned(people))
    scan(book, date(2026, 11, 26))  # a new book's first scan, on a Thursday
    assert routine_keys(book) == []


def test_a_review_raised_under_a_dated_key_is_not_raised_again(book, people):
    from cswork.ctas import create_cta

    add_account(book, TODAY, 30, external_id="A", **owned(people))
    scan(book, date(2026, 11, 24))
    with book.writing() as session:  # raised on Wednesday by a scan of an earlier version
        cta = create_cta(
            session,
            account_id=None,
            cta_type=CtaType.ACTIVITY,
            reason="Wednesday renewal review",
            due_on=date(2026, 11, 25),
            owner_id=people["re"],
        )
        session.get(Cta, cta).dedupe_key = f"review:{people['re']}:2026-11-25"
    scan(book, date(2026, 11, 26))
    assert not [k for k in routine_keys(book) if k.startswith("review:") and "W" in k]


# -- data out ------------------------------------------------------------------------------
def test_the_calendar_parses_with_one_event_per_renewal_and_stable_uids(book, people, tmp_path):
    for n in range(3):
        add_account(book, TODAY, 30 + n, external_id=f"A{n}", **owned(people))
    add_account(book, TODAY, 30, external_id="GONE", status=AccountStatus.CHURNED, **owned(people))
    scan(book, TODAY)
    first, second = tmp_path / "one.ics", tmp_path / "two.ics"
    with book.session() as session:
        write_calendar(book_calendar(session), first)
        write_calendar(book_calendar(session), second)
    events = [Calendar.from_ical(p.read_bytes()).walk("VEVENT") for p in (first, second)]
    renewals = [e for e in events[0] if str(e["summary"]).startswith("Renewal")]
    assert len(renewals) == 3
    assert {str(e["uid"]) for e in renewals} == {renewal_uid(f"A{n}") for n in range(3)}
    assert [str(e["uid"]) for e in events[0]] == [str(e["uid"]) for e in events[1]]
    assert renewals[0].decoded("dtstart") == TODAY + timedelta(days=30)


def test_export_ics_command(book, book_path, people, tmp_path, capsys):
    add_account(book, TODAY, 30, external_id="A", **owned(people))
    out = tmp_path / "book.ics"
    assert main(["export", "ics", "--out", str(out), "--db", str(book_path)]) == 0
    assert "1 events" in capsys.readouterr().out
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1


def test_metrics_command_json(book, book_path, people, capsys):
    add_account(book, TODAY, 30, external_id="A", arr_cents=100_00, **owned(people))
    assert (
        main(
            [
                "metrics",
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--json",
                "--db",
                str(book_path),
            ]
        )
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert {
        "starting_arr",
        "churned",
        "contraction",
        "expansion",
        "grr",
        "nrr",
        "expansion_pct",
    } <= set(data)
    assert data["starting_arr"] == "100.00" and data["grr"] == "1"


def test_exported_tables_cannot_run_as_formulas(tmp_path):
    rows = [['=HYPERLINK("http://evil")', Decimal("-12.50")], ["@SUM(A1)", 3], ["Acme", None]]
    write_table(tmp_path / "t.csv", ["name", "arr"], rows)
    with (tmp_path / "t.csv").open(encoding="utf-8-sig") as f:
        read = list(csv.reader(f))
    assert read[1] == ['\'=HYPERLINK("http://evil")', "-12.50"]  # numbers stay numbers
    assert read[2][0] == "'@SUM(A1)" and safe_text("-x") == "'-x"
    write_table(tmp_path / "t.xlsx", ["name", "arr"], rows)
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "t.xlsx").active
    cells = next(iter(sheet.iter_rows(min_row=2, max_row=2)))
    assert cells[0].data_type == "s" and cells[0].value.startswith("=")  # text, not a formula
    assert cells[1].data_type == "n" and cells[1].value == -12.5


# Query plans: the desk's sums read indexes, never every renewal in the book --------------


def query_plans(book, read) -> list[str]:
    """The SQLite query plan of every statement ``read(session)`` runs, one text each."""
    statements = []

    def seen(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(book.engine, "before_cursor_execute", seen)
    try:
        with book.session() as session:
            read(session)
    finally:
        event.remove(book.engine, "before_cursor_execute", seen)
    with book.engine.connect() as connection:
        return [
            "\n".join(
                row[-1]
                for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
            )
            for sql, params in statements
            if sql.lstrip().upper().startswith(("SELECT", "WITH"))
        ]


def test_an_accounts_renewal_is_found_by_its_account_not_among_every_renewal(tmp_path):
    book = open_book(tmp_path / "plans.db")
    plans = query_plans(book, lambda session: desk.upcoming_renewals(session, TODAY))
    book.close()

    subquery = next(plan for plan in plans if "o2" in plan)
    assert "o2 USING INDEX ix_opportunities_account_id (account_id=?)" in subquery


def test_the_dashboard_sums_read_only_through_indexes(tmp_path):
    """The sums read the renewing accounts through their index alone, currency
    included (and each renewal's account by its key): never a scan of the book."""
    book = open_book(tmp_path / "plans.db")
    with book.session() as session:
        reporting = Reporting.load(session, TODAY)

    def dashboard(session):
        desk.arr_renewing_by_month(session, TODAY, reporting=reporting)
        desk.forecast_by_category(session, YEAR_START, YEAR_END, reporting=reporting)

    plans = query_plans(book, dashboard)
    book.close()

    assert len(plans) == 2
    assert "USING COVERING INDEX ix_accounts_renewing" in plans[0]
    for plan in plans:
        assert "USING" in plan and "SCAN" not in plan, plan


def test_an_r_and_e_manager_who_left_gets_no_sunday_dashboard(book, people):
    from cswork.models import Person

    with book.writing() as session:
        session.get(Person, people["re"]).active = False
    scan(book, date(2026, 11, 29))
    with book.session() as session:
        keys = list(session.scalars(select(Cta.dedupe_key).where(Cta.type == CtaType.ACTIVITY)))
    assert not [key for key in keys if key.startswith("dashboard:")]
