"""Importing scores: scorecard categories scored 0-100, as usage and health exports
give them, one row per account, category and day.

A category is named by its key ("adoption") or its name ("Product adoption"), in any
case and spacing. A row without a date was measured today; a date after today is
refused. A re-import finds the snapshot it updates by account, category and day, so
the same file twice adds nothing. After the write, every touched account's history is
replayed in bulk (cswork.scorecard.replay_histories), so each snapshot's previous
score and health before and after, and the account's health, read as if the scores
had been recorded one by one."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from cswork.importing.checking import (
    ACCOUNT_REFERENCE,
    FileCheck,
    FirstRows,
    RowCheck,
    book_accounts,
    check_rows,
    find_account,
)
from cswork.importing.fields import Columns, Field, FieldSet, plain, read_date, text_up_to
from cswork.importing.report import Cancelled, ImportReport, Problem, Progress, tick
from cswork.importing.running import Importer, run_import
from cswork.importing.tables import Table
from cswork.importing.values import Formats, choice_key, parse_score
from cswork.importing.writing import write_rows
from cswork.models import ScoreCategory, ScoreSnapshot
from cswork.models.base import utcnow
from cswork.scorecard import replay_histories
from cswork.store import Book

SCORE_FIELDS = FieldSet(
    "score",
    [
        ACCOUNT_REFERENCE,
        Field(
            "category",
            text_up_to(100),
            required=True,
            repeats=True,
            synonyms=("Category", "Scorecard Category", "Risk Category", "Measure", "Metric"),
        ),
        Field(
            "score",
            plain(parse_score),
            required=True,
            repeats=True,
            synonyms=("Score", "Category Score", "Rating", "Value"),
        ),
        Field("comment", text_up_to(2000), synonyms=("Comment", "Comments", "Note", "Reason")),
        Field(
            "measured_on",
            read_date,
            dates=True,
            repeats=True,
            synonyms=("Measured On", "Date", "Score Date", "As Of", "Snapshot Date"),
        ),
    ],
)
SNAPSHOTS = ScoreSnapshot.__table__


def check_scores(
    session: Session,
    table: Table,
    columns: Columns,
    *,
    today: date,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    formats: Formats | None = None,
) -> FileCheck:
    """Read and check every row against the book (reads only)."""
    accounts = book_accounts(session)
    categories = _categories(session)
    listed = ", ".join(sorted({name for name, _ in categories.values()}))
    stored = _stored_snapshots(session)
    first_rows = FirstRows()
    header = columns.header_for

    def check_row(row: RowCheck) -> None:
        values = row.values
        account = find_account(row, columns, accounts)
        category = values.pop("category", None)
        if category is not None:
            found = categories.get(choice_key(category))
            if found is None:
                row.problems.append(
                    Problem(
                        row.number,
                        header("category"),
                        f"'{category}' is not a scorecard category ({listed})",
                    )
                )
                return
            values["category_id"] = found[1]
        measured_on = values.setdefault("measured_on", today)
        if measured_on > today:
            row.problems.append(
                Problem(
                    row.number,
                    header("measured_on"),
                    f"{measured_on} is after today ({today}): a score is measured on a day "
                    "that has come",
                )
            )
        if account is None or category is None:
            return
        key = (account.id, values["category_id"], measured_on)
        what = f"{account.external_id}'s {category} score on {measured_on}"
        if not first_rows.is_duplicate(row, key, header("category"), what):
            row.existing_id = stored.get(key)

    rows = check_rows(
        session,
        table,
        columns,
        SCORE_FIELDS,
        check_row,
        progress=progress,
        cancelled=cancelled,
        formats=formats,
    )
    return FileCheck("score", columns, rows)


def _categories(session: Session) -> dict[str, tuple[str, int]]:
    """Each category by its key and by its name, as choice_key reads them."""
    found = {}
    for category_id, key, name in session.execute(
        select(ScoreCategory.id, ScoreCategory.key, ScoreCategory.name)
    ):
        found[choice_key(key)] = (name, category_id)
        found[choice_key(name)] = (name, category_id)
    return found


def _stored_snapshots(session: Session) -> dict[tuple[int, int, date], int]:
    """The latest snapshot of each account, category and day, in one query."""
    query = select(
        ScoreSnapshot.account_id,
        ScoreSnapshot.category_id,
        ScoreSnapshot.measured_on,
        func.max(ScoreSnapshot.id),
    ).group_by(ScoreSnapshot.account_id, ScoreSnapshot.category_id, ScoreSnapshot.measured_on)
    return {(a, c, d): snapshot_id for a, c, d, snapshot_id in session.execute(query)}


def write_scores(
    session: Session,
    check: FileCheck,
    *,
    today: date,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Write what ``check`` found valid, then replay the touched accounts' histories.
    Nothing when a row was refused, unless ``valid_rows_only``."""
    report = ImportReport.of_check("score", check, valid_rows_only)
    if report.writes_nothing:
        return report
    rows = check.valid_rows

    def step(done: int) -> None:
        tick(done, len(rows), progress, cancelled)

    now = utcnow()
    new = [
        {
            "comment": None,
            "previous_score": None,
            "health_before": None,
            "health_after": None,
            "author_id": None,
            "recorded_at": now,
        }
        | row.values
        for row in rows
        if not row.existing_id
    ]
    write_rows(session, SNAPSHOTS, rows, new, report, step)
    replay_histories(session, sorted({row.values["account_id"] for row in rows}))
    step(len(rows))
    return report


SCORES_IMPORT = Importer(
    entity="scores", noun="score", fields=SCORE_FIELDS, check=check_scores, write=write_scores
)


def import_scores(book: Book, source: Any, **options: Any) -> ImportReport:
    """Import a score file (see the module's docstring); like import_accounts."""
    return run_import(book, SCORES_IMPORT, source, **options)
