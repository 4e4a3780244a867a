"""Details of one CTA: its facts, status, playbook checklist and comments.

The dialog only shows and asks: each change is a signal that ``CtaActions`` turns into a
write, and ``show_detail`` redraws it from the book afterwards."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork.ctas import CtaDetail
from ui.ctas.detail_models import ChecklistModel, CommentModel
from ui.ctas.dialogs import OUTCOME_LABELS
from ui.kit.dates import date_edit, qdate
from ui.kit.entries import TimelineDelegate
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR, PRIORITY_COLOURS, day_text


def status_text(detail: CtaDetail) -> str:
    item = detail.item
    if item.status == "snoozed" and item.snoozed_until:
        why = f": {detail.snooze_reason}" if detail.snooze_reason else ""
        return f"Snoozed until {day_text(item.snoozed_until)}{why}"
    if item.status == "closed":
        outcome = OUTCOME_LABELS.get(detail.outcome, detail.outcome) if detail.outcome else ""  # type: ignore[call-overload]
        note = f": {detail.closed_note}" if detail.closed_note else ""
        return f"Closed ({outcome}){note}"
    return "Open"


def caption(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: 600;")
    return label


class CtaDetailsDialog(QDialog):
    due_move_requested = Signal(object)  # the new due date
    comment_requested = Signal(str)
    action_requested = Signal(str)  # "snooze", "close", "reassign", "reopen", "open"

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("CTA details")
        self.today = today
        self.detail: CtaDetail | None = None
        self._moved_note = ""
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.kind, self.owner, self.priority, self.status = QLabel(), QLabel(), QLabel(), QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        reassign = self._button("Reassign…", "reassign")
        owner_row = QHBoxLayout()
        owner_row.setSpacing(12)
        owner_row.addWidget(self.owner)
        owner_row.addWidget(reassign)
        owner_row.addStretch(1)
        self.due = date_edit(today)
        self.due.dateChanged.connect(self._due_edited)
        self.move = QPushButton("Move due date")
        self.move.setAutoDefault(False)
        self.move.setEnabled(False)
        self.move.clicked.connect(self._move)
        due_row = QHBoxLayout()
        due_row.setSpacing(8)
        due_row.addWidget(self.due)
        due_row.addWidget(self.move)
        due_row.addStretch(1)
        self.due_note = QLabel()
        self.due_note.setWordWrap(True)
        self.due_note.setStyleSheet(f"color: {MUTED_COLOUR};")
        form = QFormLayout()
        self.facts = form
        form.setHorizontalSpacing(12)
        form.addRow("Type", self.kind)
        form.addRow("Owner", owner_row)
        form.addRow("Priority", self.priority)
        form.addRow("Due", due_row)
        form.addRow("", self.due_note)
        form.addRow("Status", self.status)

        self.checklist_caption = caption("Checklist")
        self.checklist = ChecklistModel(today, self)
        self.checklist_view = QListView()
        self.checklist_view.setModel(self.checklist)
        self.checklist_view.setSpacing(2)
        self.comments = CommentModel(self)
        self.comment_view = QListView()
        self.comment_view.setModel(self.comments)
        self.comment_view.setItemDelegate(TimelineDelegate(self.comment_view))
        self.comment_view.setResizeMode(QListView.ResizeMode.Adjust)
        self.comment_view.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.comment_text = QPlainTextEdit()
        self.comment_text.setPlaceholderText("Add a comment… (Ctrl+Enter)")
        self.comment_text.setTabChangesFocus(True)
        self.comment_text.setFixedHeight(56)
        self.add_comment = QPushButton("Add comment")
        self.add_comment.setAutoDefault(False)
        self.add_comment.clicked.connect(self._comment)
        QShortcut(QKeySequence("Ctrl+Return"), self.comment_text, activated=self._comment)
        comment_row = QHBoxLayout()
        comment_row.addWidget(self.comment_text, 1)
        comment_row.addWidget(self.add_comment, 0, Qt.AlignmentFlag.AlignBottom)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.snooze, self.close_cta = (
            self._button("Snooze…", "snooze"),
            self._button("Close CTA…", "close"),
        )
        self.reopen, self.open_account = (
            self._button("Reopen", "reopen"),
            self._button("Open account", "open"),
        )
        done = QPushButton("Done")
        done.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        for button in (self.snooze, self.close_cta, self.reopen, self.open_account):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(done)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.reason)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.checklist_caption)
        layout.addWidget(self.checklist_view)
        layout.addSpacing(6)
        layout.addWidget(caption("Comments"))
        layout.addWidget(self.comment_view, 1)
        layout.addLayout(comment_row)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.facts.setRowVisible(self.due_note, False)
        self.resize(620, 680)

    def _button(self, text: str, action: str) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self.action_requested.emit(action))
        return button

    # -- showing ---------------------------------------------------------------------
    def show_detail(self, detail: CtaDetail) -> None:
        self.detail = detail
        item = detail.item
        self.title.setText(item.account_name)
        self.reason.setText(item.reason)
        source = "raised by an alert rule" if detail.source == "rule" else "made by hand"
        self.kind.setText(f"{item.type.capitalize()}  ·  {source}")
        self.owner.setText(item.owner_name or "Nobody")
        colour = PRIORITY_COLOURS[item.priority]
        self.priority.setText(f"<span style='color:{colour}'>●</span> {item.priority.capitalize()}")
        self.due.blockSignals(True)
        self.due.setDate(qdate(item.due_on))
        self.due.blockSignals(False)
        self.move.setEnabled(False)
        self._note_due(self._moved_note)
        self._moved_note = ""
        overdue = item.status == "open" and item.due_on < self.today
        self.status.setText(status_text(detail) + (" — overdue" if overdue else ""))
        self.status.setStyleSheet(f"color: {OVERDUE_COLOUR};" if overdue else "")
        self.checklist.set_tasks(detail.tasks)
        done, total = self.checklist.done_count(), len(detail.tasks)
        self.checklist_caption.setText(
            f"Checklist ({done} of {total} done)" if total else "Checklist"
        )
        self.checklist_view.setVisible(bool(total))
        if total:  # as tall as its tasks, up to six
            row = self.checklist_view.sizeHintForRow(0) + 2 * self.checklist_view.spacing()
            frame = 2 * self.checklist_view.frameWidth()
            self.checklist_view.setFixedHeight(min(total, 6) * row + frame + 2)
        self.checklist_caption.setVisible(bool(total))
        self.comments.set_comments(detail.comments)
        is_open = item.status == "open"
        self.snooze.setVisible(is_open)
        self.close_cta.setVisible(item.status != "closed")
        self.reopen.setVisible(not is_open)
        self.open_account.setEnabled(item.account_id is not None)

    def _open_tasks(self) -> int:
        return sum(
            1 for _, _, due, done in (self.detail.tasks if self.detail else []) if due and not done
        )

    def _due_edited(self) -> None:
        if self.detail is None:
            return
        shift = (self.due.date().toPython() - self.detail.item.due_on).days
        self.move.setEnabled(shift != 0)
        count = self._open_tasks()
        if shift == 0:
            self._note_due("")
        elif count:
            tasks = f"{count} open task{'s' if count != 1 else ''}"
            self._note_due(f"Its {tasks} move by {shift:+d} days too; done tasks stay.")
        else:
            self._note_due(f"Moves the due date by {shift:+d} days.")

    def _note_due(self, text: str) -> None:
        self.due_note.setText(text)
        self.facts.setRowVisible(self.due_note, bool(text))

    def _move(self) -> None:
        if self.detail is None:
            return
        shift = (self.due.date().toPython() - self.detail.item.due_on).days
        count = self._open_tasks()
        self._moved_note = f"Moved by {shift:+d} days" + (
            f", with {count} open task{'s' if count != 1 else ''}." if count else "."
        )
        self.move.setEnabled(False)
        self.due_move_requested.emit(self.due.date().toPython())

    def _comment(self) -> None:
        text = self.comment_text.toPlainText().strip()
        if text:
            self.add_comment.setEnabled(False)
            self.comment_requested.emit(text)

    # -- after a write ---------------------------------------------------------------
    def comment_saved(self) -> None:
        self.comment_text.clear()
        self.add_comment.setEnabled(True)

    def failed(self, message: str) -> None:
        self.add_comment.setEnabled(True)
        self._moved_note = ""
        self.message.setText(message)
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
