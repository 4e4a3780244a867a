"""`people`: the team, and what a script needs to change it.

    people [--json]
    people add --name N [--email E] --role ROLE [--team T] [--capacity N] [--json]
    people edit WHO [--name N] [--email E] [--role ROLE] [--team T] [--capacity N]
    people deactivate WHO [--reassign-to WHO]
    people reactivate WHO
    people reassign WHO --to WHO

WHO is an email or a name. Roles as people type them: CSM, "R&E manager", AE, "CS leader".
"""

from __future__ import annotations

import argparse

from cswork.cli.common import CliError, Verb, opened_book, print_json

ACTIONS = ("add", "edit", "deactivate", "reactivate", "reassign")
# The options each action reads; any other given is a mistake worth saying so.
_OPTIONS = {
    None: {"json"},
    "add": {"name", "email", "role", "team", "capacity", "json"},
    "edit": {"name", "email", "role", "team", "capacity", "json"},
    "deactivate": {"reassign_to"},
    "reactivate": set(),
    "reassign": {"to"},
}


def configure_people(parser: argparse.ArgumentParser) -> None:
    parser.description = __doc__.split("\n\n", 1)[0]
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.epilog = __doc__.split("\n\n", 1)[1]
    parser.add_argument(
        "action",
        nargs="?",
        metavar="ACTION",
        help="add, edit, deactivate, reactivate or reassign (none: list everyone)",
    )
    parser.add_argument("who", nargs="?", metavar="WHO", help="the person: an email or a name")
    parser.add_argument("--name", metavar="N")
    parser.add_argument("--email", metavar="E", help="optional: a person may have only a name")
    parser.add_argument("--role", metavar="ROLE", help="CSM, R&E manager, AE, CS leader, Sales")
    parser.add_argument("--team", metavar="T")
    parser.add_argument("--capacity", metavar="N", help="accounts (CSM) or renewals a day")
    parser.add_argument(
        "--reassign-to", metavar="WHO", help="deactivate: hand their accounts and open CTAs to"
    )
    parser.add_argument("--to", metavar="WHO", help="reassign: whom to hand them to")
    parser.add_argument("--json", action="store_true", help="print JSON")


def person_json(row) -> dict:
    """One person as ``people --json`` gives them (a ``PersonRow``)."""
    return {
        "name": row.name,
        "email": row.email,
        "role": row.role.value,
        "team": row.team,
        "capacity": row.capacity,
        "active": row.active,
        "accounts": row.accounts,
    }


def _check_options(args: argparse.Namespace) -> None:
    if args.action is not None and args.action not in ACTIONS:
        raise CliError(f"'{args.action}' is not a people action: use {', '.join(ACTIONS)}")
    wanted = _OPTIONS[args.action]
    given = [
        name
        for name in ("name", "email", "role", "team", "capacity", "reassign_to", "to", "json")
        if getattr(args, name) not in (None, False) and name not in wanted
    ]
    if given:
        option = "--" + given[0].replace("_", "-")
        where = f"people {args.action}" if args.action else "people"
        raise CliError(f"{option} does not go with '{where}' (see people --help)")
    needs_who = args.action in ("edit", "deactivate", "reactivate", "reassign")
    if needs_who and not args.who:
        raise CliError(f"say whom to {args.action}: people {args.action} EMAIL_OR_NAME")
    if not needs_who and args.who:
        raise CliError(f"'{args.who}' is not expected here (see people --help)")


def _find(session, who: str):
    from cswork.people import find_person

    found = find_person(session, who)
    if found is None:
        raise CliError(f"nobody in the book is {who!r}")
    return found


def _row(session, person_id: int):
    from cswork.people import team_list

    return next(r for r in team_list(session) if r.id == person_id)


def _say(row) -> str:
    email = f" <{row.email}>" if row.email else ""
    return f"{row.name}{email}, {row.role.label}"


def run_people(args: argparse.Namespace) -> int:
    from cswork.people import PersonError

    _check_options(args)
    try:
        if args.action is None:
            return _list(args)
        with opened_book(args) as book, book.writing() as session:
            message, person_id = _change(session, args)
            row = _row(session, person_id)
    except PersonError as exc:
        raise CliError(str(exc).rstrip(".")) from exc
    if args.json:
        print_json(person_json(row))
    else:
        print(message)
    return 0


def _list(args: argparse.Namespace) -> int:
    from cswork.people import team_list

    with opened_book(args) as book, book.session() as session:
        rows = team_list(session)
    if args.json:
        print_json([person_json(r) for r in rows])
        return 0
    if not rows:
        print("Nobody yet: add someone with  people add --name N --email E --role ROLE")
        return 0
    table = [("Name", "Email", "Role", "Team", "Capacity", "Accounts", "")] + [
        (
            r.name,
            r.email or "-",
            r.role.label,
            r.team or "-",
            "-" if r.capacity is None else str(r.capacity),
            str(r.accounts),
            "" if r.active else "inactive",
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        cells = [
            cell.rjust(w) if i in (4, 5) else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ]
        print("  ".join(cells).rstrip())
    return 0


def _change(session, args: argparse.Namespace) -> tuple[str, int]:
    """Do one action in the open write session; returns what to say and whom it was."""
    from cswork import people

    if args.action == "add":
        if not args.role:
            raise CliError("say the person's role: --role CSM (or R&E manager, AE, CS leader)")
        if args.name is None:
            raise CliError("say the person's name: --name 'Jane Doe'")
        person = people.add_person(
            session, args.name, args.email, args.role, args.team, args.capacity
        )
        return f"Added {_say(_row(session, person.id))}.", person.id
    person = _find(session, args.who)
    if args.action == "edit":
        old = people.person_fields(person)
        people.update_person(
            session,
            person.id,
            old.name if args.name is None else args.name,
            old.email if args.email is None else args.email,
            old.role if args.role is None else args.role,
            old.team if args.team is None else args.team,
            old.capacity if args.capacity is None else args.capacity,
        )
        return f"Saved {_say(_row(session, person.id))}.", person.id
    if args.action == "reactivate":
        people.reactivate_person(session, person.id)
        return f"{person.name} is active again.", person.id
    if args.action == "reassign":
        if not args.to:
            raise CliError("say whom to hand them to: --to EMAIL_OR_NAME")
        taker = _find(session, args.to)
        moved = people.reassign(session, person.id, taker.id)
        return f"{moved.summary[:1].upper()}{moved.summary[1:]} handed to {taker.name}.", person.id
    taker = _find(session, args.reassign_to) if args.reassign_to else None
    moved = people.deactivate_person(session, person.id, taker.id if taker else None)
    if moved is not None:
        return f"{person.name} is inactive; {moved.summary} handed to {taker.name}.", person.id
    accounts, ctas = people.open_work(session, person.id)
    left = ""
    if accounts or ctas:
        left = (
            f" They still own {_count(accounts, 'account')} and {_count(ctas, 'open CTA')}: "
            f"hand them on with people reassign {args.who!r} --to EMAIL_OR_NAME"
        )
    return f"{person.name} is inactive.{left}", person.id


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


VERBS = (
    Verb("people", "the team: list, add, edit, deactivate, reassign", configure_people, run_people),
)
