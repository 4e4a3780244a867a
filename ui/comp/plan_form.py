"""A person's comp plan for a year, as a form: checked as typed by the core's own
PlanTerms (its CompError beside the field), saved with an explicit, undoable Save.

A person without a plan gets an empty state offering the seed's plan for their role."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cswork.comp import PlanFieldsError, PlanTerms, csm_split, plan_with, seed_terms
from cswork.enums import PersonRole
from cswork.money import format_money
from cswork.shares import RATIO_MOST, parse_share, share_text
from ui.comp.rows import MultiplierEditor, MultiplierRows
from ui.comp.words import multiplier_text, parse_number
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR

# field, caption, unit
FIELDS = [
    ("ote", "OTE", "a year, base + variable"),
    ("variable_share", "Variable", "% of OTE"),
    ("renewal_share", "Renewal share", "% of the variable; the rest is upsell"),
    ("grr_target", "GRR target", "% of the dollars up for renewal"),
    ("commission_rate", "Commission rate", "% of bookings, as for new business"),
    ("currency", "Currency", "blank: the book's reporting currency"),
    ("team_nrr_share", "Team NRR bonus", "% of the variable paid on the team's NRR (CSMs)"),
    ("team_nrr_target", "Team NRR target", "blank: 100 %"),
]


def _months(text: str) -> int:
    return int(parse_number(text, "a number of months (type it like 24)", whole=True))


def _quota_share(text: str) -> Decimal:
    return parse_share(text, RATIO_MOST)  # tiers pass 100 % of the quota


class PlanForm(QWidget):
    edited = Signal()  # what is typed changed: the numbers shown may follow it
    save_requested = Signal(object)  # PlanTerms

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.role, self.name, self.year = "", "", 0
        self.saved: PlanTerms | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._empty_page())
        self.pages.addWidget(self._form_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    # -- building ------------------------------------------------------------------
    def _empty_page(self) -> QWidget:
        page = QWidget()
        self.empty_title = QLabel()
        self.empty_title.setObjectName("sectionTitle")
        self.empty_title.setWordWrap(True)
        self.seed_text = QLabel()
        self.seed_text.setWordWrap(True)
        self.start = QPushButton("Start from the seed's plan")
        self.start.clicked.connect(self.start_from_seed)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.empty_title)
        layout.addWidget(self.seed_text)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _form_page(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.fields: dict[str, QLineEdit] = {}
        self.messages: dict[str, QLabel] = {}
        for n, (key, caption, unit) in enumerate(FIELDS):
            field = QLineEdit()
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setFixedWidth(110)
            field.textEdited.connect(lambda _text: self.validate())
            label = QLabel(caption)
            label.setBuddy(field)
            unit_label = QLabel(unit)
            unit_label.setStyleSheet(f"color: {MUTED_COLOUR};")
            unit_label.setWordWrap(True)
            message = QLabel()
            message.setWordWrap(True)
            message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
            message.hide()
            grid.addWidget(label, 2 * n, 0)
            grid.addWidget(field, 2 * n, 1)
            grid.addWidget(unit_label, 2 * n, 2)
            grid.addWidget(message, 2 * n + 1, 1, 1, 2)
            self.fields[key], self.messages[key] = field, message
        grid.setColumnStretch(2, 1)
        self.accelerators = MultiplierRows("From (months)", _months, str, self)
        self.tiers = MultiplierRows("Above (% of quota)", _quota_share, share_text, self)
        for rows in (self.accelerators, self.tiers):
            rows.edited.connect(self.validate)
        accelerators = MultiplierEditor(
            "Renewal accelerators by contract length", self.accelerators, ("48", "x1.3")
        )
        tiers = MultiplierEditor("Upsell accelerators on the rate", self.tiers, ("200", "x2.5"))
        self.save = QPushButton("Save plan")
        self.save.clicked.connect(self._save)
        self.discard = QPushButton("Discard changes")
        self.discard.clicked.connect(self.discard_changes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.discard)
        buttons.addStretch(1)
        self.state = QLabel()
        self.state.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(grid)
        layout.addWidget(accelerators)
        layout.addWidget(tiers)
        layout.addLayout(buttons)
        layout.addWidget(self.state)
        layout.addStretch(1)
        return page

    # -- showing -------------------------------------------------------------------
    def show_plan(
        self, name: str, role: str, year: int, saved: PlanTerms | None, draft=None
    ) -> None:
        """The person's saved plan, or the draft they left unsaved, or the empty state."""
        self.name, self.role, self.year, self.saved = name, role, year, saved
        if draft is not None:
            self.restore(draft)
        elif saved is not None:
            self.fill(saved)
        else:
            self._show_empty()
            return
        self.pages.setCurrentIndex(1)
        self.validate()

    def _show_empty(self) -> None:
        seed = seed_terms(self.role)
        self.empty_title.setText(f"{self.name} has no comp plan for {self.year} yet.")
        ote = format_money(seed.ote_cents, whole=True)
        if self.role == PersonRole.CSM:
            base, variable = csm_split(seed.ote_cents, seed.variable_share)
            text = (
                f"The seed's plan for a CSM: OTE {ote} at {share_text(seed.variable_share)} "
                f"variable, so a base of {format_money(base, whole=True)} and "
                f"{format_money(variable, whole=True)} variable, "
                f"{share_text(seed.renewal_share)} of it on renewals."
            )
        else:
            text = (
                f"The seed's plan for an R&E manager: OTE {ote} with "
                f"{share_text(seed.variable_share)} variable "
                f"({format_money(seed.variable, whole=True)}: "
                f"{format_money(seed.renewal_variable, whole=True)} for renewals, "
                f"{format_money(seed.upsell_variable, whole=True)} for upsell), GRR target "
                f"{share_text(seed.grr_target)}, commission rate "
                f"{share_text(seed.commission_rate)}."
            )
        self.seed_text.setText(text + " You can change any of it before you save.")
        self.pages.setCurrentIndex(0)
        self.edited.emit()

    def start_from_seed(self) -> None:
        self.fill(seed_terms(self.role))
        self.pages.setCurrentIndex(1)
        self.validate()

    def fill(self, terms: PlanTerms) -> None:
        money = format_money(terms.ote_cents, whole=terms.ote_cents % 100 == 0)
        self.fields["ote"].setText(money)
        for key in ("variable_share", "renewal_share", "grr_target", "commission_rate"):
            self.fields[key].setText(share_text(getattr(terms, key)))
        self.fields["currency"].setText(terms.currency or "")
        for key in ("team_nrr_share", "team_nrr_target"):
            value = getattr(terms, key)
            self.fields[key].setText("" if value is None else share_text(value))
        self.accelerators.set_values(terms.renewal_accelerators)
        self.tiers.set_values(terms.upsell_tiers)

    def snapshot(self) -> dict:
        """What is typed, to come back to (an unsaved draft per person and year)."""
        return {
            "fields": {key: field.text() for key, field in self.fields.items()},
            "accelerators": self.accelerators.texts(),
            "tiers": self.tiers.texts(),
        }

    def restore(self, snapshot: dict) -> None:
        for key, text in snapshot["fields"].items():
            self.fields[key].setText(text)
        self.accelerators.set_texts(snapshot["accelerators"])
        self.tiers.set_texts(snapshot["tiers"])

    def showing_form(self) -> bool:
        return self.pages.currentIndex() == 1

    # -- checking ------------------------------------------------------------------
    def field_problems(self) -> dict[str, str]:
        """Field -> the core's reason it cannot be saved (cswork.comp.plan_with)."""
        try:
            self._terms_typed()
        except PlanFieldsError as exc:
            return exc.problems
        return {}

    def _terms_typed(self) -> PlanTerms:
        # What the form does not show (the bonus's floor and cap) stays as saved.
        start = replace(
            self.saved or PlanTerms(ote_cents=0),
            renewal_accelerators=self.accelerators.values() or {},
            upsell_tiers=self.tiers.values() or {},
        )
        texts = {key: field.text() for key, field in self.fields.items()}
        return plan_with(start, texts, self.role)

    def terms(self) -> PlanTerms | None:
        """The plan as typed, when it can be saved."""
        if not self.showing_form() or self.field_problems():
            return None
        if self.accelerators.problems() or self.tiers.problems():
            return None
        return self._terms_typed()

    def is_edited(self) -> bool:
        if not self.showing_form():
            return False
        terms = self.terms()
        return terms is None or terms != self.saved

    def validate(self) -> None:
        problems = self.field_problems() if self.showing_form() else {}
        for key, message in self.messages.items():
            message.setText(problems.get(key, ""))
            message.setVisible(key in problems)
        wrong = bool(problems or self.accelerators.problems() or self.tiers.problems())
        edited = self.is_edited()
        self.save.setEnabled(edited and not wrong)
        self.discard.setEnabled(edited)
        if wrong:
            self.set_state("Fix what is marked in red to save the plan.", OVERDUE_COLOUR)
        elif edited and self.saved is None:
            self.set_state(
                f"Not saved yet. The numbers use this plan; Save plan makes it "
                f"{self.name}'s plan for {self.year}."
            )
        elif edited:
            self.set_state("Unsaved changes. The numbers use them until you save or discard.")
        else:
            self.set_state("")
        self.edited.emit()

    def set_state(self, text: str, colour: str = MUTED_COLOUR) -> None:
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setText(text)

    # -- acting --------------------------------------------------------------------
    def discard_changes(self) -> None:
        self.show_plan(self.name, self.role, self.year, self.saved)

    def _save(self) -> None:
        terms = self.terms()
        if terms is not None and self.is_edited():
            self.save.setEnabled(False)
            self.set_state("Saving…")
            self.save_requested.emit(terms)


def accelerator_words(terms: PlanTerms) -> str:
    """'x1.1 from 24 months, x1.2 from 36 months' (or 'none')."""
    items = sorted(terms.renewal_accelerators.items())
    return ", ".join(f"{multiplier_text(m)} from {k} months" for k, m in items) or "none"
