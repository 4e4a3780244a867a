"""File > Import…: the wizard's pages, driven as a user would, on a real book."""

import hashlib
import threading
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy import func, select

from cswork.enums import AccountStatus, Segment
from cswork.importing import (
    KEEP,
    import_accounts,
    remembered_date_order,
    remembered_mapping,
    remembered_values,
)
from cswork.models import Account, Base, Contact, ScoreSnapshot
from tests.conftest import TODAY
from tests.factories import write
from tests.ui.widgets import shut_down
from ui.importing.models import PROBLEM_BACKGROUND, FieldRole, MappingModel
from ui.importing.wizard import ImportWizard, open_import_wizard
from ui.kit.background import Workers
from ui.shell.app import make_app

CRM_FILE = (
    "Account ID,Account Name,Annual Recurring Revenue,Renewal Date,Segment,Region\n"
    'A-1,Acme,"$120,000",2027-01-31,High Touch,EU\n'
    "A-2,Beta,5000,2027-03-01,low touch,US\n"
    "A-3,Gamma,700.50,2027-06-30,strategic,US\n"
)


@pytest.fixture
def wizard_on(qtbot, book):
    """A function that opens the wizard on an entity; the tasks shut down after."""
    make_app()
    workers = Workers()
    opened = []

    def open_wizard(entity="accounts"):
        wizard = ImportWizard(book, workers, TODAY, entity)
        qtbot.addWidget(wizard)
        wizard.show()
        opened.append(wizard)
        return wizard

    yield open_wizard
    for wizard in opened:
        wizard.close()
    shut_down(workers)


def choose_file(qtbot, wizard, path):
    wizard.choose.set_file(str(path))
    qtbot.waitUntil(wizard.choose.isComplete, timeout=5000)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping


def go_to_values(qtbot, wizard):
    wizard.next()
    assert wizard.currentPage() is wizard.values
    qtbot.waitUntil(lambda: wizard.values.file_dates is not None, timeout=5000)


def go_to_preview(qtbot, wizard):
    if wizard.currentPage() is wizard.mapping:
        go_to_values(qtbot, wizard)
    wizard.next()
    assert wizard.currentPage() is wizard.preview
    qtbot.waitUntil(lambda: wizard.preview.check is not None, timeout=5000)


def finish_import(qtbot, wizard):
    wizard.next()
    assert wizard.currentPage() is wizard.running
    qtbot.waitUntil(wizard.running.isComplete, timeout=10_000)


def fingerprint(book):
    digest = hashlib.sha256()
    with book.session() as session:
        for table in Base.metadata.sorted_tables:
            rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(repr(rows).encode())
    return digest.hexdigest()


def count(book, model):
    with book.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_good_file_imports(qtbot, wizard_on, book, tmp_path):
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, write(tmp_path, CRM_FILE))

    chosen = wizard.mapping.model.chosen()
    assert chosen == {
        "Account ID": "external_id",
        "Account Name": "name",
        "Annual Recurring Revenue": "arr",
        "Renewal Date": "renewal_date",
        "Segment": "segment",
        "Region": KEEP,  # no field of ours: kept as a custom field
    }
    assert wizard.mapping.isComplete()
    go_to_preview(qtbot, wizard)
    assert wizard.preview.summary.text() == (
        "<b>All 3 rows are ready to import.</b> Will be kept as custom fields: Region."
    )
    assert not wizard.preview.valid_only.isVisible()
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as imported:
        finish_import(qtbot, wizard)

    assert imported.args[0].imported == 3
    assert (
        wizard.running.status.text().split("\n\n")[0]  # then what the scan raised
        == "Imported 3 new accounts and updated 0. Kept as custom fields: Region."
    )
    assert count(book, Account) == 3
    with book.session() as session:
        assert remembered_mapping(session, "accounts") == {}  # nothing chosen by hand


