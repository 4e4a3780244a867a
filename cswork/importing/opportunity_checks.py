"""The opportunity fields, and checking an opportunity file against the book.

The book keeps no CRM id for an opportunity (the schema has no column for one), so an
"Opportunity ID" column is ignored and a re-import finds the opportunity it updates
by its account, kind, close date and name (ignoring case; a row without a name
stands for the name the import gives it, "Acme – renewal"). Two rows of one file with
the same four are refused as duplicates."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.enums import ForecastCategory, OpportunityKind, OpportunityStage, PersonRole
from cswork.importing.checking import (
    ACCOUNT_REFERENCE,
    BookAccount,
    FileCheck,
    FirstRows,
    RowCheck,
    book_accounts,
    check_rows,
    find_account,
)
from cswork.importing.fields import (
    Columns,
    Field,
    FieldSet,
    choice_field,
    plain,
    read_date,
    text_up_to,
)
from cswork.importing.owners import Owners
from cswork.importing.report import Cancelled, Problem, Progress
from cswork.importing.tables import Table
from cswork.importing.values import (
    Formats,
    parse_amount,
    parse_months,
    parse_not_negative_amount,
    parse_person,
)
from cswork.models import Opportunity
from cswork.money import cents_to_decimal

KIND_ALIASES = {
    "renew": "renewal",
    "expansion": "upsell",
    "addon": "upsell",
    "upgrade": "upsell",
    "morelicenses": "upsell",
    "moreseats": "upsell",
    "newproduct": "cross-sell",
    "newbusinessunit": "new division",
    "newdepartment": "new division",
    "services": "services one-time",
    "professionalservices": "services one-time",
    "onetimeservices": "services one-time",
    "managedservices": "services managed",
}
STAGE_ALIASES = {
    "closedwon": "won",
    "closedlost": "lost",
    "prospecting": "open",
    "qualification": "open",
    "discovery": "open",
    "proposal": "open",
    "negotiation": "open",
    "inprogress": "open",
    "pending": "open",
}
FORECAST_ALIASES = {"omit": "omitted", "best": "best case"}
RENEWAL_AMOUNTS = {"target_cents": "target", "forecast_cents": "forecast", "final_cents": "final"}
CLOSED_STAGES = (OpportunityStage.WON, OpportunityStage.LOST)
CLOSED_CATEGORIES = (ForecastCategory.CLOSED, ForecastCategory.OMITTED)
# The role a person created for an opportunity's owner column gets.
OWNER_ROLE = {
    OpportunityKind.RENEWAL: PersonRole.RE_MANAGER,
    OpportunityKind.UPSELL: PersonRole.RE_MANAGER,
    OpportunityKind.CROSS_SELL: PersonRole.AE,
    OpportunityKind.NEW_DIVISION: PersonRole.AE,
    OpportunityKind.SERVICES_ONE_TIME: PersonRole.CSM,
    OpportunityKind.SERVICES_MANAGED: PersonRole.CSM,
}


OPPORTUNITY_FIELDS = FieldSet(
    "opportunity",
    [
        ACCOUNT_REFERENCE,
        choice_field(
            "kind",
            OpportunityKind,
            KIND_ALIASES,
            required=True,
            repeats=True,
            synonyms=("Type", "Opportunity Type", "Deal Type", "Kind"),
        ),
        Field("name", text_up_to(300), synonyms=("Opportunity Name", "Deal Name", "Name")),
        Field(
            "amount",
            plain(parse_amount),
            column="amount_cents",
            synonyms=("Amount", "Deal Amount", "ARR Amount", "Value"),
        ),
        Field(
            "close_date",
            read_date,
            dates=True,
            repeats=True,
            synonyms=("Close Date", "Expected Close Date"),
        ),
        choice_field(
            "stage",
            OpportunityStage,
            STAGE_ALIASES,
            repeats=True,
            synonyms=("Stage", "Opportunity Stage", "Deal Stage"),
        ),
        choice_field(
            "forecast_category",
            ForecastCategory,
            FORECAST_ALIASES,
            repeats=True,
            synonyms=("Forecast Category",),
        ),
        Field(
            "target_amount",
            plain(parse_not_negative_amount),
            column="target_cents",
            synonyms=("Renewal Target", "Target", "Renewable Amount", "Available to Renew"),
        ),
        Field(
            "forecast_amount",
            plain(parse_not_negative_amount),
            column="forecast_cents",
            synonyms=("Renewal Forecast", "Forecast Amount", "Forecasted Amount"),
        ),
        Field(
            "final_amount",
            plain(parse_not_negative_amount),
            column="final_cents",
            synonyms=("Final Amount", "Renewed Amount", "Closed Amount"),
        ),
        Field(
            "contract_months",
            plain(parse_months),
            repeats=True,
            synonyms=("Contract Months", "Contract Length", "Term (months)", "Term"),
        ),
        Field(
            "owner",
            plain(parse_person),
            repeats=True,
            column="owner_id",
            synonyms=("Opportunity Owner", "Owner", "Owner Email", "Deal Owner"),
        ),
        Field("strategy", text_up_to(10_000), synonyms=("Strategy", "Next Step", "Next Steps")),
    ],
)


class StoredOpportunity(NamedTuple):
    id: int
    stage: OpportunityStage
    forecast_category: ForecastCategory


def default_name(account: BookAccount, kind: OpportunityKind) -> str:
    """The name an opportunity gets when the file gives none (as create_opportunity)."""
    return f"{account.name} – {kind.value}"


def check_opportunities(
    session: Session,
    table: Table,
    columns: Columns,
    *,
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    formats: Formats | None = None,
) -> FileCheck:
    """Read and check every row against the book (reads only). ``check.book`` holds
    the accounts by id, for the write step's defaults and routing."""
    accounts = book_accounts(session)
    stored = _stored_opportunities(session)
    owners = Owners(session)
    first_rows = FirstRows()
    header = columns.header_for

    def check_row(row: RowCheck) -> None:
        values = row.values
        account = find_account(row, columns, accounts)
        kind = values.get("kind")
        if kind is None:
            return
        _check_amounts(row, kind, header)
        if account is None:
            return
        name = values.get("name") or default_name(account, kind)
        key = (account.id, kind, values.get("close_date"), name.lower())
        what = f"the {kind.value} '{name}' closing {values.get('close_date') or 'on no date'}"
        if first_rows.is_duplicate(row, key, header("name"), what):
            return
        existing = stored.get(key)
        row.existing_id = existing.id if existing else None
        _check_stage(row, existing, header)
        if (owner := values.get("owner_id")) is not None:
            values["owner_id"] = owners.resolve(owner, OWNER_ROLE[kind])

    rows = check_rows(
        session,
        table,
        columns,
        OPPORTUNITY_FIELDS,
        check_row,
        progress=progress,
        cancelled=cancelled,
        formats=formats,
    )
    by_id = {account.id: account for account in accounts.values()}
    return FileCheck("opportunity", columns, rows, book=by_id)


