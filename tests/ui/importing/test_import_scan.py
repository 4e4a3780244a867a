"""An import through the wizard is followed by the alert scan: the task pane, the counts
and the window title show the new CTAs at once, without a restart."""

from datetime import timedelta

from cswork.enums import PersonRole
from cswork.models import Person
from tests.conftest import TODAY
from tests.factories import write
from tests.ui.importing.test_wizard import choose_file, finish_import, go_to_preview


def test_the_task_pane_shows_the_imports_renewal_ctas_at_once(qtbot, book, make_window, tmp_path):
    with book.writing() as session:
        jane = Person(name="Jane Doe", email="jane@example.com", role=PersonRole.CSM)
        leader = Person(name="Lee Leader", email="lee@example.com", role=PersonRole.CS_LEADER)
        session.add_all([jane, leader])
        session.flush()
        me = jane.id
    window = make_window(book, me, refresh=True)
    assert window.task_pane.model.count() == 0
    crm_file = (  # a Salesforce account report: CSMs by name, no R&E manager column
        "Account ID,Account Name,Annual Recurring Revenue,Renewal Date,Customer Success Manager\n"
        f'001A,Acme Corp,"$120,000.00",{TODAY + timedelta(days=30)},Jane Doe\n'
        f"001B,Beta LLC,48000,{TODAY + timedelta(days=60)},Omar Haddad\n"
    )

    window._import()
    wizard = window.import_wizard
    choose_file(qtbot, wizard, write(tmp_path, crm_file))
    go_to_preview(qtbot, wizard)
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        finish_import(qtbot, wizard)

    assert imported.args[0].ctas_raised == 2
    status = wizard.running.status.text()
    assert "The alert scan raised 2 CTAs." in status
    assert "Change it on the RACI page." in status
    wizard.accept()
    # Mine: Jane's renewal, routed to her as the CSM; the other is Omar's.
    qtbot.waitUntil(lambda: window.task_pane.model.count() == 1, timeout=5000)
    item = window.task_pane.model.items()[0]
    assert (item.account_name, item.type, item.owner_id) == ("Acme Corp", "renewal", me)
    assert "routed to the CSM" in item.reason
    qtbot.waitUntil(lambda: "1 open CTA" in window.windowTitle(), timeout=5000)
