"""A demo book of business, generated deterministically: same seed and day, same book.

Every row is computed in Python from one random stream, with ids assigned here so
children can name their parents, and written with bulk inserts a chunk of accounts at a
time: 100,000 accounts with a million timeline entries build in seconds, not minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cswork.bulk import advance_id_sequences, collector_paused, insert_rows
from cswork.comp import PlanTerms
from cswork.comp_book import save_plan
from cswork.demo.accounts import (
    Context,
    contact_rows,
    draw_arr_cents,
    licenses_used,
    new_customer,
    score_rows,
    strategic_floor,
)
from cswork.demo.activity import cta_row, opportunity_rows, plan_rows, timeline_rows, wants_plan
from cswork.demo.draw import DemoRandom, at
from cswork.demo.names import company_domain
from cswork.demo.team import Team, make_team
from cswork.demo.texts import TextPools
from cswork.enums import Segment
from cswork.health import category_weights
from cswork.models import (
    Account,
    Contact,
    Cta,
    Milestone,
    Objective,
    Opportunity,
    Person,
    ScoreCategory,
    ScoreSnapshot,
    SuccessPlan,
    TimelineEntry,
)
from cswork.opportunities import ensure_renewal_opportunities
from cswork.raci import apply_override_preset
from cswork.seed import STRATEGIC_PRESET
from cswork.store import Book

# Parents before children: the order rows are inserted in.
GENERATED = (
    Account,
    Contact,
    ScoreSnapshot,
    TimelineEntry,
    Opportunity,
    SuccessPlan,
    Objective,
    Milestone,
    Cta,
)
CHUNK_ACCOUNTS = 2_500  # accounts generated and written per step (and per progress call)

Progress = Callable[[int, int], None]


class DemoError(Exception):
    """The demo book cannot be built here; the message says why."""


@dataclass
class DemoSummary:
    """How many rows of each kind the demo book got."""

    accounts: int = 0
    people: int = 0
    contacts: int = 0
    timeline_entries: int = 0
    score_snapshots: int = 0
    opportunities: int = 0
    success_plans: int = 0
    ctas: int = 0

    def __str__(self) -> str:
        """'2,000 accounts, 10 people, 6,012 contacts, 20,140 timeline entries, ...'"""
        return ", ".join(
            f"{getattr(self, f.name):,} {_LABELS.get(f.name, f.name)}" for f in fields(self)
        )


_LABELS = {
    "timeline_entries": "timeline entries",
    "score_snapshots": "score snapshots",
    "success_plans": "success plans",
    "ctas": "CTAs",
}


BUILD_CACHE_KIB = 256 * 1024


def build_demo(
    book: Book,
    accounts: int,
    seed: int = 1,
    today: date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill an empty book with a team and ``accounts`` accounts and all their history.

    One write transaction: a failure leaves the book as it was. ``progress(done, total)``
    counts accounts written; it is called from the building thread every few thousand."""
    if accounts < 1:
        raise DemoError("A demo book needs at least one account.")
    today = today or date.today()
    with collector_paused(), book.writing() as session:
        if session.scalar(select(Account.id).limit(1)) is not None:
            raise DemoError(
                "This book already has accounts; a demo book can only be built "
                "into an empty book. Choose a new file."
            )
        rng = DemoRandom(seed)
        taken_emails = set(session.scalars(select(Person.email).where(Person.email.is_not(None))))
        team = make_team(rng, accounts, _next_id(session, Person), taken_emails, at(today, 7))
        connection = session.connection()
        if connection.dialect.name == "sqlite":
            # A big page cache while a million rows go into a dozen indexes: fewer pages
            # written out and read back. Only this connection, only for the build.
            connection.exec_driver_sql(f"PRAGMA cache_size=-{BUILD_CACHE_KIB}")
        insert_rows(connection, Person.__table__, team.rows)

        arr_cents = draw_arr_cents(rng, accounts)
        ctx = Context(
            rng=rng,
            today=today,
            team=team,
            categories=[
                tuple(row)
                for row in session.execute(
                    select(ScoreCategory.id, ScoreCategory.key).order_by(
                        ScoreCategory.position, ScoreCategory.id
                    )
                )
            ],
            weights=category_weights(session),
            pools=TextPools(rng),
            strategic_floor_cents=strategic_floor(arr_cents),
            next_id={model.__tablename__: _next_id(session, model) for model in GENERATED},
        )
        summary = DemoSummary(people=len(team.rows))
        strategic_ids: list[int] = []
        for start in range(0, accounts, CHUNK_ACCOUNTS):
            end = min(accounts, start + CHUNK_ACCOUNTS)
            chunk = _generate(ctx, arr_cents, start, end, strategic_ids)
            for model in GENERATED:
                if rows := chunk[model.__tablename__]:
                    insert_rows(connection, model.__table__, rows)
            _count(summary, chunk)
            if progress is not None:
                progress(end, accounts)
        apply_override_preset(session, strategic_ids, STRATEGIC_PRESET)
        _comp_plans(session, team, today.year)
        advance_id_sequences(connection, [m.__table__ for m in (Person, *GENERATED)])
        # Renewals further out than the story's deals: their open renewal, as any book.
        made = ensure_renewal_opportunities(session, today, now=at(today, 7))
        summary.opportunities += len(made)
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA cache_size=-2000")  # SQLite's default
    return summary


def _comp_plans(session: Session, team: Team, year: int) -> None:
    """This year's plans, from the seed's examples: R&E managers on the six-step plan
    (OTE 150,000, half variable, 40/60 renewals/upsell), CSMs at 25 % variable."""
    for person_id in team.re_manager_ids:
        save_plan(session, person_id, year, PlanTerms(ote_cents=150_000_00))
    for person_id in team.csm_ids:
        save_plan(
            session,
            person_id,
            year,
            PlanTerms(
                ote_cents=100_000_00, variable_share=Decimal("0.25"), renewal_share=Decimal("0.5")
            ),
        )


def _generate(
    ctx: Context, arr_cents: list[int], start: int, end: int, strategic_ids: list[int]
) -> dict[str, list[dict]]:
    """Rows for accounts ``start``..``end`` and everything that hangs off them."""
    rows: dict[str, list[dict]] = {model.__tablename__: [] for model in GENERATED}
    for index in range(start, end):
        customer, account = new_customer(ctx, index, arr_cents[index])
        rows["score_snapshots"] += score_rows(ctx, customer)
        rows["contacts"] += contact_rows(ctx, customer, company_domain(customer.name))
        account["health"] = customer.health
        account["licenses_used"] = licenses_used(ctx.rng, customer)
        rows["accounts"].append(account)
        if customer.segment == Segment.STRATEGIC:
            strategic_ids.append(customer.id)
        timeline, last_ebr = timeline_rows(ctx, customer)
        rows["timeline_entries"] += timeline
        rows["opportunities"] += opportunity_rows(ctx, customer)
        if wants_plan(ctx, customer):
            plan, objectives, milestones = plan_rows(ctx, customer, last_ebr)
            rows["success_plans"].append(plan)
            rows["objectives"] += objectives
            rows["milestones"] += milestones
        if (cta := cta_row(ctx, customer)) is not None:
            rows["ctas"].append(cta)
    return rows


def _count(summary: DemoSummary, chunk: dict[str, list[dict]]) -> None:
    for f in fields(summary):
        if f.name in chunk:
            setattr(summary, f.name, getattr(summary, f.name) + len(chunk[f.name]))


def _next_id(session: Session, model: type) -> int:
    return (session.scalar(select(func.max(model.id))) or 0) + 1
