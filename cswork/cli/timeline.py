"""`timeline`: an account's notes, calls, meetings, emails and EBRs, and logging one.

    timeline EXTERNAL_ID [--json]
    timeline add EXTERNAL_ID --kind note|call|meeting|email|ebr --text TEXT [--on DATE]

An entry is logged as written by you (whoever this login belongs to in the book).
"""

from __future__ import annotations

import argparse
from datetime import date

from cswork.cli.common import CliError, Verb, opened_book, print_json


def configure_timeline(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n\n", 1)[0]
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n\n", 1)[1]
    parser.add_argument(
        "words", nargs="+", metavar="[add] EXTERNAL_ID", help="the account's external id"
    )
    parser.add_argument("--kind", metavar="KIND", help="note, call, meeting, email or ebr")
    parser.add_argument("--text", metavar="TEXT", help="what happened")
    parser.add_argument("--on", metavar="YYYY-MM-DD", help="the day it happened (default: today)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def entry_json(entry, author) -> dict:
    return {
        "date": entry.occurred_on.isoformat(),
        "kind": entry.kind.value,
        "author": None if author is None else {"name": author.name, "email": author.email},
        "text": entry.text,
    }


def run_timeline(args: argparse.Namespace) -> int:
    words = args.words
    if words[0] == "add" and len(words) == 2:
        return _add(args, words[1])
    if len(words) != 1:
        raise CliError("use: timeline EXTERNAL_ID, or timeline add EXTERNAL_ID --kind K --text T")
    for option in ("kind", "text", "on"):
        if getattr(args, option) is not None:
            raise CliError(f"--{option} is for logging an entry: timeline add {words[0]} ...")
    return _show(args, words[0])


def _account_id(session, external_id: str) -> int:
    from cswork.accounts import AccountNotFound, find_by_external_id

    try:
        return find_by_external_id(session, external_id).id
    except AccountNotFound as exc:
        raise CliError(str(exc).rstrip(".")) from exc


def _add(args: argparse.Namespace, external_id: str) -> int:
    from cswork.timeline import TimelineError, add_entry, parse_kind

    if args.json:
        raise CliError("--json is for reading the timeline: timeline EXTERNAL_ID --json")
    if not args.kind:
        raise CliError("say what kind of entry: --kind note|call|meeting|email|ebr")
    if args.text is None:
        raise CliError("say what happened: --text TEXT")
    try:
        day = date.fromisoformat(args.on) if args.on else date.today()
    except ValueError:
        raise CliError(f"--on '{args.on}' is not a date: use YYYY-MM-DD") from None
    with opened_book(args) as book:
        try:
            kind = parse_kind(args.kind)  # checked before the book is written to
            with book.writing() as session:
                # The window's own path: the same core call, written by "me".
                add_entry(
                    session, _account_id(session, external_id), kind, args.text, day, book.actor_id
                )
        except TimelineError as exc:
            raise CliError(str(exc).rstrip(".")) from exc
    print(f"Logged on {external_id}, {day.isoformat()}: {kind.value}.")
    return 0


def _show(args: argparse.Namespace, external_id: str) -> int:
    from cswork.timeline import entries_with_authors

    with opened_book(args) as book, book.session() as session:
        entries = entries_with_authors(session, _account_id(session, external_id))
        data = [entry_json(entry, author) for entry, author in entries]
    if args.json:
        print_json(data)
        return 0
    if not data:
        print(f"Nothing logged on {external_id} yet.")
    for item in data:
        author = item["author"]["name"] if item["author"] else "-"
        print(f"{item['date']}  {item['kind']:<16} {author:<24} {item['text']}")
    return 0


VERBS = (
    Verb(
        "timeline",
        "an account's timeline, or log a note, call, meeting",
        configure_timeline,
        run_timeline,
    ),
)
