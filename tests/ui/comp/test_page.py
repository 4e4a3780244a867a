"""The Comp page: the six steps as the worked example has them, the statement, what-if,
saving a plan (undoable), typed mistakes, the empty state; and the page agreeing with
the core and the `comp` command."""

import csv
import json
from datetime import date
from decimal import Decimal as D

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit
from sqlalchemy import func, select

from cswork.cli import main
from cswork.comp import HOW_RENEWAL, PlanTerms, Quarter, seed_terms
from cswork.comp_book import plan_for, quarter_statement, save_plan
from cswork.enums import PersonRole
from cswork.models import Opportunity
from cswork.money import format_money
from tests.factories import add_account, add_people, add_q4_deals
from ui.comp.statement import COLUMNS

Q4 = Quarter(2026, 4)
SEED = PlanTerms(
    ote_cents=150_000_00,
    variable_share=D("0.5"),
    renewal_share=D("0.4"),
    commission_rate=D("0.10"),
    grr_target=D("0.9"),
)


def add_quarter(book, people) -> None:
    """Two renewals of 1,000,000 up in Q4 (one won at its target, on 24 months, so no
    uplift at renewal) and a 50,000 upsell."""
    ids = [
        add_account(
            book,
            date(2026, 11, 15),
            0,
            external_id=f"A{n}",
            name=name,
            arr_cents=1_000_000_00,
            csm_id=people["csm"],
            re_manager_id=people["re"],
            ae_id=people["ae"],
        )
        for n, name in enumerate(["Acme Corp", "Globex"])
    ]
    add_q4_deals(book, ids, renewed_cents=1_000_000_00)


@pytest.fixture
def setup(qtbot, book, make_window):
    people = add_people(book)
    with book.writing() as session:
        save_plan(session, people["re"], 2026, SEED)
    add_quarter(book, people)
    win = make_window(book, people["re"])
    with qtbot.waitSignal(win.comp_page.loaded, timeout=5000):
        win.go_to("Comp")
    return win, win.comp_page, book, people


def tile(page, key):
    return page.steps.tiles[key]


def book_statement(book, person_id):
    with book.session() as session:
        return quarter_statement(session, person_id, Q4)


def opportunity_count(book):
    with book.session() as session:
        return session.scalar(select(func.count()).select_from(Opportunity))


def shown(page, row, column):
    return page.model.data(page.model.index(row, COLUMNS.index(column)))


def retype(qtbot, field, text):
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_the_models_pass_the_model_tester(qtmodeltester, setup):
    _, page, _, _ = setup
    assert page.table.isColumnHidden(COLUMNS.index("Converted"))  # every deal in dollars
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    qtmodeltester.check(page.plan.accelerators)
    qtmodeltester.check(page.plan.tiers)
    page.what_if.add_deal("upsell", 10_000_00, date(2026, 12, 2))
    qtmodeltester.check(page.model)


def test_the_page_shows_the_worked_example(setup):
    _, page, _, _ = setup
    assert page.header.person.currentText() == "Riley Evans — R&E Manager"
    assert page.header.quarter_label.text() == "Q4 2026"
    assert tile(page, "variable").value.text() == "$75,000"
    assert "50 % of OTE $150,000" in tile(page, "variable").how.text()
    assert tile(page, "renewal_variable").value.text() == "$30,000"
    assert tile(page, "upsell_variable").value.text() == "$45,000"
    assert tile(page, "upsell_quota").value.text() == "$112,500"
    assert "$450,000 a year" in tile(page, "upsell_quota").how.text()
    # renewal quota = GRR target 90 % x the 2,000,000 up for renewal this quarter
    assert tile(page, "renewal_quota").value.text() == "$1,800,000"
    assert "GRR target 90 % x $2,000,000" in tile(page, "renewal_quota").how.text()
    assert HOW_RENEWAL in tile(page, "renewal_quota").toolTip()
    assert tile(page, "renewal_attainment").value.text() == "55.6 %"
    assert tile(page, "upsell_attainment").value.text() == "44.4 %"
    assert "x1.5 on bookings above 100 %" in tile(page, "upsell_payout").toolTip()
    territory = page.header.territory.text()
    assert territory.startswith("Territory check: Riley Evans is accountable for 2 renewals")
    assert "room for more" in territory


