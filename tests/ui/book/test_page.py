"""The window on a small book: the book table, views, filter, Customer360, timeline."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cswork.enums import CtaType, Segment
from cswork.models import Cta
from cswork.store import open_book
from cswork.timeline import CHANGE, recent_entries
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.book.model import COLUMN_KEYS, BookModel


@pytest.fixture
def filled_book(book):
    people = add_people(book)
    ids = {
        "acme": add_account(
            book,
            TODAY,
            30,
            external_id="A",
            name="Acme Corp",
            health=40,
            csm_id=people["csm"],
            re_manager_id=people["re"],
        ),
        "beta": add_account(
            book,
            TODAY,
            200,
            external_id="B",
            name="Beta Labs",
            health=90,
            segment=Segment.STRATEGIC,
            csm_id=people["csm"],
        ),
        "cobalt": add_account(
            book,
            TODAY,
            60,
            external_id="C",
            name="Cobalt Systems",
            segment=Segment.LOW_TOUCH,
            re_manager_id=people["re"],
        ),
    }
    with book.writing() as session:
        for days, priority in ((-2, "high"), (0, "medium"), (3, "low"), (30, "medium")):
            session.add(
                Cta(
                    account_id=ids["acme"],
                    type=CtaType.ACTIVITY,
                    reason=f"due {days}",
                    priority=priority,
                    owner_id=people["csm"],
                    due_on=TODAY + timedelta(days=days),
                )
            )
    return book, people, ids


@pytest.fixture
def window(filled_book, make_window):
    book, people, _ = filled_book
    return make_window(book, people["csm"], refresh=True)


def names_shown(win):
    model = win.book_model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def test_book_model_passes_the_model_tester(qtmodeltester, filled_book):
    book, _, _ = filled_book
    from cswork.book import BookIndex, load_rows

    model = BookModel(TODAY)
    with book.session() as session:
        model.set_index(BookIndex(load_rows(session)))
    qtmodeltester.check(model)
    model.set_filter("acme")
    model.sort(COLUMN_KEYS.index("arr"), Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_cta_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.task_pane.model)


def test_filter_narrows_the_rows_as_the_user_types(qtbot, window):
    assert sorted(names_shown(window)) == ["Acme Corp", "Beta Labs", "Cobalt Systems"]
    qtbot.keyClicks(window.book_page.filter, "co")
    assert sorted(names_shown(window)) == ["Acme Corp", "Cobalt Systems"]  # Acme *Co*rp
    qtbot.keyClicks(window.book_page.filter, "b")
    assert names_shown(window) == ["Cobalt Systems"]
    window.book_page.filter.clear()
    assert len(names_shown(window)) == 3
    qtbot.waitUntil(lambda: window.book_page.status.text().startswith("3 accounts"))


def test_saved_views(qtbot, window):
    window.book_page.select_view("My accounts")
    assert sorted(names_shown(window)) == ["Acme Corp", "Beta Labs"]
    window.book_page.select_view("Renewing in 90 days")
    assert names_shown(window) == ["Acme Corp", "Cobalt Systems"]  # sorted by renewal date
    window.book_page.select_view("At risk")
    assert names_shown(window) == ["Acme Corp"]
    window.book_page.select_view("Strategic")
    assert names_shown(window) == ["Beta Labs"]
    qtbot.waitUntil(lambda: "1 of 3 accounts" in window.book_page.status.text())


def test_sorting_by_a_header_click(qtbot, window):
    table = window.book_page.table
    table.sortByColumn(COLUMN_KEYS.index("name"), Qt.SortOrder.DescendingOrder)
    assert names_shown(window) == ["Cobalt Systems", "Beta Labs", "Acme Corp"]


def test_enter_opens_the_customer360(qtbot, window, filled_book):
    _, _, ids = filled_book
    table = window.book_page.table
    table.setFocus()
    row = window.book_model.row_of_account(ids["cobalt"])
    table.setCurrentIndex(window.book_model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.customer360
    assert window.customer360.title.text() == "Cobalt Systems"
    assert window.customer360.renewal.detail.text() == "in 60 days"


def test_task_pane_groups_open_ctas(window):
    model = window.task_pane.model
    groups = [model.data(model.index(r, 0)) for r in range(model.rowCount())]
    assert groups == ["Overdue  (1)", "Today  (1)", "This week  (1)", "Later  (1)"]
    assert "4 open CTAs" in window.windowTitle()


def test_a_timeline_entry_persists_across_reopening_the_book(qtbot, window, filled_book):
    book, _, ids = filled_book
    window.open_account(ids["acme"])
    c360 = window.customer360
    qtbot.keyClicks(c360.timeline.text, "Called Dana: renewal on track, wants SSO.")
    with qtbot.waitSignal(c360.timeline_changed, timeout=5000):
        qtbot.mouseClick(c360.timeline.add, Qt.MouseButton.LeftButton)
    model = c360.timeline.model
    logged = [model.item(row) for row in range(model.rowCount())]
    assert [i.text for i in logged if i.kind != CHANGE] == [
        "Called Dana: renewal on track, wants SSO."
    ]
    assert c360.timeline.text.toPlainText() == ""

    reopened = open_book(book.url)
    with reopened.session() as session:
        entries = recent_entries(session, ids["acme"])
    reopened.close()
    assert [e.text for e, _ in entries] == ["Called Dana: renewal on track, wants SSO."]


def test_window_layout_is_remembered(filled_book, make_window):
    book, people, _ = filled_book
    first = make_window(book, people["csm"])
    first.resize(first.width(), 600)  # the offscreen screen is 800x800
    first.dock.close()
    first.book_page.select_view("Strategic")
    first.close()
    second = make_window(book, people["csm"])  # on the same preferences
    assert second.height() == 600
    assert not second.dock.isVisible()
    assert second.book_model.view == "Strategic"


def test_jump_to_account_finds_by_part_of_the_name(qtbot, window, filled_book):
    from ui.shell.jump import JumpDialog

    _, _, ids = filled_book
    dialog = JumpDialog(window.book_model.rows(), window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.query, "labs")
    qtbot.keyClick(dialog.query, Qt.Key.Key_Return)
    assert dialog.chosen_account_id == ids["beta"]
    QApplication.processEvents()


def test_the_book_exports_as_shown_and_imports_back(qtbot, window, tmp_path):
    """Filtered to two accounts, sorted by ARR descending: the file has those two in
    that order, under the import's headers."""
    import csv

    from cswork.importing import import_accounts

    qtbot.keyClicks(window.book_page.filter, "co")  # Acme Corp, Cobalt Systems
    window.book_page.table.sortByColumn(COLUMN_KEYS.index("name"), Qt.SortOrder.DescendingOrder)
    assert names_shown(window) == ["Cobalt Systems", "Acme Corp"]
    path = tmp_path / "view.csv"
    window.export_book_view(path)
    qtbot.waitUntil(lambda: "Wrote 2 accounts" in window.statusBar().currentMessage(), timeout=5000)
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["name"] for r in rows] == ["Cobalt Systems", "Acme Corp"]
    assert [r["external_id"] for r in rows] == ["C", "A"]
    report = import_accounts(window.book, path, today=TODAY)
    assert (report.imported, report.updated, report.refused) == (0, 2, [])


def test_the_task_list_exports_in_its_order(qtbot, window, tmp_path):
    import csv

    path = tmp_path / "ctas.csv"
    window.export_task_list(path)
    qtbot.waitUntil(lambda: "Wrote 4 CTAs" in window.statusBar().currentMessage(), timeout=5000)
    with path.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [r["reason"] for r in rows] == ["due -2", "due 0", "due 3", "due 30"]
    assert rows[0]["account"] == "Acme Corp" and rows[0]["owner"] == "casey@example.com"
