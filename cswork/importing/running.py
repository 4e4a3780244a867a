"""One import from start to end, the same for every entity: read the file, find its
columns (the user's mapping, then the remembered one, then the headers' own names),
check every row, write in bulk, remember the mapping, give renewing accounts their
renewal opportunity; then run the alert scan. The check and the write share
one write transaction, so the book cannot change between them, and a refusal, an
error or a cancel writes nothing.

A preview (the import wizard) runs the first three steps in a read session."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from cswork.accounts import book_is_empty
from cswork.alerts.scan import scan
from cswork.bulk import collector_paused
from cswork.importing.dates import date_order_for, file_dates, remembered_date_order
from cswork.importing.fields import Columns, FieldSet, match_columns
from cswork.importing.mappings import mapping_for, remember_mapping, remembered_mapping
from cswork.importing.reading import read_table
from cswork.importing.report import Cancelled, ImportReport, Progress
from cswork.importing.tables import Table
from cswork.importing.value_maps import lookup, remember_values, remembered_values, values_for
from cswork.importing.values import Formats
from cswork.raci import org_model_note
from cswork.settings import set_setting
from cswork.store import Book


@dataclass(frozen=True)
class Importer:
    """What one entity's import is made of."""

    entity: str  # "accounts": the command line's word, the remembered mapping's key
    noun: str  # "account"
    fields: FieldSet
    # (session, table, columns, *, today, progress, cancelled) -> a check: .rows, .problems
    check: Callable[..., Any]
    # (session, check, *, today, valid_rows_only, progress, cancelled) -> ImportReport
    write: Callable[..., ImportReport]

    @property
    def label(self) -> str:
        return self.entity.capitalize()


def columns_for(
    session: Session, importer: Importer, headers: list[str], mapping: Mapping[str, str] | None
) -> Columns:
    """The file's columns: ``mapping`` wins over the remembered one, which wins over
    the headers' own names. ImportFileError for a mapping that cannot be used."""
    remembered = remembered_mapping(session, importer.entity)
    full = mapping_for(headers, importer.fields, remembered, mapping)
    return match_columns(headers, importer.fields, full)


def formats_for(
    session: Session,
    importer: Importer,
    table: Table,
    columns: Columns,
    *,
    values: Mapping[str, Mapping[str, str]] | None = None,
    date_order: str | None = None,
    in_wizard: bool = False,
) -> Formats:
    """How this import reads its cells: ``values`` over the remembered value mappings,
    and the day/month order given, else remembered, else the file's own.
    ImportFileError when the file's dates are ambiguous and nothing says the order."""
    merged = values_for(importer.fields, remembered_values(session, importer.entity), values)
    dates = file_dates(table, columns, importer.fields)
    order = date_order_for(dates, date_order, remembered_date_order(session))
    return Formats(
        date_order=order,
        values=lookup(merged),
        in_wizard=in_wizard,
        mixed_dates=dates.mixed,
    )


def run_import(
    book: Book,
    importer: Importer,
    source: str | os.PathLike[str] | Table,
    *,
    today: date,
    mapping: Mapping[str, str] | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    date_order: str | None = None,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    in_wizard: bool = False,
) -> ImportReport:
    """Import a file: all rows or none, unless ``valid_rows_only``. Raises
    ImportFileError when the file cannot be read at all and ImportCancelled when
    ``cancelled()`` turns true (nothing is written then).

    ``values``: value mappings ({"segment": {"Enterprise": "strategic"}}), and
    ``date_order`` ("MDY", "DMY" or "YMD"), both remembered once rows are written.

    ``progress(done, total)``: one step per row checked and one per row written."""
    with collector_paused():
        table = source if isinstance(source, Table) else read_table(source, importer.fields)
        rows, total = len(table), 2 * len(table)

        def checking(done: int, _: int) -> None:
            if progress is not None:
                progress(done, total)

        def writing(done: int, of: int) -> None:
            if progress is not None:
                progress(rows + (done * rows // of if of else rows), total)

        with book.writing() as session:
            first_import = book_is_empty(session)
            columns = columns_for(session, importer, table.headers, mapping)
            formats = formats_for(
                session,
                importer,
                table,
                columns,
                values=values,
                date_order=date_order,
                in_wizard=in_wizard,
            )
            check = importer.check(
                session,
                table,
                columns,
                today=today,
                progress=checking,
                cancelled=cancelled,
                formats=formats,
            )
            report = importer.write(
                session,
                check,
                today=today,
                valid_rows_only=valid_rows_only,
                progress=writing,
                cancelled=cancelled,
            )
            if report.written:
                if mapping:
                    remember_mapping(session, importer.entity, importer.fields, mapping)
                if values:
                    remember_values(session, importer.entity, values)
                if date_order:
                    set_setting(session, "import_date_order", date_order)
                if first_import:
                    report.org_model_note = org_model_note(session)
        # The scan gives each renewing account its renewal opportunity, and the task
        # pane and the counts show the import's CTAs at once.
        if report.written:
            result = scan(book, today)
            report.ctas_raised, report.raised_cta_ids = len(result.raised), result.raised_ids
            report.scan_seconds = result.seconds
        return report


def preview_import(
    book: Book,
    importer: Importer,
    table: Table,
    *,
    today: date,
    mapping: Mapping[str, str] | None = None,
    values: Mapping[str, Mapping[str, str]] | None = None,
    date_order: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    in_wizard: bool = True,
) -> Any:
    """Every row read and checked, as the import would, in a read session: nothing is
    written. Returns the entity's check (``rows`` with their ``problems``)."""
    with collector_paused(), book.session() as session:
        columns = columns_for(session, importer, table.headers, mapping)
        formats = formats_for(
            session,
            importer,
            table,
            columns,
            values=values,
            date_order=date_order,
            in_wizard=in_wizard,
        )
        return importer.check(
            session,
            table,
            columns,
            today=today,
            progress=progress,
            cancelled=cancelled,
            formats=formats,
        )
