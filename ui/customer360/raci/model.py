"""Who does what on one account, as a table: one row per activity, the people who are
R, A, C and I by name (after the account's overrides), and whether the row is the
team's or the account's own."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ui.kit.look import MUTED_COLOUR, NO_MARK, OVERDUE_COLOUR, dot_icon
from ui.kit.qtypes import AnyIndex
from ui.kit.records import RecordsModel

OVERRIDE_COLOUR = "#3b7dd8"  # an account's own row, not the team's
LETTER_COLUMNS = [("R", "Responsible"), ("A", "Accountable"), ("C", "Consulted"), ("I", "Informed")]
COLUMNS = ["Activity", *(title for _, title in LETTER_COLUMNS), "Follows"]


@dataclass(frozen=True)
class DutyRow:
    activity_key: str
    activity: str
    letters_by_role: dict[str, str]
    overridden: bool
    # Who the fallback chain gave the A to, and why, when the A's person is missing.
    routed_to: str | None = None
    routed: str | None = None


class DutiesModel(RecordsModel):
    """One row per activity; the letter columns hold the people, by name."""

    columns = COLUMNS

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.people: dict[str, str | None] = {}  # role key -> person's name on the account
        self.role_names: dict[str, str] = {}

    def set_rows(
        self, rows: list[DutyRow], people: dict[str, str | None], role_names: dict[str, str]
    ) -> None:
        self.people, self.role_names = people, role_names
        self._replace(rows)

    def row(self, index: QModelIndex) -> DutyRow | None:
        return self.record(index)

    def rows(self) -> list[DutyRow]:
        return self.records()

    def holders(self, duty: DutyRow, letter: str) -> list[tuple[str, str | None]]:
        """(role name, person's name or None) of everyone holding the letter."""
        return [
            (self.role_names.get(role, role), self.people.get(role))
            for role, letters in duty.letters_by_role.items()
            if letter in letters
        ]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        duty, column = self._records[index.row()], index.column()
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return duty.activity
            if role == Qt.ItemDataRole.DecorationRole:
                return dot_icon(OVERRIDE_COLOUR if duty.overridden else NO_MARK)
            if role == Qt.ItemDataRole.FontRole and duty.overridden:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if column == len(COLUMNS) - 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return "This account" if duty.overridden else "Team matrix"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(OVERRIDE_COLOUR if duty.overridden else MUTED_COLOUR)
            if role == Qt.ItemDataRole.ToolTipRole and duty.overridden:
                return "Overridden for this account: the team matrix does not apply here."
            return None
        letter = LETTER_COLUMNS[column - 1][0]
        holders = self.holders(duty, letter)
        if letter == "A" and duty.routed:  # nobody in the A's role: the chain's person
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{duty.routed_to or 'Nobody'} (routed)"
            if role == Qt.ItemDataRole.ToolTipRole:
                return duty.routed[0].upper() + duty.routed[1:] + "."
            if role == Qt.ItemDataRole.ForegroundRole:
                return None if duty.routed_to else QColor(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.DisplayRole:
            return ", ".join(person or f"(no {name})" for name, person in holders) or "—"
        if role == Qt.ItemDataRole.FontRole and letter == "A":
            font = QFont()
            font.setBold(True)  # the one who owns the outcome, and gets the alerts
            return font
        if role == Qt.ItemDataRole.ToolTipRole and holders:
            return "\n".join(f"{person or 'Nobody assigned'} ({name})" for name, person in holders)
        if role == Qt.ItemDataRole.ForegroundRole:
            if letter == "A" and any(person is None for _, person in holders):
                return QColor(OVERDUE_COLOUR)  # alerts for it have nobody to go to
            if not holders or all(person is None for _, person in holders):
                return QColor(MUTED_COLOUR)
        return None
