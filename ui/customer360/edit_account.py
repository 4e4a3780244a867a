"""New account and Edit account: every field of an account in one form.

The form hands the core what the user typed (``cswork.account_edits``), as the
`account --set` command does: the core checks it with the import's rules and each
problem is shown beside its field, keeping what the user typed. Saving is an undoable,
version-checked edit (``Edits.push``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from cswork.account_edits import (
    CUSTOM_PREFIX,
    AccountEdit,
    AccountEditError,
    account_values,
    create_account,
    remove_new_account,
    restore_account,
    update_account,
)
from cswork.accounts import get_account, main_currency
from cswork.audit import versions_of
from cswork.changes import Changes
from cswork.enums import AccountStatus, Segment
from cswork.money import CURRENCY_SYMBOLS
from cswork.people import all_people
from cswork.store import Book
from ui.kit.dates import date_edit
from ui.kit.forms import FormDialog
from ui.kit.look import OVERDUE_COLOUR
from ui.kit.undo import Edits

NOBODY = ""  # the person pickers' first choice


class OptionalDate(QWidget):
    """A date that may be left out: a check box, then the date."""

    def __init__(self, text: str, day: date | None, today: date) -> None:
        super().__init__()
        self.given = QCheckBox()
        self.given.setToolTip(f"Uncheck for no {text}")
        self.day: QDateEdit = date_edit(day or today)
        self.given.toggled.connect(self.day.setEnabled)
        self.given.setChecked(day is not None)
        self.day.setEnabled(day is not None)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.given)
        row.addWidget(self.day, 1)

    def text(self) -> str:
        return self.day.date().toPython().isoformat() if self.given.isChecked() else ""


class AccountDialog(FormDialog):
    """The account's fields (``values`` as ``account_values`` gives them; empty for a
    new account), the people to pick owners from as (name, how to name them)."""

    def __init__(
        self,
        values: dict[str, str],
        people: list[tuple[str, str]],
        today: date,
        currency: str = "USD",
        parent: QWidget | None = None,
    ) -> None:
        self.is_new = not values
        name = values.get("name", "")
        super().__init__(
            "New account" if self.is_new else f"Edit {name}",
            "Create" if self.is_new else "Save",
            parent,
            width=760,
        )
        self.original = dict(values)
        self.field_problems: list[tuple[str, str]] = []  # from the core, per field
        self._problem_labels: dict[str, QLabel] = {}
        self._texts: dict[str, Callable[[], str]] = {}  # field -> what the user typed

        self.external_id = self._line("external_id", values, "e.g. 0015g00000XyZ (the CRM's id)")
        self.external_id.setReadOnly(not self.is_new)
        self.name = self._line("name", values, "e.g. Acme Corp")
        self.segment = self._choices("segment", [s.value for s in Segment], values, "low-touch")
        self.industry = self._line("industry", values, "e.g. Manufacturing")
        self.parent_account = self._line("parent", values, "the parent's external id, if any")
        self.status = self._choices("status", [s.value for s in AccountStatus], values, "active")
        self.arr = self._line("arr", values, "e.g. 120,000")
        self.currency = QComboBox()
        self.currency.setEditable(True)
        self.currency.addItems(list(CURRENCY_SYMBOLS))
        self.currency.setCurrentText(values.get("currency", currency))
        self._texts["currency"] = self.currency.currentText
        self.licenses = self._line("licenses", values, "0")
        self.licenses_used = self._line("licenses_used", values, "0")
        self.contract_start = self._date("contract_start", "contract start", values, today)
        self.renewal_date = self._date("renewal_date", "renewal date", values, today)
        self.customer_since = self._date("customer_since", "customer-since day", values, today)
        if self.is_new:
            self.customer_since.setToolTip("Left out: the contract start, or today")
        self.term_months = self._line("term_months", values, "e.g. 12")
        self.auto_renew = QCheckBox("Renews by itself at the end of the term")
        self.auto_renew.setChecked(values.get("auto_renew") == "yes")
        self._texts["auto_renew"] = lambda: "yes" if self.auto_renew.isChecked() else "no"
        self.csm = self._person("csm", people, values)
        self.re_manager = self._person("re_manager", people, values)
        self.ae = self._person("ae", people, values)

        money = QHBoxLayout()
        money.addWidget(self.arr, 1)
        money.addWidget(self.currency)
        left, right = self._column(), self._column()
        for label, field, widget in [
            ("External ID", "external_id", self.external_id),
            ("Name", "name", self.name),
            ("Segment", "segment", self.segment),
            ("Industry", "industry", self.industry),
            ("Parent account", "parent", self.parent_account),
            ("Status", "status", self.status),
            ("CSM", "csm", self.csm),
            ("R&E manager", "re_manager", self.re_manager),
            ("AE", "ae", self.ae),
        ]:
            self._add(left, label, field, widget)
        for label, field, widget in [
            ("ARR", "arr", money),
            ("Licenses", "licenses", self.licenses),
            ("Licenses used", "licenses_used", self.licenses_used),
            ("Contract start", "contract_start", self.contract_start),
            ("Renewal date", "renewal_date", self.renewal_date),
            ("Term (months)", "term_months", self.term_months),
            ("", "auto_renew", self.auto_renew),
            ("Customer since", "customer_since", self.customer_since),
        ]:
            self._add(right, label, field, widget)
        self._problem_labels["currency"] = self._problem_labels["arr"]
        columns = QHBoxLayout()
        columns.setSpacing(24)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)

        self.custom = QTableWidget(0, 2)
        self.custom.setHorizontalHeaderLabels(["Custom field", "Value"])
        self.custom.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.custom.verticalHeader().hide()
        self.custom.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.custom.setFixedHeight(112)
        self.custom.setToolTip(
            "Fields your CRM has and we have none for; an empty value removes one"
        )
        for key, text in values.items():
            if key.startswith(CUSTOM_PREFIX):
                self._add_custom_row(key[len(CUSTOM_PREFIX) :], text, fixed_name=True)
        self.add_custom = QPushButton("Add custom field")
        self.add_custom.clicked.connect(lambda: self._add_custom_row("", "", fixed_name=False))
        self.custom_problem = self._problem_label()
        custom_box = QVBoxLayout()
        custom_box.setSpacing(4)
        custom_box.addWidget(self.custom)
        custom_row = QHBoxLayout()
        custom_row.addWidget(self.custom_problem, 1)
        custom_row.addWidget(self.add_custom, 0, Qt.AlignmentFlag.AlignRight)
        custom_box.addLayout(custom_row)

        # Two columns of rows read better than the base form's one (left empty).
        self.layout_.insertLayout(2, columns)
        self.layout_.insertLayout(3, custom_box)
        (self.external_id if self.is_new else self.name).setFocus()

    # -- building ------------------------------------------------------------------
    def _column(self) -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        return form

    def _problem_label(self) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        label.hide()
        return label

    def _add(self, form: QFormLayout, label: str, field: str, widget) -> None:
        """A row of the form, with the field's problem under it when it has one."""
        problem = self._problem_label()
        self._problem_labels[field] = problem
        box = QVBoxLayout()
        box.setSpacing(2)
        if isinstance(widget, QWidget):
            box.addWidget(widget)
        else:
            box.addLayout(widget)
        box.addWidget(problem)
        form.addRow(label, box)

    def _line(self, field: str, values: dict[str, str], placeholder: str) -> QLineEdit:
        edit = QLineEdit(values.get(field, ""))
        edit.setPlaceholderText(placeholder)
        self._texts[field] = edit.text
        return edit

    def _choices(
        self, field: str, choices: list[str], values: dict[str, str], default: str
    ) -> QComboBox:
        box = QComboBox()
        box.addItems(choices)
        box.setCurrentText(values.get(field, default))
        self._texts[field] = box.currentText
        return box

    def _date(self, field: str, text: str, values: dict[str, str], today: date) -> OptionalDate:
        stored = values.get(field)
        widget = OptionalDate(text, date.fromisoformat(stored) if stored else None, today)
        self._texts[field] = widget.text
        return widget

    def _person(
        self, field: str, people: list[tuple[str, str]], values: dict[str, str]
    ) -> QComboBox:
        box = QComboBox()
        box.addItem("— nobody —", NOBODY)
        for name, key in people:
            box.addItem(name, key)
            box.setItemData(box.count() - 1, key, Qt.ItemDataRole.ToolTipRole)
        index = box.findData(values.get(field, NOBODY))
        box.setCurrentIndex(max(index, 0))
        self._texts[field] = lambda: str(box.currentData())
        return box

    def _add_custom_row(self, name: str, text: str, fixed_name: bool) -> None:
        row = self.custom.rowCount()
        self.custom.insertRow(row)
        name_item = QTableWidgetItem(name)
        if fixed_name:
            name_item.setFlags(name_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.custom.setItem(row, 0, name_item)
        self.custom.setItem(row, 1, QTableWidgetItem(text))
        if not fixed_name:
            self.custom.setCurrentCell(row, 0)
            self.custom.editItem(name_item)

    # -- reading -------------------------------------------------------------------
    def values(self) -> dict[str, str]:
        """What the user typed, by field, as the core takes it: for an edit only the
        fields that differ from the account as read, for a new account those given."""
        typed = {field: text().strip() for field, text in self._texts.items()}
        for row in range(self.custom.rowCount()):
            name = (self.custom.item(row, 0).text() or "").strip()
            value = self.custom.item(row, 1)
            if name:
                typed[CUSTOM_PREFIX + name] = (value.text() if value else "").strip()
        if self.is_new:
            return {field: text for field, text in typed.items() if text}
        return {
            field: text
            for field, text in typed.items()
            if field != "external_id" and text != self.original.get(field, "")
        }

    # -- problems ------------------------------------------------------------------
    def failed(self, message: str) -> None:
        """A refusal: each field's problem beside it; anything else below the form."""
        for label in [*self._problem_labels.values(), self.custom_problem]:
            label.hide()
        problems, self.field_problems = self.field_problems, []
        custom = []
        for field, text in problems:
            label = self._problem_labels.get(field)
            if label is not None:
                label.setText(text)
                label.show()
            else:
                custom.append(f"{field.removeprefix(CUSTOM_PREFIX)}: {text}")
        self.custom_problem.setText("\n".join(custom))
        self.custom_problem.setVisible(bool(custom))
        super().failed("Not saved: see the fields marked in red." if problems else message)
        self.adjustSize()  # grow to the problems' wrapped lines rather than clip them

    def problem_shown(self, field: str) -> str:
        label = self._problem_labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""


# --- opening and saving -------------------------------------------------------------


def _people_choices(session: Session, values: dict[str, str]) -> list[tuple[str, str]]:
    """The people on the team, by name, each as the core finds them (by email, else by
    name); someone who has left only where they hold the account now."""
    held = {values.get(field) for field in ("csm", "re_manager", "ae")}
    choices = []
    for person in all_people(session):
        key = person.email or person.name
        if person.active:
            choices.append((person.name, key))
        elif key in held:
            choices.append((f"{person.name} (left)", key))
    return choices


def edit_account(
    parent: QWidget,
    book: Book,
    edits: Edits,
    account_id: int,
    today: date,
    refused: Callable[[str, bool], None] | None = None,
) -> AccountDialog:
    """Open the account's edit form; Save pushes one undoable edit of what changed."""
    with book.session() as session:
        values = account_values(session, account_id)
        expected = versions_of([get_account(session, account_id)])
        people = _people_choices(session, values)
    dialog = AccountDialog(values, people, today, parent=parent)

    def submit(form: FormDialog) -> None:
        assert isinstance(form, AccountDialog)
        typed = form.values()
        if not typed:
            form.accept()  # nothing changed: nothing to undo
            return

        def write(session: Session) -> AccountEdit:
            try:
                return update_account(session, account_id, typed)
            except AccountEditError as exc:
                form.field_problems = exc.problems  # read by form.failed, after this
                raise

        def unwrite(session: Session, kept: AccountEdit) -> None:
            restore_account(session, kept.account_id, kept.before)

        edits.push(
            f"Edit {values['name']}",
            write,
            unwrite,
            Changes.of_account(account_id),
            expected=expected,
            form=form,
            refused=refused,
        )

    dialog.on_submit = submit
    dialog.open()
    return dialog


def new_account(
    parent: QWidget,
    book: Book,
    edits: Edits,
    today: date,
    created: Callable[[int], None] | None = None,
) -> AccountDialog:
    """Open the New account form; Create pushes one undoable edit, then ``created``
    gets the new account's id (to open it)."""
    with book.session() as session:
        people = _people_choices(session, {})
        currency = main_currency(session)
    dialog = AccountDialog({}, people, today, currency, parent)

    def submit(form: FormDialog) -> None:
        assert isinstance(form, AccountDialog)
        typed = form.values()
        made: list[int] = []

        def write(session: Session) -> AccountEdit:
            try:
                edit = create_account(session, typed, today)
            except AccountEditError as exc:
                form.field_problems = exc.problems
                raise
            made.append(edit.account_id)
            return edit

        def unwrite(session: Session, kept: AccountEdit) -> None:
            remove_new_account(session, kept.account_id)

        edits.push(
            f"New account {typed.get('name', '')}".strip(),
            write,
            unwrite,
            Changes(every_account=True),  # its id is not known yet: the book reads it
            form=form,
            done=lambda: created(made[-1]) if created and made else None,
        )

    dialog.on_submit = submit
    dialog.open()
    return dialog
