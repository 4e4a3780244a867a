"""The bad files too big or too binary to keep in the repository, made when a test asks
for them, and a small book for every bad file to bounce off."""

import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from cswork.importing import import_accounts, import_contacts, import_opportunities, import_scores
from cswork.store import open_book

HERE = Path(__file__).parent
TODAY = date(2026, 11, 23)


def _workbook(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _truncated_xlsx(path: Path) -> None:
    whole = _workbook(path.with_suffix(".whole.xlsx"), [["external_id", "name"], ["N-1", "New"]])
    data = whole.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def _binary_junk(path: Path) -> None:
    import random

    path.write_bytes(random.Random(8).randbytes(64 * 1024))


def _wrong_encoding(path: Path) -> None:
    # Shift-JIS, as a Japanese Excel saves "CSV": bytes no Western code page reads.
    text = "external_id,name\nN-1,データ株式会社\n"
    raw = text.encode("shift_jis")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("cp1252")
    path.write_bytes(raw)


def _huge_cell(path: Path) -> None:
    path.write_text("external_id,name\nN-1," + "x" * (10 * 1024 * 1024) + "\n", encoding="utf-8")


def _formula_cells(path: Path) -> None:
    _workbook(path, [["external_id", "name", "arr"], ["N-1", "New", 100], ["N-2", "Two", "=C2*2"]])


def _error_cells(path: Path) -> None:
    _workbook(path, [["external_id", "name", "renewal_date"], ["N-1", "New", "#N/A"]])


def _zip_not_workbook(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")


def _workbook_named_csv(path: Path) -> None:
    _workbook(path, [["external_id", "name"], ["N-1", "New"]])


def _old_xls(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4096))


MADE = {
    "accounts_truncated.xlsx": _truncated_xlsx,
    "accounts_binary_junk.csv": _binary_junk,
    "accounts_wrong_encoding.csv": _wrong_encoding,
    "accounts_10_mb_cell.csv": _huge_cell,
    "accounts_formula_cells.xlsx": _formula_cells,
    "accounts_error_cells.xlsx": _error_cells,
    "accounts_zip_not_workbook.xlsx": _zip_not_workbook,
    "accounts_workbook_named.csv": _workbook_named_csv,
    "accounts_old_excel.xls": _old_xls,
}


@pytest.fixture(scope="session")
def made_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad_input")
    for name, make in MADE.items():
        make(folder / name)
    return folder


@pytest.fixture
def bad_file(made_files):
    """The path of a bad file by name: kept in tests/bad_input, or made above."""

    def find(name: str) -> Path:
        return made_files / name if name in MADE else HERE / name

    return find


SEED = {
    import_accounts: (
        "external_id,name,parent_external_id,arr,contract_start,renewal_date,csm\n"
        "P-1,Parent Co,,1000,2025-01-01,2026-12-31,casey@example.com\n"
        "A-1,Acme,P-1,120000,2025-06-01,2026-05-31,casey@example.com\n"
        "A-2,Beta,,5000,,,\n"
    ),
    import_contacts: "Account ID,Name,Email\nA-1,Dana Whitfield,dana@acme.example\n",
    import_opportunities: "Account ID,Type,Amount,Close Date\nA-1,Upsell,5000,2026-12-01\n",
    import_scores: "Account ID,Category,Score,Date\nA-1,adoption,80,2026-10-01\n",
}


@pytest.fixture(scope="session")
def seeded_book_file(tmp_path_factory):
    """A book with a few of everything, built once and copied for each test."""
    folder = tmp_path_factory.mktemp("seeded")
    book = open_book(folder / "book.db")
    for run, text in SEED.items():
        source = folder / "seed.csv"
        source.write_text(text, encoding="utf-8")
        assert run(book, source, today=TODAY).refused == []
    book.close()
    return folder / "book.db"


@pytest.fixture
def seeded_book(seeded_book_file, tmp_path):
    copy = tmp_path / "book.db"
    shutil.copy(seeded_book_file, copy)
    book = open_book(copy, create=False)
    yield book
    book.close()
