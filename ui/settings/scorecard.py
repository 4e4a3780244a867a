"""Settings ▸ Scorecard: the eight categories' names and weights.

The running total shows as the user types, with the core's ``check_weights`` saying
why it cannot be saved; Save stays off until the weights add up to 100 %. Saving
recomputes every account's health on the writer thread; ``saved`` then tells the
window to read the book again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.health import categories
from cswork.scorecard import check_weights, set_categories
from cswork.seed import SCORE_CATEGORIES
from cswork.store import Book
from ui.kit.look import BAND_COLOURS, MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.undo import Edits

DEFAULT_WEIGHT_BP = 1250  # eight categories at 12.5 % each
DEFAULT_NAMES = dict(SCORE_CATEGORIES)


class PercentBox(QDoubleSpinBox):
    """A weight in percent to two decimals, shown without trailing zeros ("12.5 %")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100)
        self.setDecimals(2)
        self.setSingleStep(0.5)
        self.setSuffix(" %")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(110)

    def textFromValue(self, value: float) -> str:
        text = self.locale().toString(value, "f", 2)
        point = self.locale().decimalPoint()
        return text.rstrip("0").rstrip(point) if point in text else text

    def basis_points(self) -> int:
        return round(self.value() * 100)


class CategoryWeights(QWidget):
    saved = Signal()  # names and weights were saved, or their save undone or redone

    def __init__(self, book: Book, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book, self.edits = book, edits
        self.stored: list[tuple[int, str, str, int]] = []  # id, key, name, weight
        self.names: dict[int, QLineEdit] = {}
        self.weights: dict[int, PercentBox] = {}
        self.box = QGroupBox("Categories and weights")
        self.grid = QGridLayout(self.box)
        self.grid.setHorizontalSpacing(14)
        self.grid.setVerticalSpacing(6)
        self.total = QLabel()
        bold = QFont(self.total.font())
        bold.setBold(True)
        self.total.setFont(bold)
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save = QPushButton("Save categories")
        self.save.clicked.connect(self._save)
        restore = QPushButton("Restore defaults")
        restore.setToolTip("The eight default names at 12.5 % each; Save to keep them.")
        restore.clicked.connect(self.restore_defaults)
        self.state = QLabel()
        self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.state.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addWidget(restore)
        row.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.box)
        layout.addLayout(row)

    def _build_rows(self) -> None:
        """One row per category; built on the first refresh (the book names them)."""
        for column, caption in enumerate(["Category", "Weight"]):
            label = QLabel(caption)
            label.setStyleSheet(f"color: {MUTED_COLOUR};")
            self.grid.addWidget(label, 0, column)
        for row, (category_id, _, _, _) in enumerate(self.stored, start=1):
            name = QLineEdit()
            name.setMinimumWidth(300)
            name.textEdited.connect(self.validate)
            weight = PercentBox()
            weight.valueChanged.connect(self.validate)
            self.grid.addWidget(name, row, 0)
            self.grid.addWidget(weight, row, 1)
            self.names[category_id], self.weights[category_id] = name, weight
        last = len(self.stored) + 1
        total = QLabel("Total")
        total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.grid.addWidget(total, last, 0)
        self.grid.addWidget(self.total, last, 1)
        self.grid.addWidget(self.message, last, 2)
        self.grid.setColumnStretch(2, 1)

    # -- values ----------------------------------------------------------------------
    def refresh(self) -> None:
        with self.book.session() as session:
            self.stored = [(c.id, c.key, c.name, c.weight_bp) for c in categories(session)]
        if not self.names:
            self._build_rows()
        for category_id, _, name, weight_bp in self.stored:
            self._show(category_id, name, weight_bp)
        self.validate()
        self.state.setText("")

    def _show(self, category_id: int, name: str, weight_bp: int) -> None:
        self.names[category_id].setText(name)
        box = self.weights[category_id]
        box.blockSignals(True)
        box.setValue(weight_bp / 100)
        box.blockSignals(False)

    def restore_defaults(self) -> None:
        for category_id, key, name, _ in self.stored:
            self._show(category_id, DEFAULT_NAMES.get(key, name), DEFAULT_WEIGHT_BP)
        self.validate()

    def edited_names(self) -> dict[int, str]:
        return {category_id: edit.text().strip() for category_id, edit in self.names.items()}

    def edited_weights(self) -> dict[int, int]:
        return {category_id: box.basis_points() for category_id, box in self.weights.items()}

    def problem(self) -> str | None:
        """Why the categories as edited cannot be saved, or None."""
        if any(not name for name in self.edited_names().values()):
            return "Every category needs a name."
        return check_weights(self.edited_weights())

    def is_edited(self) -> bool:
        stored = {category_id: (name, weight) for category_id, _, name, weight in self.stored}
        names, weights = self.edited_names(), self.edited_weights()
        return any((names[i], weights[i]) != stored[i] for i in stored)

    def validate(self) -> None:
        total = sum(self.edited_weights().values())
        problem = self.problem()
        self.total.setText(f"{total / 100:g} %")
        colour = BAND_COLOURS["green"] if total == 10_000 else OVERDUE_COLOUR
        self.total.setStyleSheet(f"color: {colour};")
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.message.setText(problem + _advice(total) if problem else "")
        edited = self.is_edited()
        self.save.setEnabled(edited and problem is None)
        if problem:
            self.state.setText("Fix what is marked in red to save.")
        else:
            self.state.setText("Unsaved changes." if edited else "")

    # -- saving ----------------------------------------------------------------------
    def _save(self) -> None:
        if self.problem() is not None:
            return
        names, weights = self.edited_names(), self.edited_weights()

        def refused(message: str, stale: bool) -> None:
            self.validate()
            self.state.setText(message if stale else f"Not saved: {message}")

        self.save.setEnabled(False)
        self.state.setText("Saving… recomputing every account's health")
        self.edits.push(
            "Change the scorecard categories",
            lambda session: set_categories(session, names, weights),
            lambda session, before: set_categories(session, *before),
            # every account's health is recomputed: the whole book is read again
            Changes(settings=True, every_account=True),
            done=lambda: self.state.setText("Saved. Every account's health was recomputed."),
            refused=refused,
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self.refresh()
            self.saved.emit()


def _advice(total_bp: int) -> str:
    """What to do about a total that is not 100 %."""
    if total_bp == 10_000:
        return ""
    gap = abs(10_000 - total_bp) / 100
    return f" Add {gap:g} %." if total_bp < 10_000 else f" Take {gap:g} % off."
