"""The Customer360's scorecard tab: the eight categories with their latest scores, the
health with its 90-day trend and why it is what it is, and scoring a category.

A score is recorded as a snapshot (history is kept); Ctrl+Z deletes the snapshots the
recording made, so the history reads as if it had never been entered."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cswork.changes import Changes
from cswork.scorecard import Scorecard, delete_snapshots, record_scores
from ui.customer360.scorecard.model import COMMENT, ScoreModel, change_colour, change_text
from ui.kit.look import BAND_COLOURS, BAND_LABELS, MUTED_COLOUR, OVERDUE_COLOUR, dot_icon
from ui.kit.records import as_record_list
from ui.kit.sparkline import Sparkline
from ui.kit.undo import Edits

# One click for a score in each band: well inside it, so a typo does not cross an edge.
QUICK_PICKS = [("red", 30), ("yellow", 65), ("green", 90)]
NO_SCORE = -1  # the spin box shows "—": nothing picked yet


class ScoreBox(QSpinBox):
    """0-100, or "—" before a score is picked; typing replaces what it shows."""

    def __init__(self) -> None:
        super().__init__()
        self.setRange(NO_SCORE, 100)
        self.setSpecialValueText("—")
        self.setAccessibleName("New score, 0 to 100")
        self.setToolTip("0-100: red up to 50, yellow up to 75, green above")

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.selectAll()


class ScorecardTab(QWidget):
    def __init__(
        self,
        edits: Edits,
        today: date,
        author: Callable[[], int | None],
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.edits, self.today, self.author = edits, today, author
        self.card: Scorecard | None = None

        self.health = QLabel()
        self.health.setObjectName("factValue")
        self.band = QLabel()
        self.change = QLabel()
        self.trend = Sparkline(90)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextFormat(Qt.TextFormat.PlainText)
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        standing = QVBoxLayout()
        standing.setSpacing(0)
        band_row = QHBoxLayout()
        band_row.setSpacing(8)
        band_row.addWidget(self.health)
        band_row.addWidget(self.band, 0, Qt.AlignmentFlag.AlignBottom)
        band_row.addStretch(1)
        standing.addLayout(band_row)
        standing.addWidget(self.change)
        summary = QGridLayout()
        summary.setHorizontalSpacing(24)
        summary.setVerticalSpacing(4)
        for column, caption in enumerate(["Health", "Last 90 days", "Why"]):
            label = QLabel(caption.upper())
            label.setObjectName("factCaption")
            summary.addWidget(label, 0, column)
        summary.addLayout(standing, 1, 0, Qt.AlignmentFlag.AlignTop)
        summary.addWidget(self.trend, 1, 1, Qt.AlignmentFlag.AlignTop)
        summary.addWidget(self.explanation, 1, 2)
        summary.setColumnStretch(2, 1)
        summary.setColumnMinimumWidth(0, 170)  # the chart stays put as the words change

        self.model = ScoreModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        as_record_list(self.table)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COMMENT, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._category_chosen())
        self.table.activated.connect(lambda _: self.score.setFocus())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(summary)
        layout.addWidget(self.table)
        layout.addLayout(self._entry_row())
        layout.addWidget(self.message)
        layout.addStretch(1)

    def _entry_row(self) -> QHBoxLayout:
        self.category = QLabel()
        self.category.setTextFormat(Qt.TextFormat.PlainText)
        self.category.setStyleSheet("font-weight: 600;")
        self.score = ScoreBox()
        self.score.lineEdit().returnPressed.connect(self.record)
        row = QHBoxLayout()
        row.addWidget(QLabel("Score"))
        row.addWidget(self.category)
        row.addWidget(self.score)
        for band, value in QUICK_PICKS:
            pick = QPushButton(f"{value} {BAND_LABELS[band]}")
            pick.setIcon(dot_icon(BAND_COLOURS[band]))
            pick.setToolTip(f"Score {value}: {BAND_LABELS[band].lower()}")
            pick.clicked.connect(lambda _=False, v=value: self._pick(v))
            row.addWidget(pick)
        self.comment = QLineEdit()
        self.comment.setPlaceholderText("Comment (optional): why this score?")
        self.comment.returnPressed.connect(self.record)
        row.addWidget(self.comment, 1)
        self.record_button = QPushButton("Record score")
        self.record_button.setToolTip("Record it as measured today (Enter); Ctrl+Z takes it back")
        self.record_button.clicked.connect(self.record)
        row.addWidget(self.record_button)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        return row

    # -- showing -------------------------------------------------------------------
    def show_card(self, card: Scorecard, today: date) -> None:
        first = self.card is None or self.card.account_id != card.account_id
        self.card, self.today = card, today
        self.model.set_categories(card.categories)
        self._fit_table()
        if card.health is None:
            self.health.setText("—")
            self.health.setStyleSheet(f"color: {MUTED_COLOUR};")
            self.band.setText("Not scored yet")
        else:
            self.health.setText(str(card.health))
            self.health.setStyleSheet(f"color: {BAND_COLOURS[card.band]};")
            self.band.setText(f"{BAND_LABELS[card.band]} health")
        colour = change_colour(card.change_points)
        self.change.setText(change_text(card.change_points, card.change_span))
        self.change.setStyleSheet(f"color: {colour};" if colour else f"color: {MUTED_COLOUR};")
        self.trend.set_trend(card.trend, today)
        self.explanation.setText(card.explanation)
        if first:
            self.message.clear()
            self._select(0)
            self._category_chosen()

    def _fit_table(self) -> None:
        """Eight rows need no scrolling: the table is as tall as they are, and the
        score entry sits right under it."""
        table = self.table
        rows = table.verticalHeader().length()
        table.setFixedHeight(
            rows + table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
        )

    def _select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _category_chosen(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        chosen = self.model.category(index.row())
        self.category.setText(chosen.name)
        self.score.setValue(NO_SCORE if chosen.score is None else chosen.score)
        self.score.selectAll()
        self.comment.clear()

    def _pick(self, value: int) -> None:
        self.score.setValue(value)
        self.comment.setFocus()

    def _say(self, text: str, colour: str = MUTED_COLOUR) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {colour};")

    # -- recording -----------------------------------------------------------------
    def record(self) -> None:
        """Record the score for the category chosen, then move on to the next one."""
        index = self.table.currentIndex()
        if self.card is None or not index.isValid():
            return
        self.score.interpretText()
        if self.score.value() == NO_SCORE:
            self._say("Pick a score from 0 to 100 first.", OVERDUE_COLOUR)
            self.score.setFocus()
            return
        chosen = self.model.category(index.row())
        score, comment = self.score.value(), self.comment.text()

        def recorded() -> None:
            self._say(f"Recorded {chosen.name}: {score}. Ctrl+Z takes it back.")

        self._say("Recording…")
        account_id, category_id, measured_on, author_id = (
            self.card.account_id,
            chosen.category_id,
            self.today,
            self.author(),
        )

        def write(session: Session) -> list[int]:
            scores = {category_id: (score, comment)}
            now = datetime.now(UTC)
            return record_scores(session, account_id, scores, measured_on, author_id, now)

        self.edits.push(
            f"Record {chosen.name} score",
            write,
            delete_snapshots,
            Changes.of_account(account_id),
            done=recorded,
            refused=lambda message, _stale: self._say(message, OVERDUE_COLOUR),
        )
        self.comment.clear()
        self._select(index.row() + 1)
        self.score.setFocus()
        self.score.selectAll()