def _check_amounts(row: RowCheck, kind: OpportunityKind, header: Any) -> None:
    values = row.values
    if kind != OpportunityKind.RENEWAL:
        if (amount := values.get("amount_cents", 0)) < 0:
            row.problems.append(
                Problem(
                    row.number,
                    header("amount"),
                    f"{cents_to_decimal(amount)} is negative, and only a renewal can shrink "
                    f"(this is {_a(kind)})",
                )
            )
        for column, word in RENEWAL_AMOUNTS.items():
            if column in values:
                row.problems.append(
                    Problem(
                        row.number,
                        header(f"{word}_amount"),
                        f"a {word} amount is for renewals only (this is {_a(kind)})",
                    )
                )


def _a(kind: OpportunityKind) -> str:
    """'an upsell', 'a cross-sell'."""
    return ("an " if kind.value[0] in "aeiou" else "a ") + kind.value


def _check_stage(row: RowCheck, existing: StoredOpportunity | None, header: Any) -> None:
    """A won or lost deal is out of the forecast (closed, or omitted); an open one is
    not closed. A row that closes or reopens a deal without a forecast category
    moves it as closing it by hand would."""
    values = row.values
    stage = values.get("stage", existing.stage if existing else OpportunityStage.OPEN)
    category = values.get("forecast_category")
    if category is None:
        if "stage" in values and existing is not None:
            if stage in CLOSED_STAGES and existing.forecast_category not in CLOSED_CATEGORIES:
                values["forecast_category"] = ForecastCategory.CLOSED
            elif stage == OpportunityStage.OPEN and existing.forecast_category in CLOSED_CATEGORIES:
                values["forecast_category"] = ForecastCategory.PIPELINE
        return
    if stage in CLOSED_STAGES and category not in CLOSED_CATEGORIES:
        message = (
            f"a {stage.value} opportunity is out of the forecast (closed or omitted), "
            f"not '{category.value}'"
        )
    elif stage == OpportunityStage.OPEN and category == ForecastCategory.CLOSED:
        message = "an open opportunity cannot be in the forecast category closed"
    else:
        return
    row.problems.append(Problem(row.number, header("forecast_category"), message))


def _stored_opportunities(session: Session) -> dict[tuple[Any, ...], StoredOpportunity]:
    """The book's opportunities by (account, kind, close date, name), in one query."""
    query = select(
        Opportunity.account_id,
        Opportunity.kind,
        Opportunity.close_date,
        Opportunity.name,
        Opportunity.id,
        Opportunity.stage,
        Opportunity.forecast_category,
    ).order_by(Opportunity.id)
    found: dict[tuple[Any, ...], StoredOpportunity] = {}
    for account_id, kind, close_date, name, *rest in session.execute(query):
        found.setdefault((account_id, kind, close_date, name.lower()), StoredOpportunity(*rest))
    return found
