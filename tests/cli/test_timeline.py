"""`timeline`: an account's entries on the command line, and logging one."""

import json
from datetime import date

from cswork.cli import main
from cswork.enums import TimelineKind
from cswork.people import claim_login
from cswork.timeline import add_entry, recent_entries
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_timeline_add_logs_as_me_and_the_timeline_lists_newest_first(book, book_path, capsys):
    people = add_people(book)
    account = add_account(book, TODAY, external_id="0015A00001")
    with book.writing() as session:
        claim_login(session, people["csm"])  # this login is Casey: "me"
        add_entry(session, account, TimelineKind.CALL, "Older call", date(2026, 10, 1))
    db = ("--db", str(book_path))

    code, out, err = run(
        capsys, "timeline", "add", "0015A00001", "--kind", "ebr",
        "--text", "EBR with the CFO", "--on", "2026-11-20", *db,
    )  # fmt: skip
    assert (code, err) == (0, "")
    code, _, _ = run(capsys, "timeline", "add", "0015A00001", "--kind", "Note", "--text", "Hi", *db)
    assert code == 0

    code, out, _ = run(capsys, "timeline", "0015A00001", "--json", *db)
    assert code == 0
    casey = {"name": "Casey Morgan", "email": "casey@example.com"}
    assert json.loads(out) == [
        {"date": date.today().isoformat(), "kind": "note", "author": casey, "text": "Hi"},
        {"date": "2026-11-20", "kind": "EBR", "author": casey, "text": "EBR with the CFO"},
        {"date": "2026-10-01", "kind": "call", "author": None, "text": "Older call"},
    ]
    # The same entries the window's timeline shows.
    with book.session() as session:
        assert [e.text for e, _ in recent_entries(session, account)] == [
            "Hi",
            "EBR with the CFO",
            "Older call",
        ]
    code, out, _ = run(capsys, "timeline", "0015A00001", *db)
    assert code == 0 and "EBR with the CFO" in out.splitlines()[1]


def test_timeline_errors_are_one_line_and_write_nothing(book, book_path, capsys):
    account = add_account(book, TODAY, external_id="A1")
    db = ("--db", str(book_path))
    for argv, message in [
        (("timeline", "NOPE"), "no account with external id 'NOPE'"),
        (("timeline", "add", "NOPE", "--kind", "note", "--text", "x"), "'NOPE'"),
        (("timeline", "add", "A1", "--kind", "chat", "--text", "x"), "'chat' is not a kind"),
        (("timeline", "add", "A1", "--kind", "note", "--text", "x", "--on", "03/04/2027"),
         "--on '03/04/2027' is not a date: use YYYY-MM-DD"),
        (("timeline", "add", "A1", "--kind", "note", "--text", "  "), "needs some text"),
        (("timeline", "add", "A1", "--text", "x"), "--kind note|call|meeting|email|ebr"),
        (("timeline", "A1", "--kind", "note"), "--kind is for logging an entry"),
    ]:  # fmt: skip
        code, out, err = run(capsys, *argv, *db)
        assert code == 2 and out == "" and message in err and err.count("\n") == 1, err
    with book.session() as session:
        assert recent_entries(session, account) == []
