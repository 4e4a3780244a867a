"""What the renewals desk reads, in three jobs for the reads runner (off the GUI
thread): the figures and charts, the 90-day lists, and the open pipeline. Each is a
handful of summing queries in the core; a year of a 100,000-account book reads in
about a second in all."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from cswork import desk
from cswork.metrics import Metrics, metrics
from cswork.people import all_people
from cswork.pipeline import OpenOpportunity, open_opportunities
from cswork.rates import Reporting
from cswork.settings import get_setting
from cswork.store import Book
from ui.renewals.filters import DeskFilter

NEXT_DAYS = 90  # the 90-day list, capacity and the review agenda look this far ahead


@dataclass(frozen=True)
class DeskFigures:
    metrics: Metrics
    grr_target: Decimal
    by_month: list[tuple[date, dict[str | None, int]]]
    by_category: dict[str, int]
    currency: str  # the reporting currency every figure is in
    # Rates no figure could find (their amounts left out): {"currency", "date"}.
    missing_rates: list[dict[str, str]]


@dataclass(frozen=True)
class DeskLists:
    upcoming: list[desk.UpcomingRenewal]
    capacity: list[desk.Capacity]
    agenda: list[tuple[str, list[desk.UpcomingRenewal]]]


def read_people(book: Book) -> list[tuple[int, str, str]]:
    with book.session() as session:
        return [(p.id, p.name, p.role.value) for p in all_people(session)]


def read_figures(book: Book, shown: DeskFilter, today: date) -> DeskFigures:
    with book.session() as session:
        # Retention and the forecast at the rates of the period's first day (constant
        # currency); ARR renewing in the months ahead at today's.
        now = Reporting.load(session, today)
        then = Reporting(now.currency, shown.first, now.rates)
        m = metrics(
            session, shown.first, shown.last, shown.cohort, currency=now.currency, rates=now.rates
        )
        by_month = desk.arr_renewing_by_month(session, today, 12, shown.cohort, reporting=now)
        by_category = desk.forecast_by_category(
            session, shown.first, shown.last, shown.cohort, reporting=then
        )
        return DeskFigures(
            metrics=m,
            grr_target=Decimal(str(get_setting(session, "grr_target"))),
            by_month=by_month,
            by_category=by_category,
            currency=m.currency,
            missing_rates=now.rates.missing(),
        )


def read_lists(book: Book, shown: DeskFilter, today: date) -> DeskLists:
    with book.session() as session:
        now = Reporting.load(session, today)
        upcoming = desk.upcoming_renewals(session, today, NEXT_DAYS, shown.cohort, now)
        return DeskLists(
            upcoming=upcoming,
            capacity=desk.capacity(session, today, NEXT_DAYS, shown.cohort, upcoming),
            agenda=desk.review_agenda(session, today, NEXT_DAYS, shown.cohort, upcoming),
        )


def read_pipeline(book: Book, shown: DeskFilter) -> list[OpenOpportunity]:
    with book.session() as session:
        return open_opportunities(session, shown.first, shown.last, shown.cohort)