def test_a_quarter_with_no_renewals_says_why_the_renewal_quota_is_zero(qtbot, setup):
    _, page, _, _ = setup
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.show_quarter(Quarter(2026, 1))  # the plan's year; nothing of Riley's renews then

    assert tile(page, "renewal_quota").value.text() == "$0"
    territory = page.header.territory.text()
    assert "accountable for no renewal up in Q1 2026" in territory
    assert "RACI page" in territory


def test_the_page_agrees_with_the_core_and_the_command_line(setup, book_path, capsys):
    _, page, book, people = setup
    core = book_statement(book, people["re"])
    assert page.actual == core
    assert tile(page, "renewal_payout").value.text() == format_money(core.renewal_payout)
    assert tile(page, "upsell_payout").value.text() == format_money(core.upsell_payout)
    assert tile(page, "total_payout").value.text() == "$9,583.33"
    argv = ["comp", "--person", "riley@example.com", "--quarter", "2026Q4", "--json"]
    assert main([*argv, "--db", str(book_path)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["total_payout"] == "9583.33"
    assert [shown(page, row, "Payout") for row in range(2)] == [
        format_money(D(deal["payout"]) * 100) for deal in printed["deals"]
    ]


def test_a_what_if_deal_past_quota_pays_at_1_5x_and_is_not_written(qtbot, setup):
    _, page, book, people = setup
    before, count = book_statement(book, people["re"]), opportunity_count(book)
    page.tabs.setCurrentWidget(page.what_if)
    # GIVEN 50,000 booked of a 112,500 quota, WHEN a 100,000 upsell closing later is tried
    page.what_if.close_date.setDate(QDate(2026, 12, 15))
    qtbot.keyClicks(page.what_if.amount, "100,000")
    qtbot.mouseClick(page.what_if.add, Qt.MouseButton.LeftButton)
    # THEN it pays 62,500 at 10 % and the 37,500 above quota at 15 %: 11,875
    assert shown(page, 0, "Kind") == "Upsell (what-if)"
    assert shown(page, 0, "Tier") == "above 100% of quota, x1.5"
    assert shown(page, 0, "Payout") == "$11,875.00"
    assert page.shown.upsell_payout == 5_000_00 + 11_875_00
    assert tile(page, "upsell_payout").value.text() == "$5,000.00"  # the real number stays
    assert tile(page, "upsell_payout").what_if.text() == "What-if: $16,875.00"
    assert tile(page, "upsell_attainment").what_if.text() == "What-if: 133.3 %"
    assert "What-if in use (1 what-if deal)" in page.steps.banner.text()
    # AND the book is untouched
    assert book_statement(book, people["re"]) == before
    assert opportunity_count(book) == count
    qtbot.mouseClick(page.what_if.clear_button, Qt.MouseButton.LeftButton)
    assert page.shown == before and page.steps.banner.isHidden()
    assert page.model.rowCount() == 2


def test_moving_a_deal_out_of_the_quarter_drops_its_payout(qtbot, setup):
    _, page, book, _ = setup
    row = next(n for n in range(2) if shown(page, n, "Kind") == "Renewal")
    key = page.model.rows()[row].deal.key
    assert shown(page, row, "Payout") == "$4,583.33"
    # WHEN its close date is edited into January, in the table's date cell
    index = page.model.index(row, COLUMNS.index("Close date"))
    page.table.setFocus()
    page.table.setCurrentIndex(index)
    page.table.edit(index)
    editor = page.table.focusWidget()
    assert isinstance(editor, QDateEdit)
    editor.setDate(QDate(2027, 1, 15))
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.what_if.active)
    row = page.model.row_of(key)
    assert shown(page, row, "Close date") == "15 Jan 2027 (moved)"
    assert shown(page, row, "Payout") == "—"
    assert tile(page, "renewal_payout").what_if.text() == "What-if: $0.00"
    assert page.shown.total_payout == 5_000_00
    with book.session() as session:
        assert session.get(Opportunity, int(key)).close_date == date(2026, 11, 15)
    # AND putting it back from the context menu restores the book's numbers
    table = page.table
    table._menu(table.visualRect(page.model.index(row, 0)).center())
    actions = table.menu.actions()
    assert [a.text() for a in actions] == ["Move close date (what-if)…", "Put back to 15 Nov 2026"]
    actions[1].trigger()
    table.menu.close()
    assert not page.what_if.active and page.shown.total_payout == 9_583_33
    assert shown(page, page.model.row_of(key), "Payout") == "$4,583.33"


def test_saving_a_plan_writes_it_and_undo_restores_the_old_one(qtbot, setup):
    win, page, book, people = setup
    form = page.plan
    assert not form.save.isEnabled()
    retype(qtbot, form.fields["ote"], "200,000")
    assert tile(page, "variable").value.text() == "$100,000"  # the plan as typed
    assert "Unsaved plan" in page.steps.banner.text()
    with qtbot.waitSignal(page.plan_written, timeout=5000):
        qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    with book.session() as session:
        assert plan_for(session, people["re"], 2026).ote_cents == 200_000_00
    assert form.state.text().startswith("Saved")
    assert not form.save.isEnabled() and page.steps.banner.isHidden()
    with qtbot.waitSignal(page.plan_written, timeout=5000):
        win.undo_stack.undo()
    with book.session() as session:
        assert plan_for(session, people["re"], 2026) == SEED
    assert form.fields["ote"].text() == "$150,000"
    assert tile(page, "variable").value.text() == "$75,000"


def test_invalid_terms_show_their_message_and_cannot_be_saved(qtbot, setup):
    _, page, book, people = setup
    form = page.plan
    retype(qtbot, form.fields["variable_share"], "150")
    message = form.messages["variable_share"]
    assert message.isVisible()
    assert message.text() == "The variable share must be between 0 % and 100 %, not 150 %."
    assert not form.save.isEnabled()
    assert tile(page, "variable").value.text() == "$75,000"  # still the saved plan's
    assert "mistakes" in page.steps.banner.text()
    form._save()  # even if asked, nothing is written
    with book.session() as session:
        assert plan_for(session, people["re"], 2026) == SEED
    # a multiplier row typed wrong is named under its table
    form.accelerators.add_row("24", "x1.4")
    assert form.accelerators.problems() == {2: "24 is there twice."}
    retype(qtbot, form.fields["variable_share"], "50")
    assert not form.save.isEnabled()  # the duplicate row still stops it
    form.accelerators.remove_row(2)
    assert not message.isVisible() and not form.save.isEnabled()  # as saved: nothing to do


def test_a_person_without_a_plan_is_offered_the_seeds(qtbot, setup):
    win, page, book, people = setup
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.header.person.setCurrentIndex(page.header.person.findData(people["csm"]))
        page.header.person.activated.emit(page.header.person.currentIndex())
    form = page.plan
    assert not form.showing_form()
    assert form.empty_title.text() == "Casey Morgan has no comp plan for 2026 yet."
    assert "a base of $75,000 and $25,000 variable" in form.seed_text.text()
    assert tile(page, "variable").isHidden() and page.table.isHidden()
    qtbot.mouseClick(form.start, Qt.MouseButton.LeftButton)
    assert form.fields["variable_share"].text() == "25 %"
    assert tile(page, "variable").value.text() == "$25,000"
    csm_rule = "A CSM's variable share is 20 % to 30 % of OTE."
    for typed in ("40", "40%", "0.4"):  # a CSM's variable is 20-30 %, however typed
        retype(qtbot, form.fields["variable_share"], typed)
        assert form.messages["variable_share"].text() == csm_rule, typed
    retype(qtbot, form.fields["variable_share"], "0.3")  # 30 %: allowed, as a fraction
    assert not form.messages["variable_share"].isVisible()
    assert tile(page, "variable").value.text() == "$30,000"
    retype(qtbot, form.fields["variable_share"], "25")
    with qtbot.waitSignal(page.plan_written, timeout=5000):
        qtbot.mouseClick(form.save, Qt.MouseButton.LeftButton)
    with book.session() as session:
        assert plan_for(session, people["csm"], 2026) == seed_terms(PersonRole.CSM)
    with qtbot.waitSignal(page.plan_written, timeout=5000):
        win.undo_stack.undo()  # the first save undone: no plan again
    with book.session() as session:
        assert plan_for(session, people["csm"], 2026) is None
    assert not form.showing_form()


def test_an_unsaved_plan_waits_while_another_person_is_shown(qtbot, setup):
    _, page, _, people = setup
    retype(qtbot, page.plan.fields["ote"], "180,000")
    for person in ("csm", "re"):
        with qtbot.waitSignal(page.loaded, timeout=5000):
            page.show_person(people[person])
    assert page.plan.fields["ote"].text() == "180,000"
    assert page.plan.save.isEnabled()


def test_the_quarter_moves_and_the_statement_exports(qtbot, setup, tmp_path):
    _, page, _, _ = setup
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.header.next, Qt.MouseButton.LeftButton)
    assert page.header.quarter_label.text() == "Q1 2027"
    assert not page.plan.showing_form()  # no 2027 plan yet
    with qtbot.waitSignal(page.loaded, timeout=5000):
        qtbot.mouseClick(page.header.this_quarter, Qt.MouseButton.LeftButton)
    target = tmp_path / "payout.csv"
    with qtbot.waitSignal(page.exported, timeout=5000) as said:
        page.export(str(target))
    assert said.args == ["Wrote 3 rows to payout.csv."]
    with target.open(encoding="utf-8-sig") as file:
        rows = list(csv.reader(file))
    assert rows[0][:3] == ["Account", "Kind", "Close date"]
    assert rows[-1][0] == "Total" and rows[-1][COLUMNS.index("Payout")] == "9583.33"


