"""The command line: a second thin face on the same core as the window.

``python main.py`` with no command opens the window; ``python main.py <command>`` runs
one verb and exits. Every verb takes ``--db PATH_OR_URL`` (default: the user's book).
Errors print one line to stderr and exit non-zero; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from cswork import paths
from cswork.enums import CtaStatus, Segment
from cswork.money import cents_to_decimal, to_cents
from cswork.store import Book, BookError, book_url, open_book

# What `import` takes (cswork.importing.IMPORTS; a test checks they agree). Listed here
# so building the parser loads no models.
IMPORT_ENTITIES = ("accounts", "contacts", "opportunities", "scores")


class CliError(Exception):
    """A problem the user can fix; printed as one line."""


@dataclass(frozen=True)
class WindowCommand:
    """A verb whose work needs the window toolkit (it lives in ui/, handed in by main.py)."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD)") from None


def _db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help=f"the book: a SQLite file or a database URL (default: {paths.default_book_path()})",
    )
    parser.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)


def build_parser(window_commands: Mapping[str, WindowCommand] = {}) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cswork",
        description="CSM workbench: your book of business. Without a command, opens the window.",
    )
    _db_option(parser)
    parser.add_argument(
        "--demo", action="store_true", help="open the window on the demo book (built on first use)"
    )
    verbs = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = verbs.add_parser("demo", help="fill a new book with a generated demo book of business")
    _db_option(demo)
    demo.add_argument("--accounts", type=int, default=2000, metavar="N")
    demo.add_argument(
        "--seed", type=int, default=1, metavar="S", help="same seed, same book (default 1)"
    )
    demo.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the day the demo book is built around (default: today)",
    )
    demo.set_defaults(run=cmd_demo)

    renewals = verbs.add_parser("renewals", help="active accounts renewing within DAYS days")
    _db_option(renewals)
    renewals.add_argument("--within", type=int, required=True, metavar="DAYS")
    renewals.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="count days from this date (default: today)",
    )
    renewals.add_argument("--json", action="store_true", help="print JSON")
    renewals.set_defaults(run=cmd_renewals)

    imports = verbs.add_parser(
        "import", help="import accounts, contacts, opportunities or scores from CSV or XLSX"
    )
    _db_option(imports)
    imports.add_argument("entity", choices=list(IMPORT_ENTITIES))
    imports.add_argument("file", type=Path)
    imports.add_argument(
        "--map",
        action="append",
        default=[],
        metavar='"Source Header=field"',
        help="map a column of the file to a field, or to 'ignore' (repeatable; "
        "remembered in the book for the next import)",
    )
    imports.add_argument(
        "--valid-rows-only",
        action="store_true",
        help="import the valid rows even when some are refused",
    )
    imports.add_argument("--json", action="store_true", help="print JSON")
    imports.set_defaults(run=cmd_import)

    alerts = verbs.add_parser("alerts", help="run the alert scan once and print what it raised")
    _db_option(alerts)
    alerts.add_argument(
        "--as-of", type=iso_date, metavar="YYYY-MM-DD", help="scan as on this day (default: today)"
    )
    alerts.add_argument("--json", action="store_true", help="print JSON")
    alerts.set_defaults(run=cmd_alerts)

    ctas = verbs.add_parser("ctas", help="list calls to action")
    _db_option(ctas)
    ctas.add_argument("--open", action="store_true", help="open ones only")
    ctas.add_argument("--owner", metavar="EMAIL", help="one owner's (an email, a name or 'me')")
    ctas.add_argument("--json", action="store_true", help="print JSON")
    ctas.set_defaults(run=cmd_ctas)

    account = verbs.add_parser("account", help="one account's Customer360 as data")
    _db_option(account)
    account.add_argument("external_id", metavar="EXTERNAL_ID")
    account.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD")
    account.add_argument("--json", action="store_true", help="print JSON")
    account.set_defaults(run=cmd_account)

    raci = verbs.add_parser("raci", help="print the RACI matrix, or apply a preset")
    _db_option(raci)
    raci.add_argument(
        "--account",
        metavar="EXTERNAL_ID",
        help="the matrix for this account, its overrides applied",
    )
    raci.add_argument(
        "--preset",
        metavar="NAME",
        help="apply a preset: to the team, or with --account as an override",
    )
    raci.add_argument("--json", action="store_true", help="print JSON")
    raci.set_defaults(run=cmd_raci)

    metrics = verbs.add_parser("metrics", help="GRR, NRR, expansion and renewal rates")
    _db_option(metrics)
    metrics.add_argument("--from", dest="first", type=iso_date, required=True, metavar="YYYY-MM-DD")
    metrics.add_argument("--to", dest="last", type=iso_date, required=True, metavar="YYYY-MM-DD")
    metrics.add_argument("--owner", metavar="EMAIL", help="one person's accounts")
    metrics.add_argument("--segment", choices=[s.value for s in Segment])
    metrics.add_argument("--json", action="store_true", help="print JSON")
    metrics.set_defaults(run=cmd_metrics)

    export = verbs.add_parser("export", help="write the book out")
    _db_option(export)
    export.add_argument(
        "what",
        choices=["ics", "accounts"],
        help="ics: renewal dates and CTA due dates; accounts: every account (.csv or .xlsx, "
        "under the headers the import reads)",
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument("--owner", metavar="EMAIL", help="one person's only")
    export.set_defaults(run=cmd_export)

    comp = verbs.add_parser(
        "comp", help="quotas, attainment and payout: a person's quarter, or a plan alone"
    )
    _db_option(comp)
    comp.add_argument("--person", metavar="EMAIL", help="whose quarter (needs --quarter)")
    comp.add_argument("--quarter", metavar="2026Q4")
    comp.add_argument("--ote", type=Decimal, metavar="AMOUNT", help="plan alone: OTE")
    comp.add_argument("--variable-share", type=Decimal, default=Decimal("0.5"))
    comp.add_argument("--renewal-share", type=Decimal, default=Decimal("0.4"))
    comp.add_argument("--commission-rate", type=Decimal, default=Decimal("0.10"))
    comp.add_argument("--grr-target", type=Decimal, default=Decimal("0.9"))
    comp.add_argument(
        "--renewable",
        type=Decimal,
        metavar="AMOUNT",
        help="plan alone: dollars eligible for renewal in the quarter",
    )
    comp.add_argument("--json", action="store_true", help="print JSON")
    comp.set_defaults(run=cmd_comp)

    backup = verbs.add_parser("backup", help="copy the book (safe while it is open)")
    _db_option(backup)
    backup.add_argument(
        "--out",
        type=Path,
        metavar="FILE",
        help="where (default: the backups folder in the user data folder)",
    )
    backup.set_defaults(run=cmd_backup)

    restore = verbs.add_parser("restore", help="replace the book with a backup (checked first)")
    _db_option(restore)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.set_defaults(run=cmd_restore)

    copy = verbs.add_parser(
        "copy",
        help="copy the book into an empty team database (or a new file), checked row by row",
    )
    _db_option(copy)
    copy.add_argument(
        "--to",
        required=True,
        metavar="PATH_OR_URL",
        help="an empty database (postgresql+psycopg://user@host/db) or a new file",
    )
    copy.set_defaults(run=cmd_copy)

    for name, command in window_commands.items():
        sub = verbs.add_parser(name, help=command.help)
        _db_option(sub)
        command.configure(sub)
        sub.set_defaults(run=command.run)
    return parser


def main(
    argv: list[str] | None = None,
    *,
    open_window: Callable[[argparse.Namespace], int] | None = None,
    window_commands: Mapping[str, WindowCommand] = {},
) -> int:
    args = build_parser(window_commands).parse_args(argv)
    try:
        if args.command is None:
            if open_window is None:
                raise CliError("no command given (see --help)")
            return open_window(args)
        return args.run(args)
    except (CliError, BookError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `... | head`: the reader has gone; not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # one line, never a traceback in the user's face
        if getattr(args, "debug", False):
            raise
        print(
            f"error: {type(exc).__name__}: {exc} (run again with --debug for details)",
            file=sys.stderr,
        )
        return 1


def book_target(args: argparse.Namespace) -> str:
    return args.db or str(paths.default_book_path())


def open_existing(args: argparse.Namespace) -> Book:
    """The book a command works on; it must already exist. Edits made through it are
    on the audit trail as whoever this login belongs to (on a team book, the user)."""
    from cswork.people import me_by_login

    book = open_book(book_target(args), create=False)
    with book.session() as session:
        me = me_by_login(session)
    book.actor_id = me.id if me else None
    return book


def money_text(cents: int) -> str:
    return str(cents_to_decimal(cents))


def print_json(value: object) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def cmd_demo(args: argparse.Namespace) -> int:
    from cswork.demo import DemoError, build_demo

    if args.accounts < 1:
        raise CliError("--accounts must be 1 or more")
    book = open_book(book_target(args))
    try:
        summary = build_demo(
            book, accounts=args.accounts, seed=args.seed, today=args.as_of or date.today()
        )
    except DemoError as exc:
        raise CliError(str(exc)) from exc
    finally:
        book.close()
    print(f"Demo book in {book.label}: {summary}")
    return 0


def cmd_renewals(args: argparse.Namespace) -> int:
    from cswork.renewals import renewals_within

    if args.within < 0:
        raise CliError("--within must be 0 days or more")
    as_of = args.as_of or date.today()
    book = open_existing(args)
    try:
        with book.session() as session:
            found = renewals_within(session, args.within, as_of)
    finally:
        book.close()
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
                    "csm": r.csm_email,
                    "re_manager": r.re_manager_email,
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


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        source, sep, field = pair.rpartition("=")
        if not sep or not source.strip() or not field.strip():
            raise CliError(f'--map takes "Source Header=field", not {pair!r}')
        mapping[source.strip()] = field.strip()
    return mapping


def cmd_import(args: argparse.Namespace) -> int:
    """Exit 0 when every row went in, 1 (with the report) when any was refused."""
    from cswork.importing import IMPORTS, ImportFileError, match_columns, read_table, run_import

    importer = IMPORTS[args.entity]
    if not args.file.is_file():
        raise CliError(f"there is no file {args.file}")
    mapping = parse_mapping(args.map)
    target = book_target(args)
    try:
        # Read the file before the book: a bad file must not create one. A new book has
        # no remembered mapping, so the columns can be checked before it exists too.
        table = read_table(args.file, importer.fields)
        if not _book_exists(target):
            if importer.entity != "accounts":
                raise CliError(
                    f"there is no book at {target}: import the accounts first, then their "
                    f"{importer.entity}"
                )
            match_columns(table.headers, importer.fields, mapping)
        book = open_book(target)
        try:
            report = run_import(
                book,
                importer,
                table,
                mapping=mapping,
                today=date.today(),
                valid_rows_only=args.valid_rows_only,
            )
        finally:
            book.close()
    except ImportFileError as exc:
        raise CliError(str(exc)) from exc
    if args.json:
        print_json(report.as_json())
    else:
        print(report.summary())
        for problem in report.refused:
            print(f"  {problem}")
    return 0 if not report.refused else 1


def _book_exists(target: str) -> bool:
    url = book_url(target)
    if url.get_backend_name() != "sqlite" or not url.database:
        return True  # a team database: the server has it
    path = Path(url.database)
    return path.is_file() and path.stat().st_size > 0


def cta_json(item) -> dict:
    return {
        "id": item.id,
        "account": item.external_id,
        "account_name": item.account_name,
        "type": item.type,
        "reason": item.reason,
        "owner": item.owner_email,
        "due": item.due_on.isoformat(),
        "priority": item.priority,
        "status": item.status,
        "dedupe_key": item.dedupe_key,
    }


def print_ctas(items) -> None:
    for item in items:
        owner = item.owner_email or "nobody"
        print(
            f"{item.due_on}  {item.priority:<6}  {item.type:<9}  {item.account_name}: "
            f"{item.reason}  [{owner}]"
        )


def cmd_alerts(args: argparse.Namespace) -> int:
    from cswork.alerts import scan
    from cswork.ctas import list_ctas

    book = open_existing(args)
    try:
        result = scan(book, args.as_of or date.today())
        with book.session() as session:
            raised = list_ctas(session, ids=result.raised_ids, statuses=list(CtaStatus))
    finally:
        book.close()
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


def cmd_ctas(args: argparse.Namespace) -> int:
    from cswork.ctas import list_ctas
    from cswork.people import find_person

    book = open_existing(args)
    try:
        with book.session() as session:
            owner_id = None
            if args.owner:
                person = find_person(session, args.owner)
                if person is None:
                    raise CliError(f"nobody in the book is {args.owner!r}")
                owner_id = person.id
            statuses = [CtaStatus.OPEN] if args.open else list(CtaStatus)
            items = list_ctas(session, owner_id=owner_id, statuses=statuses)
    finally:
        book.close()
    if args.json:
        print_json([cta_json(item) for item in items])
    else:
        print_ctas(items)
        print(f"{len(items)} CTAs")
    return 0


def cmd_account(args: argparse.Namespace) -> int:
    from cswork.accounts import AccountNotFound, customer360, find_by_external_id

    today = args.as_of or date.today()
    book = open_existing(args)
    try:
        with book.session() as session:
            try:
                account = find_by_external_id(session, args.external_id)
            except AccountNotFound as exc:
                raise CliError(str(exc)) from exc
            view = customer360(session, account.id, today)
    finally:
        book.close()
    o, card = view.overview, view.scorecard
    data = {
        "external_id": o.external_id,
        "name": o.name,
        "segment": o.segment,
        "status": o.status,
        "arr": money_text(o.arr_cents),
        "currency": o.currency,
        "renewal_date": o.renewal_date.isoformat() if o.renewal_date else None,
        "days_to_renewal": o.days_to_renewal,
        "health": card.health,
        "band": card.band,
        "change_30_days": card.change_30_days,
        "categories": [
            {
                "name": c.name,
                "score": c.score,
                "weight": str(Decimal(c.weight_bp) / 100),
                "comment": c.comment,
                "measured_on": c.measured_on.isoformat() if c.measured_on else None,
            }
            for c in card.categories
        ],
        "explanation": card.explanation,
        "plan_progress": None
        if view.plan is None
        else {
            "objectives_achieved": view.plan.objectives_achieved,
            "objectives": view.plan.objectives_counted,
            "milestones_on_time": view.plan.milestones_done_on_time,
            "milestones_due": view.plan.milestones_due,
            "percent": view.plan.percent,
            "summary": view.plan.summary,
        },
        "open_ctas": [cta_json(item) for item in view.open_ctas],
        "who_does_what": {
            d.activity_key: d.accountable.email if d.accountable else None for d in o.duties
        },
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{o.name} ({o.external_id}) · {o.segment} · ARR {data['arr']} {o.currency}")
    if o.renewal_date:
        print(f"Renews {o.renewal_date} ({o.days_to_renewal} days)")
    print(
        f"Health {card.health if card.health is not None else '-'}"
        f"{f' ({card.band})' if card.band else ''}. {card.explanation}"
    )
    for c in card.categories:
        score = "-" if c.score is None else str(c.score)
        print(f"  {c.name:<36} {score:>3}   weight {c.weight_bp / 100:g}%")
    if view.plan is not None:
        print(f"Success plan: {view.plan.summary}")
    print(f"{len(view.open_ctas)} open CTAs")
    for d in o.duties:
        person = d.accountable
        print(f"  {d.activity:<48} A: {person.name if person else '-'}")
    return 0


def cmd_raci(args: argparse.Namespace) -> int:
    from cswork import raci
    from cswork.accounts import AccountNotFound, find_by_external_id
    from cswork.models import Account

    book = open_existing(args)
    try:
        with book.writing() as session:
            account = None
            if args.account:
                try:
                    account = find_by_external_id(session, args.account)
                except AccountNotFound as exc:
                    raise CliError(str(exc)) from exc
            if args.preset:
                try:
                    _apply_preset(session, raci, args.preset, account)
                except (raci.RaciError, KeyError) as exc:
                    raise CliError(str(exc).strip("'\"")) from exc
            roles = [r.key for r in raci.roles(session)]
            role_names = {r.key: r.name for r in raci.roles(session)}
            activities = raci.activities(session)
            if account is not None:
                matrix = raci.account_matrix(session, account.id)
                overridden = set(raci.account_overrides(session, account.id))
                people = {
                    d.activity_key: d
                    for d in raci.who_does_what(session, session.get(Account, account.id))
                }
            else:
                matrix = raci.matrix_cells(session, raci.team_matrix_id(session))
                overridden, people = set(), {}
    finally:
        book.close()
    if args.json:
        print_json(
            {
                "account": args.account,
                "roles": roles,
                "activities": [
                    {
                        "key": a.key,
                        "name": a.name,
                        "cells": matrix.get(a.key, {}),
                        "overridden": a.key in overridden,
                        **(
                            {
                                "accountable": people[a.key].accountable.email
                                if people[a.key].accountable
                                else None
                            }
                            if people
                            else {}
                        ),
                    }
                    for a in activities
                ],
            }
        )
        return 0
    width = max(len(a.name) for a in activities)
    print(f"{'':<{width}}  " + "  ".join(f"{role_names[r]:<12}" for r in roles))
    for a in activities:
        cells = "  ".join(f"{matrix.get(a.key, {}).get(r, '-'):<12}" for r in roles)
        mark = "  (account override)" if a.key in overridden else ""
        print(f"{a.name:<{width}}  {cells}{mark}")
    return 0


def _apply_preset(session, raci, name: str, account) -> None:
    if account is None:
        raci.apply_team_preset(session, name)
        return
    names = {n.lower(): n for n in raci.override_presets(session)}
    names |= {n.lower(): n for n, _, _ in raci.presets(session)}
    if name.lower() not in names:
        raise raci.RaciError(f"There is no RACI preset called {name!r}.")
    raci.apply_override_preset(session, [account.id], names[name.lower()])


def _person_id(session, email_or_name: str | None) -> int | None:
    from cswork.people import find_person

    if not email_or_name:
        return None
    person = find_person(session, email_or_name)
    if person is None:
        raise CliError(f"nobody in the book is {email_or_name!r}")
    return person.id


def ratio_text(value) -> str | None:
    return None if value is None else format(value, "f")


def cmd_metrics(args: argparse.Namespace) -> int:
    from cswork.metrics import Cohort, metrics

    if args.last < args.first:
        raise CliError("--to is before --from")
    book = open_existing(args)
    try:
        with book.session() as session:
            cohort = Cohort(owner_id=_person_id(session, args.owner), segment=args.segment)
            m = metrics(session, args.first, args.last, cohort)
    finally:
        book.close()
    data = {
        "from": m.first.isoformat(),
        "to": m.last.isoformat(),
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
    }
    if args.json:
        print_json(data)
        return 0
    pct = lambda r: "-" if r is None else f"{r * 100:.1f}%"  # noqa: E731
    print(f"{m.first} to {m.last}")
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
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.what == "accounts":
        return _export_accounts(args)
    from cswork.calendar_export import book_calendar, write_calendar

    book = open_existing(args)
    try:
        with book.session() as session:
            calendar = book_calendar(session, owner_id=_person_id(session, args.owner))
    finally:
        book.close()
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
    book = open_existing(args)
    try:
        with book.session() as session:
            written = export_accounts(session, args.out, _person_id(session, args.owner))
    except ExportError as exc:
        raise CliError(str(exc)) from exc
    except OSError as exc:
        raise CliError(f"cannot write {args.out}: {exc.strerror}") from exc
    finally:
        book.close()
    print(f"Wrote {written} accounts to {args.out}")
    return 0


def cmd_comp(args: argparse.Namespace) -> int:
    from cswork.comp import CompError, PlanTerms, Quarter

    try:
        if args.person:
            if not args.quarter:
                raise CliError("--person needs --quarter (like 2026Q4)")
            return _comp_person(args, Quarter.parse(args.quarter))
        if args.ote is None:
            raise CliError("give --person EMAIL --quarter Q, or a plan with --ote")
        terms = PlanTerms(
            ote_cents=to_cents(args.ote),
            variable_share=args.variable_share,
            renewal_share=args.renewal_share,
            grr_target=args.grr_target,
            commission_rate=args.commission_rate,
        )
    except CompError as exc:
        raise CliError(str(exc)) from exc
    data = _plan_json(terms) | (
        {"renewal_quota": money_text(terms.renewal_quota(to_cents(args.renewable)))}
        if args.renewable is not None
        else {}
    )
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key.replace('_', ' '):<24} {value}")
    return 0


def _plan_json(terms) -> dict:
    quarterly = terms.quarterly_upsell_quota
    annual = terms.annual_upsell_quota
    return {
        "ote": money_text(terms.ote_cents),
        "base": money_text(terms.base),
        "variable": money_text(terms.variable),
        "renewal_variable": money_text(terms.renewal_variable),
        "upsell_variable": money_text(terms.upsell_variable),
        "annual_upsell_quota": None if annual is None else money_text(annual),
        "quarterly_upsell_quota": None if quarterly is None else money_text(quarterly),
    }


def _comp_person(args: argparse.Namespace, quarter) -> int:
    from cswork.comp_book import quarter_statement, territory

    book = open_existing(args)
    try:
        with book.session() as session:
            person_id = _person_id(session, args.person)
            found = quarter_statement(session, person_id, quarter)
            load = territory(session, person_id, quarter)
    finally:
        book.close()
    if found is None:
        raise CliError(f"{args.person} has no comp plan for {quarter.year}")
    data = _plan_json(found.terms) | {
        "quarter": str(quarter),
        "eligible_for_renewal": money_text(found.eligible_cents),
        "renewal_quota": money_text(found.renewal_quota),
        "renewed": money_text(found.renewed_cents),
        "renewal_credit": money_text(found.renewal_credit_cents),
        "renewal_attainment": ratio_text(found.renewal_attainment),
        "bookings": money_text(found.bookings_cents),
        "upsell_attainment": ratio_text(found.upsell_attainment),
        "renewal_payout": money_text(found.renewal_payout),
        "upsell_payout": money_text(found.upsell_payout),
        "total_payout": money_text(found.total_payout),
        "renewals_per_business_day": str(load.per_business_day),
        "deals": [
            {
                "opportunity": line.deal.key,
                "account": line.deal.account,
                "kind": line.deal.kind,
                "close_date": line.deal.close_date.isoformat(),
                "amount": money_text(line.deal.amount_cents),
                "credit": money_text(line.credit_cents),
                "accelerator": str(line.accelerator),
                "tier": line.tier,
                "payout": money_text(line.payout_cents),
            }
            for line in found.lines
        ],
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{args.person}, {quarter}")
    print(
        f"  renewal quota {data['renewal_quota']} (of {data['eligible_for_renewal']} eligible);"
        f" renewed {data['renewed']} -> payout {data['renewal_payout']}"
    )
    print(
        f"  upsell quota {data['quarterly_upsell_quota']}; booked {data['bookings']}"
        f" -> payout {data['upsell_payout']}"
    )
    print(
        f"  total payout {data['total_payout']}; {load.per_business_day} renewals a "
        f"business day: {load.verdict}"
    )
    for deal in data["deals"]:
        print(
            f"  {deal['close_date']}  {deal['kind']:<8} {deal['amount']:>14}  "
            f"{deal['tier']:<32} {deal['payout']:>12}  {deal['account']}"
        )
    return 0


def _book_file(args: argparse.Namespace) -> Path:
    url = book_url(book_target(args))
    if url.get_backend_name() != "sqlite" or not url.database:
        raise CliError("backups are for a book in a file; back up a team database on its server")
    return Path(url.database)


def cmd_backup(args: argparse.Namespace) -> int:
    from cswork.backup import BackupError, backup_now

    book = _book_file(args)
    if not book.exists():
        raise CliError(f"there is no book at {book}")
    try:
        made = backup_now(book, args.out)
    except BackupError as exc:
        raise CliError(str(exc)) from exc
    print(f"Backed up {book.name} to {made}")
    return 0


def cmd_copy(args: argparse.Namespace) -> int:
    from cswork.copying import CopyError, copy_book_rows
    from cswork.money import format_money

    source = open_existing(args)
    try:
        target = open_book(args.to)
    except BookError:
        source.close()
        raise
    try:
        report = copy_book_rows(
            source, target, lambda table, rows: print(f"  {table}: {rows:,} rows", flush=True)
        )
    except CopyError as exc:
        raise CliError(str(exc)) from exc
    finally:
        source.close()
        target.close()
    arr = format_money(report.totals["ARR"], whole=True)
    print(
        f"Copied {report.accounts:,} accounts ({report.total_rows:,} rows in "
        f"{len(report.rows)} tables) to {target.label} in {report.seconds:.1f} s. "
        f"Every table's row count and the totals (ARR {arr}) match."
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from cswork.backup import BackupError, check_backup, restore
    from cswork.lock import BookInUse, BookLock

    book = _book_file(args)
    try:
        checked = check_backup(args.file)
        with BookLock(book):
            kept = restore(book, args.file)
    except (BackupError, BookInUse) as exc:
        raise CliError(str(exc)) from exc
    print(
        f"Restored {book.name} from {args.file.name} ({checked.accounts:,} accounts); "
        f"the book it replaced is kept as {kept.name}"
    )
    return 0
