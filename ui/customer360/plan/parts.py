"""Pieces of the success plan tab: its empty state, a titled table with its buttons,
and the plan's progress as the Customer360 header shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from cswork.plans import PlanProgress
from ui.customer360.plan.table import PlanTable
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR

if TYPE_CHECKING:
    from ui.customer360.plan.edits import PlanView

# How the undo history names a change to each field ("Undo Change objective status").
FIELD_WORDS = {
    "title": "title",
    "kpi": "KPI",
    "baseline": "baseline",
    "target": "target",
    "owner_id": "owner",
    "target_date": "target date",
    "status": "status",
    "progress": "progress",
    "name": "name",
    "due_on": "due date",
    "done_on": "done date",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def plan_fact(progress: PlanProgress | None) -> tuple[str, str]:
    """The header tile: a value and a detail, the late milestones in red (rich text)."""
    if progress is None:
        return "—", "no success plan"
    value = "—" if progress.percent is None else f"{progress.percent}%"
    detail = (
        f"{progress.objectives_achieved} of {plural(progress.objectives_counted, 'objective')}"
        " achieved"
        if progress.objectives_counted
        else "no objectives yet"
    )
    if progress.milestones_late:
        late = plural(progress.milestones_late, "milestone") + " late"
        detail += f' · <span style="color:{OVERDUE_COLOUR}">{late}</span>'
    return value, detail


class Section(QWidget):
    """A titled table with its Add and Remove buttons and a line for the core's refusals."""

    def __init__(self, title: str, noun: str, table: PlanTable) -> None:
        super().__init__()
        self.table = table
        heading = QLabel(title)
        heading.setObjectName("sectionTitle")
        self.message = QLabel()
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.add = QPushButton(f"Add {noun}")
        self.add.setToolTip(f"Add {noun} (Ctrl+Insert in the table)")
        self.remove = QPushButton("Remove")
        self.remove.setToolTip(f"Remove the selected {noun} (Ctrl+Delete); Ctrl+Z brings it back")
        row = QHBoxLayout()
        row.addWidget(heading)
        row.addSpacing(12)
        row.addWidget(self.message, 1)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(row)
        layout.addWidget(table, 1)
        for keys, button in (("Ctrl+Insert", self.add), ("Ctrl+Delete", self.remove)):
            shortcut = QShortcut(QKeySequence(keys), table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)


class EmptyPlan(QWidget):
    """No plan yet: what a plan is for, one button, and the template it starts from."""

    def __init__(self) -> None:
        super().__init__()
        title = QLabel("No success plan yet")
        title.setObjectName("sectionTitle")
        why = QLabel(
            "A success plan holds what the customer wants to achieve, in their words: "
            "objectives with a KPI, an owner and a date, and the milestones from the "
            "Strategy Session to the EBR."
        )
        self.create = QPushButton("Create a success plan")
        self.create.setDefault(True)
        self.template_note = QLabel()
        self.template_note.setStyleSheet(f"color: {MUTED_COLOUR};")
        card = QWidget()
        card.setFixedWidth(560)  # a readable line; the labels wrap inside it
        column = QVBoxLayout(card)
        column.setSpacing(10)
        for widget in (title, why, self.create, self.template_note):
            if isinstance(widget, QLabel):
                widget.setWordWrap(True)
                widget.setAlignment(Qt.AlignmentFlag.AlignHCenter)
                column.addWidget(widget)
            else:
                column.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        middle = QHBoxLayout()  # not an alignment: that would squeeze the wrapped lines
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(middle)
        layout.addStretch(2)

    def show_template(self, view: PlanView) -> None:
        milestones = ", ".join(view.new_plan_milestones)
        self.template_note.setText(
            f"It starts from the template “{view.template_name}”: "
            f"{plural(view.new_plan_objectives, 'objective')} and the milestones "
            f"{milestones}. You rewrite them with the customer."
        )
