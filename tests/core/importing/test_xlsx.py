"""Excel workbooks in, and the round trip: what the app exports, it imports back unchanged."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from cswork.cli import main as cli_main
from cswork.demo import build_demo
from cswork.exporting import account_rows, export_accounts
from cswork.importing import (
    ACCOUNT_FIELDS,
    ImportFileError,
    Problem,
    import_accounts,
    read_table,
)
from cswork.models import Account, Person
from cswork.settings import set_setting
from cswork.store import open_book

TODAY = date(2026, 11, 23)


def workbook(path, *sheets):
    """Write sheets given as (title, rows) to ``path``."""
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def stored(book):
    with book.session() as session:
        return {a.external_id: a for a in session.scalars(select(Account))}


def test_date_and_number_cells_come_in_as_they_are(book, tmp_path):
    with book.writing() as session:
        set_setting(session, "import_date_order", "DMY")  # a date cell is never re-read
    path = workbook(
        tmp_path / "accounts.xlsx",
        (
            "Accounts",
            [
                ["Account ID", "Account Name", "ARR", "Renewal Date", "Seats", "Auto Renew"],
                # Past its date: an auto-renewing one would be rolled on by the scan.
                [12345, "Acme", 0.1 + 0.2, datetime(2026, 3, 4), 12.0, False],
                ["A-2", "Beta", 1200.505, date(2027, 1, 31), 7, True],
                ["A-3", "Gamma", 98765432.1, "04/03/2026", None, None],
            ],
        ),
    )

    report = import_accounts(book, path, today=TODAY)

    assert report.refused == []
    found = stored(book)
    assert found["12345"].arr_cents == 30  # 0.30000000000000004, exact to the cent
    assert found["12345"].renewal_date == date(2026, 3, 4)  # not read as 3 April
    assert (found["12345"].licenses, found["12345"].auto_renew) == (12, False)
    assert found["A-2"].arr_cents == 120051  # 1200.505 rounds half up
    assert found["A-2"].auto_renew is True
    assert found["A-3"].arr_cents == 9876543210
    assert found["A-3"].renewal_date == date(2026, 3, 4)  # a text date follows DMY


def test_the_sheet_whose_headers_match(tmp_path):
    path = workbook(
        tmp_path / "export.xlsx",
        ("Read me", [["This export was made on Monday"], ["by the CRM"]]),
        ("Empty", []),
        ("Accounts", [[None], ["external_id", "name"], ["A-1", "Acme"]]),
    )

    table = read_table(path, ACCOUNT_FIELDS)

    assert table.headers == ["external_id", "name"]
    assert table.rows == [(3, ["A-1", "Acme"])]  # numbered as the sheet shows them
    assert read_table(path).headers == ["This export was made on Monday"]  # first sheet


def test_a_formula_cell_is_refused_with_its_row_and_column(book, tmp_path):
    path = workbook(
        tmp_path / "formulas.xlsx",
        (
            "Sheet",
            [
                ["external_id", "name", "arr", "notes"],
                ["A-1", "Acme", 100, "=1+1"],  # an ignored column may hold anything
                ["A-2", "Beta", "=C2*2", ""],
            ],
        ),
    )

    report = import_accounts(book, path, today=TODAY)

    assert report.refused == [
        Problem(3, "arr", "'=C2*2' is a formula, not a value: in Excel, paste the column as values")
    ]
    assert stored(book) == {}


def test_a_value_beyond_the_last_header_is_refused(book, tmp_path):
    path = workbook(
        tmp_path / "wide.xlsx",
        ("Sheet", [["external_id", "name"], ["A-1", "Acme", None], ["A-2", "Beta", "oops"]]),
    )

    report = import_accounts(book, path, today=TODAY)

    assert report.refused == [
        Problem(3, "whole row", "has a value in column C, which has no header")
    ]


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("cut.xlsx", "truncated", "is damaged or not a complete Excel workbook"),
        (
            "text.xlsx",
            b"external_id,name\nA-1,Acme\n",
            "is named .xlsx but is not an Excel workbook",
        ),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Excel 97-2003 workbook"),
        ("book.xlsx", "zip", "is a zip file, not an Excel workbook"),
        ("sheet.csv", "workbook", "holds an Excel workbook or another zip file, not CSV text"),
        ("empty.xlsx", b"", "is empty"),
    ],
)
def test_files_that_are_not_what_they_say(tmp_path, name, content, message):
    path = tmp_path / name
    if content in ("truncated", "workbook"):
        good = workbook(
            tmp_path / "good.xlsx", ("Sheet", [["external_id", "name"], ["A-1", "Acme"]])
        )
        data = good.read_bytes()
        path.write_bytes(data[: len(data) // 2] if content == "truncated" else data)
    elif content == "zip":
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
    else:
        path.write_bytes(content)

    with pytest.raises(ImportFileError, match=message):
        read_table(path, ACCOUNT_FIELDS)


# The round trip ---------------------------------------------------------------------

TRICKY_NAMES = [
    '=HYPERLINK("http://x")',
    "+44 20 7946 0000",
    "-minus sign",
    "@mention",
    "\tstarts with a tab",
    "Café Zoë 東京 — “quoted”, with a comma",
]


@pytest.fixture
def demo_book(tmp_path):
    """A demo book, plus accounts with every awkward value an export must carry."""
    book = open_book(tmp_path / "demo.db")
    build_demo(book, accounts=60, seed=3, today=TODAY)
    with book.writing() as session:
        nameless = Person(name="No Email Person", role="csm")
        session.add(nameless)
        session.flush()
        parent = session.scalar(select(Account.id).order_by(Account.id))
        for number, name in enumerate(TRICKY_NAMES):
            session.add(
                Account(
                    external_id=f"=T-{number}" if number == 0 else f"T-{number}",
                    name=name,
                    parent_id=parent if number % 2 else None,
                    segment="strategic" if number == 2 else "high-touch",
                    industry="-Industry" if number == 3 else None,
                    arr_cents=[1, 99, 123456789012, 0, 10, 5][number],
                    currency="EUR",
                    licenses=number,
                    licenses_used=0,
                    contract_start=date(1999, 12, 31) if number else None,
                    renewal_date=date(2100, 2, 28) if number else None,
                    term_months=number or None,
                    auto_renew=bool(number % 2),
                    status="churned" if number == 4 else "active",
                    csm_id=nameless.id,
                    entered_book_on=TODAY,
                )
            )
    yield book
    book.close()


def canonical(book):
    """Every account as its canonical export row, by external id."""
    with book.session() as session:
        _, rows = account_rows(session)
    return {row[0]: row for row in rows}


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_export_imports_back_unchanged(demo_book, tmp_path, suffix):
    exported = tmp_path / f"accounts{suffix}"
    with demo_book.session() as session:
        written = export_accounts(session, exported)
    assert written == 66

    fresh = open_book(tmp_path / f"fresh{suffix}.db")
    report = import_accounts(fresh, exported, today=TODAY)

    assert report.refused == [] and report.imported == 66
    before, after = canonical(demo_book), canonical(fresh)
    assert after == before
    assert after["=T-0"][1] == TRICKY_NAMES[0]  # the CSV's apostrophe is gone again
    assert after["T-2"][5] == Decimal("1234567890.12")
    assert {len(row) for row in after.values()} == {len(ACCOUNT_FIELDS.names)}
    # ...and exporting the imported book gives the same file, for CSV byte for byte.
    again = tmp_path / f"again{suffix}"
    with fresh.session() as session:
        export_accounts(session, again)
    if suffix == ".csv":
        assert again.read_bytes() == exported.read_bytes()
    # Importing it into the book it came from changes nothing.
    report = import_accounts(demo_book, exported, today=TODAY)
    assert (report.imported, report.updated, report.people_added) == (0, 66, [])
    assert canonical(demo_book) == before
    fresh.close()


def test_the_csv_export_neutralises_what_the_import_restores(demo_book, tmp_path):
    exported = tmp_path / "accounts.csv"
    with demo_book.session() as session:
        export_accounts(session, exported)
    text = exported.read_text(encoding="utf-8-sig")

    assert "'=T-0,'=HYPERLINK" in text.replace('"', "")
    assert "'+44 20 7946 0000" in text and "'-Industry" in text


def test_cli_exports_accounts(demo_book, tmp_path, capsys):
    out = tmp_path / "book.xlsx"
    code = cli_main(["export", "accounts", "--out", str(out), "--db", str(demo_book.path)])

    assert code == 0 and capsys.readouterr().out.strip() == f"Wrote 66 accounts to {out}"
    assert read_table(out).headers == ACCOUNT_FIELDS.names

    code = cli_main(
        ["export", "accounts", "--out", str(tmp_path / "x.pdf"), "--db", str(demo_book.path)]
    )
    assert code != 0 and "choose a .csv or .xlsx file" in capsys.readouterr().err
