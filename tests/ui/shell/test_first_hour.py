"""A new user's first hour in the window: an empty book, a Salesforce report in the
CRM's own words, and at the end a task pane of owned renewal CTAs, no restart."""

from cswork.changes import Changes
from cswork.people import find_person
from tests.cli.test_first_hour import salesforce_report
from tests.conftest import TODAY
from tests.ui.importing.test_wizard import (
    choose_file,
    choose_order,
    choose_value,
    finish_import,
    go_to_preview,
    go_to_values,
)


def test_from_an_empty_book_to_owned_renewal_ctas(qtbot, book, make_window, tmp_path):
    window = make_window(book, refresh=True)
    assert window.task_pane.model.count() == 0
    report = tmp_path / "accounts.csv"
    salesforce_report(report, TODAY)

    window._import()
    wizard = window.import_wizard
    choose_file(qtbot, wizard, report)
    go_to_values(qtbot, wizard)
    assert not wizard.values.isComplete()  # day-first dates that read both ways
    choose_order(wizard, "DMY")
    choose_value(wizard, "Enterprise", "strategic")
    choose_value(wizard, "Mid-Market", "high-touch")
    choose_value(wizard, "SMB", "low-touch")
    go_to_preview(qtbot, wizard)
    assert wizard.preview.summary.text().startswith("<b>All 3 rows are ready to import.</b>")
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        finish_import(qtbot, wizard)
    assert imported.args[0].ctas_raised == 2
    assert "Change it on the RACI page." in wizard.running.status.text()
    wizard.accept()

    # The CSM says who they are: Mine holds the renewal routed to them, at once.
    with book.session() as session:
        casey = find_person(session, "Casey Morgan").id
    window.apply_changes(Changes(me_changed=True, me_id=casey))
    qtbot.waitUntil(lambda: window.task_pane.model.count() == 1, timeout=5000)
    (item,) = window.task_pane.model.items()
    assert (item.account_name, item.type, item.owner_id) == ("Fabrikam", "renewal", casey)
    assert "routed to the CSM" in item.reason
