"""The import wizard's first pages: what and which file; the columns; the rows
checked. (The last, the import running, is in ui/importing/wizard.py.) Each asks the
wizard for the work it needs done off the GUI thread, and ignores an answer that
arrives after the user has moved on."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from cswork.importing import IMPORTS, ImportFileError, suggest_fields
from ui.importing.models import FieldChoiceDelegate, MappingModel, PreviewModel, field_label
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.records import as_record_list

HINTS = {
    "accounts": "Accounts come first: contacts, opportunities and scores belong to accounts "
    "already in the book. Importing again updates each account by its external id.",
    "contacts": "The customer's people, each under an account in the book (named by its "
    "external id). Importing again updates a contact found by email, then by name.",
    "opportunities": "Renewals, upsell, cross-sell and services deals. A deal without an "
    "owner goes to whoever the account's RACI makes accountable for its kind.",
    "scores": "Scorecard categories scored 0 to 100, one row per account, category and "
    "day (usage and health exports). Each account's health follows.",
}
FILE_FILTER = "Spreadsheets (*.csv *.xlsx *.xlsm *.txt *.tsv);;All files (*)"


def _rows(count: int, state: str, *, every: bool = False, counted: bool = True) -> str:
    """'1 row is ready', 'All 3 rows are ready to import', '2 are refused'."""
    noun = "" if not counted else (" row" if count == 1 else " rows")
    verb = "is" if count == 1 else "are"
    return f"{'All ' if every and count > 1 else ''}{count:,}{noun} {verb} {state}"


def say(label: QLabel, text: str, colour: str | None = None) -> None:
    label.setText(text)
    label.setStyleSheet(f"color: {colour};" if colour else "")


def wrapping_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ChoosePage(QWizardPage):
    def __init__(self, entity: str | None) -> None:
        super().__init__()
        self.setTitle("What to import")
        self.setSubTitle(
            "Choose what the file holds, and the file your CRM exported (CSV or Excel)."
        )
        self.what = QComboBox()
        for key in IMPORTS:
            self.what.addItem(key.capitalize(), key)
        self.what.setCurrentIndex(max(0, self.what.findData(entity)))
        self.hint = wrapping_label()
        self.path = QLineEdit()
        self.path.setPlaceholderText("A .csv or .xlsx file")
        self.browse = QPushButton("Choose file…")
        self.status = wrapping_label()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        what = QVBoxLayout()
        what.addWidget(self.what)
        what.addWidget(self.hint)
        form = QFormLayout(self)
        form.setVerticalSpacing(14)
        form.addRow("Import", what)
        form.addRow("File", row)
        form.addRow("", self.status)
        self.what.currentIndexChanged.connect(self._reload)
        self.path.editingFinished.connect(self._reload)
        self.browse.clicked.connect(self._browse)
        self._read_for: tuple[str, str] | None = None
        self._reading: object | None = None
        self._show_hint()

    @property
    def entity(self) -> str:
        return self.what.currentData()

    def forget_pending(self) -> None:
        """The wizard is closing: a read still running is answered to nobody."""
        self._reading = None

    def set_file(self, path: str) -> None:
        self.path.setText(path)
        self._reload()

    def _browse(self) -> None:
        start = self.path.text() or str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Choose the file", start, FILE_FILTER)
        if path:
            self.set_file(path)

    def _show_hint(self) -> None:
        say(self.hint, HINTS[self.entity], MUTED_COLOUR)

    def _reload(self) -> None:
        self._show_hint()
        path, entity = self.path.text().strip(), self.entity
        if (path, entity) == self._read_for:
            return
        self._read_for, self._reading = None, None
        self.completeChanged.emit()
        if not path:
            say(self.status, "")
            return
        token = self._reading = object()
        say(self.status, f"Reading {Path(path).name}…", MUTED_COLOUR)
        self.wizard().read_file(
            path,
            entity,
            lambda result: self._read(token, (path, entity), result),
            lambda exc: self._failed(token, exc),
        )

    def _read(self, token: object, read_for: tuple[str, str], result: Any) -> None:
        if token is not self._reading:
            return
        wizard = self.wizard()
        wizard.table, wizard.remembered, wizard.remembered_values, wizard.remembered_order = result
        self._read_for = read_for
        table = wizard.table
        say(self.status, f"{table.name}: {len(table):,} rows, {len(table.headers)} columns.")
        self.completeChanged.emit()

    def _failed(self, token: object, exc: BaseException) -> None:
        if token is not self._reading:
            return
        text = str(exc) if isinstance(exc, ImportFileError) else f"Cannot read the file: {exc}"
        say(self.status, text, OVERDUE_COLOUR)

    def isComplete(self) -> bool:
        return self._read_for == (self.path.text().strip(), self.entity)


class MappingPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Match the columns")
        self.setSubTitle(
            "Each column of the file fills one field, is kept as a custom field (accounts), "
            "or is left out. What you change here is remembered for the next file like it."
        )
        self.model = MappingModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.FIELD, FieldChoiceDelegate(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problem = wrapping_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        self.model.changed.connect(self._changed)

    def initializePage(self) -> None:
        wizard = self.wizard()
        fields, table = wizard.importer.fields, wizard.table
        self.model.set_file(table, fields, suggest_fields(table.headers, fields, wizard.remembered))
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, MappingModel.FIELD))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), 160), 260))
        self.table.setColumnWidth(1, min(max(self.table.columnWidth(1), 180), 300))
        self.table.setColumnWidth(MappingModel.FIELD, 220)
        self.table.verticalHeader().setDefaultSectionSize(34)

    def _changed(self) -> None:
        missing, doubled = self.model.missing_fields(), self.model.doubled_fields()
        lines = [
            f"Choose a column for {field_label(name)}: every row needs one." for name in missing
        ]
        lines += [
            f"Two columns fill {field_label(name)}: leave one of them out." for name in doubled
        ]
        if lines:
            say(self.problem, "\n".join(lines), OVERDUE_COLOUR)
        else:
            say(self.problem, "Every field the import needs has a column.", MUTED_COLOUR)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.model.missing_fields() and not self.model.doubled_fields()


class PreviewPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check the rows")
        self.setSubTitle(
            "Nothing is written yet. Tinted cells have a problem: point at one to read it."
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "Import")
        self.summary = wrapping_label()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.only_refused = QCheckBox("Show only the refused rows")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.model = PreviewModel(self)
        self.table = as_record_list(QTableView())
        self.table.setModel(self.model)
        self.valid_only = QCheckBox()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.busy)
        layout.addWidget(self.only_refused)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.valid_only)
        self.only_refused.toggled.connect(self._show_rows)
        self.valid_only.toggled.connect(self.completeChanged)
        self.check: Any = None
        self._checking: object | None = None

    def initializePage(self) -> None:
        self.check = None
        token = self._checking = object()
        self.summary.setStyleSheet("")
        self.summary.setText("Checking every row…")
        self.busy.show()
        self.valid_only.hide()
        self.valid_only.setChecked(False)
        self.only_refused.setChecked(False)
        self.only_refused.hide()
        self.model.set_rows(self.wizard().table, {}, [])
        self.wizard().check_rows(
            lambda check: self._checked(token, check), lambda exc: self._failed(token, exc)
        )

    def forget_pending(self) -> None:
        self._checking = None

    @property
    def counts(self) -> tuple[int, int]:
        """(valid rows, refused rows) of the check."""
        refused = sum(1 for row in self.check.rows if row.problems) if self.check else 0
        return (len(self.check.rows) - refused if self.check else 0), refused

    def _checked(self, token: object, check: Any) -> None:
        if token is not self._checking:
            return
        self.check = self.wizard().check = check
        self.busy.hide()
        valid, refused = self.counts
        if not check.rows:
            text = "<b>The file has no rows to import.</b>"
        elif not refused:
            text = f"<b>{_rows(valid, 'ready to import', every=True)}.</b>"
        else:
            problems = len(check.problems)
            text = (
                f"<b>{_rows(valid, 'ready')}; {_rows(refused, 'refused', counted=False)}</b> "
                f"({problems:,} problem{'s' if problems != 1 else ''}). Fix the file and "
                "choose it again, or import the valid rows only."
            )
        if check.columns.custom:
            kept = ", ".join(check.columns.custom)
            text += f" Will be kept as custom fields: {html.escape(kept)}."
        if check.columns.ignored:
            text += f" Left out: {html.escape(', '.join(check.columns.ignored))}."
        self.summary.setText(text)
        self.only_refused.setVisible(bool(refused))
        self.valid_only.setText(
            f"Import the {valid:,} valid rows only, and leave out the {refused:,} refused"
        )
        self.valid_only.setVisible(bool(refused and valid))
        self._show_rows()
        self.completeChanged.emit()

    def _show_rows(self) -> None:
        if self.check is None:
            return
        rows = self.check.rows
        if self.only_refused.isChecked():
            rows = [row for row in rows if row.problems]
        self.model.set_rows(self.wizard().table, self.check.columns.indexes, rows)
        self.table.resizeColumnsToContents()
        for column in range(self.model.columnCount()):
            widest = 420 if column == PreviewModel.PROBLEMS else 200
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))

    def _failed(self, token: object, exc: BaseException) -> None:
        if token is not self._checking:
            return
        self.busy.hide()
        self.summary.setText(html.escape(str(exc)))
        self.summary.setStyleSheet(f"color: {OVERDUE_COLOUR};")

    def isComplete(self) -> bool:
        valid, refused = self.counts
        return valid > 0 and (not refused or self.valid_only.isChecked())
