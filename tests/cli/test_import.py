"""`python main.py import <entity> FILE`, and mappings remembered in the book."""

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from cswork.cli import main as cli_main
from cswork.cli.importing import IMPORT_ENTITIES
from cswork.importing import (
    ACCOUNT_FIELDS,
    IGNORE,
    IMPORTS,
    KEEP,
    ImportFileError,
    import_accounts,
    import_scores,
    remembered_mapping,
    suggest_fields,
)
from cswork.models import Account, Contact, ScoreSnapshot
from cswork.settings import SettingError, check_setting
from tests.factories import write

TODAY = date(2026, 11, 23)


def run(capsys, *argv):
    code = cli_main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command_line_knows_every_import():
    assert tuple(IMPORTS) == IMPORT_ENTITIES


def test_each_entity_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "book.db")
    accounts = write(tmp_path, "Account ID,Account Name\nA-1,Acme\n", "accounts.csv")
    contacts = write(tmp_path, "Account ID,Name,Email\nA-1,Dana,dana@acme.example\n", "c.csv")
    deals = write(tmp_path, "Account ID,Type,Amount\nA-1,upsell,500\n", "o.csv")
    scores = write(
        tmp_path, "Account ID,Category,Score,Date\nA-1,adoption,75,2026-01-05\n", "s.csv"
    )

    for entity, path in [
        ("accounts", accounts),
        ("contacts", contacts),
        ("opportunities", deals),
        ("scores", scores),
    ]:
        code, out, _ = run(capsys, "import", entity, str(path), "--db", db, "--json")
        report = json.loads(out)
        assert code == 0, out
        assert (report["entity"], report["imported"], report["updated"], report["refused"]) == (
            entity,
            1,
            0,
            [],
        )

    code, out, _ = run(capsys, "import", "scores", str(scores), "--db", db)
    assert code == 0 and out.strip() == "Imported 0 new scores and updated 1."


def test_a_refusal_exits_non_zero_with_the_report(tmp_path, capsys):
    db = str(tmp_path / "book.db")
    run(
        capsys,
        "import",
        "accounts",
        str(write(tmp_path, "external_id,name\nA-1,Acme\n")),
        "--db",
        db,
    )
    path = write(tmp_path, "Account ID,Category,Score\nA-1,adoption,101\nA-1,support,50\n")

    code, out, _ = run(capsys, "import", "scores", str(path), "--db", db, "--json")

    assert code == 1
    assert json.loads(out)["refused"] == [
        {"row": 2, "field": "Score", "message": "'101' is not a score: it must be 0 to 100"}
    ]
    code, out, _ = run(capsys, "import", "scores", str(path), "--db", db, "--valid-rows-only")
    assert code == 1
    assert out.splitlines() == [
        "Imported 1 new score and updated 0; refused 1 row with 1 problem.",
        "  row 2, Score: '101' is not a score: it must be 0 to 100",
    ]


