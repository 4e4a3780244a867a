"""`review`: the Wednesday renewal review agenda as PDF, CSV or XLSX, from the command
line.

Qt lays out the PDF, so it is imported only when the verb runs; without a display it
draws offscreen."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from cswork.cli.common import CliError, Verb, iso_date, opened_book, person
from cswork.enums import Segment


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="as on this day (default: today)"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="a .pdf, .csv or .xlsx file"
    )
    parser.add_argument("--owner", metavar="EMAIL", help="one person's accounts")
    parser.add_argument("--segment", choices=[s.value for s in Segment])


def run(args: argparse.Namespace) -> int:
    from cswork.desk import review_agenda
    from cswork.metrics import Cohort

    suffix = args.out.suffix.lower()
    if suffix not in (".pdf", ".csv", ".xlsx"):
        raise CliError(f"cannot write {args.out.name}: choose a .pdf, .csv or .xlsx file")
    today = args.as_of or date.today()
    with opened_book(args) as book, book.session() as session:
        owner = person(session, args.owner)
        cohort = Cohort(owner_id=owner.id if owner else None, segment=args.segment)
        agenda = review_agenda(session, today, 90, cohort)
    scope = " · ".join(
        [owner.name if owner else "Everyone"]
        + ([args.segment.capitalize()] if args.segment else [])
    )
    if suffix == ".pdf":
        from ui.kit.headless import ensure_app

        ensure_app()
    from ui.renewals.review_agenda import write_agenda

    try:
        count = write_agenda(args.out, agenda, today, scope)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    owners = len(agenda)
    print(f"Wrote {count} renewals ({owners} owner{'s' if owners != 1 else ''}) to {args.out}")
    return 0


VERBS = [
    Verb(
        "review",
        "the Wednesday renewal review agenda (next 90 days, by owner) as PDF, CSV or XLSX",
        configure,
        run,
    ),
]
