"""`account EXTERNAL_ID --set FIELD=VALUE` and `account new --set ...`."""

import json

from cswork.enums import Segment
from cswork.models import Account
from tests.cli.test_cli import run
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def stored(book, external_id):
    with book.session() as session:
        return session.query(Account).filter_by(external_id=external_id).one()


def test_crm_words_are_refused_one_line_per_field_and_nothing_saved(book, book_path, capsys):
    add_people(book)
    add_account(book, TODAY, 60, external_id="001Dn00000Acme", name="Acme Corp")

    code, out, err = run(
        capsys,
        "account",
        "001Dn00000Acme",
        "--set",
        "segment=Enterprise",
        "--set",
        "csm=Jane Doe",
        "--set",
        "Account Name=Acme Inc",
        "--db",
        str(book_path),
    )

    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: nothing saved:",
        "  segment: 'Enterprise' is not one of high-touch, low-touch or strategic",
        "  csm: nobody in the book is 'Jane Doe' (add them with people add)",
    ]
    assert stored(book, "001Dn00000Acme").name == "Acme Corp"


def test_set_changes_the_account_and_json_prints_it(book, book_path, capsys):
    people = add_people(book)
    add_account(book, TODAY, 60, external_id="001Dn00000Acme", name="Acme Corp")

    code, out, err = run(
        capsys,
        "account",
        "001Dn00000Acme",
        "--set",
        "segment=high-touch",
        "--set",
        "csm=Casey Morgan",
        "--set",
        "renewal_date=2027-03-31",
        "--set",
        "arr=$120,000",
        "--set",
        "field.Region=EMEA",
        "--as-of",
        TODAY.isoformat(),
        "--json",
        "--db",
        str(book_path),
    )

    assert (code, err) == (0, "")
    data = json.loads(out)  # the account, as `account ID --json` prints it
    assert data["external_id"] == "001Dn00000Acme"
    assert (data["arr"], data["renewal_date"], data["segment"]) == (
        "120000.00",
        "2027-03-31",
        "high-touch",
    )
    account = stored(book, "001Dn00000Acme")
    assert account.csm_id == people["csm"] and account.custom_fields == {"Region": "EMEA"}


def test_set_without_json_says_what_changed(book, book_path, capsys):
    add_account(book, TODAY, 60, external_id="A1", name="Acme Corp", segment=Segment.LOW_TOUCH)
    code, out, _ = run(
        capsys, "account", "A1", "--set", "segment=strategic", "--db", str(book_path)
    )
    assert code == 0
    assert out.splitlines()[0] == "Changed segment: low-touch -> strategic"


def test_account_new_creates_one(book, book_path, capsys):
    add_people(book)
    code, out, err = run(
        capsys,
        "account",
        "new",
        "--set",
        "external_id=0015g00000XyZ",
        "--set",
        "name=Globex",
        "--set",
        "Segment=strategic",
        "--set",
        "Renewal Manager=riley@example.com",
        "--as-of",
        TODAY.isoformat(),
        "--json",
        "--db",
        str(book_path),
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["name"] == "Globex"
    account = stored(book, "0015g00000XyZ")
    assert account.segment == Segment.STRATEGIC and account.entered_book_on == TODAY

    code, _, err = run(capsys, "account", "new", "--set", "name=No id", "--db", str(book_path))
    assert code == 2
    assert "external_id: is empty, and every account needs one" in err


def test_a_set_that_is_not_field_equals_value_is_one_line(book, book_path, capsys):
    add_account(book, TODAY, 60, external_id="A1")
    code, _, err = run(capsys, "account", "A1", "--set", "segment", "--db", str(book_path))
    assert code == 2
    assert err.strip() == (
        "error: --set 'segment' is not FIELD=VALUE (e.g. --set segment=high-touch)"
    )
