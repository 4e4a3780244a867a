"""The Customer360's RACI tab: who does what on this account, as people, after its
overrides; an activity can be overridden for the account or follow the team again.

Every change is an undoable ``BookEdit``; ``changed`` says when the book has it, so the
header (who is accountable) can be read again."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cswork import raci
from cswork.accounts import get_account
from cswork.changes import Changes
from cswork.seed import STRATEGIC_ACCOUNT, STRATEGIC_PRESET
from cswork.store import Book
from ui.customer360.raci.model import COLUMNS, DutiesModel, DutyRow
from ui.customer360.raci.override import OverrideDialog
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.records import as_record_list
from ui.kit.undo import Edits

STRATEGIC_HINT = "Strategic account: the AE is accountable for upsell, cross-sell and renewal."
INTRO = "Who does what on this account. Alerts go to whoever is Accountable."


class RaciTab(QWidget):
    changed = Signal(int)  # account id: who does what was shown again after a change

    def __init__(self, book: Book, edits: Edits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book, self.edits = book, edits
        self.account_id: int | None = None
        self.account_name = ""
        self.roles: list[tuple[str, str]] = []
        self.team: raci.Matrix = {}
        self.dialog: OverrideDialog | None = None  # the form shown last (tests drive it)

        self.intro = QLabel(INTRO)
        self.intro.setObjectName("statusLine")
        self.intro.setWordWrap(True)
        self.strategic = QPushButton("Apply strategic account override")
        self.strategic.setToolTip(STRATEGIC_HINT)
        self.strategic.clicked.connect(self.apply_strategic)
        self.unstrategic = QPushButton("Remove strategic override")
        self.unstrategic.setToolTip("Renewal, upsell and cross-sell follow the team matrix again.")
        self.unstrategic.clicked.connect(self.remove_strategic)
        top = QHBoxLayout()
        top.addWidget(self.intro, 1)
        top.addWidget(self.strategic)
        top.addWidget(self.unstrategic)

        self.model = DutiesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        as_record_list(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._enable())
        self.table.activated.connect(lambda _: self.override_selected())

        self.override = QPushButton("Override for this account…")
        self.override.clicked.connect(self.override_selected)
        self.follow = QPushButton("Follow the team matrix")
        self.follow.setToolTip("Drop this account's own row for the activity")
        self.follow.clicked.connect(self.follow_team)
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
        bottom = QHBoxLayout()
        bottom.addWidget(self.override)
        bottom.addWidget(self.follow)
        bottom.addWidget(self.state, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._enable()

    # -- reading -----------------------------------------------------------------------
    def show_account(self, account_id: int) -> None:
        with self.book.session() as session:
            account = get_account(session, account_id)
            name = account.name
            duties = raci.who_does_what(session, account)
            overrides = raci.account_overrides(session, account_id)
            self.roles = [(r.key, r.name) for r in raci.roles(session)]
            self.team = raci.matrix_cells(session, raci.team_matrix_id(session))
            people = {
                role: (person.name if person else None)
                for role, person in (duties[0].people_by_role.items() if duties else [])
            }
            routed = {  # the A's person missing: who the fallback chain gave it to
                d.activity_key: (d.accountable.name if d.accountable else None, d.routed)
                for d in duties
                if d.routed
            }
        if account_id != self.account_id:
            self.state.setText("")
        self.account_id, self.account_name = account_id, name
        current = self.current()
        rows = [
            DutyRow(
                d.activity_key,
                d.activity,
                d.letters_by_role,
                d.activity_key in overrides,
                *routed.get(d.activity_key, (None, None)),
            )
            for d in duties
        ]
        self.model.set_rows(rows, people, dict(self.roles))
        keys = [row.activity_key for row in rows]
        if current is not None and current.activity_key in keys:
            self.table.selectRow(keys.index(current.activity_key))
        self._enable()

    def current(self) -> DutyRow | None:
        return self.model.row(self.table.currentIndex())

    def select_activity(self, activity_key: str) -> None:
        keys = [row.activity_key for row in self.model.rows()]
        self.table.selectRow(keys.index(activity_key))

    def _enable(self) -> None:
        duty = self.current()
        self.override.setEnabled(duty is not None)
        self.follow.setEnabled(duty is not None and duty.overridden)
        overridden = {row.activity_key for row in self.model.rows() if row.overridden}
        strategic = set(STRATEGIC_ACCOUNT)
        self.strategic.setEnabled(self.account_id is not None and not strategic <= overridden)
        self.unstrategic.setEnabled(bool(overridden & strategic))
        self.intro.setText(f"{STRATEGIC_HINT} {INTRO}" if strategic <= overridden else INTRO)

    # -- editing -----------------------------------------------------------------------
    def override_selected(self) -> None:
        duty = self.current()
        if duty is None or self.account_id is None:
            return
        roles = [
            (key, caption, self.model.people.get(key) or "nobody assigned")
            for key, caption in self.roles
        ]
        form = OverrideDialog(
            self.account_name,
            (duty.activity_key, duty.activity),
            roles,
            duty.letters_by_role,
            self.team.get(duty.activity_key, {}),
            self,
        )
        form.on_submit = lambda f: self._set_row(duty, f.row(), f)
        self.dialog = form
        form.open()

    def follow_team(self) -> None:
        duty = self.current()
        if duty is not None and duty.overridden:
            self._set_row(duty, None)

    def _set_row(
        self, duty: DutyRow, row: dict[str, str] | None, form: OverrideDialog | None = None
    ) -> None:
        account_id, key = self.account_id, duty.activity_key
        text = (
            f"Override {duty.activity} for {self.account_name}"
            if row is not None
            else f"{duty.activity} follows the team matrix for {self.account_name}"
        )
        self._edit(
            text,
            lambda s: raci.set_override(s, account_id, key, row),
            lambda s, before: raci.set_override(s, account_id, key, before),
            account_id,
            form,
        )

    def apply_strategic(self) -> None:
        account_id = self.account_id
        if account_id is None:
            return

        def write(session: Session) -> raci.Matrix:
            before = raci.account_overrides(session, account_id)
            raci.apply_override_preset(session, [account_id], STRATEGIC_PRESET)
            return before

        self._edit(
            f"Strategic account override for {self.account_name}",
            write,
            lambda s, before: _restore_overrides(s, account_id, before),
            account_id,
        )

    def remove_strategic(self) -> None:
        account_id = self.account_id
        if account_id is None:
            return

        def write(session: Session) -> raci.Matrix:
            before = raci.account_overrides(session, account_id)
            raci.remove_override_preset(session, [account_id], STRATEGIC_PRESET)
            return before

        self._edit(
            f"Remove the strategic override from {self.account_name}",
            write,
            lambda s, before: _restore_overrides(s, account_id, before),
            account_id,
        )

    def _edit(self, text: str, write, unwrite, account_id: int, form=None) -> None:
        def done() -> None:
            self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
            self.state.setText("Saved. Edit ▸ Undo takes it back.")

        def refused(message: str, stale: bool) -> None:
            self.state.setStyleSheet(f"color: {OVERDUE_COLOUR};")
            self.state.setText(message if stale else f"Not saved: {message}")

        changes = Changes.of_account(account_id, raci=True)
        self.edits.push(text, write, unwrite, changes, form=form, done=done, refused=refused)

    def on_changes(self, changes: Changes) -> None:
        """An override was written, undone or redone: show who does what again."""
        if changes.touches_account(self.account_id):
            self.state.setText("")
            self.show_account(self.account_id)
            self.changed.emit(self.account_id)


def _restore_overrides(session: Session, account_id: int, overrides: raci.Matrix) -> None:
    """Put back exactly the overrides the account had (none for other activities)."""
    for activity in raci.activities(session):
        raci.set_override(session, account_id, activity.key, overrides.get(activity.key))
