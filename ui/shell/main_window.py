"""The main window: navigation, the central pages, the task pane, menus."""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import date
from hashlib import sha1
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QSystemTrayIcon,
    QWidget,
)

import cswork
from cswork.book import BookIndex, book_money, load_row, load_rows, open_cta_counts
from cswork.changes import Changes
from cswork.ctas import list_ctas, open_ctas
from cswork.enums import CtaStatus
from cswork.exporting import CTA_HEADERS, cta_rows, export_accounts, write_table
from cswork.people import claim_login
from cswork.store import Book
from ui.book.model import BookModel
from ui.book.page import BookPage
from ui.comp.page import CompPage
from ui.ctas.actions import CtaActions
from ui.ctas.task_pane import TaskPane
from ui.customer360.edit_account import edit_account, new_account
from ui.customer360.page import Customer360Page
from ui.importing.wizard import open_import_wizard
from ui.kit.background import Workers
from ui.kit.table_files import TABLE_FILES, choose_file, write_in_background
from ui.kit.undo import Edits
from ui.raci.page import RaciPage
from ui.renewals.calendar_file import export_calendar
from ui.renewals.page import RenewalsPage
from ui.settings.page import SettingsPage
from ui.shell.jump import JumpDialog
from ui.shell.notify import notify_new_ctas
from ui.shell.team_book import TeamBookDialog

if TYPE_CHECKING:
    from cswork.schedule import AlertSchedule

PAGES = ["Book", "Renewals", "RACI", "Comp", "Settings"]


def me_key(book: Book) -> str:
    """Who "me" is, per book, in the user's own preferences (a team book is shared)."""
    return "me/" + sha1(book.label.encode()).hexdigest()[:16]


def _claim_login(book: Book, person_id: int) -> None:
    with book.writing() as session:
        claim_login(session, person_id)


