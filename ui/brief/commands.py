"""`brief`: an account's call-prep brief as a PDF, from the command line.

Qt lays the page out, so it is imported only when the verb runs; without a display it
draws offscreen."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cswork.cli.common import CliError, Verb, iso_date, opened_book


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("external_id", metavar="EXTERNAL_ID", help="the account's CRM id")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="as on this day (default: today)"
    )


def run(args: argparse.Namespace) -> int:
    from cswork.accounts import AccountNotFound, find_by_external_id
    from ui.kit.headless import ensure_app

    if args.out.suffix.lower() != ".pdf":
        raise CliError(f"cannot write {args.out.name}: the brief is a .pdf file")
    today = args.as_of or date.today()
    with opened_book(args) as book:
        with book.session() as session:
            try:
                account_id = find_by_external_id(session, args.external_id).id
            except AccountNotFound as exc:
                raise CliError(str(exc)) from exc
        ensure_app()
        from ui.brief.view import read_brief, write_brief_pdf

        page = read_brief(book, account_id, today)
    try:
        pages = write_brief_pdf(page, args.out)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    more = f" ({pages} pages)" if pages > 1 else ""
    print(f"Wrote the call-prep brief for {page.name} to {args.out}{more}")
    return 0


VERBS = [Verb("brief", "an account's one-page call-prep brief as PDF", configure, run)]