def test_the_editor_and_comp_plan_share_their_checks(qtbot, setup):
    _, page, _, _ = setup
    form = page.plan
    # Riley is an R&E manager: the group bonus on net retention is a CSM's
    retype(qtbot, form.fields["team_nrr_share"], "50%")
    message = "The group bonus on net retention is part of a CSM's plan."
    assert form.messages["team_nrr_share"].text() == message
    assert not form.save.isEnabled()
    form.fields["team_nrr_share"].selectAll()
    qtbot.keyClick(form.fields["team_nrr_share"], Qt.Key.Key_Backspace)  # blank: no bonus
    retype(qtbot, form.fields["currency"], "euro")
    wrong = "'EURO' is not a currency code (3 letters, like USD)."
    assert form.messages["currency"].text() == wrong
    retype(qtbot, form.fields["currency"], "eur")
    assert not form.messages["currency"].isVisible() and form.save.isEnabled()


def test_the_statement_names_the_uplift_at_renewal(qtbot, book, make_window):
    people = add_people(book)
    with book.writing() as session:
        save_plan(session, people["re"], 2026, SEED)
    ids = [
        add_account(book, date(2026, 11, 15), 0, external_id=f"U{n}", re_manager_id=people["re"])
        for n in range(2)
    ]
    add_q4_deals(book, ids)  # the first renewal won at 1.1 M against its 1 M target
    win = make_window(book, people["re"])
    with qtbot.waitSignal(win.comp_page.loaded, timeout=5000):
        win.go_to("Comp")
    page = win.comp_page
    kinds = [shown(page, row, "Kind") for row in range(page.model.rowCount())]
    assert kinds == ["Renewal", "Upsell (uplift at renewal)", "Upsell"]
    uplift = kinds.index("Upsell (uplift at renewal)")
    assert shown(page, uplift, "Amount") == "$100,000.00"  # 1.1 M won - 1 M target


