"""`alerts` and `ctas`: run the scan that raises calls to action, and list them."""

from __future__ import annotations

import argparse
from datetime import date

from cswork.cli.common import (
    Verb,
    iso_date,
    opened_book,
    person_id,
    person_json,
    print_json,
)
from cswork.enums import CtaStatus


def cta_json(item) -> dict:
    return {
        "id": item.id,
        "account": item.external_id,
        "account_name": item.account_name,
        "type": item.type,
        "reason": item.reason,
        "owner": person_json(item.owner_name, item.owner_email),
        "due": item.due_on.isoformat(),
        "priority": item.priority,
        "status": item.status,
        "dedupe_key": item.dedupe_key,
    }


def print_ctas(items) -> None:
    for item in items:
        owner = item.owner_name or item.owner_email or "nobody"
        print(
            f"{item.due_on}  {item.priority:<6}  {item.type:<9}  {item.account_name}: "
            f"{item.reason}  [{owner}]"
        )


def configure_alerts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="scan as on this day (default: today)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run_alerts(args: argparse.Namespace) -> int:
    from cswork.alerts import scan
    from cswork.ctas import list_ctas

    with opened_book(args) as book:
        result = scan(book, args.as_of or date.today())
        with book.session() as session:
            raised = list_ctas(session, ids=result.raised_ids, statuses=list(CtaStatus))
    if args.json:
        print_json({"raised": [cta_json(item) for item in raised], "open": result.open_count})
        return 0
    print(
        f"Raised {len(raised)} CTA{'s' if len(raised) != 1 else ''}; "
        f"{result.open_count} open in all ({result.seconds:.2f} s)."
    )
    if result.snoozes_ended:
        print(f"{result.snoozes_ended} snoozed CTAs are back.")
    if result.closed_as_moved:
        print(f"{result.closed_as_moved} renewal CTAs closed: their renewal moved.")
    print_ctas(raised)
    return 0


def configure_ctas(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--open", action="store_true", help="open ones only")
    parser.add_argument("--owner", metavar="EMAIL", help="one owner's (an email, a name or 'me')")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run_ctas(args: argparse.Namespace) -> int:
    from cswork.ctas import list_ctas

    with opened_book(args) as book, book.session() as session:
        owner_id = person_id(session, args.owner)
        statuses = [CtaStatus.OPEN] if args.open else list(CtaStatus)
        items = list_ctas(session, owner_id=owner_id, statuses=statuses)
    if args.json:
        print_json([cta_json(item) for item in items])
    else:
        print_ctas(items)
        print(f"{len(items)} CTAs")
    return 0


VERBS = [
    Verb(
        "alerts", "run the alert scan once and print what it raised", configure_alerts, run_alerts
    ),
    Verb("ctas", "list calls to action", configure_ctas, run_ctas),
]
