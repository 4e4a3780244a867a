"""Settings ▸ People: everyone on the team with role, team, email, capacity and the
accounts they own; add, edit, deactivate (handing their accounts and open CTAs to
someone still here, or leaving them) and reactivate. Every change is one undoable
edit; the rules and refusals are the core's (``cswork.people``)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork import people
from cswork.changes import Changes
from cswork.enums import PersonRole
from cswork.people import PersonRow
from cswork.store import Book
from ui.kit.columns import Column, ColumnsModel, columns_view
from ui.kit.forms import FormDialog
from ui.kit.look import MUTED_COLOUR
from ui.kit.undo import Edits

# Owner names show in the book, the task pane and the RACI: all read again.
NAMES_SHOWN = Changes(people=True, every_account=True, ctas=True, raci=True)


def _muted(row: PersonRow) -> str | None:
    return None if row.active else MUTED_COLOUR


COLUMNS = [
    Column("Name", lambda r: r.name, colour=_muted),
    Column("Role", lambda r: r.role.label, colour=_muted, width=150),
    Column("Team", lambda r: r.team or "", colour=_muted, width=170),
    Column("Email", lambda r: r.email or "", colour=_muted, width=240),
    Column(
        "Capacity",
        lambda r: "" if r.capacity is None else str(r.capacity),
        sort_key=lambda r: r.capacity,
        right=True,
        colour=_muted,
        width=80,
        tooltip=lambda _: (
            "Accounts a CSM can carry, or renewals an R&E manager can work in a business day"
        ),
    ),
    Column(
        "Accounts",
        lambda r: str(r.accounts),
        sort_key=lambda r: r.accounts,
        right=True,
        colour=_muted,
        width=80,
    ),
    Column("Active", lambda r: "Yes" if r.active else "No (left)", colour=_muted, width=90),
]


class PersonDialog(FormDialog):
    """Add or edit one person: name, email (optional), role, team, capacity."""

    def __init__(self, row: PersonRow | None, parent: QWidget | None = None) -> None:
        super().__init__(
            "Edit person" if row else "Add person",
            "Save" if row else "Add",
            parent,
            width=420,
        )
        self.name = QLineEdit(row.name if row else "")
        self.email = QLineEdit(row.email or "" if row else "")
        self.email.setPlaceholderText("optional: jane.doe@example.com")
        self.role = QComboBox()
        for role in PersonRole:
            self.role.addItem(role.label, role)
        self.role.setCurrentIndex(self.role.findData(row.role if row else PersonRole.CSM))
        self.team = QLineEdit(row.team or "" if row else "")
        self.team.setPlaceholderText("optional: CS EMEA")
        self.capacity = QLineEdit("" if row is None or row.capacity is None else str(row.capacity))
        self.capacity.setPlaceholderText("accounts, or renewals a day")
        self.form.addRow("Name", self.name)
        self.form.addRow("Email", self.email)
        self.form.addRow("Role", self.role)
        self.form.addRow("Team", self.team)
        self.form.addRow("Capacity", self.capacity)

    def values(self) -> tuple[str, str | None, PersonRole, str | None, str]:
        """As typed: the core checks them (and says what is wrong) when saving."""
        return (
            self.name.text(),
            self.email.text() or None,
            self.role.currentData(),
            self.team.text() or None,
            self.capacity.text(),
        )

    def problem_with_input(self) -> str | None:
        return "Give the person's name." if not self.name.text().strip() else None


class DeactivateDialog(FormDialog):
    """Whom to hand a leaver's accounts and open CTAs to, or leave them."""

    def __init__(
        self,
        row: PersonRow,
        open_ctas: int,
        takers: list[tuple[int, str, PersonRole]],
        parent: QWidget | None = None,
    ) -> None:
        work = f"{_count(row.accounts, 'account')} and {_count(open_ctas, 'open CTA')}"
        super().__init__(
            "Deactivate person",
            "Deactivate",
            parent,
            heading_html=(
                f"<b>{_escape(row.name)}</b> has left? They keep their history (closed "
                f"CTAs, timeline entries, past deals) and are offered for nothing new.<br>"
                f"They own {work} now."
            ),
            width=480,
        )
        self.taker = QComboBox()
        self.taker.addItem(f"Nobody: leave them with {row.name}", None)
        for person_id, name, role in takers:
            if person_id != row.id:
                self.taker.addItem(f"{name} — {role.label}", person_id)
        # Most often a colleague in the same role takes over: the first one is offered.
        if row.accounts or open_ctas:
            same_role = [i for i, _, role in takers if role == row.role and i != row.id]
            if same_role:
                self.taker.setCurrentIndex(self.taker.findData(same_role[0]))
        self.taker.setMinimumWidth(300)
        self.form.addRow("Hand them to", self.taker)

    def taker_id(self) -> int | None:
        return self.taker.currentData()


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class PeopleSection(QWidget):
    """The team table and its buttons, in the Settings page."""

    loaded = Signal()  # the team was read and shown

    def __init__(self, book: Book, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book, self.edits = book, edits
        self.dialog: FormDialog | None = None
        self.model = ColumnsModel(COLUMNS, self)
        self.table = columns_view(self.model, sort_by=0)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.add_button = QPushButton("Add person…")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.clicked.connect(self.edit)
        self.deactivate_button = QPushButton("Deactivate…")
        self.deactivate_button.setToolTip(
            "They have left: hand their accounts and open CTAs to someone else"
        )
        self.deactivate_button.clicked.connect(self.deactivate)
        self.reactivate_button = QPushButton("Reactivate")
        self.reactivate_button.clicked.connect(self.reactivate)
        self.state = QLabel()
        self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.state.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.edit_button,
            self.deactivate_button,
            self.reactivate_button,
        ):
            buttons.addWidget(button)
        buttons.addWidget(self.state, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._enable()

    # -- showing ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the team on a reader thread (the counts look at every account)."""
        book = self.book

        def read() -> list[PersonRow]:
            with book.session() as session:
                return people.team_list(session)

        self.edits.workers.reads.submit(read, self._show)

    def _show(self, rows: list[PersonRow]) -> None:
        chosen = self.selected()
        self.model.set_records(rows)
        # The whole team at a glance, up to a point: the page scrolls, not the table.
        shown = min(max(len(rows), 3), 16)
        header = self.table.horizontalHeader().sizeHint().height()
        self.table.setFixedHeight(header + shown * 24 + 2 * self.table.frameWidth() + 2)
        if chosen is not None:
            row = self.model.row_of(lambda r: r.id == chosen.id)
            if row is not None:
                self.table.selectRow(row)
        self._enable()
        self.loaded.emit()

    def selected(self) -> PersonRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0]) if rows else None

    def _enable(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.deactivate_button.setEnabled(row is not None and row.active)
        self.reactivate_button.setEnabled(row is not None and not row.active)

    def on_changes(self, changes: Changes) -> None:
        if changes.people or changes.every_account or changes.book_rows:
            self.refresh()

    # -- editing ---------------------------------------------------------------------
    def _refused(self, message: str, stale: bool) -> None:
        self.state.setText(message if stale else f"Not saved: {message}")
        self.refresh()

    def _open(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        dialog.open()

    def add(self) -> None:
        dialog = PersonDialog(None, self)

        def submit(form: PersonDialog) -> None:
            name, email, role, team, capacity = form.values()
            self.state.setText("")
            self.edits.push(
                f"Add {name.strip()}",
                lambda s: people.add_person(s, name, email, role, team, capacity).id,
                people.delete_person,
                Changes(people=True),
                form=form,
                done=lambda: self.state.setText(f"Added {name.strip()}."),
                refused=self._refused,
            )

        dialog.on_submit = submit
        self._open(dialog)

    def edit(self) -> None:
        row = self.selected()
        if row is None:
            return
        dialog = PersonDialog(row, self)

        def submit(form: PersonDialog) -> None:
            values = form.values()
            self.state.setText("")
            self.edits.push(
                f"Edit {row.name}",
                lambda s: people.update_person(s, row.id, *values),
                lambda s, before: people.restore_person(s, row.id, before),
                NAMES_SHOWN,
                form=form,
                done=lambda: self.state.setText(f"Saved {values[0].strip()}."),
                refused=self._refused,
            )

        dialog.on_submit = submit
        self._open(dialog)

    def deactivate(self) -> None:
        row = self.selected()
        if row is None or not row.active:
            return
        with self.book.session() as session:  # a few people and one count: quick
            _, open_ctas = people.open_work(session, row.id)
            takers = [(p.id, p.name, p.role) for p in people.active_people(session)]
        dialog = DeactivateDialog(row, open_ctas, takers, self)

        def submit(form: DeactivateDialog) -> None:
            taker = form.taker_id()
            self.state.setText("")
            self.edits.push(
                f"Deactivate {row.name}" + (" and hand on their work" if taker else ""),
                lambda s: people.deactivate_person(s, row.id, taker),
                lambda s, moved: people.undo_deactivate(s, row.id, moved),
                NAMES_SHOWN if taker else Changes(people=True),
                form=form,
                done=lambda: self.state.setText(f"{row.name} is inactive."),
                refused=self._refused,
            )

        dialog.on_submit = submit
        self._open(dialog)

    def reactivate(self) -> None:
        row = self.selected()
        if row is None or row.active:
            return
        self.state.setText("")
        self.edits.push(
            f"Reactivate {row.name}",
            lambda s: people.reactivate_person(s, row.id),
            lambda s, _: people.undo_reactivate(s, row.id),
            Changes(people=True),
            done=lambda: self.state.setText(f"{row.name} is active again."),
            refused=self._refused,
        )