def test_a_csm_sees_the_team_its_nrr_and_the_bonus(qtbot, book, make_window):
    from tests.factories import add_teams

    plan = PlanTerms(
        ote_cents=100_000_00,
        variable_share=D("0.25"),
        renewal_share=D("0.5"),
        team_nrr_share=D("0.4"),
    )
    ids = add_teams(book, plan)  # East: NRR 110 % (see tests/core/test_comp_team.py)
    win = make_window(book, ids["casey"])
    win.comp_page.quarter = Q4
    with qtbot.waitSignal(win.comp_page.loaded, timeout=5000):
        win.go_to("Comp")
    page = win.comp_page
    bonus = tile(page, "team_bonus")
    assert bonus.isVisible() and bonus.value.text() == "$2,750.00"  # 2,500 x 110 %
    how = bonus.how.text()
    assert how.startswith("The East team (Casey Morgan, Dana Lee). NRR 110.0 % = ($1,000,000 ")
    assert "+ $100,000 expansion) / $1,000,000" in how
    assert "attainment 110.0 % (capped at 150.0 %) x $2,500 a quarter" in how
    assert "team NRR bonus $2,750.00" in tile(page, "total_payout").how.text()
    assert page.actual.total_payout == page.actual.team.bonus + (
        page.actual.renewal_payout + page.actual.upsell_payout
    )
    assert form_field(page, "team_nrr_share") == "40 %"