def test_contacts_need_a_book_with_accounts(tmp_path, capsys):
    db = tmp_path / "none.db"
    path = write(tmp_path, "Account ID,Name\nA-1,Dana\n")

    code, _, err = run(capsys, "import", "contacts", str(path), "--db", str(db))

    assert code != 0 and "import the accounts first" in err
    assert not db.exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01\x02junk" * 100, "is not a text file"),
        (b"Name,ARR\nAcme,5\n", "no external_id column"),
    ],
)
def test_a_bad_file_creates_no_book(tmp_path, capsys, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    code, _, err = run(capsys, "import", "accounts", str(path), "--db", str(tmp_path / "new.db"))

    assert code != 0 and message in err and err.count("\n") == 1
    assert not (tmp_path / "new.db").exists()


# Remembered mappings -------------------------------------------------------------------


def count(book, model):
    with book.session() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_a_mapping_given_once_is_used_next_time(book, tmp_path):
    first = write(tmp_path, "Cust #,Customer,Notes\nA-1,Acme,x\n")
    import_accounts(book, first, today=TODAY, mapping={"Cust #": "external_id", "Notes": "ignore"})

    with book.session() as session:
        # "Notes" would be kept as a custom field on its own: leaving it out is remembered.
        assert remembered_mapping(session, "accounts") == {
            "Cust #": "external_id",
            "Notes": "ignore",
        }
    second = write(tmp_path, "CUST #,Customer,Notes\nA-2,Beta,y\n")
    report = import_accounts(book, second, today=TODAY)  # no mapping given this time

    assert report.refused == [] and report.imported == 1
    assert report.ignored_columns == ["Notes"]


def test_a_mapping_given_now_wins_over_the_remembered_one(book, tmp_path):
    text = "Cust #,Ref,Customer\nA-1,R-1,Acme\n"
    import_accounts(book, write(tmp_path, text), today=TODAY, mapping={"Cust #": "external_id"})
    import_accounts(book, write(tmp_path, text), today=TODAY, mapping={"Ref": "external_id"})

    with book.session() as session:
        ids = set(session.scalars(select(Account.external_id)))
        assert remembered_mapping(session, "accounts") == {"Ref": "external_id"}
    assert ids == {"A-1", "R-1"}


def test_a_refused_import_remembers_nothing(book, tmp_path):
    path = write(tmp_path, "Cust #,Customer,arr\nA-1,Acme,-5\n")
    import_accounts(book, path, today=TODAY, mapping={"Cust #": "external_id"})

    with book.session() as session:
        assert remembered_mapping(session, "accounts") == {}


def test_remembered_mappings_are_kept_per_entity(book, book_path, tmp_path, capsys):
    db = str(book_path)
    run(
        capsys,
        "import",
        "accounts",
        str(write(tmp_path, "external_id,name\nA-1,Acme\n")),
        "--db",
        db,
    )
    contacts = write(tmp_path, "Company Ref,Who\nA-1,Dana\n")
    code, _, _ = run(
        capsys, "import", "contacts", str(contacts), "--db", db,
        "--map", "Company Ref=account_external_id", "--map", "Who=name",
    )  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, "import", "contacts", str(contacts), "--db", db)

    assert code == 0 and out.strip() == "Imported 0 new contacts and updated 1."
    assert count(book, Contact) == 1
    with book.session() as session:
        assert remembered_mapping(session, "contacts") == {
            "Company Ref": "account_external_id",
            "Who": "name",
        }
        assert remembered_mapping(session, "accounts") == {}


def test_mapping_a_header_back_to_its_own_field_forgets_the_old_choice(book, tmp_path):
    path = write(tmp_path, "external_id,name,Account Owner\nA-1,Acme,al@example.com\n")
    import_accounts(book, path, today=TODAY, mapping={"Account Owner": "csm"})
    with book.session() as session:
        assert remembered_mapping(session, "accounts") == {"Account Owner": "csm"}

    import_accounts(book, path, today=TODAY, mapping={"account owner": "AE"})

    with book.session() as session:
        assert remembered_mapping(session, "accounts") == {}
        assert session.scalar(select(Account.ae_id)) is not None


def test_suggestions_say_where_each_field_comes_from():
    headers = ["Cust #", "Account Name", "Name", "ARR", "Annual Recurring Revenue", "Notes"]

    found = suggest_fields(headers, ACCOUNT_FIELDS, {"cust #": "external_id"})

    assert [tuple(s) for s in found] == [
        ("external_id", "remembered from the last import"),
        ("name", "a CRM name"),
        (IGNORE, "'Account Name' fills name"),
        ("arr", "our name"),
        (IGNORE, "'ARR' fills arr"),
        (KEEP, "no field has this name"),  # an account's column: kept as a custom field
    ]


def test_the_setting_is_checked():
    check_setting("import_mappings", {"accounts": {"Cust #": "external_id"}})
    with pytest.raises(SettingError, match="import mappings"):
        check_setting("import_mappings", {"widgets": {}})
    with pytest.raises(SettingError):
        check_setting("import_mappings", {"accounts": {"Cust #": 5}})


def test_a_remembered_field_that_no_longer_exists_is_skipped(book, tmp_path):
    from cswork.settings import set_setting

    with book.writing() as session:
        set_setting(session, "import_mappings", {"accounts": {"Old": "no_such_field"}})
    report = import_accounts(
        book, write(tmp_path, "external_id,name,Old\nA-1,Acme,x\n"), today=TODAY
    )

    assert report.refused == [] and report.custom_fields == ["Old"]


def test_a_required_column_mapped_to_ignore_is_a_file_error(book, tmp_path):
    import_accounts(book, write(tmp_path, "external_id,name\nA-1,Acme\n"), today=TODAY)
    path = write(tmp_path, "Account ID,Category,Score\nA-1,adoption,5\n")

    with pytest.raises(ImportFileError, match="The file has no score column"):
        import_scores(book, path, today=TODAY, mapping={"Score": "ignore"})
    assert count(book, ScoreSnapshot) == 0