class MainWindow(QMainWindow):
    book_loaded = Signal()
    tasks_loaded = Signal()
    scan_finished = Signal(object)  # ScanReport, after the window has taken it in
    _scan_done = Signal(object)  # from the scheduler's thread
    _scan_failed = Signal(str)
    open_book_requested = Signal(str)  # a path, or "" for the demo book

    def __init__(
        self, book: Book, workers: Workers, today: date, me_id: int | None, prefs: QSettings
    ) -> None:
        super().__init__()
        self.book, self.workers, self.today, self.me_id, self.prefs = (
            book,
            workers,
            today,
            me_id,
            prefs,
        )
        book.actor_id = me_id  # the audit trail names them on each edit
        self.setObjectName("mainWindow")
        self.open_cta_count = 0
        # One undo history for the window's edits to the book (Customer360, RACI...),
        # and one way to make them: every page's edits go through self.edits, and what
        # they changed comes back to apply_changes.
        self.undo_stack = QUndoStack(self)
        self.edits = Edits(book, workers, self.undo_stack, self)
        self.edits.changed.connect(self.apply_changes)
        self.schedule = None  # the AlertSchedule, once start_alerts() runs
        self._scan_done.connect(self._scan_finished)
        self._scan_failed.connect(
            lambda message: self.statusBar().showMessage(f"The alert scan failed: {message}")
        )
        self.workers.reads.failed.connect(self._show_failure)
        self.workers.writes.failed.connect(self._show_failure)

        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.addItems(PAGES)
        self.nav.setFixedWidth(128)
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.nav.currentRowChanged.connect(self._show_page)

        self.book_model = BookModel(today, me_id, self)
        self.book_page = BookPage(self.book_model)
        self.book_page.account_opened.connect(self.open_account)
        self.book_page.edit_requested.connect(self.edit_account)
        self.book_page.new_requested.connect(self.new_account)
        self.cta_actions = CtaActions(
            book, workers, today, me_id, self.book_model.rows, self.open_account, self
        )
        self.cta_actions.changed.connect(lambda _cta_id: self.apply_changes(Changes(ctas=True)))
        self.cta_actions.notice.connect(self._show_notice)
        self.customer360 = Customer360Page(
            book, workers, self.edits, today, me_id, self.cta_actions
        )
        self.customer360.back_requested.connect(lambda: self.go_to("Book"))
        self.customer360.changed.connect(self.apply_changes)
        self.raci_page = RaciPage(book, self.edits)
        self.renewals_page = RenewalsPage(book, workers, today, me_id)
        self.renewals_page.account_opened.connect(self.open_account)
        self.comp_page = CompPage(book, workers, self.edits, today)
        self.settings_page = SettingsPage(book, self.edits, today)
        self.settings_page.me_changed.connect(
            lambda person_id: self.apply_changes(Changes(me_changed=True, me_id=person_id))
        )
        self.settings_page.team_book_requested.connect(self.open_team_book)
        self.stack = QStackedWidget()
        for page in (self.book_page, self.raci_page, self.settings_page, self.customer360):
            self.stack.addWidget(page)
        self.stack.addWidget(self.renewals_page)
        self.stack.addWidget(self.comp_page)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.task_pane = TaskPane(today)
        self.task_pane.account_requested.connect(self.open_account)
        self.task_pane.scope_changed.connect(lambda _: self.reload_tasks())
        self.task_pane.new_cta_requested.connect(self.new_cta)
        self.task_pane.attach(self.cta_actions)
        self.dock = QDockWidget("Tasks", self)
        self.dock.setObjectName("taskPane")
        self.dock.setWidget(self.task_pane)
        self.dock.setMinimumWidth(320)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

        self._build_menus()
        self.undo = QPushButton("Undo")
        self.undo.setToolTip("Reopen the CTA you just closed or snoozed")
        self.undo.hide()
        self.undo.clicked.connect(self._undo_last)
        self._undo = None
        self.statusBar().addPermanentWidget(self.undo)
        self.statusBar().messageChanged.connect(lambda text: text or self.undo.hide())
        self._tray: QSystemTrayIcon | None = None
        self.statusBar().showMessage(f"Book: {book.label}")
        self._restore_layout()
        self.nav.setCurrentRow(0)
        self._update_title()

    # -- menus ---------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file = bar.addMenu("&File")
        self._action(file, "&New CTA…", self.new_cta, QKeySequence.StandardKey.New)
        self._action(file, "New &account…", self.new_account, "Ctrl+Shift+N")
        file.addSeparator()
        self._action(file, "&Open book…", self._choose_book, QKeySequence.StandardKey.Open)
        self._action(file, "Open &team book…", self.open_team_book)
        self._action(file, "Open &demo book", lambda: self.open_book_requested.emit(""))
        file.addSeparator()
        self._action(file, "&Import…", self._import, "Ctrl+I")
        self._action(file, "&Export the book as shown…", self.export_book_view, "Ctrl+E")
        self._action(file, "Export the &task list…", self.export_task_list)
        self._action(file, "Export &calendar (.ics)…", lambda: export_calendar(self))
        file.addSeparator()
        self._action(file, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)

        go = bar.addMenu("&Go")
        self._action(go, "&Book", lambda: self.go_to("Book"), "Ctrl+1")
        self._action(go, "Re&newals", lambda: self.go_to("Renewals"), "Ctrl+2")
        self._action(go, "&RACI", lambda: self.go_to("RACI"))
        self._action(go, "&Comp", lambda: self.go_to("Comp"))
        self._action(go, "&Settings", lambda: self.go_to("Settings"), "Ctrl+,")
        go.addSeparator()
        self._action(go, "&Jump to account…", self.jump_to_account, "Ctrl+K")
        self._action(go, "Back to the book", lambda: self.go_to("Book"), "Alt+Left")

        view = bar.addMenu("&View")
        toggle = self.dock.toggleViewAction()
        toggle.setText("&Task pane")
        toggle.setShortcut(QKeySequence("Ctrl+T"))
        view.addAction(toggle)
        self._action(view, "&Refresh", self.refresh, QKeySequence.StandardKey.Refresh)

        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About CSM Workbench", self.show_about)

    # -- navigation ----------------------------------------------------------------
    def go_to(self, page: str) -> None:
        self.nav.setCurrentRow(PAGES.index(page))
        self._show_page(PAGES.index(page))

    def _show_page(self, row: int) -> None:
        if row < 0:
            return
        page = PAGES[row]
        if page == "Book":
            self.stack.setCurrentWidget(self.book_page)
        elif page == "Renewals":
            self.renewals_page.show_page()
            self.stack.setCurrentWidget(self.renewals_page)
        elif page == "RACI":
            self.raci_page.show_page()
            self.stack.setCurrentWidget(self.raci_page)
        elif page == "Comp":
            self.comp_page.show_page(self.me_id)
            self.stack.setCurrentWidget(self.comp_page)
        elif page == "Settings":
            self.settings_page.refresh(self.me_id)
            self.stack.setCurrentWidget(self.settings_page)

    def open_account(self, account_id: int) -> None:
        self.customer360.show_account(account_id)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(PAGES.index("Book"))
        self.nav.blockSignals(False)
        self.stack.setCurrentWidget(self.customer360)

    def new_account(self) -> None:
        """The New account form; the account opens once it is created."""
        self.account_dialog = new_account(
            self, self.book, self.edits, self.today, created=self.open_account
        )

    def edit_account(self, account_id: int) -> None:
        self.account_dialog = edit_account(
            self,
            self.book,
            self.edits,
            account_id,
            self.today,
            lambda message, _stale: self.statusBar().showMessage(message, 15_000),
        )

    def jump_to_account(self) -> None:
        dialog = JumpDialog(self.book_model.rows(), self)
        if dialog.exec() and dialog.chosen_account_id is not None:
            self.open_account(dialog.chosen_account_id)

    # -- loading -------------------------------------------------------------------
    def refresh(self) -> None:
        self.apply_changes(Changes(every_account=True, ctas=True))

    def reload_book(self) -> None:
        book, today = self.book, self.book_model.today

        def read() -> BookIndex:
            with book.session() as session:
                money = book_money(session, today)
                return BookIndex(load_rows(session), presort=["renewal_date"], money=money)

        self.book_page.set_loading(True)
        self.workers.reads.submit(read, self._book_read)

    def _book_read(self, index: BookIndex) -> None:
        self.book_model.set_index(index)
        self.book_page.set_loading(False)
        # The book is hundreds of thousands of long-lived objects. Left to Python's cyclic
        # collector, each full collection walks them all on whatever thread allocates,
        # a 100 ms freeze now and then; frozen, it walks only what is new. (Reference
        # counting still frees a book that is read again.)
        gc.freeze()
        self.book_loaded.emit()

    def reload_tasks(self) -> None:
        book, owner = self.book, (self.me_id if self.task_pane.mine_only else None)

        def read():
            with book.session() as session:
                return open_ctas(session, owner)

        self.workers.reads.submit(read, self._tasks_read)

    def _tasks_read(self, items) -> None:
        self.task_pane.set_items(items)
        self.open_cta_count = len(items)
        self._update_title()
        self.tasks_loaded.emit()

    def _update_title(self) -> None:
        name = Path(self.book.label).name if self.book.path else self.book.label
        count = self.open_cta_count
        open_ctas = f" — {count} open CTA{'s' if count != 1 else ''}" if count else ""
        self.setWindowTitle(f"CSM Workbench — {name}{open_ctas}")
        self.dock.setWindowTitle(f"Tasks ({count})" if count else "Tasks")

    # -- CTAs ----------------------------------------------------------------------
    def new_cta(self) -> None:
        """A CTA for the account on screen, or for one the user searches for."""
        if self.stack.currentWidget() is self.customer360:
            self.customer360.new_cta()
        else:
            self.cta_actions.new_cta()

    def reload_cta_counts(self) -> None:
        """The book's open-CTA column, without reading 100,000 accounts again."""
        book, index = self.book, self.book_model.index_now

        def read() -> dict[int, int]:
            with book.session() as session:
                return index.open_cta_changes(open_cta_counts(session))

        self.workers.reads.submit(
            read, lambda changes: self.book_model.apply_open_cta_changes(index, changes)
        )

    def start_alerts(self, clock: Callable[[], date] = date.today) -> AlertSchedule:
        """Scan now (catching up on anything missed while the app was closed), then on
        the schedule. Each scan runs in a child process, waited for on the scheduler's
        thread; results arrive by signal. ``clock`` says what day it is."""
        # Loaded here, after the window has painted: the rules and the scheduler are a
        # tenth of a second of imports that start-up does not need.
        from cswork.alerts.elsewhere import ScanReport, scan_in_child
        from cswork.schedule import AlertSchedule

        book, me = self.book, self.me_id

        def run_scan(today: date) -> tuple[ScanReport, list]:
            report = scan_in_child(book.url.render_as_string(hide_password=False), today)
            with book.session() as session:
                raised = list_ctas(
                    session, ids=report.raised_ids[:500], owner_id=me, statuses=list(CtaStatus)
                )
            return report, raised

        self.schedule = AlertSchedule(
            run_scan,
            self._scan_done.emit,
            lambda exc: self._scan_failed.emit(str(exc)),
            today=clock,
        )
        self._wake_timer = QTimer(self)  # lives as long as the window
        self._wake_timer.setInterval(60_000)
        self._wake_timer.timeout.connect(self.schedule.wakeup)
        self._wake_timer.start()
        self.schedule.start()
        return self.schedule

    def _scan_finished(self, outcome) -> None:
        result, raised = outcome
        news = result.raised_ids or result.snoozes_ended or result.closed_as_moved
        opened = result.renewals_opened_for  # renewal opportunities the scan added
        if result.today != self.today or news or opened:
            self.apply_changes(
                Changes(
                    # a few rows re-read one by one; many: the whole book in one read
                    accounts=frozenset(opened) if len(opened) <= 100 else frozenset(),
                    every_account=len(opened) > 100,
                    ctas=bool(news),
                    today=result.today if result.today != self.today else None,
                )
            )
        if news:
            self.notify_new_ctas(raised)
        self.scan_finished.emit(result)

    def _show_notice(self, text: str, undo) -> None:
        self.statusBar().showMessage(text, 15_000)
        self._undo = undo
        self.undo.setVisible(undo is not None)

    def _undo_last(self) -> None:
        self.undo.hide()
        if self._undo is not None:
            self._undo()
            self._undo = None

    def notify_new_ctas(self, items) -> bool:
        """Tell the user about new high-priority CTAs in the system tray, if there is one."""
        if self._tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            self._tray = QSystemTrayIcon(self.windowIcon(), self)
            self._tray.setToolTip("CSM Workbench")
            self._tray.activated.connect(lambda _reason: (self.showNormal(), self.activateWindow()))
            self._tray.show()
        return notify_new_ctas(self._tray, items)

    # -- changes -------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """The one way news of a change reaches the pages: an edit (or its undo), a
        scan, an import, a new day, a new "me". The window keeps its own state and the
        book's rows; each page decides what it shows again."""
        if changes.today:
            self.today = changes.today
        if changes.me_changed:
            self._remember_me(changes.me_id)
        if changes.every_account:
            self.reload_book()
        else:
            for account_id in changes.accounts:
                self._reload_row(account_id)
        if changes.ctas or changes.me_changed:
            self.reload_tasks()
        if changes.ctas and not changes.every_account:  # a whole book read counts them
            self.reload_cta_counts()
        for page in (
            self.book_model,
            self.task_pane,
            self.cta_actions,
            self.customer360,
            self.renewals_page,
            self.raci_page,
            self.comp_page,
            self.settings_page,
        ):
            page.on_changes(changes)

    def _reload_row(self, account_id: int) -> None:
        """One account's row in the book (health, owners, ARR...), read afresh."""
        book = self.book

        def read():
            with book.session() as session:
                return load_row(session, account_id)

        self.workers.reads.submit(read, lambda row: row and self.book_model.replace_row(row))

    def _remember_me(self, person_id: int | None) -> None:
        self.me_id = person_id
        self.book.actor_id = person_id
        self.prefs.setValue(me_key(self.book), person_id)
        if person_id is not None and not self.book.is_sqlite:  # this login is them
            book = self.book
            self.workers.writes.submit(lambda: _claim_login(book, person_id))

    # -- files ---------------------------------------------------------------------
    def _choose_book(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Open a book", str(Path.home()), "Books (*.db *.sqlite);;All files (*)"
        )
        if path:
            self.open_book_requested.emit(path)

    def export_book_view(self, path: Path | None = None) -> None:
        """The book table's accounts, as filtered and sorted, under the import's headers
        (so the file imports back)."""
        path = path or choose_file(self, "Export the book", "accounts.csv", TABLE_FILES)
        if path is None:
            return
        book, ids = self.book, self.book_model.shown_account_ids()

        def write() -> int:
            with book.session() as session:
                return export_accounts(session, path, account_ids=ids)

        write_in_background(self, self.workers, path, write, "accounts")

    def export_task_list(self, path: Path | None = None) -> None:
        """The task pane's CTAs (mine or everyone's), in its order."""
        path = path or choose_file(self, "Export the task list", "ctas.csv", TABLE_FILES)
        if path is None:
            return
        rows = cta_rows(self.task_pane.model.items())
        write_in_background(
            self, self.workers, path, lambda: write_table(path, CTA_HEADERS, rows), "CTAs"
        )

    def open_team_book(self) -> None:
        self.team_book_dialog = TeamBookDialog(
            self.workers, self.prefs, self.open_book_requested.emit, self
        )
        self.team_book_dialog.open()

    def _import(self) -> None:
        """Accounts, contacts, opportunities or scores, through the import wizard."""
        self.import_wizard = open_import_wizard(
            self,
            self.book,
            self.workers,
            self.today,
            # An import is followed by a scan: its CTAs are news too.
            lambda _report: self.apply_changes(Changes(every_account=True, ctas=True)),
        )

    # -- the rest ------------------------------------------------------------------
    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About CSM Workbench",
            f"<h3>CSM Workbench {cswork.__version__}</h3>"
            "<p>Your book of business on your own laptop: renewals, health, success plans "
            "and CTAs, offline and instant.</p>"
            f"<p>Book: {self.book.label}</p>",
        )

    def _show_failure(self, message: str) -> None:
        QMessageBox.warning(self, "Something went wrong", message)

    def _restore_layout(self) -> None:
        geometry = self.prefs.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = self.prefs.value("window/state")
        if state is not None:
            self.restoreState(state)
        fields = self.prefs.value("book/fields")
        if fields:  # the custom fields shown as columns, before the header sizes them
            names = [fields] if isinstance(fields, str) else fields  # one: read back as text
            self.book_model.set_field_columns([str(name) for name in names])
        header = self.prefs.value("book/header")
        if header is not None:
            self.book_page.table.horizontalHeader().restoreState(header)
        view = self.prefs.value("book/view")
        if view:
            self.book_page.select_view(str(view))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.schedule is not None:
            self.schedule.shutdown()
        self.prefs.setValue("window/geometry", self.saveGeometry())
        self.prefs.setValue("window/state", self.saveState())
        self.prefs.setValue("book/fields", self.book_model.field_columns())
        self.prefs.setValue("book/header", self.book_page.table.horizontalHeader().saveState())
        self.prefs.setValue("book/view", self.book_model.view)
        self.prefs.sync()
        super().closeEvent(event)
