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


def task_json(task) -> dict:
    return {
        "name": task.title,
        "due": task.due_on.isoformat() if task.due_on else None,
        "done": task.done_on is not None,
    }


def cta_json(item, tasks=None) -> dict:
    """One CTA; with ``tasks`` (its checklist), under "tasks"."""
    extra = {} if tasks is None else {"tasks": [task_json(t) for t in tasks]}
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
    } | extra


def print_ctas(items) -> None:
    for item in items:
        owner = item.owner_name or item.owner_email or "nobody"
        print(
            f"{item.due_on}  {item.priority:<6}  {item.type:<9}  {item.account_name}: "
            f"{item.reason}  [{owner}]"
        )


def configure_alerts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="scan as on this day (default: today); a day before the last scan only previews",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run_alerts(args: argparse.Namespace) -> int:
    from cswork.alerts import last_scan_on, scan
    from cswork.ctas import list_ctas

    with opened_book(args) as book:
        today = args.as_of or date.today()
        with book.session() as session:
            last = last_scan_on(session)
        if last is not None and today < last:
            return _print_preview(book, today, last, args.json)
        result = scan(book, today)
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
    if result.renewed_automatically:
        count = len(result.renewed_automatically)
        print(f"{count} auto-renewing account{'s' if count != 1 else ''} renewed: the date passed.")
    if result.closed_as_moved:
        print(f"{result.closed_as_moved} renewal CTAs closed: their renewal moved.")
    print_ctas(raised)
    return 0


def _print_preview(book, today: date, last: date, as_json: bool) -> int:
    """A day before the last scan: say what would be raised, write nothing."""
    from sqlalchemy import select

    from cswork.alerts import preview
    from cswork.ctas import CtaItem
    from cswork.models import Account, Person

    found = preview(book, today)
    with book.session() as session:
        accounts = {
            a.id: (a.name, a.external_id)
            for a in session.execute(
                select(Account.id, Account.name, Account.external_id).where(
                    Account.id.in_({c.account_id for c in found if c.account_id is not None})
                )
            )
        }
        people = {
            p.id: (p.name, p.email)
            for p in session.execute(select(Person.id, Person.name, Person.email))
        }
    items = [
        CtaItem(
            id=0,
            account_id=c.account_id,
            account_name=accounts.get(c.account_id, ("", None))[0],
            type=c.type,
            reason=c.reason,
            priority=c.priority,
            due_on=c.due_on,
            owner_id=c.owner_id,
            owner_name=people.get(c.owner_id, (None, None))[0],
            external_id=accounts.get(c.account_id, ("", None))[1],
            dedupe_key=c.dedupe_key,
            owner_email=people.get(c.owner_id, (None, None))[1],
        )
        for c in sorted(found, key=lambda c: (c.due_on, c.dedupe_key))
    ]
    if as_json:
        rows = [cta_json(item) | {"id": None, "status": None} for item in items]
        print_json(
            {
                "as_of": today.isoformat(),
                "last_scan": last.isoformat(),
                "written": False,
                "raised": [],
                "would_raise": rows,
            }
        )
        return 0
    print(
        f"As of {today}, before this book's last scan ({last}): nothing written; "
        f"{'these CTAs would be raised:' if items else 'no CTA would be raised.'}"
    )
    print_ctas(items)
    return 0


def configure_ctas(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--open", action="store_true", help="open ones only")
    parser.add_argument("--owner", metavar="EMAIL", help="one owner's (an email, a name or 'me')")
    parser.add_argument("--json", action="store_true", help="print JSON")


def run_ctas(args: argparse.Namespace) -> int:
    from cswork.ctas import checklists, list_ctas

    with opened_book(args) as book, book.session() as session:
        owner_id = person_id(session, args.owner)
        statuses = [CtaStatus.OPEN] if args.open else list(CtaStatus)
        items = list_ctas(session, owner_id=owner_id, statuses=statuses)
        tasks = checklists(session, [item.id for item in items]) if args.json else {}
    if args.json:
        print_json([cta_json(item, tasks.get(item.id, [])) for item in items])
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
