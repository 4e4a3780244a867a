"""The Customer360's owners line follows the fallback chain: with no R&E manager on the
account, the CSM is shown as accountable for the renewal, and the header says why."""

from PySide6.QtCore import Qt

from tests.conftest import TODAY
from tests.factories import add_account, add_people
from tests.ui.raci.test_page import header_names, shown


def test_the_accountable_line_names_the_csm_when_there_is_no_re_manager(book, make_window):
    people = add_people(book)
    account_id = add_account(book, TODAY, 60, csm_id=people["csm"], ae_id=people["ae"])
    window = make_window(book, people["csm"])

    window.open_account(account_id)

    c360 = window.customer360
    assert header_names(c360, "Renewal (A)") == "Casey Morgan (routed)"
    assert header_names(c360, "Success plan (A)") == "Casey Morgan"  # the A is there
    grid = c360.owners
    tips = [grid.itemAt(i).widget().toolTip() for i in range(grid.count())]
    assert "No R&E manager on this account: routed to the CSM" in tips


def test_the_raci_tab_names_who_the_renewal_was_routed_to(book, make_window):
    people = add_people(book)
    account_id = add_account(book, TODAY, 60, csm_id=people["csm"], ae_id=people["ae"])
    window = make_window(book, people["csm"])

    window.open_account(account_id)

    tab = window.customer360.raci
    assert shown(tab, "renewal", 2) == "Casey Morgan (routed)"  # Accountable
    assert shown(tab, "success_plan", 2) == "Casey Morgan"
    model = tab.model
    row = [r.activity_key for r in model.rows()].index("renewal")
    tip = model.data(model.index(row, 2), Qt.ItemDataRole.ToolTipRole)
    assert tip == "No R&E manager on this account: routed to the CSM."
