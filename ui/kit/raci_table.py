"""A RACI matrix being edited: activities down, roles across, letters in the cells.

The team matrix editor and the per-account override form both edit through this model.
Every row is checked with the core's ``row_problem`` as the user types; the last column
says what is wrong, in red, so the user sees which activity to fix before saving."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from cswork.raci import Matrix, canonical_letters, row_problem
from ui.kit.look import MUTED_COLOUR, NO_MARK, OVERDUE_COLOUR, dot_icon
from ui.kit.qtypes import AnyIndex

LETTER_WORDS = {"R": "Responsible", "A": "Accountable", "C": "Consulted", "I": "Informed"}
LEGEND = "R does the work  ·  A owns the outcome (exactly one)  ·  C is consulted  ·  I is informed"
EDIT_HINT = "Type any of R, A, C, I in a cell (Delete empties it); changes show in bold."
_CELL_RE = r"[RrAaCcIi\- ]{0,8}"


def letters_from_text(text: str) -> str | None:
    """What the user typed as a cell's letters ('ar' -> 'RA', '-' -> ''), or None when
    it holds anything but R, A, C, I."""
    cleaned = text.replace("-", "").replace(" ", "").replace(",", "")
    if any(c not in "RACI" for c in cleaned.upper()):
        return None
    return canonical_letters(cleaned)


def spelled_out(letters: str) -> str:
    return ", ".join(LETTER_WORDS[c] for c in letters) or "No part"


class RaciModel(QAbstractTableModel):
    """Column 0 is the activity, then one column per role, then the row's problem."""

    problems_changed = Signal()

    def __init__(
        self,
        roles: list[tuple[str, str]],
        activities: list[tuple[str, str]],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.roles = roles  # (key, caption)
        self.activities = activities  # (key, name)
        self._rows: list[dict[str, str]] = [{} for _ in activities]
        # The matrix in force: cells that differ from it show in bold.
        self.baseline: Matrix = {}

    # -- the matrix --------------------------------------------------------------------
    def set_matrix(self, matrix: Matrix) -> None:
        self.beginResetModel()
        try:
            self._rows = [
                {role: letters for role, letters in matrix.get(key, {}).items() if letters}
                for key, _ in self.activities
            ]
        finally:
            self.endResetModel()
        self.problems_changed.emit()

    def matrix(self) -> Matrix:
        return {key: dict(row) for (key, _), row in zip(self.activities, self._rows, strict=True)}

    def problems(self) -> dict[str, str]:
        """Activity key -> what is wrong with its row, for rows that cannot be saved."""
        found = {}
        for (key, _), row in zip(self.activities, self._rows, strict=True):
            problem = row_problem(row)
            if problem:
                found[key] = problem
        return found

    def set_letters(self, row: int, role_key: str, letters: str) -> bool:
        column = 1 + [key for key, _ in self.roles].index(role_key)
        return self.setData(self.index(row, column), letters)

    def is_changed(self, row: int, role_key: str) -> bool:
        activity = self.activities[row][0]
        saved = self.baseline.get(activity, {}).get(role_key, "")
        return bool(self.baseline) and self._rows[row].get(role_key, "") != saved

    def row_of(self, activity_key: str) -> int:
        return [key for key, _ in self.activities].index(activity_key)

    # -- Qt ----------------------------------------------------------------------------
    @property
    def problem_column(self) -> int:
        return len(self.roles) + 1

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.activities)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.roles) + 2

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return "Activity"
            if section == self.problem_column:
                return "Problem"
            return self.roles[section - 1][1]
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < section < self.problem_column:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if 0 < index.column() < self.problem_column:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self._rows[index.row()], index.column()
        name = self.activities[index.row()][1]
        if column == 0:
            return self._activity_data(row, name, role)
        if column == self.problem_column:
            problem = row_problem(row)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return problem[0].upper() + problem[1:] if problem else ""
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(OVERDUE_COLOUR)
            return None
        role_key, caption = self.roles[column - 1]
        letters = row.get(role_key, "")
        if role == Qt.ItemDataRole.DisplayRole:
            return ", ".join(letters) if letters else "-"
        if role == Qt.ItemDataRole.EditRole:
            return letters
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ForegroundRole and not letters:
            return QColor(MUTED_COLOUR)
        if role == Qt.ItemDataRole.FontRole and self.is_changed(index.row(), role_key):
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{name}, {caption.split(chr(10))[0]}: {spelled_out(letters)}"
        return None

    def _activity_data(self, row: dict[str, str], name: str, role: int):
        problem = row_problem(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.DecorationRole:
            return dot_icon(OVERDUE_COLOUR if problem else NO_MARK)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{name}: {problem}" if problem else name
        return None

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (0 < index.column() < self.problem_column):
            return False
        letters = letters_from_text(str(value or ""))
        if letters is None:
            return False
        row = self._rows[index.row()]
        role_key = self.roles[index.column() - 1][0]
        if row.get(role_key, "") == letters:
            return False
        if letters:
            row[role_key] = letters
        else:
            row.pop(role_key, None)
        # The whole row: the activity's mark and the problem column follow the cell.
        self.dataChanged.emit(
            self.index(index.row(), 0),
            self.index(index.row(), self.problem_column),
            [
                Qt.ItemDataRole.DisplayRole,
                Qt.ItemDataRole.EditRole,
                Qt.ItemDataRole.DecorationRole,
                Qt.ItemDataRole.ToolTipRole,
                Qt.ItemDataRole.ForegroundRole,
            ],
        )
        self.problems_changed.emit()
        return True


class LettersDelegate(QStyledItemDelegate):
    """A cell editor that takes only R, A, C, I (any order, any case) or '-'."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setValidator(QRegularExpressionValidator(_CELL_RE, editor))
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setPlaceholderText("R A C I")
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")  # type: ignore[attr-defined]

    def setModelData(self, editor: QWidget, model, index) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)  # type: ignore[attr-defined]


class RaciTable(QTableView):
    """The matrix as a grid: type letters into a cell, Delete empties it. No taller
    than its rows (a matrix is a handful of activities), so what follows sits under it."""

    def __init__(self, model: RaciModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(LettersDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setHighlightSections(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)

    def sizeHint(self) -> QSize:
        height = (
            self.horizontalHeader().sizeHint().height()
            + self.verticalHeader().length()
            + 2 * self.frameWidth()
        )
        return QSize(super().sizeHint().width(), height)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and index.isValid()
            and index.flags() & Qt.ItemFlag.ItemIsEditable
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self.model().setData(index, "")
            return
        super().keyPressEvent(event)
