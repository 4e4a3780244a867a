"""`people`: the team on the command line."""

import json

from sqlalchemy import select

from cswork.cli import main
from cswork.enums import CtaType
from cswork.models import Account, Cta, Person
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_people_json_lists_everyone_with_the_accounts_they_own(book, book_path, capsys):
    people = add_people(book)
    add_account(book, TODAY, external_id="A", csm_id=people["csm"], re_manager_id=people["re"])
    add_account(book, TODAY, external_id="B", csm_id=people["csm"])

    code, out, err = run(capsys, "people", "--json", "--db", str(book_path))

    assert (code, err) == (0, "")
    assert json.loads(out) == [
        {
            "name": "Alex Edwards",
            "email": "alex@example.com",
            "role": "ae",
            "team": None,
            "capacity": None,
            "active": True,
            "accounts": 0,
        },
        {
            "name": "Casey Morgan",
            "email": "casey@example.com",
            "role": "csm",
            "team": None,
            "capacity": None,
            "active": True,
            "accounts": 2,
        },
        {
            "name": "Riley Evans",
            "email": "riley@example.com",
            "role": "re_manager",
            "team": None,
            "capacity": None,
            "active": True,
            "accounts": 1,
        },
    ]


def test_people_add_takes_roles_as_typed_and_a_name_without_email(book, book_path, capsys):
    db = ("--db", str(book_path))
    code, out, _ = run(
        capsys, "people", "add", "--name", "Jane Doe", "--email", "Jane@Example.com",
        "--role", "R&E manager", "--team", "EMEA", "--capacity", "5", *db,
    )  # fmt: skip
    assert (code, out) == (0, "Added Jane Doe <jane@example.com>, R&E Manager.\n")
    code, out, _ = run(capsys, "people", "add", "--name", "Pat Owner", "--role", "CSM", *db)
    assert code == 0

    _, out, _ = run(capsys, "people", "--json", *db)
    listed = {p["name"]: p for p in json.loads(out)}
    assert listed["Jane Doe"] == {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "role": "re_manager",
        "team": "EMEA",
        "capacity": 5,
        "active": True,
        "accounts": 0,
    }
    assert (listed["Pat Owner"]["email"], listed["Pat Owner"]["role"]) == (None, "csm")


def test_bad_people_are_one_line_errors_and_nothing_is_added(book, book_path, capsys):
    add_people(book)
    db = ("--db", str(book_path))
    cases = [
        (("--name", "X", "--role", "Wizard"), "error: 'Wizard' is not a role: use one of CSM"),
        (("--name", "X", "--email", "x-at-y", "--role", "AE"), "'x-at-y' is not an email"),
        (("--name", "X", "--email", "casey@example.com", "--role", "AE"), "Casey Morgan already"),
        (("--name", "X", "--role", "AE", "--capacity", "many"), "'many' is not a whole number"),
        (("--name", "X"), "say the person's role"),
    ]
    for options, message in cases:
        code, out, err = run(capsys, "people", "add", *options, *db)
        assert code == 2 and out == ""
        assert message in err and err.count("\n") == 1, err
    with book.session() as session:
        assert len(session.scalars(select(Person)).all()) == 3


def test_deactivate_with_reassign_hands_work_on_and_keeps_history(book, book_path, capsys):
    from cswork import ctas

    people = add_people(book)
    account = add_account(book, TODAY, external_id="A", csm_id=people["csm"])
    with book.writing() as session:
        sam = Person(name="Sam Lee", email="sam@example.com", role="csm")
        session.add(sam)
        session.flush()
        sam_id = sam.id
        cta = ctas.create_cta(
            session,
            account_id=account,
            cta_type=CtaType.RISK,
            reason="Usage down",
            due_on=TODAY,
            owner_id=people["csm"],
        )
    db = ("--db", str(book_path))

    code, out, err = run(
        capsys, "people", "deactivate", "casey@example.com", "--reassign-to", "Sam Lee", *db
    )

    assert (code, err) == (0, "")
    assert out == "Casey Morgan is inactive; 1 account and 1 open CTA handed to Sam Lee.\n"
    with book.session() as session:
        assert session.get(Account, account).csm_id == sam_id
        assert session.get(Cta, cta).owner_id == sam_id
        assert session.get(Person, people["csm"]).active is False
    _, out, _ = run(capsys, "people", "--json", *db)
    casey = next(p for p in json.loads(out) if p["name"] == "Casey Morgan")
    assert (casey["active"], casey["accounts"]) == (False, 0)

    # Nobody hands work to someone who has left.
    code, _, err = run(capsys, "people", "reassign", "Sam Lee", "--to", "Casey Morgan", *db)
    assert code == 2 and "Casey Morgan is inactive" in err
    code, out, _ = run(capsys, "people", "reactivate", "Casey Morgan", *db)
    assert (code, out) == (0, "Casey Morgan is active again.\n")


def test_deactivate_without_reassign_leaves_their_accounts_and_says_so(book, book_path, capsys):
    people = add_people(book)
    add_account(book, TODAY, external_id="A", csm_id=people["csm"])
    code, out, _ = run(capsys, "people", "deactivate", "Casey Morgan", "--db", str(book_path))
    assert code == 0
    assert "They still own 1 account and 0 open CTAs: hand them on with people reassign" in out
    with book.session() as session:
        assert session.scalar(select(Account.csm_id)) == people["csm"]


def test_unknown_people_and_misplaced_options_are_one_line(book, book_path, capsys):
    add_people(book)
    db = ("--db", str(book_path))
    for argv, message in [
        (("people", "deactivate", "nobody@example.com"), "nobody in the book is"),
        (("people", "fire", "Casey Morgan"), "'fire' is not a people action"),
        (("people", "--to", "Casey Morgan"), "--to does not go with 'people'"),
        (("people", "reassign", "Casey Morgan"), "say whom to hand them to"),
    ]:
        code, out, err = run(capsys, *argv, *db)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1, err
