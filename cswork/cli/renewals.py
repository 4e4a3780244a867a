"""`renewals`: the accounts coming up for renewal, for a glance or a script."""

from __future__ import annotations

import argparse
from datetime import date

from cswork.cli.common import (
    CliError,
    Verb,
    iso_date,
    money_text,
    opened_book,
    person_json,
    print_json,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--within", type=int, required=True, metavar="DAYS")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="count days from this date (default: today)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from cswork.renewals import renewals_within

    if args.within < 0:
        raise CliError("--within must be 0 days or more")
    as_of = args.as_of or date.today()
    with opened_book(args) as book, book.session() as session:
        found = renewals_within(session, args.within, as_of)
    if args.json:
        print_json(
            [
                {
                    "external_id": r.external_id,
                    "name": r.name,
                    "renewal_date": r.renewal_date.isoformat(),
                    "days_to_renewal": r.days_to_renewal,
                    "arr": money_text(r.arr_cents),
                    "currency": r.currency,
                    "health": r.health,
                    "band": r.band,
                    "csm": person_json(r.csm_name, r.csm_email),
                    "re_manager": person_json(r.re_manager_name, r.re_manager_email),
                }
                for r in found
            ]
        )
        return 0
    if not found:
        print(f"No active account renews within {args.within} days of {as_of}.")
        return 0
    print(f"{'renews':<10}  {'days':>4}  {'ARR':>14}  {'health':>6}  name")
    for r in found:
        health = "" if r.health is None else f"{r.health} {r.band}"
        print(
            f"{r.renewal_date}  {r.days_to_renewal:>4}  {money_text(r.arr_cents):>14}  "
            f"{health:>6}  {r.name} ({r.external_id})"
        )
    print(f"{len(found)} renewals, ARR {money_text(sum(r.arr_cents for r in found))}")
    return 0


VERBS = [Verb("renewals", "active accounts renewing within DAYS days", configure, run)]
