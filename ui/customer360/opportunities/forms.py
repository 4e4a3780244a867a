"""Forms about opportunities: a new one (saying first who it goes to, per the RACI),
editing one, closing one as won or lost, and flagging white space."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from cswork.enums import ForecastCategory, OpportunityKind, OpportunityStage
from cswork.money import MoneyError, format_money, parse_money
from ui.kit.dates import date_edit
from ui.kit.forms import FormDialog
from ui.kit.labels import CATEGORY_LABELS, KIND_LABELS
from ui.kit.look import OVERDUE_COLOUR
from ui.kit.paper import esc

OPEN_CATEGORIES = [c for c in ForecastCategory if c != ForecastCategory.CLOSED]


@dataclass(frozen=True)
class OpportunityItem:
    """One opportunity of the account on screen, as the tab shows it."""

    id: int
    kind: OpportunityKind
    name: str
    amount_cents: int
    currency: str
    close_date: date | None
    stage: OpportunityStage
    forecast_category: ForecastCategory
    target_cents: int | None
    forecast_cents: int | None
    final_cents: int | None
    contract_months: int | None
    owner: str
    strategy: str
    version: int = 1  # as read: a save over someone else's newer one is asked about

    @property
    def is_open(self) -> bool:
        return self.stage == OpportunityStage.OPEN


@dataclass(frozen=True)
class Route:
    """Who an opportunity of one kind goes to on this account, and why."""

    kind: OpportunityKind
    complex: bool
    person: str | None  # "Lena Alvarez (AE)"

    @property
    def text(self) -> str:
        kind = KIND_LABELS[self.kind]
        if self.person is None:
            return (
                f"Nobody is accountable for {kind.lower()} on this account: set its owners "
                "or its RACI, or it will have no owner."
            )
        if self.complex:
            return f"{kind} is complex: it goes to {self.person}."
        if self.kind == OpportunityKind.UPSELL:
            return f"More licenses is simple: it goes to {self.person}."
        return f"{kind} goes to {self.person}, accountable per the RACI."


def money_edit(cents: int | None, currency: str) -> QLineEdit:
    edit = QLineEdit("" if cents is None else format_money(cents, currency))
    edit.setPlaceholderText(format_money(1_200_000, currency))
    return edit


def read_money(edit: QLineEdit, what: str) -> tuple[int | None, str | None]:
    """(cents, None) or (None, the problem)."""
    text = edit.text().strip()
    if not text:
        return None, None
    try:
        return parse_money(text), None
    except MoneyError:
        return None, f"{what}: '{text}' is not an amount of money."


class OpportunityDialog(FormDialog):
    """A new opportunity (``item`` None) or an open one edited."""

    def __init__(
        self,
        today: date,
        currency: str,
        routes: dict[OpportunityKind, Route],
        item: OpportunityItem | None = None,
        arr_cents: int = 0,
        parent: QWidget | None = None,
    ) -> None:
        adding = item is None
        super().__init__(
            "New opportunity" if adding else "Edit opportunity",
            "Add" if adding else "Save",
            parent,
            width=480,
        )
        self.currency, self.routes, self.item = currency, routes, item
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        if item is not None:
            self.kind.setCurrentIndex(self.kind.findData(item.kind.value))
            self.kind.setEnabled(False)  # a kind is what the deal is; a new one is new
        else:
            self.kind.setCurrentIndex(self.kind.findData(OpportunityKind.UPSELL.value))
        self.name = QLineEdit(item.name if item else "")
        self.name.setPlaceholderText("e.g. 200 more seats for the support team")
        self.amount = money_edit(item.amount_cents if item else None, currency)
        self.target = money_edit(item.target_cents if item else arr_cents, currency)
        self.forecast = money_edit(item.forecast_cents if item else arr_cents, currency)
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setSuffix(" months")
        self.months.setValue((item.contract_months if item else None) or 12)
        close = (item.close_date if item else None) or today + timedelta(days=60)
        self.close_date = date_edit(close)
        self.category = QComboBox()
        for category in OPEN_CATEGORIES:
            self.category.addItem(CATEGORY_LABELS[category], category.value)
        if item is not None:
            self.category.setCurrentIndex(
                max(self.category.findData(item.forecast_category.value), 0)
            )
        self.strategy = QLineEdit(item.strategy if item else "")
        self.strategy.setPlaceholderText("The one-line plan, read out in the Wednesday review")
        self.route = QLabel()
        self.route.setWordWrap(True)
        self.form.addRow("Kind", self.kind)
        self.form.addRow("", self.route)
        self.form.addRow("Name", self.name)
        self.form.addRow("Amount", self.amount)
        self.form.addRow("Renewable (target)", self.target)
        self.form.addRow("Forecast", self.forecast)
        self.form.addRow("Contract length", self.months)
        self.form.addRow("Close date", self.close_date)
        self.form.addRow("Forecast category", self.category)
        self.form.addRow("Strategy", self.strategy)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        if item is not None:
            self.route.setText(f"Owner: {item.owner or 'nobody'}")

    def chosen_kind(self) -> OpportunityKind:
        return OpportunityKind(self.kind.currentData())

    def _kind_changed(self, *_) -> None:
        kind = self.chosen_kind()
        renewal = kind == OpportunityKind.RENEWAL
        for widget in (self.target, self.forecast, self.months):
            self.form.setRowVisible(widget, renewal)
        self.form.setRowVisible(self.amount, not renewal)
        amount_label = self.form.labelForField(self.amount)
        if amount_label is not None:
            one_time = kind == OpportunityKind.SERVICES_ONE_TIME
            amount_label.setText("One-time value" if one_time else "ARR added")
        route = self.routes.get(kind)
        if route is not None:
            self.route.setText(route.text)
            self.route.setStyleSheet("" if route.person else f"color: {OVERDUE_COLOUR};")

    def values(self) -> dict:
        """The fields as ``create_opportunity`` / ``update_opportunity`` take them."""
        fields = {
            "name": self.name.text().strip(),
            "close_date": self.close_date.date().toPython(),
            "forecast_category": ForecastCategory(self.category.currentData()),
            "strategy": self.strategy.text().strip(),
        }
        if self.chosen_kind() == OpportunityKind.RENEWAL:
            fields["target_cents"] = read_money(self.target, "Renewable")[0] or 0
            fields["forecast_cents"] = read_money(self.forecast, "Forecast")[0] or 0
            fields["contract_months"] = self.months.value()
        else:
            fields["amount_cents"] = read_money(self.amount, "Amount")[0] or 0
        return fields

    def problem_with_input(self) -> str | None:
        renewal = self.chosen_kind() == OpportunityKind.RENEWAL
        edits = (
            [(self.target, "Renewable"), (self.forecast, "Forecast")]
            if renewal
            else [(self.amount, "Amount")]
        )
        for edit, what in edits:
            cents, problem = read_money(edit, what)
            if problem:
                return problem
            if cents is None and what != "Amount":
                return f"{what}: give an amount."
        if not renewal and not (read_money(self.amount, "Amount")[0] or 0):
            return "Amount: how much is it worth?"
        return None


class CloseDialog(FormDialog):
    """Close an open opportunity as won (a renewal at its final amount) or lost."""

    def __init__(
        self, item: OpportunityItem, stage: OpportunityStage, account_name: str, parent=None
    ) -> None:
        won = stage == OpportunityStage.WON
        renewal = item.kind == OpportunityKind.RENEWAL
        super().__init__(
            "Close as won" if won else "Close as lost",
            "Close as won" if won else "Close as lost",
            parent,
            heading_html=f"<b>{esc(item.name)}</b>"
            + ("" if account_name in item.name else f" — {esc(account_name)}"),
        )
        self.item, self.stage = item, stage
        self.final = money_edit(item.forecast_cents if renewal else None, item.currency)
        if won and renewal:
            self.form.addRow("Final amount", self.final)
            months = item.contract_months or 12
            effect = (
                f"The contract renews: the renewal date moves on by {months} months and the "
                "ARR becomes the final amount."
            )
        elif won and item.kind == OpportunityKind.SERVICES_ONE_TIME:
            effect = "One-time services: the ARR does not change."
        elif won:
            effect = f"The ARR goes up by {format_money(item.amount_cents, item.currency)}."
        elif renewal:
            effect = "A lost renewal is churn: the account is marked churned."
        else:
            effect = "Nothing changes on the account."
        self.effect = QLabel(effect + " Edit ▸ Undo takes it back.")
        self.effect.setWordWrap(True)
        self.form.addRow("", self.effect)

    def final_cents(self) -> int | None:
        if self.stage != OpportunityStage.WON or self.item.kind != OpportunityKind.RENEWAL:
            return None
        return read_money(self.final, "Final amount")[0]

    def problem_with_input(self) -> str | None:
        if self.stage == OpportunityStage.WON and self.item.kind == OpportunityKind.RENEWAL:
            cents, problem = read_money(self.final, "Final amount")
            if problem or cents is None:
                return problem or "Final amount: what did they renew for?"
        return None


class WhiteSpaceDialog(FormDialog):
    """Another group at the customer could buy: a note, and a CTA for whoever is
    accountable for Notify white space."""

    def __init__(self, account_name: str, notify: str | None, parent=None) -> None:
        who = (
            f"An expansion CTA goes to <b>{esc(notify)}</b>, accountable for Notify white space."
            if notify
            else "Nobody is accountable for Notify white space on this account yet: the "
            "CTA will have no owner."
        )
        super().__init__(
            "Flag white space",
            "Flag white space",
            parent,
            heading_html=f"Another group at <b>{esc(account_name)}</b> could buy? {who}",
            width=480,
        )
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(
            "Which group, what they need, who to talk to. e.g. The finance team in Lyon "
            "runs the same process on spreadsheets; ask Dana for an intro to their CFO."
        )
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(110)
        self.form.addRow("White space", self.note)

    def text(self) -> str:
        return self.note.toPlainText().strip()

    def problem_with_input(self) -> str | None:
        return None if self.text() else "Say what the white space is: which group, what they need."
