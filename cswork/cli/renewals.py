"""`renewals`: the accounts coming up for renewal, for a glance or a script."""

from __future__ import annotations

import argparse
from datetime import date

from cswork.cli.common import (
    CliError,
    Verb,
    iso_date,
    missing_rates_lines,
    money_text,
    opened_book,
    person_json,
    print_json,
    reporting_option,
)


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--within", type=int, required=True, metavar="DAYS")
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="count days from this date (default: today)",
    )
    parser.add_argument(
        "--reporting-currency",
        metavar="CODE",
        help="total in this currency (default: the book's reporting currency)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from cswork.renewals import converted_arr, renewals_within

    if args.within < 0:
        raise CliError("--within must be 0 days or more")
    as_of = args.as_of or date.today()
    with opened_book(args) as book, book.session() as session:
        found = renewals_within(session, args.within, as_of)
        each, total = converted_arr(
            session, found, as_of, reporting_option(args.reporting_currency)
        )
    missing = [m.as_json() for m in total.missing]
    if args.json:
        print_json(
            {
                "as_of": as_of.isoformat(),
                "within": args.within,
                "count": len(found),
                # The total in the reporting currency at the rates of --as-of.
                "arr": money_text(total.cents),
                "currency": total.currency,
                "by_currency": {c: money_text(v) for c, v in sorted(total.by_currency.items())},
                "missing_rates": missing,
                "renewals": [
                    {
                        "external_id": r.external_id,
                        "name": r.name,
                        "renewal_date": r.renewal_date.isoformat(),
                        "days_to_renewal": r.days_to_renewal,
                        "arr": money_text(r.arr_cents),
                        "currency": r.currency,
                        "arr_reporting": None if converted is None else money_text(converted),
                        "health": r.health,
                        "band": r.band,
                        "csm": person_json(r.csm_name, r.csm_email),
                        "re_manager": person_json(r.re_manager_name, r.re_manager_email),
                    }
                    for r, converted in zip(found, each, strict=True)
                ],
            }
        )
        return 0
    if not found:
        print(f"No active account renews within {args.within} days of {as_of}.")
        return 0
    print(f"{'renews':<10}  {'days':>4}  {'ARR':>18}  {'health':>6}  name")
    for r in found:
        health = "" if r.health is None else f"{r.health} {r.band}"
        arr = f"{r.currency} {money_text(r.arr_cents)}"
        print(
            f"{r.renewal_date}  {r.days_to_renewal:>4}  {arr:>18}  "
            f"{health:>6}  {r.name} ({r.external_id})"
        )
    own = ""
    if len(total.by_currency) > 1 or set(total.by_currency) - {total.currency}:
        parts = ", ".join(f"{c} {money_text(v)}" for c, v in sorted(total.by_currency.items()))
        own = f" ({parts} at the rates of {as_of})"
    print(f"{len(found)} renewals, ARR {total.currency} {money_text(total.cents)}{own}")
    for line in missing_rates_lines(missing):
        print(line)
    return 0


VERBS = [Verb("renewals", "active accounts renewing within DAYS days", configure, run)]
