"""A person the CRM named without an email is a person on the command line too:
owners are {"name", "email"} in every JSON, and named in every line of text."""

import json
from datetime import date

from sqlalchemy import select

from cswork.cli import main
from cswork.ctas import create_cta
from cswork.enums import CtaType, PersonRole
from cswork.importing import import_accounts
from cswork.models import Account, Person
from cswork.people import add_person
from tests.factories import add_account

TODAY = date(2026, 11, 23)
JANE = {"name": "Jane Doe", "email": None}


def run(capsys, *args):
    code = main([*args])
    out, err = capsys.readouterr()
    return code, out, err


def book_with_jane(book, tmp_path):
    """A CRM export whose owner columns hold names: Jane Doe is made by name alone."""
    path = tmp_path / "accounts.csv"
    path.write_text(
        "Account ID,Account Name,CSM,Renewal Manager,Renewal Date,Contract Start Date\n"
        "A-1,Acme Corp,Jane Doe,Jane Doe,2027-01-10,2026-01-11\n",
        encoding="utf-8",
    )
    report = import_accounts(book, path, today=TODAY)
    assert report.people_added == ["Jane Doe"]
    with book.writing() as session:
        account = session.scalars(select(Account)).one()
        jane = session.scalars(select(Person).where(Person.name == "Jane Doe")).one()
        assert jane.email is None
        create_cta(
            session,
            account_id=account.id,
            cta_type=CtaType.RISK,
            reason="Champion left",
            due_on=TODAY,
            owner_id=jane.id,
        )
        create_cta(
            session,
            account_id=account.id,
            cta_type=CtaType.RISK,
            reason="Nobody's",
            due_on=TODAY,
            owner_id=None,
        )


def test_ctas_json_gives_the_owner_by_name(book, book_path, tmp_path, capsys):
    book_with_jane(book, tmp_path)

    code, out, _ = run(capsys, "ctas", "--json", "--db", str(book_path))

    assert code == 0
    owners = {item["reason"]: item["owner"] for item in json.loads(out)}
    renewal = next(reason for reason in owners if reason.startswith("Renews on"))
    assert owners == {"Champion left": JANE, "Nobody's": None, renewal: JANE}
    code, out, _ = run(capsys, "ctas", "--db", str(book_path))
    assert "Champion left  [Jane Doe]" in out and "Nobody's  [nobody]" in out


def test_renewals_and_account_json_give_owners_by_name(book, book_path, tmp_path, capsys):
    book_with_jane(book, tmp_path)
    with book.writing() as session:
        add_person(session, "Sam Sales", "sam@example.com", PersonRole.AE)

    _, out, _ = run(
        capsys, "renewals", "--within", "90", "--as-of", "2026-11-23", "--json",
        "--db", str(book_path),
    )  # fmt: skip
    (renewal,) = json.loads(out)["renewals"]
    assert renewal["csm"] == JANE and renewal["re_manager"] == JANE

    _, out, _ = run(capsys, "account", "A-1", "--json", "--db", str(book_path))
    data = json.loads(out)
    assert data["csm"] == JANE and data["re_manager"] == JANE and data["ae"] is None
    assert data["who_does_what"]["renewal"] == JANE
    assert {cta["owner"]["name"] if cta["owner"] else None for cta in data["open_ctas"]} == {
        "Jane Doe",
        None,
    }
    _, out, _ = run(capsys, "account", "A-1", "--db", str(book_path))
    assert "CSM: Jane Doe" in out


def test_a_person_with_an_email_is_named_with_it(book, book_path, capsys):
    with book.writing() as session:
        casey = add_person(session, "Casey Morgan", "casey@example.com", PersonRole.CSM)
        casey_id = casey.id
    add_account(book, TODAY, 30, external_id="B-1", name="Beta", csm_id=casey_id)

    _, out, _ = run(capsys, "account", "B-1", "--json", "--db", str(book_path))
    assert json.loads(out)["csm"] == {"name": "Casey Morgan", "email": "casey@example.com"}
    _, out, _ = run(capsys, "account", "B-1", "--db", str(book_path))
    assert "CSM: Casey Morgan <casey@example.com>" in out