def test_the_mapping_flags_a_missing_field_and_remembers_the_choice(
    qtbot, wizard_on, book, tmp_path
):
    path = write(tmp_path, "Cust #,Customer,Seats\nA-1,Acme,10\n")
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, path)
    mapping = wizard.mapping

    assert not mapping.isComplete()
    assert mapping.problem.text() == "Choose a column for external ID: every row needs one."
    # The user picks the field in the row's drop-down.
    combo = mapping.table.indexWidget(mapping.model.index(0, MappingModel.FIELD))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("external_id"))
    assert mapping.model.chosen()["Cust #"] == "external_id"
    assert mapping.isComplete()
    assert mapping.model.index(0, 3).data() == "your choice"
    go_to_preview(qtbot, wizard)
    finish_import(qtbot, wizard)

    with book.session() as session:
        assert remembered_mapping(session, "accounts") == {"Cust #": "external_id"}
    # The next file from that CRM finds its column by itself.
    again = wizard_on("accounts")
    choose_file(qtbot, again, write(tmp_path, "Cust #,Customer\nA-2,Beta\n", "next.csv"))
    assert again.mapping.model.index(0, 3).data() == "remembered from the last import"
    assert again.mapping.isComplete()


def test_two_columns_for_one_field_are_flagged(qtbot, wizard_on, tmp_path):
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, write(tmp_path, "Account ID,Account Name,Name\nA-1,Acme,x\n"))
    mapping = wizard.mapping
    assert mapping.isComplete()  # the second name column was left out

    mapping.model.setData(mapping.model.index(2, MappingModel.FIELD), "name", FieldRole)

    assert not mapping.isComplete()
    assert mapping.problem.text() == "Two columns fill name: leave one of them out."


def test_the_preview_marks_problems_and_imports_the_valid_rows_only(
    qtbot, wizard_on, book, tmp_path
):
    text = CRM_FILE + "B-1,Bad,-5,31/02/2026,gold,EU\n"
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, write(tmp_path, text))
    go_to_preview(qtbot, wizard)
    preview = wizard.preview

    assert preview.summary.text().startswith("<b>3 rows are ready; 1 is refused</b> (3 problems).")
    model = preview.model
    assert model.rowCount() == 4
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Row",
        "Problems",
        "Account ID",
        "Account Name",
        "Annual Recurring Revenue",
        "Renewal Date",
        "Segment",
    ]
    bad_arr = model.index(3, 4)
    assert bad_arr.data() == "-5"
    assert bad_arr.data(Qt.ItemDataRole.BackgroundRole).name() == PROBLEM_BACKGROUND
    assert "ARR cannot be less than 0" in bad_arr.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, 4).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(3, 1).data().startswith("Annual Recurring Revenue: '-5' is negative")
    preview.only_refused.setChecked(True)
    assert model.rowCount() == 1 and model.index(0, 0).data() == "5"

    assert not preview.isComplete()  # all or nothing, unless the user says otherwise
    preview.valid_only.setChecked(True)
    assert preview.isComplete()
    finish_import(qtbot, wizard)

    assert count(book, Account) == 3
    assert wizard.running.status.text().startswith(
        "Imported 3 new accounts and updated 0; refused 1 row"
    )


def test_cancel_leaves_the_book_unchanged(qtbot, wizard_on, book, tmp_path):
    rows = "".join(f"A-{n},Company {n},{n}.50,2027-01-31,low-touch,EU\n" for n in range(20_000))
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, write(tmp_path, CRM_FILE.split("\n")[0] + "\n" + rows))
    go_to_preview(qtbot, wizard)
    before = fingerprint(book)
    # Hold the single writer, so the import waits in line until the user has cancelled.
    writer_free = threading.Event()
    wizard.workers.writes.submit(writer_free.wait)
    wizard.next()
    assert wizard.running.busy

    with qtbot.waitSignal(wizard.rejected, timeout=20_000):
        wizard.reject()  # the wizard's Cancel button
        assert wizard.isVisible()  # stays until the import has rolled back
        assert wizard.running.status.text() == "Cancelling: nothing will be written…"
        writer_free.set()

    assert wizard.running.status.text() == "Cancelled: nothing was written."
    assert fingerprint(book) == before


