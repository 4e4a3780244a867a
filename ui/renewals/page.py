"""Renewals: the R&E manager's desk. Filters (owner, segment, period), tiles (at-risk
ARR, GRR and NRR against the target, renewals due and forecast, renewal rate), two
charts, then the 90-day list, the open pipeline, capacity per renewal owner and the
Wednesday review agenda.

Everything is read on the reads runner in three jobs; the page says it is loading and
drops answers to a filter the user has since changed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from cswork.changes import Changes
from cswork.metrics import ratio
from cswork.money import format_compact, format_money
from cswork.store import Book
from ui.kit.background import Workers
from ui.kit.columns import ColumnsModel
from ui.kit.fact import Fact
from ui.kit.look import BAND_COLOURS, OVERDUE_COLOUR, day_text
from ui.renewals.columns import CAPACITY_COLUMNS, PIPELINE_COLUMNS, UPCOMING_COLUMNS
from ui.renewals.filters import DeskFilter, DeskFilters
from ui.renewals.lists import AgendaTab, ListTab
from ui.renewals.reads import (
    DeskFigures,
    DeskLists,
    read_figures,
    read_lists,
    read_people,
    read_pipeline,
)

if TYPE_CHECKING:
    from ui.renewals.charts import ArrByMonthChart, ForecastChart

JOBS = 3  # figures, lists, pipeline


def percent(ratio: Decimal | None) -> str:
    return "—" if ratio is None else f"{ratio * 100:.1f}%"


class RenewalsPage(QWidget):
    account_opened = Signal(int)
    loaded = Signal()  # every part of the page shows the current filters

    def __init__(
        self, book: Book, workers: Workers, today: date, me_id: int | None, parent=None
    ) -> None:
        super().__init__(parent)
        self.book, self.workers, self.today = book, workers, today
        self.stale = True  # read again next time the page is shown
        self._generation = 0
        self._waiting = 0

        title = QLabel("Renewals")
        title.setObjectName("pageTitle")
        self.filters = DeskFilters(today, me_id)
        self.filters.changed.connect(lambda _: self.load())
        self.status = QLabel()
        self.status.setObjectName("statusLine")
        # Which currency the figures are in, at which rates; each currency's part on hover.
        self.money = QLabel()
        self.money.setObjectName("statusLine")
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(16)
        top.addWidget(self.filters)
        top.addStretch(1)
        top.addWidget(self.money)
        top.addSpacing(12)
        top.addWidget(self.status)

        self.at_risk = Fact("At-risk ARR")
        self.grr = Fact("GRR")
        self.nrr = Fact("NRR")
        self.due = Fact("Renewals due")
        self.rate = Fact("Renewal rate")
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for tile in (self.at_risk, self.grr, self.nrr, self.due, self.rate):
            tiles.addWidget(tile, 1)

        # The charts are made when the page is first shown: pyqtgraph (and numpy) take
        # half a second to import, which start-up should not pay.
        self.by_month: ArrByMonthChart | None = None
        self.forecast: ForecastChart | None = None
        self.charts = QWidget()
        self.charts.setFixedHeight(230)

        self.upcoming = ListTab(
            workers,
            ColumnsModel(UPCOMING_COLUMNS, self),
            "Active accounts renewing in the next 90 days, soonest first. Owner: whoever "
            "is accountable for the renewal.",
            "Renewals next 90 days",
            lambda r: r.account_id,
        )
        self.pipeline = ListTab(
            workers,
            ColumnsModel(PIPELINE_COLUMNS, self),
            "Open opportunities closing in the period: renewals at their forecast, upsell, "
            "cross-sell and services at their amount.",
            "Open opportunities",
            lambda o: o.account_id,
        )
        self.capacity = ListTab(
            workers,
            ColumnsModel(CAPACITY_COLUMNS, self),
            "One person can carry 2-3 renewals a business day. Over capacity: more than "
            "that in the busiest five business days of the next 90.",
            "Renewal capacity",
            None,
        )
        self.agenda = AgendaTab(book, workers)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for tab, name in (
            (self.upcoming, "Next 90 days"),
            (self.pipeline, "Opportunities"),
            (self.capacity, "Capacity"),
            (self.agenda, "Review agenda"),
        ):
            self.tabs.addTab(tab, name)
            tab.account_opened.connect(self.account_opened)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 8)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(tiles)
        layout.addWidget(self.charts)
        layout.addWidget(self.tabs, 1)

    def _make_charts(self) -> None:
        if self.by_month is not None:
            return
        from ui.renewals import charts as desk_charts

        self.by_month, self.forecast = desk_charts.ArrByMonthChart(), desk_charts.ForecastChart()
        charts = QHBoxLayout(self.charts)
        charts.setContentsMargins(0, 0, 0, 0)
        charts.setSpacing(16)
        charts.addWidget(self.by_month, 3)
        charts.addWidget(self.forecast, 2)

    # -- loading -----------------------------------------------------------------------
    def show_page(self) -> None:
        """Shown: read the team (for the owner filter) and the desk, if anything changed."""
        self._make_charts()
        if not self.stale:
            return
        self.stale = False
        book = self.book
        self.workers.reads.submit(lambda: read_people(book), self._people_read)

    def _people_read(self, people: list[tuple[int, str, str]]) -> None:
        self.filters.set_people(people)
        self.load()

    def load(self) -> None:
        self._generation += 1
        generation, shown, today, book = (
            self._generation,
            self.filters.current(),
            self.today,
            self.book,
        )
        self._waiting = JOBS
        self._set_loading(True)
        reads = self.workers.reads

        def answer(show):
            def deliver(result) -> None:
                if generation == self._generation:  # else the filters changed meanwhile
                    show(result, shown)
                    self._done()

            return deliver

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._generation += 1  # the other parts of this reading are dropped
                self._set_loading(False)
                self.status.setText(f"Could not read the desk: {exc}")

        reads.submit(lambda: read_figures(book, shown, today), answer(self._show_figures), failed)
        reads.submit(lambda: read_lists(book, shown, today), answer(self._show_lists), failed)
        reads.submit(lambda: read_pipeline(book, shown), answer(self._show_pipeline), failed)

    def _done(self) -> None:
        self._waiting -= 1
        if self._waiting == 0:
            self._set_loading(False)
            self.loaded.emit()

    def _set_loading(self, loading: bool) -> None:
        self.status.setText("Loading the desk…" if loading else "")
        for part in (self.charts, self.tabs):
            part.setEnabled(not loading)

    def mark_stale(self) -> None:
        """The book changed (a renewal closed, an import): read again when next shown."""
        self.stale = True
        if self.isVisible():
            self.show_page()

    def on_changes(self, changes: Changes) -> None:
        if changes.today:
            self.today = changes.today
            self.filters.set_today(changes.today)
        if changes.me_changed:
            self.filters.set_me(changes.me_id)
        if changes.today or changes.me_changed or changes.book_rows:
            self.mark_stale()

    # -- showing -----------------------------------------------------------------------
    def _show_figures(self, figures: DeskFigures, shown: DeskFilter) -> None:
        m, currency, target = figures.metrics, figures.currency, figures.grr_target
        compact = lambda cents: format_compact(cents, currency)  # noqa: E731
        exact = lambda cents: format_money(cents, currency, whole=True)  # noqa: E731
        self.at_risk.set(
            compact(m.at_risk_arr),
            "red or yellow health, renewing in the period",
            BAND_COLOURS["red"] if m.at_risk_arr else None,
        )
        self.at_risk.setToolTip(exact(m.at_risk_arr) + own_money(m.at_risk_by_currency))
        self._show_money(figures)
        below = m.grr is not None and m.grr < target
        self.grr.set(
            percent(m.grr),
            f"target {percent(target)}" + (" · below target" if below else ""),
            OVERDUE_COLOUR if below else (BAND_COLOURS["green"] if m.grr is not None else None),
        )
        self.nrr.set(
            percent(m.nrr),
            f"expansion {percent(m.expansion_pct)} · GRR target {percent(target)}",
            OVERDUE_COLOUR if m.nrr is not None and m.nrr < target else None,
        )
        forecast_share = percent(ratio(m.renewal_forecast, m.renewals_due))
        self.due.set(
            compact(m.renewals_due),
            f"{m.renewals_due_count:,} renewals · forecast {compact(m.renewal_forecast)} "
            f"({forecast_share})",
        )
        self.due.setToolTip(
            f"Due {exact(m.renewals_due)}; forecast {exact(m.renewal_forecast)} (won at "
            "their final amount, open at their forecast)"
        )
        self.rate.set(
            percent(m.renewal_rate_dollars),
            f"of dollars · {percent(m.renewal_rate_count)} by count "
            f"({m.renewed_count:,} of {m.renewals_due_count:,})",
        )
        for tile in (self.grr, self.nrr):
            tile.setToolTip(
                f"Starting ARR {exact(m.starting_arr)}; churned {exact(m.churned)}, "
                f"contraction {exact(m.contraction)}, expansion {exact(m.expansion)}"
            )
        self._make_charts()  # figures can come before the page is first shown
        self.by_month.set_months(figures.by_month, currency)
        self.forecast.set_forecast(figures.by_category, currency)
        self.forecast.title.setText(f"Renewal forecast · {shown.span_text}")

    def _show_money(self, figures: DeskFigures) -> None:
        m = figures.metrics
        text = f"In {figures.currency} at the rates of {day_text(m.first)}"
        missing = sorted({r["currency"] for r in figures.missing_rates})
        if missing:
            text += f" · no rate for {', '.join(missing)}: left out"
        self.money.setText(text)
        self.money.setStyleSheet(f"color: {OVERDUE_COLOUR}" if missing else "")
        parts = own_money(m.starting_by_currency)
        self.money.setToolTip(
            f"Starting ARR {format_money(m.starting_arr, figures.currency, whole=True)}{parts}"
            if parts
            else ""
        )

    def _show_lists(self, lists: DeskLists, shown: DeskFilter) -> None:
        self.upcoming.model.set_records(lists.upcoming)
        self.capacity.model.set_records(lists.capacity)
        self.agenda.set_agenda(lists.agenda, self.today, self.scope_text(), shown.cohort)
        over = sum(1 for c in lists.capacity if c.over)
        self.tabs.setTabText(0, f"Next 90 days ({len(lists.upcoming):,})")
        self.tabs.setTabText(2, f"Capacity ({over} over)" if over else "Capacity")

    def _show_pipeline(self, pipeline, shown: DeskFilter) -> None:
        self.pipeline.model.set_records(pipeline)
        self.tabs.setTabText(1, f"Opportunities ({len(pipeline):,})")

    def scope_text(self) -> str:
        """Whose renewals the agenda holds, in words: 'Everyone · Strategic'."""
        parts = [self.filters.owner.currentText()]
        if self.filters.segment.currentData():
            parts.append(self.filters.segment.currentText())
        return " · ".join(parts)


def own_money(by_currency: dict[str, int]) -> str:
    """' (€100,000 + $100,000)': a converted sum's parts, each in its own currency; empty
    when there is one currency only."""
    if len(by_currency) < 2:
        return ""
    parts = sorted(by_currency.items(), key=lambda item: (-item[1], item[0]))
    return " (" + " + ".join(format_money(c, code, whole=True) for code, c in parts) + ")"
