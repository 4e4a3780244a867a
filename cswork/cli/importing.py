"""`import`: bring accounts, contacts, opportunities or scores in from a spreadsheet."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cswork.cli.common import CliError, Verb, book_target, opened_book, print_json
from cswork.store import book_url

# What `import` takes (cswork.importing.IMPORTS; a test checks they agree). Listed here
# so building the parser loads no models.
IMPORT_ENTITIES = ("accounts", "contacts", "opportunities", "scores")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("entity", choices=[*IMPORT_ENTITIES, "rates"])
    parser.add_argument("file", type=Path)
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"Source Header=field"',
        help="map a column of the file to a field, or to 'ignore' (an accounts file keeps "
        "the columns no field reads as custom fields; repeatable; remembered in the book "
        "for the next import)",
    )
    parser.add_argument(
        "--values",
        action="append",
        default=[],
        metavar='"field:Value=choice;Value=choice"',
        help="map the file's own values of a field to its choices, as in "
        '"segment:Enterprise=strategic;SMB=low-touch" (one field per option, repeatable; '
        "remembered in the book for the next import)",
    )
    parser.add_argument(
        "--date-order",
        metavar="dmy|mdy|ymd",
        help="how the file's dates like 03/04/2027 read: day first (dmy), month first "
        "(mdy), or year first (ymd, for 2027/04/03); remembered in the book. Without it, "
        "the order last given, else the file's own dates must say it",
    )
    parser.add_argument(
        "--valid-rows-only",
        action="store_true",
        help="import the valid rows even when some are refused",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        source, sep, field = pair.rpartition("=")
        if not sep or not source.strip() or not field.strip():
            raise CliError(f'--map takes "Source Header=field", not {pair!r}')
        mapping[source.strip()] = field.strip()
    return mapping


def run(args: argparse.Namespace) -> int:
    """Exit 0 when every row went in, 1 (with the report) when any was refused."""
    if args.entity == "rates":
        return _import_rates(args)
    from cswork.importing import (
        IMPORTS,
        ImportFileError,
        file_dates,
        match_columns,
        parse_date_order,
        parse_value_options,
        read_table,
        run_import,
    )
    from cswork.importing.dates import date_order_for

    importer = IMPORTS[args.entity]
    mapping = parse_mapping(args.map)
    try:
        values = parse_value_options(args.values, importer.fields)
        date_order = parse_date_order(args.date_order) if args.date_order else None
    except ImportFileError as exc:
        raise CliError(str(exc)) from exc
    if not args.file.is_file():
        raise CliError(f"there is no file {args.file}")
    target = book_target(args)
    try:
        # Read the file before the book: a bad file must not create one. A new book has
        # no remembered mapping, so the columns can be checked before it exists too.
        table = read_table(args.file, importer.fields)
        if not _book_exists(target):
            if importer.entity != "accounts":
                raise CliError(
                    f"there is no book at {target}: import the accounts first, then their "
                    f"{importer.entity}"
                )
            columns = match_columns(table.headers, importer.fields, mapping)
            date_order_for(file_dates(table, columns, importer.fields), date_order, None)
        with opened_book(args, create=True) as book:
            report = run_import(
                book,
                importer,
                table,
                mapping=mapping,
                values=values,
                date_order=date_order,
                today=date.today(),
                valid_rows_only=args.valid_rows_only,
            )
    except ImportFileError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json(report.as_json())
    else:
        print(report.summary())
        for problem in report.refused:
            print(f"  {problem}")
        for line in report.after_lines():
            print(line)
    return 0 if not report.refused else 1


def _import_rates(args: argparse.Namespace) -> int:
    """Exchange rates: the ECB's eurofxref-hist.csv or rows of date,currency,rate. All or
    nothing: one bad row refuses the file."""
    from cswork.rates import RatesFileError, read_rates_file, reporting_currency, store_rates

    if not args.file.is_file():
        raise CliError(f"there is no file {args.file}")
    if not _book_exists(book_target(args)):
        raise CliError(f"there is no book at {book_target(args)}: import the accounts first")
    with opened_book(args) as book:
        with book.session() as session:
            reporting = reporting_currency(session)
        try:
            found = read_rates_file(args.file.read_bytes(), reporting)
        except (RatesFileError, UnicodeDecodeError) as exc:
            raise CliError(f"{args.file.name}: {exc}") from exc
        with book.writing() as session:
            count = store_rates(session, found).count
    days = sorted({row[0] for row in found.rows})
    if args.json:
        print_json(
            {
                "rates": count,
                "layout": found.layout,
                "currencies": found.currencies,
                "first": days[0].isoformat(),
                "last": days[-1].isoformat(),
            }
        )
    else:
        kind = (
            "the ECB's rates against the euro" if found.layout == "ecb" else f"rates in {reporting}"
        )
        print(
            f"Imported {count} exchange rates ({kind}) for {', '.join(found.currencies)}, "
            f"{days[0]} to {days[-1]}."
        )
    return 0


def _book_exists(target: str) -> bool:
    url = book_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        return True  # a team database: the server has it
    path = Path(url.database)
    return path.is_file() and path.stat().st_size > 0


VERBS = [
    Verb(
        "import",
        "import accounts, contacts, opportunities or scores from CSV or XLSX, or exchange rates",
        configure,
        run,
    ),
]