def test_contacts_and_scores_through_the_wizard(qtbot, wizard_on, book, tmp_path):
    import_accounts(book, write(tmp_path, CRM_FILE, "accounts.csv"), today=TODAY)
    contacts = wizard_on("contacts")
    choose_file(
        qtbot, contacts, write(tmp_path, "Account ID,Full Name,Email\nA-1,Dana,d@a.example\n")
    )
    go_to_preview(qtbot, contacts)
    finish_import(qtbot, contacts)
    scores = wizard_on("scores")
    choose_file(
        qtbot, scores, write(tmp_path, "Account ID,Category,Score\nA-1,adoption,80\n", "s.csv")
    )
    go_to_preview(qtbot, scores)
    finish_import(qtbot, scores)

    assert (count(book, Contact), count(book, ScoreSnapshot)) == (1, 1)
    with book.session() as session:
        assert session.scalar(select(Account.health).where(Account.external_id == "A-1")) == 80


def test_a_file_that_cannot_be_read_says_why(qtbot, wizard_on, tmp_path):
    wizard = wizard_on("accounts")
    bad = tmp_path / "sheet.xlsx"
    bad.write_text("external_id,name\n")

    wizard.choose.set_file(str(bad))

    qtbot.waitUntil(lambda: "not an Excel workbook" in wizard.choose.status.text(), timeout=5000)
    assert not wizard.choose.isComplete()


def test_closing_while_a_file_is_read_is_quiet(qtbot, book, tmp_path):
    make_app()
    workers, window = Workers(), QWidget()
    qtbot.addWidget(window)
    wizard = open_import_wizard(window, book, workers, TODAY, lambda _: None, "accounts")
    wizard.choose.set_file(str(write(tmp_path, CRM_FILE)))

    gone = []
    wizard.destroyed.connect(lambda: gone.append(True))
    wizard.reject()  # before the read has answered; the wizard is deleted
    qtbot.waitUntil(lambda: bool(gone), timeout=5000)
    # The answer arrives and is dropped: nothing raises.
    qtbot.waitUntil(lambda: not workers.reads.busy, timeout=5000)
    workers.shutdown()


def test_the_models_pass_the_model_tester(qtbot, qtmodeltester, wizard_on, tmp_path):
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, write(tmp_path, CRM_FILE + "B-1,Bad,-5,,,\n"))
    qtmodeltester.check(wizard.mapping.model)
    go_to_preview(qtbot, wizard)
    qtmodeltester.check(wizard.preview.model)


def test_file_import_opens_the_wizard_for_every_entity(book, make_window):
    window = make_window(book)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "Import" in a.text())

    action.trigger()

    wizard = window.import_wizard
    assert action.text() == "&Import…" and wizard.isVisible()
    whats = [wizard.choose.what.itemData(i) for i in range(wizard.choose.what.count())]
    assert whats == ["accounts", "contacts", "opportunities", "scores"]
    wizard.reject()


# The "Values and dates" page ------------------------------------------------------------

SALESFORCE_FILE = (
    "Customer Accounts by Segment\n"
    "\n"
    "Account ID,Account Name,Segment,Customer Status,Contract End Date\n"
    "A-1,Acme,Enterprise,Customer,03/04/2027\n"
    "A-2,Beta,Mid-Market,Churned,05/06/2027\n"
    "A-3,Gamma,SMB,Customer,07/08/2027\n"
    "A-4,Delta,SMB,Customer,09/10/2027\n"
    "\n"
    "Grand Totals (4 records),,,,\n"
    "Generated By: Jane Doe  11/23/2026 9:58 AM\n"
)


