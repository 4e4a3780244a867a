"""The Customer360's success plan tab: the customer's desired outcome and ROI in their
words, the objectives and the milestones, edited in place. Nothing has a Save button:
every change is written as it is made and can be undone (Edit ▸ Undo, Ctrl+Z)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.plans import is_late
from cswork.store import Book
from ui.customer360.plan.edits import PlanEdits, PlanView, read_plan
from ui.customer360.plan.models import STATUS_LABELS, MilestoneModel, ObjectiveModel, PlanTableModel
from ui.customer360.plan.parts import FIELD_WORDS, EmptyPlan, Section, plural
from ui.customer360.plan.table import ChoiceDelegate, DateDelegate, PercentDelegate, PlanTable
from ui.kit.autosave_text import AutosaveText
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.undo import Edits


class SuccessPlanTab(QWidget):
    def __init__(self, book: Book, edits: Edits, today: date, parent=None) -> None:
        super().__init__(parent)
        self.book, self.today = book, today
        self.view: PlanView | None = None
        self.edits = PlanEdits(edits, self)
        self.edits.refused.connect(self._refused)
        self._speaking: QLabel | None = None  # where the next refusal is shown

        self.empty = EmptyPlan()
        self.create, self.template_note = self.empty.create, self.empty.template_note
        self.create.clicked.connect(self._create)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self._plan_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.pages)

    # -- building ------------------------------------------------------------------
    def _plan_page(self) -> QWidget:
        self.rollup = QLabel()
        self.rollup.setTextFormat(Qt.TextFormat.PlainText)
        self.late = QLabel()
        self.late.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.template = QLabel()
        self.template.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.note = QLabel()
        self.note.setStyleSheet(f"color: {MUTED_COLOUR};")
        top = QHBoxLayout()
        top.addWidget(self.rollup)
        top.addSpacing(12)
        top.addWidget(self.late)
        top.addStretch(1)
        top.addWidget(self.template)

        self.outcome = AutosaveText("What the customer wants to achieve, in their words…")
        self.roi = AutosaveText("The value delivered so far, in numbers the customer agrees with…")
        texts = QGridLayout()
        texts.setHorizontalSpacing(12)
        texts.setVerticalSpacing(2)
        for column, (caption, box, field) in enumerate(
            [
                ("Desired outcome, in the customer's words", self.outcome, "desired_outcome"),
                ("ROI statement, for the EBR and the renewal", self.roi, "roi_statement"),
            ]
        ):
            label = QLabel(caption)
            label.setStyleSheet(f"color: {MUTED_COLOUR};")
            label.setBuddy(box)
            box.setFixedHeight(62)
            box.settled.connect(lambda text, f=field, c=caption: self._save_text(f, text, c))
            texts.addWidget(label, 0, column)
            texts.addWidget(box, 1, column)
        texts.addWidget(self.note, 0, 1, Qt.AlignmentFlag.AlignRight)

        self.objectives = ObjectiveModel(self.today, self)
        self.objectives.edit_requested.connect(self._edit_objective)
        table = PlanTable(self.objectives, "title")
        for field, delegate in (
            ("owner_id", ChoiceDelegate(self._owner_choices, table)),
            ("status", ChoiceDelegate(lambda: [(v, k) for k, v in STATUS_LABELS.items()], table)),
            ("target_date", DateDelegate(lambda: self.today, table)),
            ("progress", PercentDelegate(table)),
        ):
            table.setItemDelegateForColumn(self.objectives.column_of(field), delegate)
        self.objective_section = Section("Objectives", "objective", table)
        self.objective_section.add.clicked.connect(self._add_objective)
        self.objective_section.remove.clicked.connect(self._remove_objective)

        self.milestones = MilestoneModel(self.today, self)
        self.milestones.edit_requested.connect(self._edit_milestone)
        table = PlanTable(self.milestones, "name")
        dates = DateDelegate(lambda: self.today, table)
        for field in ("due_on", "done_on"):
            table.setItemDelegateForColumn(self.milestones.column_of(field), dates)
        self.milestone_section = Section("Milestones", "milestone", table)
        self.milestone_section.add.clicked.connect(self._add_milestone)
        self.milestone_section.remove.clicked.connect(self._remove_milestone)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addLayout(texts)
        layout.addWidget(self.objective_section, 1)
        layout.addWidget(self.milestone_section, 1)
        return page

    def _owner_choices(self) -> list[tuple[str, int | None]]:
        people = self.view.people if self.view else {}
        active = self.view.active_ids if self.view else frozenset()
        return [("Nobody", None), *sorted((n, i) for i, n in people.items() if i in active)]

    # -- showing -------------------------------------------------------------------
    def show_account(self, account_id: int) -> None:
        """Read the account's plan (one account: a few indexed queries) and show it."""
        self.outcome.settle()  # what was typed goes to the plan it was typed into
        self.roi.settle()
        self.reload(account_id)

    def reload(self, account_id: int) -> None:
        with self.book.session() as session:
            view = read_plan(session, account_id, self.today)
        self._show(view)

    def set_today(self, today: date) -> None:
        self.today = self.objectives.today = self.milestones.today = today

    def _show(self, view: PlanView) -> None:
        if self.view is None or self.view.account_id != view.account_id:
            for section in (self.objective_section, self.milestone_section):
                section.message.clear()
            self.note.clear()
        self.view = view
        if view.plan_id is None:
            self.outcome.forget()
            self.roi.forget()
            self.empty.show_template(view)
            self.pages.setCurrentIndex(0)
            return
        self.pages.setCurrentIndex(1)
        self.outcome.show_saved(view.desired_outcome)
        self.roi.show_saved(view.roi_statement)
        self.template.setText(
            f"From the template “{view.template_name}”" if view.template_name else ""
        )
        if view.people != self.objectives.people:
            self.objectives.people = view.people
            self.objectives.set_rows([])
        self._fill(self.objective_section.table, self.objectives, view.objectives)
        self._fill(self.milestone_section.table, self.milestones, view.milestones)
        self._show_rollup(view)

    def _fill(self, table: PlanTable, model: PlanTableModel, rows: list) -> None:
        """New rows; the current cell stays on its record (or its row, if removed)."""
        current = table.currentIndex()
        record = model.record(current.row()).id if current.isValid() else None
        if model.update_rows(rows) or not current.isValid():
            return
        row = model.row_of(record)
        row = min(current.row(), model.rowCount() - 1) if row is None else row
        if row >= 0:
            table.setCurrentIndex(model.index(row, current.column()))

    def _show_rollup(self, view: PlanView) -> None:
        self.rollup.setText(f"Progress: {view.progress.summary}")
        late = [m for m in view.milestones if is_late(m.due_on, m.done_on, self.today)]
        overdue = [m.name for m in late if m.done_on is None]
        done_late = [m.name for m in late if m.done_on is not None]
        parts = [f"overdue: {', '.join(overdue)}"] if overdue else []
        parts += [f"done late: {', '.join(done_late)}"] if done_late else []
        self.late.setText(
            f"{plural(len(late), 'milestone')} late ({'; '.join(parts)})" if late else ""
        )
        self.late.setToolTip(self.late.text())

    def on_changes(self, changes: Changes) -> None:
        if changes.today:
            self.set_today(changes.today)
        if self.view is not None and changes.touches_account(self.view.account_id):
            self.reload(self.view.account_id)
            if self.note.text() == "Saving…":
                self.note.setText("Saved")
            self.edits.written.emit(self.view.account_id)

    def _refused(self, message: str) -> None:
        """Say why next to what was edited; the table, which showed the edit at once,
        shows the book again."""
        if self._speaking is not None:
            self._speaking.setText(message)
        if self.view is not None:
            self.reload(self.view.account_id)

    # -- editing -------------------------------------------------------------------
    def _create(self) -> None:
        if self.view is not None:
            self.edits.create_plan(self.view.account_id, self.today)

    def _save_text(self, field: str, text: str, caption: str) -> None:
        if self.view is None or self.view.plan_id is None:
            return
        self.note.setText("Saving…")
        label = caption.split(",")[0].lower()
        self.edits.set_text(
            self.view.account_id, self.view.plan_id, field, text, label, self.view.plan_version
        )

    def _speak_in(self, section: Section) -> None:
        section.message.clear()
        self._speaking = section.message

    def _edit_objective(self, objective_id: int, fields: dict) -> None:
        self._speak_in(self.objective_section)
        words = ", ".join(FIELD_WORDS[f] for f in fields)
        version = self.objectives.record(self.objectives.row_of(objective_id)).version
        self.edits.edit_objective(self.view.account_id, objective_id, fields, words, version)

    def _edit_milestone(self, milestone_id: int, fields: dict) -> None:
        self._speak_in(self.milestone_section)
        words = ", ".join(FIELD_WORDS[f] for f in fields)
        version = self.milestones.record(self.milestones.row_of(milestone_id)).version
        self.edits.edit_milestone(self.view.account_id, milestone_id, fields, words, version)

    def _add_objective(self) -> None:
        self._speak_in(self.objective_section)
        view, table = self.view, self.objective_section.table
        self.edits.add_objective(
            view.account_id,
            view.plan_id,
            view.default_owner_id,
            lambda new_id: self._edit_new(table, self.objectives, new_id, "title"),
        )

    def _add_milestone(self) -> None:
        self._speak_in(self.milestone_section)
        view, table = self.view, self.milestone_section.table
        self.edits.add_milestone(
            view.account_id,
            view.plan_id,
            lambda new_id: self._edit_new(table, self.milestones, new_id, "name"),
        )

    def _edit_new(self, table: PlanTable, model: PlanTableModel, record_id: int, field: str):
        row = model.row_of(record_id)
        if row is not None:
            table.edit_cell(row, field)

    def _remove_objective(self) -> None:
        index = self.objective_section.table.currentIndex()
        if index.isValid():
            self._speak_in(self.objective_section)
            objective = self.objectives.record(index.row())
            self.edits.remove_objective(self.view.account_id, objective.id, objective.title)

    def _remove_milestone(self) -> None:
        index = self.milestone_section.table.currentIndex()
        if index.isValid():
            self._speak_in(self.milestone_section)
            milestone = self.milestones.record(index.row())
            self.edits.remove_milestone(self.view.account_id, milestone.id, milestone.name)

    def hideEvent(self, event) -> None:
        self.outcome.settle()  # leaving the account (or the window): keep what was typed
        self.roi.settle()
        super().hideEvent(event)
