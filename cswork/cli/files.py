"""`backup`, `restore` and `copy`: the book as a whole, kept safe or moved elsewhere."""

from __future__ import annotations

import argparse
from contextlib import closing
from pathlib import Path

from cswork.cli.common import CliError, Verb, book_target, opened_book
from cswork.store import book_url, open_book


def _book_file(args: argparse.Namespace) -> Path:
    url = book_url(book_target(args))
    if url.get_backend_name() != "sqlite" or not url.database:
        raise CliError("backups are for a book in a file; back up a team database on its server")
    return Path(url.database)


def configure_backup(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where (default: the backups folder in the user data folder)",
    )


def run_backup(args: argparse.Namespace) -> int:
    from cswork.backup import BackupError, backup_now

    book = _book_file(args)
    if not book.exists():
        raise CliError(f"there is no book at {book}")
    try:
        made = backup_now(book, args.out)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"Backed up {book.name} to {made}")
    return 0


def configure_restore(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE")


def run_restore(args: argparse.Namespace) -> int:
    from cswork.backup import BackupError, check_backup, restore
    from cswork.lock import BookInUse, BookLock

    book = _book_file(args)
    try:
        checked = check_backup(args.file)
        with BookLock(book):
            kept = restore(book, args.file)
    except (BackupError, BookInUse) as exc:
        raise CliError(str(exc)) from exc
    print(
        f"Restored {book.name} from {args.file.name} ({checked.accounts:,} accounts); "
        f"the book it replaced is kept as {kept.name}"
    )
    return 0


def configure_copy(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--to",
        required=True,
        metavar="PATH_OR_URL",
        help="an empty database (postgresql+psycopg://user@host/db) or a new file",
    )


def run_copy(args: argparse.Namespace) -> int:
    from cswork.copying import CopyError, copy_book_rows
    from cswork.money import format_money

    with opened_book(args) as source, closing(open_book(args.to)) as target:
        try:
            report = copy_book_rows(
                source, target, lambda table, rows: print(f"  {table}: {rows:,} rows", flush=True)
            )
        except CopyError as exc:
            raise CliError(str(exc)) from exc
    arr = " + ".join(
        format_money(cents, label.rsplit(" ", 1)[1], whole=True)
        for label, cents in sorted(report.totals.items())
        if label.startswith("ARR ")
    ) or format_money(0, whole=True)
    print(
        f"Copied {report.accounts:,} accounts ({report.total_rows:,} rows in "
        f"{len(report.rows)} tables) to {target.label} in {report.seconds:.1f} s. "
        f"Every table's row count and the totals (ARR {arr}) match."
    )
    return 0


VERBS = [
    Verb("backup", "copy the book (safe while it is open)", configure_backup, run_backup),
    Verb(
        "restore", "replace the book with a backup (checked first)", configure_restore, run_restore
    ),
    Verb(
        "copy",
        "copy the book into an empty team database (or a new file), checked row by row",
        configure_copy,
        run_copy,
    ),
]
