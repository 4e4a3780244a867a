"""Several people on one book, in the window: edits on the account's timeline, a stale
save asked about (reload theirs or keep mine), a failed team book connection."""

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from cswork.contacts import add_contact, contacts_of, update_contact
from cswork.store import open_book
from cswork.timeline import CHANGE
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.kit import undo
from ui.shell.app import Workbench, make_app


@pytest.fixture
def acme(book, make_window):
    people = add_people(book)
    account_id = add_account(book, TODAY, 60, name="Acme Corp", csm_id=people["csm"])
    with book.writing() as session:
        add_contact(session, account_id, name="Dana Whitfield", title="VP Operations")
    win = make_window(book, people["csm"])
    win.open_account(account_id)
    return win, people, account_id


def dana(book, account_id):
    with book.session() as session:
        return next(c for c in contacts_of(session, account_id) if c.name == "Dana Whitfield")


def edit_danas_phone(qtbot, win, phone: str):
    """Open Dana's form (it reads her as she is now), then let the caller act."""
    tab = win.customer360.contacts
    tab.select_contact("Dana Whitfield")
    tab.edit.click()
    form = tab.dialog
    form.phone.setText(phone)
    return tab, form


def colleague_retitles_dana(book, people, account_id, title: str) -> None:
    other = open_book(book.url)  # their own connection to the same book
    other.actor_id = people["re"]
    with other.writing() as session:
        update_contact(session, dana(book, account_id).id, title=title)
    other.close()


def timeline_lines(win):
    model = win.customer360.timeline.model
    return [model.item(row) for row in range(model.rowCount())]


def test_an_edit_shows_on_the_timeline_with_who_made_it(qtbot, acme, book):
    win, _, _ = acme
    tab, form = edit_danas_phone(qtbot, win, "+1 555 0100")
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    edits = [item for item in timeline_lines(win) if item.kind == CHANGE]
    assert (
        edits[0].text == "Changed phone of contact Dana Whitfield from (nothing) to “+1 555 0100”"
    )
    assert edits[0].author == "Casey Morgan"
    assert "Edit  ·  " in edits[0].heading

    win.customer360.timeline.show_changes.setChecked(False)  # notes and calls only
    assert all(item.kind != CHANGE for item in timeline_lines(win))


def test_a_stale_save_reloads_theirs_when_the_user_says_so(qtbot, acme, book, monkeypatch):
    win, people, account_id = acme
    asked = []
    monkeypatch.setattr(undo, "keep_mine", lambda stale: asked.append(str(stale)) or False)
    tab, form = edit_danas_phone(qtbot, win, "+1 555 0100")
    colleague_retitles_dana(book, people, account_id, "CFO")
    form.ok.click()  # refused: nothing is written, so the tab says so and shows theirs
    qtbot.waitUntil(lambda: "someone else changed it first" in tab.state.text(), timeout=5000)

    assert (
        "Riley Evans changed title of contact Dana Whitfield from “VP Operations” to “CFO”"
        in (asked[0])
    )
    stored = dana(book, account_id)
    assert (stored.title, stored.phone) == ("CFO", None)  # theirs kept, mine not written
    assert not form.isVisible()
    assert tab.current().title == "CFO"  # the tab shows the book as it is now
    assert not win.undo_stack.canUndo() or win.undo_stack.undoText() != "Edit Dana Whitfield"


def test_a_stale_save_is_written_when_the_user_keeps_theirs(qtbot, acme, book, monkeypatch):
    win, people, account_id = acme
    monkeypatch.setattr(undo, "keep_mine", lambda stale: True)
    tab, form = edit_danas_phone(qtbot, win, "+1 555 0100")
    colleague_retitles_dana(book, people, account_id, "CFO")
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    stored = dana(book, account_id)
    # The form held Dana as the user read her: keeping it keeps their whole edit.
    assert (stored.title, stored.phone) == ("VP Operations", "+1 555 0100")


def save_danas_phone(qtbot, win, phone: str):
    tab, form = edit_danas_phone(qtbot, win, phone)
    with qtbot.waitSignal(tab.changed, timeout=5000):
        form.ok.click()
    return tab


def test_undo_and_redo_go_through_when_nobody_else_saved_since(qtbot, acme, book):
    win, _, account_id = acme
    tab = save_danas_phone(qtbot, win, "+1 555 0100")

    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.undo()
    assert dana(book, account_id).phone is None
    with qtbot.waitSignal(tab.changed, timeout=5000):
        win.undo_stack.redo()
    assert dana(book, account_id).phone == "+1 555 0100"


def test_an_undo_never_writes_over_a_colleagues_later_save(qtbot, acme, book, monkeypatch):
    win, people, account_id = acme
    monkeypatch.setattr(undo, "keep_mine", lambda stale: pytest.fail("an undo is not asked"))
    tab = save_danas_phone(qtbot, win, "+1 555 0100")
    colleague_retitles_dana(book, people, account_id, "CFO")

    win.undo_stack.undo()
    qtbot.waitUntil(lambda: "Not undone: someone else" in tab.state.text(), timeout=5000)

    stored = dana(book, account_id)
    assert (stored.title, stored.phone) == ("CFO", "+1 555 0100")  # both saves stand
    assert not win.undo_stack.canRedo()  # the refused undo is out of the history
    assert win.undo_stack.undoText() != "Edit Dana Whitfield"
    assert tab.current().title == "CFO"


def test_the_stale_save_question_names_the_change_and_offers_both(qtbot, acme, book):
    """The real dialog: reload is the default, keep mine is there."""
    win, people, account_id = acme
    _, form = edit_danas_phone(qtbot, win, "+1 555 0100")
    colleague_retitles_dana(book, people, account_id, "CFO")
    seen = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.informativeText(), [b.text() for b in box.buttons()]))
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    form.ok.click()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=5000)
    text, buttons = seen[0]
    assert "Riley Evans changed title" in text
    assert set(buttons) == {"Reload theirs", "Keep mine"}
    assert dana(book, account_id).title == "CFO"


def test_a_team_book_that_cannot_be_reached_offers_the_local_book(qtbot, tmp_path, monkeypatch):
    """Nothing listens on the port: the message says so, and the local book opens."""
    import socket

    from cswork import paths

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    local = tmp_path / "local.db"
    monkeypatch.setattr(paths, "default_book_path", lambda: local)
    prefs = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    workbench = Workbench(make_app(), prefs, TODAY)
    monkeypatch.setattr(workbench, "_who_am_i", lambda book: None)
    shown = []

    def choose_local() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, choose_local)
            return
        shown.append(box.text())
        next(b for b in box.buttons() if b.text() == "Open my local book").click()

    QTimer.singleShot(0, choose_local)
    try:
        assert workbench.open(f"postgresql+psycopg://cs@127.0.0.1:{port}/team")
        assert shown == [
            f"Cannot reach the book's server at 127.0.0.1:{port}: "
            "is it running, and is the address right?"
        ]
        assert workbench.book.path == local
    finally:
        workbench.shutdown()
