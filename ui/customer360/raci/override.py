"""One activity's RACI row for one account: the form behind "Override for this account…".

The row is checked as the user types, exactly as the team matrix is; OK stays off
while it cannot be saved. OK hands the row to ``on_submit``; the form closes when the
write is done or says why it failed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from cswork.raci import Matrix
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.raci_table import EDIT_HINT, LEGEND, RaciModel, RaciTable


def row_text(row: dict[str, str], roles: list[tuple[str, str]]) -> str:
    """'CSM C · R&E manager R, A · AE I': a row in one line."""
    return "  ·  ".join(
        f"{caption} {', '.join(row[key]) if row.get(key) else '-'}" for key, caption in roles
    )


class OverrideDialog(QDialog):
    def __init__(
        self,
        account_name: str,
        activity: tuple[str, str],
        roles: list[tuple[str, str, str]],  # key, role caption, person on the account
        row: dict[str, str],
        team_row: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Override for this account")
        self.on_submit: Callable[[OverrideDialog], None] | None = None
        key, name = activity
        self.activity_key = key
        heading = QLabel(f"<b>{name}</b> on {account_name}")
        team = QLabel(
            "Team matrix: " + row_text(team_row, [(k, caption) for k, caption, _ in roles])
        )
        team.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.model = RaciModel(
            [(k, f"{caption}\n{person}") for k, caption, person in roles], [activity], self
        )
        self.model.baseline = {key: row}  # what the account has now: changes in bold
        self.model.set_matrix({key: row})
        self.table = RaciTable(self.model)
        self.table.setColumnHidden(0, True)  # the heading names the activity
        self.table.setColumnHidden(self.model.problem_column, True)  # said below, in full
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setMinimumHeight(header.fontMetrics().height() * 2 + 12)
        self.table.setFixedHeight(header.minimumHeight() + self.table.rowHeight(0) + 4)
        self.table.setCurrentIndex(self.model.index(0, 1))
        legend = QLabel(f"{LEGEND}.\n{EDIT_HINT}")
        legend.setWordWrap(True)
        legend.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Override")
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.model.problems_changed.connect(self.validate)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(team)
        layout.addWidget(self.table)
        layout.addWidget(self.problem)
        layout.addWidget(legend)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.validate()

    def row(self) -> dict[str, str]:
        matrix: Matrix = self.model.matrix()
        return matrix[self.activity_key]

    def validate(self) -> None:
        problem = self.model.problems().get(self.activity_key)
        self.problem.setText(f"This row {problem}." if problem else "")
        self.problem.setVisible(bool(problem))
        self.ok.setEnabled(not problem)

    def _submit(self) -> None:
        if self.model.problems():
            return
        if self.on_submit is None:
            self.accept()
            return
        self.ok.setEnabled(False)
        self.ok.setText("Saving…")
        self.on_submit(self)

    def failed(self, message: str) -> None:
        self.ok.setText("Override")
        self.validate()
        self.problem.setText(message)
        self.problem.show()
