"""What every verb shares: the book it works on, the errors it reports, how it prints.

Kept free of models and of Qt, so building the parser stays quick."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from cswork import paths
from cswork.money import cents_to_decimal
from cswork.store import Book, open_book


class CliError(Exception):
    """A problem the user can fix; printed as one line."""


@dataclass(frozen=True)
class Verb:
    """One command-line verb. The core's verbs and the window's (handed in by main.py)
    are registered the same way; every verb also takes ``--db`` and ``--debug``."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def shared_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"the book: a SQLite file or a database URL (default: {paths.default_book_path()})",
    )
    parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def book_target(args: argparse.Namespace) -> str:
    return args.db or str(paths.default_book_path())


def open_existing(args: argparse.Namespace) -> Book:
    """The book a command works on; it must already exist. Edits made through it are
    on the audit trail as whoever this login belongs to (on a team book, the user)."""
    from cswork.people import me_by_login

    book = open_book(book_target(args), create=False)
    try:
        with book.session() as session:
            me = me_by_login(session)
    except BaseException:
        book.close()
        raise
    book.actor_id = me.id if me else None
    return book


@contextmanager
def opened_book(args: argparse.Namespace, *, create: bool = False) -> Iterator[Book]:
    """The book for the length of a ``with`` block, closed however the block ends.
    ``create=True`` makes a new book when there is none (and edits nobody's name)."""
    book = open_book(book_target(args)) if create else open_existing(args)
    try:
        yield book
    finally:
        book.close()


def person(session, email_or_name: str | None):
    """The person an option names (an email, a name or 'me'); None when it is not given."""
    from cswork.people import find_person

    if not email_or_name:
        return None
    found = find_person(session, email_or_name)
    if found is None:
        raise CliError(f"nobody in the book is {email_or_name!r}")
    return found


def person_id(session, email_or_name: str | None) -> int | None:
    found = person(session, email_or_name)
    return found.id if found else None


def person_json(name: str | None, email: str | None = None) -> dict[str, str | None] | None:
    """A person as JSON: ``{"name": ..., "email": ... or null}``; null only for nobody.
    A person the book knows by email alone is named by the email."""
    if not name and not email:
        return None
    return {"name": name or email, "email": email or None}


def person_text(name: str | None, email: str | None = None, nobody: str = "nobody") -> str:
    """A person for a line of text: the name, with the email when there is one."""
    if not name and not email:
        return nobody
    return f"{name} <{email}>" if name and email and name != email else name or email or nobody


def money_text(cents: int) -> str:
    return str(cents_to_decimal(cents))


def ratio_text(value) -> str | None:
    return None if value is None else format(value, "f")


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def reporting_option(code: str | None) -> str | None:
    """The --reporting-currency CODE, checked (None: the book's own)."""
    from cswork.settings import SettingError, check_setting

    if code is None:
        return None
    try:
        check_setting("reporting_currency", code.upper())
    except SettingError as exc:
        raise CliError(f"--reporting-currency: {exc}") from None
    return code.upper()


def missing_rates_lines(missing: list[dict[str, str]]) -> list[str]:
    return [
        f"  no exchange rate for {m['currency']} on {m['date']}: its amounts are left out "
        "(import rates FILE)"
        for m in missing
    ]
