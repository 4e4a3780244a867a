"""`metrics` and `export`: the book's numbers over a period, and the book written out."""

from __future__ import annotations

import argparse
from pathlib import Path

from cswork.cli.common import (
    CliError,
    Verb,
    iso_date,
    missing_rates_lines,
    money_text,
    opened_book,
    person_id,
    print_json,
    ratio_text,
    reporting_option,
)
from cswork.enums import Segment


def configure_metrics(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="first", type=iso_date, required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="last", type=iso_date, required=True, metavar="YYYY-MM-DD")
    parser.add_argument("--owner", metavar="EMAIL", help="one person's accounts")
    parser.add_argument("--segment", choices=[s.value for s in Segment])
    parser.add_argument(
        "--reporting-currency",
        metavar="CODE",
        help="sum in this currency (default: the book's reporting currency)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run_metrics(args: argparse.Namespace) -> int:
    from cswork.metrics import Cohort, metrics

    if args.last < args.first:
        raise CliError("--to is before --from")
    with opened_book(args) as book, book.session() as session:
        cohort = Cohort(owner_id=person_id(session, args.owner), segment=args.segment)
        m = metrics(
            session,
            args.first,
            args.last,
            cohort,
            currency=reporting_option(args.reporting_currency),
        )
    missing = [r.as_json() for r in m.missing_rates]
    data = {
        "from": m.first.isoformat(),
        "to": m.last.isoformat(),
        # Every amount in ``currency``, at the rates in force on the first day.
        "currency": m.currency,
        "rates_on": m.first.isoformat(),
        "starting_arr": money_text(m.starting_arr),
        "churned": money_text(m.churned),
        "contraction": money_text(m.contraction),
        "expansion": money_text(m.expansion),
        "grr": ratio_text(m.grr),
        "nrr": ratio_text(m.nrr),
        "expansion_pct": ratio_text(m.expansion_pct),
        "renewals_due": money_text(m.renewals_due),
        "renewals_due_count": m.renewals_due_count,
        "renewed": money_text(m.renewed),
        "renewed_count": m.renewed_count,
        "renewal_rate_dollars": ratio_text(m.renewal_rate_dollars),
        "renewal_rate_count": ratio_text(m.renewal_rate_count),
        "renewal_forecast": money_text(m.renewal_forecast),
        "at_risk_arr": money_text(m.at_risk_arr),
        "by_currency": {
            "starting_arr": {c: money_text(v) for c, v in sorted(m.starting_by_currency.items())},
            "at_risk_arr": {c: money_text(v) for c, v in sorted(m.at_risk_by_currency.items())},
        },
        "missing_rates": missing,
    }
    if args.json:
        print_json(data)
        return 0
    pct = lambda r: "-" if r is None else f"{r * 100:.1f}%"  # noqa: E731
    print(f"{m.first} to {m.last}, in {m.currency} at the rates of {m.first}")
    print(
        f"  starting ARR {data['starting_arr']}, churned {data['churned']}, "
        f"contraction {data['contraction']}, expansion {data['expansion']}"
    )
    print(f"  GRR {pct(m.grr)}  NRR {pct(m.nrr)}  expansion {pct(m.expansion_pct)}")
    print(
        f"  renewals due {data['renewals_due']} ({m.renewals_due_count}); renewed "
        f"{pct(m.renewal_rate_dollars)} of dollars, {pct(m.renewal_rate_count)} by count"
    )
    print(f"  forecast {data['renewal_forecast']}; at-risk ARR {data['at_risk_arr']}")
    if len(m.starting_by_currency) > 1:
        own = ", ".join(f"{c} {v}" for c, v in data["by_currency"]["starting_arr"].items())
        print(f"  starting ARR in its own currencies: {own}")
    for line in missing_rates_lines(missing):
        print(line)
    return 0


def configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "what",
        choices=["ics", "accounts"],
        help="ics: renewal dates and CTA due dates; accounts: every account (.csv or .xlsx, "
        "under the headers the import reads)",
    )
    parser.add_argument("--out", type=Path, required=True, metavar="FILE")
    parser.add_argument("--owner", metavar="EMAIL", help="one person's only")


def run_export(args: argparse.Namespace) -> int:
    if args.what == "accounts":
        return _export_accounts(args)
    from cswork.calendar_export import book_calendar, write_calendar

    with opened_book(args) as book, book.session() as session:
        calendar = book_calendar(session, owner_id=person_id(session, args.owner))
    try:
        events = write_calendar(calendar, args.out)
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    print(f"Wrote {events} events to {args.out}")
    return 0


def _export_accounts(args: argparse.Namespace) -> int:
    from cswork.exporting import ExportError, export_accounts

    if args.out.suffix.lower() not in (".csv", ".xlsx"):
        raise CliError(f"cannot write {args.out.name}: choose a .csv or .xlsx file")
    with opened_book(args) as book:
        try:
            with book.session() as session:
                written = export_accounts(session, args.out, person_id(session, args.owner))
        except ExportError as exc:
            raise CliError(str(exc)) from exc
        except OSError as exc:
            raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    print(f"Wrote {written} accounts to {args.out}")
    return 0


VERBS = [
    Verb("metrics", "GRR, NRR, expansion and renewal rates", configure_metrics, run_metrics),
    Verb("export", "write the book out", configure_export, run_export),
]
