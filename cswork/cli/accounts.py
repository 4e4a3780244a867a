"""`account` and `raci`: one account as data, and who does what on it."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

from cswork.cli.alerts import cta_json
from cswork.cli.common import (
    CliError,
    Verb,
    iso_date,
    money_text,
    opened_book,
    person_json,
    person_text,
    print_json,
)


def configure_account(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "external_id", metavar="EXTERNAL_ID", help="the account; 'new' with --set creates one"
    )
    parser.add_argument("--as-of", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        dest="set_values",
        help="change a field, as an import reads it (segment=high-touch, csm='Jane Doe', "
        "renewal_date=2027-03-31, arr=120000); a custom field is field.NAME=VALUE, "
        "empty to remove it; repeat for more",
    )


def run_account(args: argparse.Namespace) -> int:
    from cswork.accounts import AccountNotFound, customer360, find_by_external_id

    today = args.as_of or date.today()
    if args.set_values:
        args.external_id = _edit_account(args, today)
    with opened_book(args) as book, book.session() as session:
        try:
            account = find_by_external_id(session, args.external_id)
        except AccountNotFound as exc:
            raise CliError(str(exc)) from exc
        view = customer360(session, account.id, today)
    o, card = view.overview, view.scorecard
    data = {
        "external_id": o.external_id,
        "name": o.name,
        "segment": o.segment,
        "status": o.status,
        "arr": money_text(o.arr_cents),
        "currency": o.currency,
        "customer_since": o.customer_since.isoformat(),
        "renewal_date": o.renewal_date.isoformat() if o.renewal_date else None,
        "days_to_renewal": o.days_to_renewal,
        "csm": _person(o.csm),
        "re_manager": _person(o.re_manager),
        "ae": _person(o.ae),
        "fields": o.custom_fields,
        "health": card.health,
        "band": card.band,
        "change_30_days": card.change_points,
        "health_change": {
            "since": card.change.since.isoformat(),
            "points": card.change.points,
            "then": card.change.then,
            "now": card.change.now,
            "compared": card.compared,
            "first_scored_since": card.first_scored_since,
        },
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
        "who_does_what": {d.activity_key: _person(d.accountable) for d in o.duties},
    }
    if args.json:
        print_json(data)
        return 0
    print(f"{o.name} ({o.external_id}) · {o.segment} · ARR {data['arr']} {o.currency}")
    print(f"Customer since {o.customer_since}")
    if o.renewal_date:
        print(f"Renews {o.renewal_date} ({o.days_to_renewal} days)")
    for role, who in (("CSM", o.csm), ("R&E manager", o.re_manager), ("AE", o.ae)):
        if who is not None:
            print(f"{role}: {person_text(who.name, who.email)}")
    for name, value in o.custom_fields.items():
        print(f"{name}: {value}")
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


def _edit_account(args: argparse.Namespace, today: date) -> str:
    """Create the account (``account new``) or change it; print what changed unless
    --json; returns its external id."""
    from cswork.account_edits import AccountEditError, create_account, update_account
    from cswork.accounts import AccountNotFound, find_by_external_id

    values: dict[str, str] = {}
    for item in args.set_values:
        name, equals, text = item.partition("=")
        if not equals or not name.strip():
            raise CliError(f"--set {item!r} is not FIELD=VALUE (e.g. --set segment=high-touch)")
        values[name.strip()] = text
    with opened_book(args) as book, book.writing() as session:
        try:
            if args.external_id == "new":
                edit = create_account(session, values, today)
            else:
                account = find_by_external_id(session, args.external_id)
                edit = update_account(session, account.id, values)
        except AccountNotFound as exc:
            raise CliError(str(exc)) from exc
        except AccountEditError as exc:
            problems = "\n".join(f"  {name}: {message}" for name, message in exc.problems)
            raise CliError(f"nothing saved:\n{problems}") from exc
    if not args.json:
        verb = "Created" if args.external_id == "new" else "Changed"
        if not edit.changes:
            print("Nothing changed: the account already has these values.")
        for change in edit.changes:
            if verb == "Changed":
                old, new = change.old or "(nothing)", change.new or "(nothing)"
                print(f"Changed {change.field}: {old} -> {new}")
            elif change.new:
                print(f"Created with {change.field}: {change.new}")
    return edit.external_id


def _person(person) -> dict[str, str | None] | None:
    return None if person is None else person_json(person.name, person.email)


def configure_raci(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--account",
        metavar="EXTERNAL_ID",
        help="the matrix for this account, its overrides applied",
    )
    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="apply a preset: to the team, or with --account as an override",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run_raci(args: argparse.Namespace) -> int:
    from cswork import raci
    from cswork.accounts import AccountNotFound, find_by_external_id
    from cswork.models import Account

    with opened_book(args) as book, book.writing() as session:
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
                        **({"accountable": _person(people[a.key].accountable)} if people else {}),
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


VERBS = [
    Verb("account", "one account's Customer360 as data", configure_account, run_account),
    Verb("raci", "print the RACI matrix, or apply a preset", configure_raci, run_raci),
]
