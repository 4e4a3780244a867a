"""File > Import accounts: pick a CSV, import it off the GUI thread, show the report.

All or nothing by default; when rows are refused the user sees each problem and may
choose to import the valid rows only. (A later issue turns this into a full wizard.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListView,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from cswork.store import Book
from ui.tasks import Tasks


class ProblemsDialog(QDialog):
    """The refused rows, one line each; Accept means "import the valid rows only"."""

    def __init__(self, report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Some rows cannot be imported")
        self.resize(720, 420)
        summary = QLabel(report.summary())
        summary.setWordWrap(True)
        problems = QListView()
        problems.setModel(QStringListModel([str(p) for p in report.refused], self))
        problems.setUniformItemSizes(True)
        buttons = QDialogButtonBox()
        buttons.addButton("Import the valid rows only", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Import nothing", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(problems, 1)
        layout.addWidget(buttons)


def run_account_import(
    parent: QWidget, book: Book, tasks: Tasks, today: date, on_imported: Callable[[], None]
) -> None:
    path, _ = QFileDialog.getOpenFileName(
        parent, "Import accounts", str(Path.home()), "CSV files (*.csv *.txt);;All files (*)"
    )
    if path:
        _import(parent, book, tasks, today, Path(path), False, on_imported)


def _import(
    parent: QWidget,
    book: Book,
    tasks: Tasks,
    today: date,
    path: Path,
    valid_rows_only: bool,
    on_imported: Callable[[], None],
) -> None:
    progress = QProgressDialog(f"Importing {path.name}…", "", 0, 0, parent)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def work():
        from cswork.importing import import_accounts  # loaded when first needed

        return import_accounts(book, path, mapping={}, today=today, valid_rows_only=valid_rows_only)

    def done(report) -> None:
        progress.close()
        if report.refused and not valid_rows_only:
            if ProblemsDialog(report, parent).exec():
                _import(parent, book, tasks, today, path, True, on_imported)
            return
        QMessageBox.information(parent, "Import finished", report.summary())
        on_imported()

    def failed(exc: BaseException) -> None:
        progress.close()
        QMessageBox.warning(parent, "Cannot import this file", str(exc))

    tasks.writes.submit(work, done, failed)
