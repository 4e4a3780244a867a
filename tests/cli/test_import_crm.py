"""The CRM-shaped files of tests/data/crm through `python main.py import`: value
mappings with --values, the day/month order with --date-order, remembered per book."""

import json
from datetime import date

import pytest
from sqlalchemy import select

from cswork.cli import main as cli_main
from cswork.models import Account
from tests.core.importing.test_crm_corpus import CRM


def cli(capsys, *argv):
    code = cli_main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_salesforce_files_from_the_command_line(book_path, capsys):
    accounts_file = CRM / "salesforce_accounts_report.csv"
    code, out, _ = cli(capsys, "import", "accounts", accounts_file, "--db", book_path)
    assert code == 1
    assert (
        "row 5, Segment: 'Enterprise' is not one of high-touch, low-touch or strategic; "
        'map it with --values "segment:Enterprise=..."'
    ) in out

    code, out, _ = cli(
        capsys,
        "import",
        "accounts",
        accounts_file,
        "--db",
        book_path,
        "--values",
        "segment:Enterprise=strategic;Mid-Market=high-touch;SMB=low-touch",
        "--json",
    )
    assert code == 0, out
    assert (json.loads(out)["imported"], json.loads(out)["refused"]) == (4, [])

    code, out, _ = cli(
        capsys,
        "import",
        "opportunities",
        CRM / "salesforce_opportunities_report.csv",
        "--db",
        book_path,
        "--values",
        "Type:Existing Customer - Upgrade=upsell",
        "--values",
        "stage:Negotiation/Review=open;Proposal/Price Quote=open;Needs Analysis=open",
        "--json",
    )
    assert code == 0, out
    assert json.loads(out)["imported"] == 5
    # Remembered: the next export of the same report goes in with no options.
    code, out, _ = cli(capsys, "import", "accounts", accounts_file, "--db", book_path, "--json")
    assert (code, json.loads(out)["updated"]) == (0, 4)


def test_hubspot_and_the_date_order_from_the_command_line(book_path, capsys, tmp_path):
    code, out, _ = cli(
        capsys,
        "import",
        "accounts",
        CRM / "hubspot_companies.csv",
        "--db",
        book_path,
        "--map",
        "Lifecycle Stage=status",
        "--map",
        "Customer Tier=segment",
        "--values",
        "status:Evangelist=active;Other=churned",
        "--values",
        "segment:Enterprise=strategic;Mid-Market=high-touch;SMB=low-touch",
        "--json",
    )
    assert code == 0, out
    assert json.loads(out)["imported"] == 4

    ambiguous = tmp_path / "renewals.csv"
    ambiguous.write_text("Record ID,Company name,Contract End Date\n8023471101,Globex,03/04/2027\n")
    code, _, err = cli(capsys, "import", "accounts", ambiguous, "--db", book_path)
    assert code == 2
    assert err.strip() == (
        "error: The dates in Contract End Date are ambiguous (03/04/2027 is March 4 or 3 April); "
        "say which with --date-order mdy or --date-order dmy."
    )
    code, _, _ = cli(
        capsys, "import", "accounts", ambiguous, "--db", book_path, "--date-order", "DMY"
    )
    assert code == 0
    assert accounts_in(book_path)["8023471101"] == date(2027, 4, 3)


def accounts_in(book_path):
    from cswork.store import open_book

    book = open_book(book_path, create=False)
    try:
        with book.session() as session:
            return dict(session.execute(select(Account.external_id, Account.renewal_date)).all())
    finally:
        book.close()


@pytest.mark.parametrize(
    "option, message",
    [
        ("--values=segment", 'error: --values takes "field:Value=choice;Value=choice"'),
        (
            "--values=tier:Gold=strategic",
            "error: --values names 'tier', which is not an account field",
        ),
        ("--values=name:Acme=strategic", "error: --values names name, which takes any value"),
        ("--values=segment:Enterprise=gold", "error: --values maps 'Enterprise' to 'gold'"),
        ("--date-order=european", "error: --date-order takes dmy, mdy or ymd, not 'european'."),
    ],
)
def test_a_bad_option_is_one_line_and_creates_no_book(tmp_path, capsys, option, message):
    db = tmp_path / "new.db"

    code, out, err = cli(
        capsys, "import", "accounts", CRM / "hubspot_companies.csv", "--db", db, option
    )

    assert code == 2 and not out
    assert err.startswith(message) and err.count("\n") == 1
    assert not db.exists()
