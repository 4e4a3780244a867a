"""The Customer360's Opportunities tab: new ones say where the RACI routes them before
saving, closing a renewal as won renews the account (the book shows it) and Undo takes
it back, and white space raises a CTA for whoever is accountable."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from cswork.enums import AccountStatus, CtaType, OpportunityKind, OpportunityStage
from cswork.models import Account, Cta, Opportunity
from cswork.opportunities import create_opportunity
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.book.model import COLUMN_KEYS
from ui.brief.view import BriefDialog
from ui.kit.look import day_text

RENEWS_ON = TODAY + timedelta(days=40)


@pytest.fixture
def acme(qtbot, book, make_window):
    """Acme ($120,000, renewing in 40 days) with its open renewal, on the Opportunities
    tab of a window whose book table has loaded."""
    people = add_people(book)
    account_id = add_account(
        book,
        TODAY,
        40,
        external_id="ACME",
        name="Acme Corp",
        arr_cents=12_000_000,
        term_months=12,
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )
    with book.writing() as session:
        renewal = create_opportunity(
            session, account_id, OpportunityKind.RENEWAL, close_date=RENEWS_ON, contract_months=12
        )
    win = make_window(book, people["csm"])
    with qtbot.waitSignal(win.book_loaded, timeout=10_000):
        win.reload_book()
    win.open_account(account_id)
    tab = win.customer360.opportunities
    win.customer360.tabs.setCurrentWidget(tab)
    return win, tab, people, account_id, renewal


def opportunities(book, account_id):
    with book.session() as session:
        query = select(Opportunity).where(Opportunity.account_id == account_id)
        return list(session.scalars(query.order_by(Opportunity.id)))


def book_cell(win, account_id, key):
    model = win.book_model
    return model.data(model.index(model.row_of_account(account_id), COLUMN_KEYS.index(key)))


def test_the_opportunities_model_passes_the_model_tester(qtmodeltester, acme):
    _, tab, _, _, _ = acme
    assert tab.model.rowCount() == 1
    qtmodeltester.check(tab.model)


def test_a_new_opportunity_says_where_it_goes_then_goes_there(qtbot, acme, book):
    win, tab, people, account_id, _ = acme
    tab.add.click()
    form = tab.dialog
    form.kind.setCurrentIndex(form.kind.findData(OpportunityKind.UPSELL.value))
    assert form.route.text() == "More licenses is simple: it goes to Riley Evans (R&E manager)."
    form.kind.setCurrentIndex(form.kind.findData(OpportunityKind.CROSS_SELL.value))
    assert form.route.text() == "Cross-sell is complex: it goes to Alex Edwards (AE)."
    form.name.setText("Analytics for finance")
    form.amount.setText("$25,000")
    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        form.ok.click()
    added = opportunities(book, account_id)[-1]
    assert (added.kind, added.owner_id, added.amount_cents) == (
        OpportunityKind.CROSS_SELL,
        people["ae"],
        2_500_000,
    )
    assert tab.current().name == "Analytics for finance"
    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        win.undo_stack.undo()
    assert [o.kind for o in opportunities(book, account_id)] == [OpportunityKind.RENEWAL]


def test_closing_the_renewal_as_won_renews_the_account_and_undo_takes_it_back(qtbot, acme, book):
    win, tab, _, account_id, renewal = acme
    assert book_cell(win, account_id, "arr") == "$120,000"
    tab.select(renewal)
    tab.won.click()
    form = tab.dialog
    form.final.setText("$150,000")
    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        form.ok.click()
    renewed_to = RENEWS_ON.replace(year=RENEWS_ON.year + 1)
    qtbot.waitUntil(lambda: book_cell(win, account_id, "arr") == "$150,000", timeout=5000)
    assert book_cell(win, account_id, "renewal_date") == day_text(renewed_to)
    assert win.customer360.arr.value.text() == "$150,000"
    assert tab.current().stage == OpportunityStage.WON
    with book.session() as session:
        assert session.get(Account, account_id).renewal_date == renewed_to

    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        win.undo_stack.undo()
    qtbot.waitUntil(lambda: book_cell(win, account_id, "arr") == "$120,000", timeout=5000)
    assert book_cell(win, account_id, "renewal_date") == day_text(RENEWS_ON)
    [back] = opportunities(book, account_id)
    assert (back.stage, back.final_cents) == (OpportunityStage.OPEN, None)


def test_closing_the_renewal_as_lost_churns_the_account(qtbot, acme, book):
    win, tab, _, account_id, renewal = acme
    tab.select(renewal)
    tab.lost.click()
    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        tab.dialog.ok.click()
    qtbot.waitUntil(
        lambda: book_cell(win, account_id, "days_to_renewal") == "churned", timeout=5000
    )
    with book.session() as session:
        assert session.get(Account, account_id).status == AccountStatus.CHURNED


def test_white_space_raises_a_cta_for_the_a_for_notify_white_space(qtbot, acme, book):
    win, tab, people, account_id, _ = acme
    tab.white_space.click()
    form = tab.dialog
    assert "Riley Evans (R&amp;E manager)" in form.heading.text()  # escaped: shown as typed
    form.ok.click()
    assert form.problem.text().startswith("Say what the white space is")
    form.note.setPlainText("The finance team in Lyon runs this on spreadsheets")
    with qtbot.waitSignal(win.tasks_loaded, timeout=5000):  # the task pane reads its CTAs again
        form.ok.click()
    with book.session() as session:
        [cta] = session.scalars(select(Cta).where(Cta.account_id == account_id)).all()
    assert (cta.type, cta.owner_id) == (CtaType.EXPANSION, people["re"])
    assert "The finance team in Lyon" in cta.reason
    assert tab.state.text().startswith("White space flagged")


def test_the_call_prep_brief_opens_from_the_customer360_and_saves_a_pdf(qtbot, acme, tmp_path):
    win, _, _, _, _ = acme
    win.customer360.brief.click()  # read on the reads runner, then shown

    def shown() -> list[BriefDialog]:
        return [w for w in win.customer360.findChildren(BriefDialog) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown()), timeout=5000)
    [dialog] = shown()
    text = dialog.document.toPlainText()
    assert "Acme Corp" in text and "$120,000" in text and "Who does what" in text
    assert dialog.document.pageCount() == 1
    saved = dialog.save_pdf(tmp_path / "acme.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    assert dialog.state.text() == f"Saved {saved}"
    dialog.close()


def test_editing_the_renewal_forecast_and_undoing_it(qtbot, acme, book):
    win, tab, _, account_id, renewal = acme
    tab.select(renewal)
    tab.edit.click()
    form = tab.dialog
    assert not form.kind.isEnabled()  # what the deal is stays what it is
    form.forecast.setText("$100,000")
    form.strategy.setText("Offer a two-year term")
    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        form.ok.click()
    [edited] = opportunities(book, account_id)
    assert (edited.forecast_cents, edited.strategy) == (10_000_000, "Offer a two-year term")
    with qtbot.waitSignal(tab.account_changed, timeout=5000):
        win.undo_stack.undo()
    [back] = opportunities(book, account_id)
    assert (back.forecast_cents, back.strategy) == (12_000_000, "")