def form_field(page, key):
    return page.plan.fields[key].text()


def mixed_page(qtbot, book, make_window, euro_currency="EUR"):
    """Riley's $100,000 and €100,000 (won at €110,000) renewals, the plan in USD, and
    one euro at $1.20 from 1 Nov; ``euro_currency``: the second account's money."""
    from sqlalchemy import update

    from cswork.models import Account
    from cswork.rates import import_rates
    from cswork.settings import set_setting
    from tests.factories import add_mixed_renewals

    people = add_mixed_renewals(book)
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
        import_rates(session, b"date,currency,rate\n2026-11-01,EUR,1.20\n")
        session.execute(
            update(Account).where(Account.currency == "EUR").values(currency=euro_currency)
        )
    win = make_window(book, people["re"])
    win.comp_page.quarter = Q4
    with qtbot.waitSignal(win.comp_page.loaded, timeout=5000):
        win.go_to("Comp")
    return win.comp_page


def test_the_statement_shows_each_deal_in_its_own_currency_and_converted(qtbot, book, make_window):
    page = mixed_page(qtbot, book, make_window)
    rows = {
        (shown(page, n, "Amount"), shown(page, n, "Converted"), shown(page, n, "Credit"))
        for n in range(page.model.rowCount())
    }
    header = page.model.headerData(COLUMNS.index("Converted"), Qt.Orientation.Horizontal)
    assert header == "In USD" and not page.table.isColumnHidden(COLUMNS.index("Converted"))
    # €100,000 at 1.20 on its close date, 15 Nov: $120,000; its €10,000 uplift $12,000
    assert ("$100,000.00", "", "$100,000.00") in rows
    assert ("€100,000.00", "$120,000.00", "$120,000.00") in rows
    assert ("€10,000.00", "$12,000.00", "$12,000.00") in rows
    row = next(n for n in range(page.model.rowCount()) if shown(page, n, "Amount") == "€100,000.00")
    tip = page.model.data(
        page.model.index(row, COLUMNS.index("Converted")), Qt.ItemDataRole.ToolTipRole
    )
    assert "€100,000.00 at 1.20 USD per EUR, the rate in force on 15 Nov 2026" in tip
    footer = page.footer.text()
    assert "renewed $220,000 (credit $220,000)" in footer
    assert "No exchange rate" not in footer


def test_the_page_names_a_missing_rate(qtbot, book, make_window):
    page = mixed_page(qtbot, book, make_window, "AED")  # in no rate table at all
    rows = {
        (shown(page, n, "Amount"), shown(page, n, "Converted"), shown(page, n, "Payout"))
        for n in range(page.model.rowCount())
    }
    assert ("AED 100,000.00", "no rate", "—") in rows
    footer = page.footer.text()
    assert "renewed $100,000 (credit $100,000)" in footer
    assert "No exchange rate to USD for AED on 15 Nov 2026: 2 deals and renewal targets of" in (
        footer
    )
