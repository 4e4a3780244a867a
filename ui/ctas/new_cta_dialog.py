"""New CTA…: a CTA made by hand, for an account found by typing part of its name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListView, QWidget

from cswork.book import AccountRow
from cswork.enums import CtaType, Priority
from ui.ctas.dialogs import CtaDialog, person_label
from ui.kit.account_match import MatchModel
from ui.kit.dates import date_edit
from ui.kit.look import MUTED_COLOUR, PRIORITY_COLOURS, dot_icon

TYPE_LABELS = {t: t.value.capitalize() for t in CtaType}


class NewCtaDialog(CtaDialog):
    """``account`` (id, name) prefills the account; without it the user searches."""

    def __init__(
        self,
        accounts: Sequence[AccountRow],
        people: Sequence[tuple[int, str, str]],
        me_id: int | None,
        today: date,
        playbooks: dict[CtaType, list[tuple[str, int]]],
        account: tuple[int, str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("New CTA", "Create CTA", None, parent)
        self.playbooks = playbooks
        self.account_id: int | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type part of an account name or id…")
        self.matches = MatchModel(accounts, self)
        self.match_list = QListView()
        self.match_list.setModel(self.matches)
        self.match_list.setUniformItemSizes(True)
        self.match_list.setFixedHeight(150)
        self.match_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.match_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.match_list.activated.connect(lambda index: self._pick(index.row()))
        self.search.textEdited.connect(self._search)
        self.search.installEventFilter(self)

        self.type = QComboBox()
        for cta_type, label in TYPE_LABELS.items():
            self.type.addItem(label, cta_type)
        self.type.currentIndexChanged.connect(self._show_playbook)
        self.playbook = QLabel()
        self.playbook.setWordWrap(True)
        self.playbook.setMinimumWidth(440)  # else Qt sizes the wrapped text for a narrow form
        self.playbook.setStyleSheet(f"color: {MUTED_COLOUR};")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("What should happen, and why now?")
        self.priority = QComboBox()
        for priority in Priority:
            self.priority.addItem(
                dot_icon(PRIORITY_COLOURS[priority.value]), priority.value.capitalize(), priority
            )
        self.priority.setCurrentIndex(self.priority.findData(Priority.MEDIUM))
        self.owner = QComboBox()
        for person_id, name, role in people:
            self.owner.addItem(person_label(name, role), person_id)
        self.owner.setCurrentIndex(max(self.owner.findData(me_id), 0))
        self.due = date_edit(today + timedelta(days=7))

        self.form.addRow("Account", self.search)
        self.form.addRow("", self.match_list)
        self.form.addRow("Type", self.type)
        self.form.addRow("", self.playbook)
        self.form.addRow("Reason", self.reason)
        self.form.addRow("Priority", self.priority)
        self.form.addRow("Owner", self.owner)
        self.form.addRow("Due", self.due)
        self.form.setRowVisible(self.match_list, False)
        self.setMinimumWidth(560)
        self._show_playbook()
        if account is not None:
            self.account_id = account[0]
            self.search.setText(account[1])
            self.reason.setFocus()

    # -- the account search ----------------------------------------------------------
    def _search(self, text: str) -> None:
        self.account_id = None
        self.matches.search(text)
        found = self.matches.rowCount() > 0
        self.form.setRowVisible(self.match_list, found)
        if found:
            self.match_list.setCurrentIndex(self.matches.index(0))

    def _pick_current(self) -> None:
        index = self.match_list.currentIndex()
        if self.match_list.isVisible() and index.isValid():
            self._pick(index.row())

    def _pick(self, row: int) -> None:
        self.account_id = self.matches.account_id(row)
        name = self.matches.data(self.matches.index(row)).split("   ·   ")[0]
        self.search.setText(name)
        self.form.setRowVisible(self.match_list, False)
        self.type.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While matches show, arrows in the search box move the choice and Enter picks
        # it (rather than pressing the dialog's default button).
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and self.match_list.isVisible()
        ):
            key = event.key()  # type: ignore[attr-defined]
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._pick_current()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self.match_list.keyPressEvent(event)  # type: ignore[arg-type]
                return True
        return super().eventFilter(watched, event)

    # -- the rest --------------------------------------------------------------------
    def _show_playbook(self) -> None:
        tasks = self.playbooks.get(self.type.currentData(), [])
        if not tasks:
            self.playbook.setText("No playbook: the CTA starts without a checklist.")
            return
        titles = "; ".join(title for title, _ in tasks)
        self.playbook.setText(f"Gets its playbook's {len(tasks)} tasks: {titles}.")

    def values(self) -> dict:
        return {
            "account_id": self.account_id,
            "cta_type": self.type.currentData(),
            "reason": self.reason.text().strip(),
            "priority": self.priority.currentData(),
            "owner_id": self.owner.currentData(),
            "due_on": self.due.date().toPython(),
        }

    def problem_with_input(self) -> str | None:
        if self.account_id is None:
            return "Pick the account from the list that opens as you type its name."
        return None
