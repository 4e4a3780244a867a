"""The RACI page: the team's who-does-what matrix, edited, checked and saved.

The matrix in force decides who gets each alert: renewal CTAs go to whoever is A for
Renewal, risk CTAs to the A for Risk tracking. Accounts with their own overrides (the
strategic accounts) keep them. Saving is undoable (Edit ▸ Undo)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork import raci
from cswork.changes import Changes
from cswork.store import Book
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.raci_table import EDIT_HINT, LEGEND, RaciModel, RaciTable
from ui.kit.undo import Edits

INTRO = (
    "Who does what for every account. Alerts follow it: renewal CTAs go to whoever is "
    "A for Renewal, risk CTAs to the A for Risk tracking. Accounts with their own "
    "overrides (strategic accounts) keep them."
)


class RaciPage(QWidget):
    written = Signal()  # the team matrix was saved, or the save undone or redone

    def __init__(self, book: Book, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book, self.edits = book, edits
        self.saved_matrix: raci.Matrix = {}
        self._presets: dict[str, tuple[str, raci.Matrix]] = {}
        self._last_write = "Saved"
        with book.session() as session:
            roles = [(r.key, r.name) for r in raci.roles(session)]
            activities = [(a.key, a.name) for a in raci.activities(session)]
        self.model = RaciModel(roles, activities, self)
        self.model.problems_changed.connect(self.validate)

        title = QLabel("RACI")
        title.setObjectName("pageTitle")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setObjectName("statusLine")
        self.presets = QComboBox()
        self.presets.setMinimumWidth(220)
        self.presets.activated.connect(self._preset_chosen)
        self.preset_note = QLabel()
        self.preset_note.setWordWrap(True)
        self.preset_note.setObjectName("statusLine")
        top = QHBoxLayout()
        top.addWidget(QLabel("Start from a preset"))
        top.addWidget(self.presets)
        top.addWidget(self.preset_note, 1)

        self.table = RaciTable(self.model)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.model.problem_column):
            header.resizeSection(column, 120)
        header.setSectionResizeMode(self.model.problem_column, QHeaderView.ResizeMode.Stretch)
        legend = QLabel(f"{LEGEND}.  {EDIT_HINT}")
        legend.setWordWrap(True)
        legend.setStyleSheet(f"color: {MUTED_COLOUR};")

        self.save = QPushButton("Save team matrix")
        self.save.setDefault(True)
        self.save.clicked.connect(self._save)
        self.revert = QPushButton("Discard changes")
        self.revert.setToolTip("Show the matrix in force again")
        self.revert.clicked.connect(self.reload)
        self.state = QLabel()
        self.state.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.revert)
        buttons.addWidget(self.state, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addWidget(legend)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.reload()

    # -- reading -----------------------------------------------------------------------
    def reload(self) -> None:
        """Show the matrix in force (dropping unsaved edits) and the presets."""
        with self.book.session() as session:
            self.saved_matrix = raci.matrix_cells(session, raci.team_matrix_id(session))
            found = raci.presets(session)
        self._presets = {name: (description, matrix) for name, description, matrix in found}
        self.presets.clear()
        self.presets.addItem("Choose…", None)
        for name, description, _ in found:
            self.presets.addItem(name, name)
            self.presets.setItemData(
                self.presets.count() - 1, description, Qt.ItemDataRole.ToolTipRole
            )
        self.preset_note.setText("")
        self.model.baseline = self.saved_matrix
        self.model.set_matrix(self.saved_matrix)
        self.table.resizeColumnToContents(0)

    def show_page(self) -> None:
        """The page comes to the front: re-read unless the user has unsaved edits."""
        if not self.is_edited():
            self.reload()

    def is_edited(self) -> bool:
        return _clean(self.model.matrix()) != _clean(self.saved_matrix)

    def load_preset(self, name: str) -> None:
        """Put a preset in the editor; Save makes it the team's matrix."""
        description, matrix = self._presets[name]
        self.model.set_matrix(matrix)
        self.presets.setCurrentIndex(self.presets.findData(name))
        self.validate()
        if self.is_edited():
            self.preset_note.setText(f"{description} Loaded: Save to make it the team's matrix.")
        else:
            self.preset_note.setText(f"{description} It is the matrix in force already.")

    def _preset_chosen(self, index: int) -> None:
        name = self.presets.itemData(index)
        if name:
            self.load_preset(name)

    # -- checking and saving -----------------------------------------------------------
    def validate(self) -> None:
        problems = self.model.problems()
        edited = self.is_edited()
        self.save.setEnabled(edited and not problems)
        self.revert.setEnabled(edited)
        if problems:
            count = len(problems)
            self.state.setStyleSheet(f"color: {OVERDUE_COLOUR};")
            self.state.setText(
                f"{count} {'activity needs' if count == 1 else 'activities need'} fixing "
                "(marked in red) before you can save."
            )
        else:
            self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
            self.state.setText("Unsaved changes." if edited else "")

    def _save(self) -> None:
        if self.model.problems() or not self.is_edited():
            return
        matrix = self.model.matrix()
        self.save.setEnabled(False)
        self.state.setText("Saving…")
        self.edits.push(
            "Change the team RACI",
            lambda session: self._note("Saved", raci.set_team_matrix(session, matrix)),
            lambda session, before: self._note("Undone", raci.set_team_matrix(session, before)),
            Changes(raci=True),
            refused=self._refused,
        )

    def _note(self, what: str, before: raci.Matrix) -> raci.Matrix:
        """On the writer thread: remember whether the book now has the edit or not."""
        self._last_write = what
        return before

    def on_changes(self, changes: Changes) -> None:
        """The team matrix was saved, or its save undone or redone: show the book's."""
        if not changes.raci or changes.accounts:  # an account's override is not the team's
            return
        self.reload()
        self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.state.setText(
            f"{self._last_write}. Alerts follow the matrix shown from the next scan."
        )
        self.written.emit()

    def _refused(self, message: str, stale: bool) -> None:
        self.validate()
        self.state.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.state.setText(message if stale else f"Not saved: {message}")


def _clean(matrix: raci.Matrix) -> raci.Matrix:
    """Rows without empty cells and without empty rows, for comparing matrices."""
    cleaned = {
        activity: {role: letters for role, letters in row.items() if letters}
        for activity, row in matrix.items()
    }
    return {activity: row for activity, row in cleaned.items() if row}
