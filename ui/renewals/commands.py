"""Command-line verbs of the renewals desk that need Qt to lay out paper:
`review` (the Wednesday review agenda as PDF, CSV or XLSX) and `brief` (an account's
call-prep brief as PDF). They run without a display: on a machine with none, Qt draws
offscreen.

Importing this module loads no Qt, so other verbs stay quick."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from cswork.cli import CliError, WindowCommand, iso_date, open_existing
from cswork.enums import Segment

_made: list = []  # the QApplication a command made, kept alive until the process ends


def ensure_app():
    """A QApplication to lay out and draw with: the running one, or a new one (drawing
    offscreen when there is no display to draw on)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _made.append(QApplication(sys.argv[:1]))
    return QApplication.instance()


def _as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="as on this day (default: today)"
    )


def configure_review(parser: argparse.ArgumentParser) -> None:
    _as_of(parser)
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="a .pdf, .csv or .xlsx file"
    )
    parser.add_argument("--owner", metavar="EMAIL", help="one person's accounts")
    parser.add_argument("--segment", choices=[s.value for s in Segment])


def run_review(args: argparse.Namespace) -> int:
    from cswork.desk import review_agenda
    from cswork.metrics import Cohort
    from cswork.people import find_person

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".csv", ".xlsx"):
        raise CliError(f"cannot write {args.out.name}: choose a .pdf, .csv or .xlsx file")
    today = args.as_of or date.today()
    book = open_existing(args)
    try:
        with book.session() as session:
            owner = find_person(session, args.owner) if args.owner else None
            if args.owner and owner is None:
                raise CliError(f"nobody in the book is {args.owner!r}")
            cohort = Cohort(owner_id=owner.id if owner else None, segment=args.segment)
            agenda = review_agenda(session, today, 90, cohort)
    finally:
        book.close()
    scope = " · ".join(
        [owner.name if owner else "Everyone"]
        + ([args.segment.capitalize()] if args.segment else [])
    )
    if suffix == ".pdf":
        ensure_app()
    from ui.renewals.review_agenda import write_agenda

    try:
        count = write_agenda(args.out, agenda, today, scope)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    owners = len(agenda)
    print(f"Wrote {count} renewals ({owners} owner{'s' if owners != 1 else ''}) to {args.out}")
    return 0


def configure_brief(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("external_id", metavar="EXTERNAL_ID", help="the account's CRM id")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    _as_of(parser)


def run_brief(args: argparse.Namespace) -> int:
    from cswork.accounts import AccountNotFound, find_by_external_id

    if args.out.suffix.lower() != ".pdf":
        raise CliError(f"cannot write {args.out.name}: the brief is a .pdf file")
    today = args.as_of or date.today()
    book = open_existing(args)
    try:
        with book.session() as session:
            try:
                account_id = find_by_external_id(session, args.external_id).id
            except AccountNotFound as exc:
                raise CliError(str(exc)) from exc
        ensure_app()
        from ui.brief.view import read_brief, write_brief_pdf

        page = read_brief(book, account_id, today)
    finally:
        book.close()
    try:
        pages = write_brief_pdf(page, args.out)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    more = f" ({pages} pages)" if pages > 1 else ""
    print(f"Wrote the call-prep brief for {page.name} to {args.out}{more}")
    return 0


DESK_COMMANDS = {
    "review": WindowCommand(
        help="the Wednesday renewal review agenda (next 90 days, by owner) as PDF, CSV or XLSX",
        configure=configure_review,
        run=run_review,
    ),
    "brief": WindowCommand(
        help="an account's one-page call-prep brief as PDF",
        configure=configure_brief,
        run=run_brief,
    ),
}
