"""The call-prep brief and the Wednesday review on paper: the brief's PDF holds the
account's facts (read back with pypdf), book text never runs as markup, the review
command writes a PDF and a CSV grouped by owner, and an unknown account is one clean
line of error."""

import csv
import re
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from cswork.contacts import add_contact
from cswork.enums import ContactRole, OpportunityKind, Sentiment, TimelineKind
from cswork.models import ScoreCategory
from cswork.opportunities import create_opportunity
from cswork.plans import create_plan, plan_of, update_plan
from cswork.scorecard import record_scores
from cswork.timeline import add_entry
from main import main
from tests.conftest import TODAY
from tests.factories import add_account, add_people

ROI = "Cut month-end close from 9 days to 4, worth about $310,000 a year."
TRICK = '<img src="file:///etc/passwd"><b>bold</b>'


def pdf_text(path) -> str:
    """The PDF's text as a reader would search it: ligatures and spacing normalised."""
    pages = PdfReader(str(path)).pages
    text = " ".join(page.extract_text() for page in pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def people(book):
    return add_people(book)


@pytest.fixture
def acme(book, people):
    """Acme renews in 45 days at $120,000, red on adoption, with a plan, ROI, contacts,
    a note and an open renewal."""
    account_id = add_account(
        book,
        TODAY,
        45,
        external_id="ACME-1",
        name="Acme Fulfilment",
        arr_cents=12_000_000,
        term_months=12,
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )
    with book.writing() as session:
        categories = list(session.scalars(select(ScoreCategory).order_by(ScoreCategory.position)))
        record_scores(
            session,
            account_id,
            {
                c.id: (30 if n == 0 else 80, "Logins halved" if n == 0 else None)
                for n, c in enumerate(categories)
            },
            TODAY - timedelta(days=3),
            people["csm"],
            datetime(2026, 11, 20, tzinfo=UTC),
        )
        create_plan(session, account_id, TODAY)
        update_plan(session, plan_of(session, account_id).id, roi_statement=ROI)
        add_contact(
            session,
            account_id,
            name="Dana Whitfield",
            title="VP Finance",
            role=ContactRole.CHAMPION,
            sentiment=Sentiment.POSITIVE,
        )
        add_entry(session, account_id, TimelineKind.NOTE, TRICK, TODAY - timedelta(days=2))
        create_opportunity(
            session,
            account_id,
            OpportunityKind.RENEWAL,
            close_date=TODAY + timedelta(days=45),
            strategy="Lead with the close-time savings",
        )
    return account_id


def test_the_brief_pdf_holds_the_accounts_facts_on_one_page(
    qapp, book, book_path, acme, capsys, tmp_path
):
    out = tmp_path / "acme.pdf"
    code, said, _ = run(
        capsys,
        "brief",
        "--db",
        str(book_path),
        "ACME-1",
        "--out",
        str(out),
        "--as-of",
        TODAY.isoformat(),
    )
    assert code == 0 and "Acme Fulfilment" in said
    assert len(PdfReader(str(out)).pages) == 1
    text = pdf_text(out)
    renewal = TODAY + timedelta(days=45)
    for fact in [
        "Acme Fulfilment",
        f"{renewal.day} {renewal:%b %Y}",  # the renewal date
        "in 45 days",
        "$120,000",  # ARR
        "Health ● 74 Yellow",  # 30 on adoption (12.5 %) and 80 on the rest
        "Product adoption ● 30 Logins halved",  # a category, its score and comment
        "1 of 8 categories red",
        ROI,
        "Dana Whitfield",
        "Champion",
        "Lead with the close-time savings",
        "Riley Evans",  # the R&E manager, accountable for the renewal
    ]:
        assert fact in text, fact


def test_book_text_never_runs_as_markup_in_the_brief(qapp, book, book_path, acme, capsys, tmp_path):
    out = tmp_path / "acme.pdf"
    run(
        capsys,
        "brief",
        "--db",
        str(book_path),
        "ACME-1",
        "--out",
        str(out),
        "--as-of",
        TODAY.isoformat(),
    )
    squeezed = "".join(pdf_text(out).split())  # wherever the line wraps
    assert "".join(TRICK.split()) in squeezed  # shown as typed, not run as markup


def test_the_brief_for_an_unknown_account_is_one_clean_error(
    qapp, book, book_path, capsys, tmp_path
):
    out = tmp_path / "nobody.pdf"
    code, said, err = run(capsys, "brief", "--db", str(book_path), "NOPE", "--out", str(out))
    assert code != 0
    assert err.strip().splitlines() == ["error: There is no account with external id 'NOPE'."]
    assert not out.exists() and said == ""


@pytest.fixture
def two_owners(book, people):
    with book.writing() as session:
        from cswork.enums import PersonRole
        from cswork.models import Person

        morgan = Person(name="Morgan Reyes", email="morgan@example.com", role=PersonRole.RE_MANAGER)
        session.add(morgan)
        session.flush()
        morgan_id = morgan.id
    for days, name, owner in [
        (10, "Alpha Co", people["re"]),
        (20, "Beta Co", morgan_id),
        (30, "Gamma Co", people["re"]),
        (200, "Later Co", people["re"]),  # beyond the 90 days
    ]:
        add_account(book, TODAY, days, external_id=name, name=name, re_manager_id=owner)
    return morgan_id


def test_the_review_command_writes_a_pdf_and_a_csv_grouped_by_owner(
    qapp, book, book_path, two_owners, capsys, tmp_path
):
    as_of = ("--as-of", TODAY.isoformat())
    code, said, _ = run(
        capsys, "review", "--db", str(book_path), "--out", str(tmp_path / "r.csv"), *as_of
    )
    assert code == 0 and "3 renewals (2 owners)" in said
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as file:
        rows = list(csv.DictReader(file))
    assert [(r["Owner"], r["Account"]) for r in rows] == [
        ("Riley Evans", "Alpha Co"),  # the busiest owner (most ARR) first
        ("Riley Evans", "Gamma Co"),
        ("Morgan Reyes", "Beta Co"),
    ]

    code, _, _ = run(
        capsys, "review", "--db", str(book_path), "--out", str(tmp_path / "r.pdf"), *as_of
    )
    assert code == 0
    text = pdf_text(tmp_path / "r.pdf")
    assert f"Wednesday renewal review — {TODAY.day} {TODAY:%b %Y}" in text
    riley, morgan = text.index("Riley Evans — 2 renewals"), text.index("Morgan Reyes — 1 renewal")
    assert riley < text.index("Alpha Co") < text.index("Gamma Co") < morgan < text.index("Beta Co")
    assert "Later Co" not in text


def test_the_review_command_refuses_other_files(book, book_path, capsys, tmp_path):
    code, _, err = run(capsys, "review", "--db", str(book_path), "--out", str(tmp_path / "r.txt"))
    assert code == 2 and re.search(r"choose a \.pdf, \.csv or \.xlsx file", err)
