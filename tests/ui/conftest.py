"""The main window for a test, and Qt widgets gone when their test ends.

``make_window(book, me_id)`` builds the window the app shows, on the test's own
preferences file (``prefs``), shown; ``refresh=True`` also waits until the book and
the task pane have loaded. Windows made by one test share their ``Workers`` (as the
app's do); at the end every window is closed and deleted and the workers shut down.

Widgets a test leaves to ``deleteLater``, and main windows the app opened itself, are
deleted as the test ends, not whenever the next test first runs the event loop (or
never): left alive, the next test's ``make_app`` restyles them all, half a second for
each main window (tests/ui/widgets.py)."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from tests.conftest import TODAY
from tests.ui.widgets import delete_closed_widgets, shut_down
from ui.kit.background import Workers
from ui.shell.app import make_app
from ui.shell.main_window import MainWindow


@pytest.fixture(autouse=True)
def _widgets_deleted_at_the_end():
    yield
    # A window the app itself opened (a Workbench's) goes too, with its workers.
    for widget in QApplication.topLevelWidgets() if QApplication.instance() else []:
        if isinstance(widget, MainWindow):
            widget.close()
            shut_down(widget.workers)
            widget.deleteLater()
    delete_closed_widgets()


@pytest.fixture
def prefs(tmp_path):
    """The user's preferences (window layout, who "me" is), private to the test."""
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, prefs):
    """A function that builds a shown main window on a book, as "me" (a person's id)."""
    make_app()  # the app's name, icon and style sheet
    windows: list[MainWindow] = []
    workers: list[Workers] = []

    def make(book, me_id: int | None = None, *, refresh: bool = False) -> MainWindow:
        if not workers:
            workers.append(Workers())
        win = MainWindow(book, workers[0], TODAY, me_id, prefs)
        qtbot.addWidget(win)
        windows.append(win)
        win.show()
        win.activateWindow()
        if refresh:
            with qtbot.waitSignals([win.book_loaded, win.tasks_loaded], timeout=5000):
                win.refresh()
        return win

    yield make
    for win in windows:
        if shiboken6.isValid(win):
            win.close()
    for each in workers:
        shut_down(each)
    for win in windows:
        if shiboken6.isValid(win):
            win.deleteLater()
    delete_closed_widgets()