def value_rows(wizard):
    model = wizard.values.model
    return [
        (row.header, row.text, row.rows, model.data(model.index(n, 3)))
        for n, row in enumerate(model.records())
    ]


def choose_value(wizard, text, choice):
    """Pick ``choice`` in the "Reads as" drop-down of the value ``text``, as a user would."""
    model, table = wizard.values.model, wizard.values.table
    row = next(n for n, record in enumerate(model.records()) if record.text == text)
    combo = table.indexWidget(model.index(row, model.CHOICE))
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(choice))


def choose_order(wizard, order):
    wizard.values.order.setCurrentIndex(wizard.values.order.findData(order))


def test_the_values_page_maps_a_crm_s_words_and_the_book_remembers(
    qtbot, wizard_on, book, tmp_path
):
    wizard = wizard_on("accounts")
    choose_file(qtbot, wizard, write(tmp_path, SALESFORCE_FILE))
    go_to_values(qtbot, wizard)

    assert value_rows(wizard) == [
        ("Segment", "SMB", 2, "— not mapped: refused —"),
        ("Segment", "Enterprise", 1, "— not mapped: refused —"),
        ("Segment", "Mid-Market", 1, "— not mapped: refused —"),
        ("Customer Status", "Customer", 3, "active"),  # a built-in alias
        ("Customer Status", "Churned", 1, "churned"),
    ]
    # Every date reads two ways: the page waits for the order, showing both readings.
    assert not wizard.values.isComplete()
    assert "03/04/2027 → 4 Mar 2027 or 3 Apr 2027" in wizard.values.dates.text()
    choose_order(wizard, "DMY")
    assert wizard.values.isComplete()
    choose_value(wizard, "Enterprise", "strategic")
    choose_value(wizard, "Mid-Market", "high-touch")
    choose_value(wizard, "SMB", "low-touch")
    assert wizard.values.model.chosen() == {
        "segment": {"Enterprise": "strategic", "Mid-Market": "high-touch", "SMB": "low-touch"}
    }
    go_to_preview(qtbot, wizard)
    assert wizard.preview.summary.text().startswith("<b>All 4 rows are ready to import.</b>")
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        finish_import(qtbot, wizard)

    with book.session() as session:
        found = {a.external_id: a for a in session.scalars(select(Account))}
        assert remembered_values(session, "accounts") == {
            "segment": {"Enterprise": "strategic", "Mid-Market": "high-touch", "SMB": "low-touch"}
        }
        assert remembered_date_order(session) == "DMY"
    assert found["A-1"].segment == Segment.STRATEGIC
    assert found["A-1"].renewal_date == date(2027, 4, 3)
    assert found["A-2"].status == AccountStatus.CHURNED

    # The next file from the same CRM: the page opens as the user left it.
    again = wizard_on("accounts")
    choose_file(qtbot, again, write(tmp_path, SALESFORCE_FILE, "again.csv"))
    go_to_values(qtbot, again)
    assert again.values.date_order == "DMY" and again.values.isComplete()
    assert [row[3] for row in value_rows(again)][:3] == ["low-touch", "strategic", "high-touch"]


def test_an_unmapped_value_is_refused_in_the_wizard_s_words(qtbot, wizard_on, book, tmp_path):
    wizard = wizard_on("accounts")
    text = "Account ID,Account Name,Segment\nA-1,Acme,Enterprise\nA-2,Beta,strategic\n"
    choose_file(qtbot, wizard, write(tmp_path, text))
    go_to_values(qtbot, wizard)
    assert "Choose what to read segment 'Enterprise' as" in wizard.values.status.text()

    go_to_preview(qtbot, wizard)

    refused = wizard.preview.check.rows[0].problems
    assert [str(problem) for problem in refused] == [
        "row 2, Segment: 'Enterprise' is not one of high-touch, low-touch or strategic; "
        'choose what it reads as on the page "Values and dates"'
    ]
