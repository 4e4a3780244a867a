"""`import rates FILE`: the ECB's eurofxref-hist.csv or rows of date,currency,rate, all or
nothing."""

import json
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select

from cswork.cli import main as cli_main
from cswork.models.money import ExchangeRate
from cswork.rates import Rates
from cswork.settings import set_setting
from tests.factories import write

# The ECB's own layout: units of each currency per euro, newest first, "N/A" where a
# currency had no rate, and the trailing comma the ECB's file has on every line.
ECB = """Date,USD,JPY,CYP,GBP,
2026-10-30,1.1172,175.68,N/A,0.8338,
2026-10-29,1.1100,174.10,N/A,0.8300,
"""


def run(capsys, *argv):
    code = cli_main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def stored_count(book) -> int:
    with book.session() as session:
        return session.scalar(select(func.count(ExchangeRate.id)))


def test_the_ecb_layout_is_read_as_one_euro_in_each_currency(book, book_path, tmp_path, capsys):
    path = write(tmp_path, ECB, "eurofxref-hist.csv")
    code, out, err = run(capsys, "import", "rates", str(path), "--db", str(book_path), "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["rates"] == 6  # 3 currencies x 2 days; CYP's N/A left out
    assert report["layout"] == "ecb" and report["last"] == "2026-10-30"
    with book.session() as session:
        rates = Rates.load(session, shipped=False)
    day = date(2026, 10, 30)
    # One euro is 1.1172 dollars: €100 is $111.72, and $111.72 is €100 back.
    assert rates.convert(10_000, "EUR", day, "USD") == 11_172
    assert rates.convert(11_172, "USD", day, "EUR") == 10_000
    # £83.38 is €100 is $111.72.
    assert rates.convert(8_338, "GBP", day, "USD") == 11_172
    # Importing the same file again replaces, never doubles.
    assert run(capsys, "import", "rates", str(path), "--db", str(book_path))[0] == 0
    assert stored_count(book) == 6


def test_rows_of_date_currency_rate_are_in_the_reporting_currency(
    book, book_path, tmp_path, capsys
):
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
    path = write(tmp_path, "date,currency,rate\n2026-01-01,EUR,1.10\n2026-01-01,gbp,1.25\n")
    code, out, err = run(capsys, "import", "rates", str(path), "--db", str(book_path))
    assert code == 0, err
    assert out.startswith("Imported 2 exchange rates (rates in USD) for EUR, GBP, USD")
    with book.session() as session:
        rates = Rates.load(session, shipped=False)
    assert rates.rate("GBP", date(2026, 1, 2), "USD") == Decimal("1.25")
    assert rates.convert(10_000_000, "EUR", date(2026, 1, 2), "USD") == 11_000_000


def test_one_bad_row_refuses_the_file_with_one_line(book, book_path, tmp_path, capsys):
    with book.writing() as session:
        set_setting(session, "reporting_currency", "USD")
    path = write(
        tmp_path,
        "date,currency,rate\n2026-01-01,EUR,1.10\n2026-01-02,EUR,1,10\n01/03/2026,GBP,1.2\n",
    )
    code, out, err = run(capsys, "import", "rates", str(path), "--db", str(book_path))
    assert code == 2 and out == ""
    assert err.strip() == (
        "error: export.csv: line 3: 4 values; a row is date,currency,rate (the rate with a "
        "decimal point, e.g. 1.10) (and 1 more bad rows); nothing was imported"
    )
    assert stored_count(book) == 0


def test_a_bad_ecb_value_names_its_line(book, book_path, tmp_path, capsys):
    path = write(tmp_path, "Date,USD\n2026-10-30,1.1172\n2026-10-29,abc\n", "eurofxref-hist.csv")
    code, _, err = run(capsys, "import", "rates", str(path), "--db", str(book_path))
    assert code == 2
    assert "line 3: USD 'abc' is not a rate" in err
    assert stored_count(book) == 0
