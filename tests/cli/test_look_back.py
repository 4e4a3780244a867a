"""A look at the past never writes the past: `alerts --as-of` a day before the last
scan previews, and `screens --db` renders from a copy of the book."""

import json
from datetime import timedelta

from sqlalchemy import func, select

from cswork.alerts import last_scan_on, scan
from cswork.cli import main
from cswork.models import Cta, CtaTask
from cswork.store import open_book
from tests.conftest import TODAY
from tests.factories import add_account, add_people

EARLIER = TODAY - timedelta(days=22)


def cta_rows(book):
    with book.session() as session:
        return sorted(session.scalars(select(Cta.dedupe_key)).all()), session.scalar(
            select(func.count()).select_from(CtaTask)
        )


def lapsed_book(book):
    """Renewed 10 days ago: only a scan 22 days back sees it 12 days ahead."""
    people = add_people(book)
    add_account(
        book,
        TODAY,
        -10,
        external_id="LAPSED",
        name="Lapsed Ltd",
        csm_id=people["csm"],
        re_manager_id=people["re"],
    )
    scan(book, TODAY)


def test_alerts_before_the_last_scan_prints_and_writes_nothing(book, book_path, capsys):
    lapsed_book(book)
    before = cta_rows(book)

    assert main(["alerts", "--as-of", EARLIER.isoformat(), "--db", str(book_path)]) == 0
    out = capsys.readouterr().out

    assert out.startswith(
        f"As of {EARLIER}, before this book's last scan ({TODAY}): nothing written; "
        "these CTAs would be raised:"
    )
    assert "Lapsed Ltd" in out
    assert cta_rows(book) == before
    with book.session() as session:
        assert last_scan_on(session) == TODAY


def test_alerts_before_the_last_scan_as_json(book, book_path, capsys):
    lapsed_book(book)
    before = cta_rows(book)

    main(["alerts", "--as-of", EARLIER.isoformat(), "--db", str(book_path), "--json"])
    found = json.loads(capsys.readouterr().out)

    assert found["written"] is False and found["raised"] == []
    assert found["last_scan"] == TODAY.isoformat()
    assert any(c["account"] == "LAPSED" and c["type"] == "renewal" for c in found["would_raise"])
    assert cta_rows(book) == before


def test_a_scan_on_or_after_the_last_one_writes_and_moves_it_on(book, book_path, capsys):
    lapsed_book(book)
    later = TODAY + timedelta(days=3)
    main(["alerts", "--as-of", TODAY.isoformat(), "--db", str(book_path)])
    assert "Raised" in capsys.readouterr().out  # the same day is not the past
    main(["alerts", "--as-of", later.isoformat(), "--db", str(book_path)])
    with book.session() as session:
        assert last_scan_on(session) == later


def test_screens_from_a_book_never_write_it(book_path, tmp_path, qtbot):
    from cswork.demo import build_demo
    from ui.screens.render import render_screens

    book = open_book(book_path)
    build_demo(book, 40, seed=1, today=TODAY)
    scan(book, TODAY)
    book.close()
    on_file = book_path.read_bytes() if not isinstance(book_path, str) else None
    book = open_book(book_path, create=False)
    before = table_contents(book)
    book.close()

    made = render_screens(tmp_path / "screens", db=str(book_path), accounts=40)

    assert len(made) >= 40
    book = open_book(book_path, create=False)
    assert table_contents(book) == before
    book.close()
    if on_file is not None:
        assert book_path.read_bytes() == on_file


def table_contents(book):
    from cswork.models import Base

    with book.engine.connect() as connection:
        return {
            table.name: sorted(map(repr, connection.execute(table.select()).all()))
            for table in Base.metadata.sorted_tables
        }


def test_ctas_json_gives_each_ctas_checklist(book, book_path, capsys):
    from cswork.ctas import set_task_done

    people = add_people(book)
    account = add_account(book, TODAY, 90, external_id="R90", csm_id=people["csm"])
    scan(book, TODAY)
    with book.writing() as session:
        cta = session.scalar(select(Cta).where(Cta.account_id == account, Cta.type == "renewal"))
        set_task_done(session, cta.tasks[0].id, TODAY)

    main(["ctas", "--json", "--db", str(book_path)])
    found = {c["dedupe_key"]: c for c in json.loads(capsys.readouterr().out)}

    renewal = TODAY + timedelta(days=90)
    assert found[f"renewal:{account}:{renewal}:90"]["tasks"] == [
        {
            "name": "Confirm the decision maker and the buying process",
            "due": "2027-01-22",
            "done": True,
        },
        {"name": "Send the ROI summary", "due": "2027-02-01", "done": False},
        {"name": "Send the renewal quote", "due": "2027-02-11", "done": False},
        {"name": "Renewal call", "due": renewal.isoformat(), "done": False},
    ]
