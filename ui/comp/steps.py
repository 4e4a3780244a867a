"""The six steps as tiles: each number with its formula in words under it (and the
core's HOW_RENEWAL / how_upsell in its tooltip), renewals on the left, upsell on the
right; attainment with a bar; what-if numbers beside the real ones, in italics."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from cswork.comp import HOW_RENEWAL, HOW_TEAM_NRR, PlanTerms, Statement, TeamBonus, how_upsell
from cswork.comp_book import TeamNrr
from cswork.money import format_money
from cswork.shares import share_text
from ui.comp.plan_form import accelerator_words
from ui.comp.words import attainment_text, multiplier_text, quarter_text
from ui.kit.fact import Fact

TILES = [  # key, caption, row, column, column span
    ("variable", "Variable", 1, 0, 2),
    ("renewal_variable", "Renewal variable", 2, 0, 1),
    ("upsell_variable", "Upsell variable", 2, 1, 1),
    ("renewal_quota", "Renewal quota", 4, 0, 1),
    ("upsell_quota", "Upsell quota", 4, 1, 1),
    ("renewal_attainment", "Renewal attainment", 5, 0, 1),
    ("upsell_attainment", "Upsell attainment", 5, 1, 1),
    ("renewal_payout", "Renewal payout", 6, 0, 1),
    ("upsell_payout", "Upsell payout", 6, 1, 1),
    ("team_bonus", "Team NRR bonus", 7, 0, 2),  # a CSM's group bonus, when the plan has one
    ("total_payout", "Total payout", 8, 0, 2),
]


def money(cents: int | None, currency: str = "USD") -> str:
    """Whole dollars when there are no cents to show."""
    if cents is None:
        return "no quota"
    return format_money(cents, currency, whole=cents % 100 == 0)


def tier_words(terms: PlanTerms) -> str:
    tiers = sorted(terms.upsell_tiers.items())
    return ", ".join(f"{multiplier_text(m)} above {share_text(s)}" for s, m in tiers) or "none"


def team_words(bonus: TeamBonus, team: TeamNrr | None, currency: str = "USD") -> str:
    """Who the team is, its NRR with the formula in words, and how the bonus follows."""
    if team is None or not team.members:
        who = "No CSM team to measure"
    else:
        name = f"The {team.team} team" if team.team else "The whole CSM team"
        who = f"{name} ({', '.join(team.members)})"
    if bonus.nrr is None or team is None:
        return f"{who}. No starting ARR this quarter, so no NRR and no bonus."
    nrr = (
        f"NRR {attainment_text(bonus.nrr)} = ({money(team.starting_arr, currency)} starting"
        f" - {money(team.churned, currency)} churn - {money(team.contraction, currency)} "
        f"contraction + {money(team.expansion, currency)} expansion) / "
        f"{money(team.starting_arr, currency)}"
    )
    target = f"target {attainment_text(bonus.target)}"
    floor = attainment_text(bonus.floor * bonus.target)
    if bonus.below_floor:
        pays = f"below the {floor} floor: nothing"
    else:
        pays = (
            f"attainment {attainment_text(bonus.attainment)} (capped at "
            f"{attainment_text(bonus.cap)}) x {money(bonus.quarter_variable, currency)} a quarter"
        )
    return f"{who}. {nrr}; {target}, {pays}."


class AttainmentBar(QWidget):
    """Attainment against quota: the real fill, the what-if fill paler behind it, a
    tick at 100 % and at each upsell tier."""

    def __init__(self) -> None:
        super().__init__()
        self.setFixedHeight(12)
        self.actual: Decimal | None = None
        self.what_if: Decimal | None = None
        self.marks: list[Decimal] = []

    def set(self, actual: Decimal | None, what_if: Decimal | None, marks: list[Decimal]) -> None:
        self.actual, self.what_if, self.marks = actual, what_if, marks
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        values = [v for v in (self.actual, self.what_if) if v is not None]
        top = float(max([Decimal("1.25"), *(m * Decimal("1.25") for m in self.marks), *values]))
        width, height = self.width() - 1, self.height() - 1
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.palette().color(QPalette.ColorRole.Midlight))
        painter.drawRoundedRect(QRectF(0, 2, width, height - 4), 3, 3)
        fill = self.palette().color(QPalette.ColorRole.Highlight)
        for value, alpha in ((self.what_if, 90), (self.actual, 255)):
            if value:
                colour = QColor(fill)
                colour.setAlpha(alpha)
                painter.setBrush(colour)
                painter.drawRoundedRect(
                    QRectF(0, 2, width * min(float(value) / top, 1.0), height - 4), 3, 3
                )
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for mark in self.marks:
            x = round(width * float(mark) / top)
            painter.drawLine(x, 0, x, height)
        painter.end()


class StepTile(Fact):
    """A step's tile: a caption, a number, the formula in words (the Fact's detail); the
    what-if number when there is one, and a bar for attainment."""

    def __init__(self, caption: str, with_bar: bool = False) -> None:
        super().__init__(caption)
        self.how = self.detail
        self.what_if = QLabel()
        self.what_if.setObjectName("whatIfValue")
        italic = self.what_if.font()
        italic.setItalic(True)
        self.what_if.setFont(italic)
        self.what_if.hide()
        self.bar = AttainmentBar() if with_bar else None
        layout = self.layout()
        layout.insertWidget(2, self.what_if)  # under the value, over the formula
        if self.bar is not None:
            layout.insertWidget(3, self.bar)
        layout.addStretch(1)  # tiles side by side line up from the top

    def show_step(
        self, value: str, how: str, tooltip: str = "", what_if: str | None = None
    ) -> None:
        self.set(value, how)
        self.setToolTip(tooltip)
        shown = what_if is not None and what_if != value
        self.what_if.setText(f"What-if: {what_if}" if shown else "")
        self.what_if.setVisible(shown)


class StepsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(8)
        self.banner = QLabel()
        self.banner.setObjectName("whatIfBanner")
        # Dashed like a draft: what the numbers include is not in the book.
        self.banner.setStyleSheet(
            "#whatIfBanner { border: 1px dashed palette(mid); border-radius: 4px; padding: 6px; }"
        )
        self.banner.setWordWrap(True)
        self.banner.hide()
        grid.addWidget(self.banner, 0, 0, 1, 2)
        self.empty = QLabel()
        self.empty.setObjectName("statusLine")
        self.empty.setWordWrap(True)
        self.empty.hide()
        grid.addWidget(self.empty, 1, 0, 1, 2)
        self.quarter_title = QLabel()
        self.quarter_title.setObjectName("statusLine")
        grid.addWidget(self.quarter_title, 3, 0, 1, 2)
        self.tiles: dict[str, StepTile] = {}
        for key, caption, row, column, span in TILES:
            self.tiles[key] = StepTile(caption, with_bar=key.endswith("attainment"))
            grid.addWidget(self.tiles[key], row, column, 1, span)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(9, 1)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def show_nothing(self, reason: str) -> None:
        """No plan: no numbers to show, only why."""
        self._show_tiles(False)
        self.empty.setText(reason)

    def _show_tiles(self, shown: bool) -> None:
        self.empty.setVisible(not shown)
        self.quarter_title.setVisible(shown)
        for tile in self.tiles.values():
            tile.setVisible(shown)

    def show_statement(
        self,
        terms: PlanTerms,
        actual: Statement,
        what_if: Statement | None,
        renewals: int,
        team: TeamNrr | None = None,
    ) -> None:
        """The plan's steps and the quarter's numbers (``renewals``: how many are up;
        ``team``: a CSM's team and its NRR, for the group bonus)."""
        t, q, w = terms, actual.quarter, what_if
        cur = actual.currency or "USD"

        def m(cents: int | None) -> str:
            return money(cents, cur)

        self._show_tiles(True)
        how_up = how_upsell(t)
        self.quarter_title.setText(
            f"{quarter_text(q)}, {q.first:%-d %b} to {q.last:%-d %b %Y}: quotas, attainment "
            "and payout"
        )
        tiles = self.tiles
        tiles["variable"].show_step(
            m(t.variable),
            f"{share_text(t.variable_share)} of OTE {m(t.ote_cents)}; "
            f"the base is the other {m(t.base)}"
            + (
                f"; {share_text(t.team_nrr_share)} of it ({m(t.team_nrr_variable)}) "
                "is paid on the team's NRR"
                if t.team_nrr_share
                else ""
            ),
            "Step 1: variable = OTE x variable share; it is paid on quota.",
        )
        tiles["renewal_variable"].show_step(
            m(t.renewal_variable),
            f"a year: {share_text(t.renewal_share)} of the variable"
            + (f" left, {m(t.quota_variable)}" if t.team_nrr_share else ""),
            "Step 2: the variable is split between renewals and upsell.",
        )
        tiles["upsell_variable"].show_step(
            m(t.upsell_variable),
            "a year: the rest of the variable",
            "Step 2: the variable is split between renewals and upsell.",
        )
        tiles["renewal_quota"].show_step(
            m(actual.renewal_quota),
            f"GRR target {share_text(t.grr_target)} x {m(actual.eligible_cents)} up for "
            f"renewal this quarter ({renewals} renewal{'s' if renewals != 1 else ''})",
            f"Step 3. {HOW_RENEWAL}",
        )
        annual = t.annual_upsell_quota
        tiles["upsell_quota"].show_step(
            m(actual.upsell_quota),
            f"a quarter of {m(annual)} a year = upsell variable "
            f"{m(t.upsell_variable)} / commission rate {share_text(t.commission_rate)}",
            f"Step 5. {how_up}",
        )
        tiles["renewal_attainment"].show_step(
            attainment_text(actual.renewal_attainment),
            f"{m(actual.renewed_cents)} renewed of {m(actual.renewal_quota)}; with "
            f"contract-length accelerators ({accelerator_words(t)}) the credit is "
            f"{m(actual.renewal_credit_cents)}",
            f"Step 4: renewed dollars count x their contract-length accelerator. {HOW_RENEWAL}",
            None if w is None else attainment_text(w.renewal_attainment),
        )
        tiles["upsell_attainment"].show_step(
            attainment_text(actual.upsell_attainment),
            f"{m(actual.bookings_cents)} booked of {m(actual.upsell_quota)}; the "
            f"rate goes {tier_words(t)}",
            f"Step 6: upsell accelerators. {how_up}",
            None if w is None else attainment_text(w.upsell_attainment),
        )
        tiles["renewal_attainment"].bar.set(
            actual.renewal_attainment, w and w.renewal_attainment, [Decimal(1)]
        )
        tiles["upsell_attainment"].bar.set(
            actual.upsell_attainment,
            w and w.upsell_attainment,
            [Decimal(1), *sorted(Decimal(k) for k in t.upsell_tiers if Decimal(k) != 1)],
        )
        tiles["renewal_payout"].show_step(
            format_money(actual.renewal_payout, cur),
            f"a quarter of the renewal variable x {m(actual.renewal_credit_cents)} "
            f"credit / {m(actual.renewal_quota)} quota",
            HOW_RENEWAL,
            None if w is None else format_money(w.renewal_payout, cur),
        )
        tiles["upsell_payout"].show_step(
            format_money(actual.upsell_payout, cur),
            f"{m(actual.bookings_cents)} booked x {share_text(t.commission_rate)}, "
            "at the higher rates above quota",
            how_up,
            None if w is None else format_money(w.upsell_payout, cur),
        )
        bonus = actual.team
        tiles["team_bonus"].setVisible(bonus is not None)
        if bonus is not None:
            tiles["team_bonus"].show_step(
                format_money(bonus.bonus, cur),
                team_words(bonus, team, team.currency if team else cur),
                HOW_TEAM_NRR,
            )
        tiles["total_payout"].show_step(
            format_money(actual.total_payout, cur),
            f"renewals {format_money(actual.renewal_payout, cur)} + upsell "
            f"{format_money(actual.upsell_payout, cur)}"
            + ("" if bonus is None else f" + team NRR bonus {format_money(bonus.bonus, cur)}"),
            f"{HOW_RENEWAL}\n\n{how_up}",
            None if w is None else format_money(w.total_payout, cur),
        )
