"""`demo`: a generated book of business to try the workbench on."""

from __future__ import annotations

import argparse
from datetime import date

from cswork.cli.common import CliError, Verb, iso_date, opened_book


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--accounts", type=int, default=2000, metavar="N")
    parser.add_argument(
        "--seed", type=int, default=1, metavar="S", help="same seed, same book (default 1)"
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the demo book is built around (default: today)",
    )


def run(args: argparse.Namespace) -> int:
    from cswork.demo import DemoError, build_demo

    if args.accounts < 1:
        raise CliError("--accounts must be 1 or more")
    with opened_book(args, create=True) as book:
        try:
            summary = build_demo(
                book, accounts=args.accounts, seed=args.seed, today=args.as_of or date.today()
            )
        except DemoError as exc:
            raise CliError(str(exc)) from exc
    print(f"Demo book in {book.label}: {summary}")
    return 0


VERBS = [
    Verb("demo", "fill a new book with a generated demo book of business", configure, run),
]
