"""Importing opportunities: renewals, upsell, cross-sell and services deals, in bulk.

A new opportunity gets what create_opportunity would give it: its owner, when the file
names none, is whoever the account's RACI makes accountable for its kind (the routing
of cswork.opportunities); a renewal's target defaults to the account's ARR, its
forecast to the target, its contract length to the account's term. A won or lost
deal comes in as history: the account's ARR and dates are the account file's to say,
so nothing is replayed onto the account. A re-import updates the columns the file
has (see opportunity_checks for how a row finds its opportunity)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from cswork.enums import ForecastCategory, OpportunityKind, OpportunityStage
from cswork.importing.checking import BookAccount, FileCheck
from cswork.importing.opportunity_checks import (
    CLOSED_STAGES,
    OPPORTUNITY_FIELDS,
    check_opportunities,
    default_name,
)
from cswork.importing.owners import NewPerson, add_people
from cswork.importing.report import Cancelled, ImportReport, Progress, tick
from cswork.importing.running import Importer, run_import
from cswork.importing.writing import write_rows
from cswork.models import Opportunity
from cswork.models.base import utcnow
from cswork.opportunities import ACTIVITY_FOR_KIND
from cswork.raci import AccountableIndex
from cswork.store import Book

OPPORTUNITIES = Opportunity.__table__
NEW_OPPORTUNITY = {
    "amount_cents": 0,
    "close_date": None,
    "stage": OpportunityStage.OPEN,
    "target_cents": None,
    "forecast_cents": None,
    "final_cents": None,
    "contract_months": None,
    "owner_id": None,
    "strategy": "",
}


def write_opportunities(
    session: Session,
    check: FileCheck,
    *,
    today: date,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Write what ``check`` found valid: nothing when a row was refused, unless
    ``valid_rows_only``. On ImportCancelled the caller rolls back."""
    report = ImportReport.of_check("opportunity", check, valid_rows_only)
    if report.writes_nothing:
        return report
    rows = check.valid_rows

    def step(done: int) -> None:
        tick(done, len(rows), progress, cancelled)

    new_people = {
        owner: None for row in rows if isinstance(owner := row.values.get("owner_id"), NewPerson)
    }
    person_ids = add_people(session, new_people)
    report.people_added = [person.name for person in new_people]
    for row in rows:
        if (owner := row.values.get("owner_id")).__class__ is NewPerson:
            row.values["owner_id"] = person_ids[owner]
    now = utcnow()
    accounts: dict[int, BookAccount] = check.book
    routing = AccountableIndex(session)
    new = [
        _new_opportunity(row.values, accounts[row.values["account_id"]], routing)
        | {"created_at": now, "updated_at": now}
        for row in rows
        if not row.existing_id
    ]
    replace_generated_renewals(session, [row.values for row in rows if not row.existing_id])
    # An imported row is the CRM's own: one that updated a generated renewal is no longer.
    write_rows(session, OPPORTUNITIES, rows, new, report, step, updated_at=now, generated=False)
    step(len(rows))
    return report


def _new_opportunity(
    values: dict[str, Any], account: BookAccount, routing: AccountableIndex
) -> dict[str, Any]:
    """A new row's every column: the file's values, and create_opportunity's defaults."""
    kind: OpportunityKind = values["kind"]
    row = NEW_OPPORTUNITY | values
    row.setdefault("name", default_name(account, kind))
    stage = row["stage"]
    row.setdefault(
        "forecast_category",
        ForecastCategory.CLOSED if stage in CLOSED_STAGES else ForecastCategory.PIPELINE,
    )
    if row["owner_id"] is None:
        row["owner_id"] = routing.person_id(ACTIVITY_FOR_KIND[kind], account)
    if kind == OpportunityKind.RENEWAL:
        if row["target_cents"] is None:
            row["target_cents"] = account.arr_cents
        if row["forecast_cents"] is None:
            row["forecast_cents"] = row["target_cents"]
        if row["contract_months"] is None:
            row["contract_months"] = account.term_months or 12
        # A closed renewal as close_opportunity leaves it: the final amount, and the
        # amount as the change against the target.
        if stage == OpportunityStage.WON and row["final_cents"] is None:
            row["final_cents"] = row["forecast_cents"]
        elif stage == OpportunityStage.LOST and row["final_cents"] is None:
            row["final_cents"] = 0
        if stage in CLOSED_STAGES and "amount_cents" not in values:
            row["amount_cents"] = row["final_cents"] - row["target_cents"]
    return row


def replace_generated_renewals(session: Session, new_rows: list[dict[str, Any]]) -> None:
    """An imported renewal replaces the one the book generated for its account, rather
    than doubling it: the generated open renewal closing on the same date goes, and any
    generated open renewal of an account the file gives an open renewal."""
    renewals = [v for v in new_rows if v["kind"] == OpportunityKind.RENEWAL]
    if not renewals:
        return
    open_accounts = {
        v["account_id"]
        for v in renewals
        if v.get("stage", OpportunityStage.OPEN) == OpportunityStage.OPEN
    }
    dated = {(v["account_id"], v.get("close_date")) for v in renewals}
    account_ids = sorted({v["account_id"] for v in renewals})
    doomed = []
    for first in range(0, len(account_ids), 900):
        for opportunity_id, account_id, close_date in session.execute(
            select(Opportunity.id, Opportunity.account_id, Opportunity.close_date).where(
                Opportunity.generated.is_(True),
                Opportunity.kind == OpportunityKind.RENEWAL,
                Opportunity.stage == OpportunityStage.OPEN,
                Opportunity.account_id.in_(account_ids[first : first + 900]),
            )
        ):
            if account_id in open_accounts or (account_id, close_date) in dated:
                doomed.append(opportunity_id)
    for first in range(0, len(doomed), 900):
        session.execute(delete(Opportunity).where(Opportunity.id.in_(doomed[first : first + 900])))


OPPORTUNITIES_IMPORT = Importer(
    entity="opportunities",
    noun="opportunity",
    fields=OPPORTUNITY_FIELDS,
    check=check_opportunities,
    write=write_opportunities,
)


def import_opportunities(book: Book, source: Any, **options: Any) -> ImportReport:
    """Import a CRM's opportunity file (see the module's docstring); like import_accounts."""
    return run_import(book, OPPORTUNITIES_IMPORT, source, **options)
