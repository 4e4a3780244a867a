import json
import subprocess
import sys

import pytest

from cswork.cli import main
from tests.conftest import REPO, TODAY
from tests.factories import add_account, add_people


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_renewals_json(book, book_path, capsys):
    people = add_people(book)
    add_account(
        book,
        TODAY,
        90,
        external_id="IN",
        name="In window",
        arr_cents=1_200_50,
        csm_id=people["csm"],
        re_manager_id=people["re"],
        health=51,
    )
    add_account(book, TODAY, 91, external_id="OUT", name="Out of window")

    code, out, _ = run(
        capsys,
        "renewals",
        "--within",
        "90",
        "--as-of",
        TODAY.isoformat(),
        "--json",
        "--db",
        str(book_path),
    )

    assert code == 0
    report = json.loads(out)
    assert {k: v for k, v in report.items() if k != "renewals"} == {
        "as_of": TODAY.isoformat(),
        "within": 90,
        "count": 1,
        "arr": "1200.50",
        "currency": "USD",
        "by_currency": {"USD": "1200.50"},
        "missing_rates": [],
    }
    assert report["renewals"] == [
        {
            "external_id": "IN",
            "name": "In window",
            "renewal_date": "2027-02-21",
            "days_to_renewal": 90,
            "arr": "1200.50",
            "currency": "USD",
            "arr_reporting": "1200.50",
            "health": 51,
            "band": "yellow",
            "csm": {"name": "Casey Morgan", "email": "casey@example.com"},
            "re_manager": {"name": "Riley Evans", "email": "riley@example.com"},
        }
    ]


def test_renewals_table_for_people(book, book_path, capsys):
    add_account(book, TODAY, 10, external_id="SOON", name="Soon Inc")
    code, out, _ = run(
        capsys, "renewals", "--within", "30", "--as-of", TODAY.isoformat(), "--db", str(book_path)
    )
    assert code == 0
    assert "Soon Inc (SOON)" in out and "1 renewals" in out


def test_a_missing_book_is_one_clear_line(tmp_path, capsys):
    code, _, err = run(capsys, "renewals", "--within", "90", "--db", str(tmp_path / "no.db"))
    assert code != 0
    assert err.strip().count("\n") == 0 and "no book" in err
    assert not (tmp_path / "no.db").exists()


def test_a_bad_date_is_refused_clearly(book_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["renewals", "--within", "90", "--as-of", "2026-02-30", "--db", str(book_path)])
    assert exit_info.value.code != 0
    assert "'2026-02-30' is not a date" in capsys.readouterr().err


def test_main_py_help_and_errors_without_traceback(tmp_path):
    help_run = subprocess.run(
        [sys.executable, "main.py", "--help"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert help_run.returncode == 0 and "renewals" in help_run.stdout
    bad = subprocess.run(
        [
            sys.executable,
            "main.py",
            "renewals",
            "--within",
            "9",
            "--db",
            str(tmp_path / "missing.db"),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode != 0
    assert "Traceback" not in bad.stderr and bad.stderr.startswith("error:")


def test_a_file_that_is_not_a_book(tmp_path, capsys):
    junk = tmp_path / "junk.db"
    junk.write_text("hello")
    code, _, err = run(capsys, "renewals", "--within", "9", "--db", str(junk))
    assert code == 2 and "not a CSM workbench book" in err
