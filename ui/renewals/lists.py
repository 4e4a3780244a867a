"""The renewals desk's tabs: a sortable list with a caption and Export… (CSV or XLSX,
as filtered and sorted on screen), and the review agenda with its PDF and CSV export.
Files are written on the reads runner, a PDF in a child process (ui/renewals/child.py), so
a big export never freezes the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from cswork.exporting import write_table
from cswork.metrics import Cohort
from cswork.store import Book
from ui.kit.background import Workers
from ui.kit.columns import ColumnsModel, columns_view
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.table_files import TABLE_FILES, choose_file
from ui.renewals.agenda_model import AgendaModel
from ui.renewals.child import run_in_child
from ui.renewals.review_agenda import write_agenda

# Owners' renewals shown open in the agenda, about: laying out 12,000 open rows takes
# a fifth of a second of the GUI thread.
EXPANDED_ROWS = 1000


class _Exporting(QWidget):
    """A tab with a caption, export buttons and a line saying how the export went."""

    account_opened = Signal(int)

    def __init__(self, workers: Workers, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workers = workers
        self.caption = QLabel(caption)
        self.caption.setObjectName("statusLine")
        self.caption.setWordWrap(True)
        self.state = QLabel()
        self.top = QHBoxLayout()
        self.top.addWidget(self.caption, 1)
        self.top.addWidget(self.state)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 6, 0, 0)
        self.layout_.setSpacing(6)
        self.layout_.addLayout(self.top)

    def _button(self, text: str, tip: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked: slot())
        self.top.addWidget(button)
        return button

    def _say(self, text: str, colour: str = MUTED_COLOUR) -> None:
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setText(text)

    def _write(self, path: Path, work: Callable[[], int], noun: str = "rows") -> None:
        self._say(f"Writing {path.name}…")
        self.workers.reads.submit(
            work,
            lambda count: self._say(f"Wrote {count:,} {noun} to {path.name}"),
            lambda exc: self._say(f"Could not write {path.name}: {exc}", OVERDUE_COLOUR),
        )


class ListTab(_Exporting):
    """A sortable list; double-click (or Enter) opens the account."""

    def __init__(
        self, workers: Workers, model: ColumnsModel, caption: str, file_stem: str, account_of
    ) -> None:
        super().__init__(workers, caption)
        self.model, self.file_stem, self.account_of = model, file_stem, account_of
        self.export_button = self._button(
            "Export…", "Write the list as shown (filtered and sorted) to CSV or XLSX", self.export
        )
        self.table = columns_view(model)
        if account_of is not None:  # None: the rows are not accounts (capacity)
            self.table.activated.connect(self._open)
        self.layout_.addWidget(self.table, 1)

    def _open(self, index: QModelIndex) -> None:
        record = self.model.record(index)
        if record is not None:
            self.account_opened.emit(self.account_of(record))

    def export(self, path: Path | None = None) -> None:
        path = path or choose_file(self, "Export the list", f"{self.file_stem}.csv", TABLE_FILES)
        if path is None:
            return
        headers, rows = self.model.export_table()  # a snapshot of what is shown, now
        self._write(path, lambda: write_table(path, headers, rows))


class AgendaTab(_Exporting):
    """The Wednesday review: renewals due in the next 90 days, by owner."""

    def __init__(self, book: Book, workers: Workers) -> None:
        super().__init__(
            workers,
            "The Wednesday renewal review: renewals due in the next 90 days by owner, "
            "busiest first.",
        )
        self.book = book
        self.today: date = date.today()
        self.scope, self.cohort = "", Cohort()
        self.pdf = self._button("Export PDF…", "The agenda to print or send", self.export_pdf)
        self.csv = self._button(
            "Export CSV…", "The agenda as rows, for a spreadsheet", self.export_csv
        )
        self.model = AgendaModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setStyleSheet("QTreeView::item { padding: 3px 0; }")
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate([250, 96, 50, 96, 70, 96, 130]):
            self.tree.setColumnWidth(column, width)
        self.tree.activated.connect(self._open)
        self.layout_.addWidget(self.tree, 1)

    def set_agenda(self, agenda, today: date, scope: str, cohort: Cohort) -> None:
        self.today, self.scope, self.cohort = today, scope, cohort
        self.model.set_agenda(agenda)
        shown = 0
        for row, (_, renewals) in enumerate(agenda):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)  # reads across the row
            if shown < EXPANDED_ROWS:  # the busiest owners open; the rest a click away
                self.tree.expand(self.model.index(row, 0))
                shown += len(renewals)

    def _open(self, index: QModelIndex) -> None:
        renewal = self.model.renewal(index)
        if renewal is not None:
            self.account_opened.emit(renewal.account_id)

    def _choose(self, suffix: str, filters: str) -> Path | None:
        name = f"Renewal review {self.today.isoformat()}{suffix}"
        return choose_file(self, "Export the review agenda", name, filters)

    def export_pdf(self, path: Path | None = None) -> None:
        """Laid out page by page in a child process: hundreds of pages for a big team."""
        path = path or self._choose(".pdf", "PDF (*.pdf)")
        if path is None:
            return
        target = self.book.url.render_as_string(hide_password=False)
        job = {
            "what": "review",
            "today": self.today.isoformat(),
            "days": 90,
            "owner_id": self.cohort.owner_id,
            "segment": self.cohort.segment and str(self.cohort.segment),
            "scope": self.scope,
            "path": str(path),
        }
        self._write(path, lambda: run_in_child(target, job)["written"], "renewals")

    def export_csv(self, path: Path | None = None) -> None:
        """The rows on screen (CSV or XLSX), written on the reads runner."""
        path = path or self._choose(".csv", TABLE_FILES)
        if path is None:
            return
        agenda, today, scope = self.model.agenda(), self.today, self.scope
        self._write(path, lambda: write_agenda(path, agenda, today, scope), "renewals")
