"""Start the window: open (or build) the book, ask who the user is, show the window."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton, QWidget

from cswork import paths
from cswork.accounts import book_is_empty
from cswork.backup import daily_backup
from cswork.lock import BookInUse, BookLock
from cswork.people import claim_login, me_by_login, person_exists
from cswork.server import without_password
from cswork.store import Book, BookError, ServerUnavailable, book_url, open_book
from ui.kit.background import Workers
from ui.kit.look import release_cached_pixmaps
from ui.shell.main_window import MainWindow, me_key
from ui.shell.who_am_i import WhoAmIDialog

# ui/shell/app.py -> the repository's resources/ folder
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DEMO_ACCOUNTS = 2000


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("cswork")
    app.setApplicationName("CSM Workbench")
    app.setWindowIcon(QIcon(str(RESOURCES / "app.svg")))
    app.setStyleSheet((RESOURCES / "app.qss").read_text(encoding="utf-8"))
    return app


class Progress(QObject):
    """Carries a worker's progress to the GUI thread."""

    moved = Signal(int, int)


class Workbench(QObject):
    """The app for one run: the open book and its window; can switch books."""

    def __init__(self, app: QApplication, prefs: QSettings, today: date) -> None:
        super().__init__()
        self.app, self.prefs, self.today = app, prefs, today
        self.workers = Workers(self)
        self.lock: BookLock | None = None
        self._backup_timer = QTimer(self)  # lives as long as the Workbench
        self._backup_timer.setInterval(6 * 3600 * 1000)  # a new day is noticed within hours
        self.book: Book | None = None
        self.window: MainWindow | None = None

    def open(self, target: str, demo: bool = False) -> bool:
        url = book_url(target)
        lock = None
        try:
            if url.get_backend_name() == "sqlite" and url.database:
                lock = BookLock(Path(url.database))
                lock.acquire()  # one window per book: a second is refused, not a rival writer
            book = open_book(target)
        except ServerUnavailable as exc:
            return self._offer_local_book(str(exc))
        except (BookError, BookInUse) as exc:
            if lock is not None and not isinstance(exc, BookInUse):
                lock.release()
            QMessageBox.critical(self.window, "Cannot open the book", str(exc))
            return False
        if demo and _is_empty(book):
            self._build_demo(book)
        me_id = self._who_am_i(book)
        if self.window is not None:
            self.window.close()
        if self.book is not None:
            self.book.close()
        if self.lock is not None:
            self.lock.release()
        self.book, self.lock = book, lock
        self.prefs.setValue(LAST_BOOK_KEY, str(book.path) if book.path else without_password(url))
        self.window = MainWindow(book, self.workers, self.today, me_id, self.prefs)
        self.window.open_book_requested.connect(self._switch)
        self.window.show()
        self.window.refresh()
        self.window.start_alerts()
        self._start_backups()
        return True

    def _offer_local_book(self, message: str) -> bool:
        """The team book's server failed: say what failed, offer the laptop's own book."""
        box, local = local_book_offer(message, self.window)
        box.exec()
        if box.clickedButton() is not local:
            return False
        return self.open(str(paths.default_book_path()))

    def _start_backups(self) -> None:
        """Back the book up once a day while the app runs (7 daily and 4 weekly kept),
        off the GUI thread. The timer lives as long as the Workbench."""
        if self.book is None or self.book.path is None:
            return
        path, window = self.book.path, self.window

        def back_up() -> None:
            self.workers.reads.submit(
                lambda: daily_backup(path, date.today()),
                lambda _: None,
                lambda exc: window.statusBar().showMessage(f"The daily backup failed: {exc}"),
            )

        back_up()
        self._backup_timer.timeout.connect(back_up)
        self._backup_timer.start()

    def _switch(self, target: str) -> None:
        self.open(target or str(paths.demo_book_path()), demo=not target)

    def _who_am_i(self, book: Book) -> int | None:
        """Whom the login belongs to (each person connects to a team book as
        themselves), else who this computer said last time, else ask and remember."""
        stored = self.prefs.value(me_key(book))
        with book.session() as session:
            me = me_by_login(session)
            if me is not None:
                return me.id
            if stored is not None and person_exists(session, int(stored)):
                return int(stored)
        dialog = WhoAmIDialog(book)
        if not dialog.exec():
            return None
        self.prefs.setValue(me_key(book), dialog.person_id)
        if not book.is_sqlite:
            with book.writing() as session:
                claim_login(session, dialog.person_id)
        return dialog.person_id

    def _build_demo(self, book: Book) -> None:
        from cswork.demo import build_demo

        dialog = QProgressDialog("Building the demo book…", "", 0, 100)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
        dialog.setMinimumDuration(0)
        progress = Progress()
        progress.moved.connect(lambda done, total: dialog.setValue(done * 100 // max(total, 1)))
        loop = QEventLoop()
        outcome: list[object] = []

        def finish(result: object) -> None:
            outcome.append(result)
            loop.quit()

        self.workers.writes.submit(
            lambda: build_demo(book, DEMO_ACCOUNTS, today=self.today, progress=progress.moved.emit),
            finish,
            finish,
        )
        loop.exec()
        dialog.close()
        if isinstance(outcome[0], BaseException):
            QMessageBox.warning(None, "Cannot build the demo book", str(outcome[0]))

    def shutdown(self) -> None:
        self._backup_timer.stop()
        if self.window is not None and self.window.schedule is not None:
            self.window.schedule.shutdown()
        self.workers.shutdown()
        if self.book is not None:
            self.book.close()
        if self.lock is not None:
            self.lock.release()


# The book opened last (a file path, or a team book's address without its password):
# the app opens it again at start.
LAST_BOOK_KEY = "book/last"


def _is_empty(book: Book) -> bool:
    with book.session() as session:
        return book_is_empty(session)


def run(args) -> int:
    app = make_app()
    prefs = QSettings()
    workbench = Workbench(app, prefs, date.today())
    target = (
        str(paths.demo_book_path())
        if args.demo
        else (args.db or prefs.value(LAST_BOOK_KEY) or str(paths.default_book_path()))
    )
    if not workbench.open(target, demo=args.demo):
        return 1
    try:
        return app.exec()
    finally:
        workbench.shutdown()
        release_cached_pixmaps()


def local_book_offer(message: str, window: QWidget | None) -> tuple[QMessageBox, QPushButton]:
    """The team book's server failed: the message, and the "Open my local book" button."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Cannot open the team book", message, parent=window)
    local = box.addButton("Open my local book", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Stay here" if window is not None else "Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(local)
    return box, local
