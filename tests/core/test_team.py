"""A book several people edit: row versions, stale saves explained, the audit trail.

Runs on SQLite and, with CSWORK_TEST_POSTGRES set, on PostgreSQL (tests/backends.py)."""

import json
import re
import socket
import subprocess
import sys
import threading
import time
from datetime import timedelta

import keyring
import keyring.backend
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, make_url, select, text

from cswork import plans
from cswork.alerts.scan import scan
from cswork.audit import StaleEdit, changes_on_account, versions_of
from cswork.cli import main
from cswork.contacts import add_contact, update_contact
from cswork.ctas import create_cta
from cswork.enums import CtaSource, CtaType
from cswork.models import Account, Base, Contact, Cta, Person, ScoreCategory
from cswork.people import claim_login, find_person, me_by_login
from cswork.seed import SCORE_CATEGORIES
from cswork.server import save_password, where
from cswork.store import ServerUnavailable, open_book
from tests.backends import POSTGRES
from tests.conftest import REPO, TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def team(book):
    people = add_people(book)
    account_id = add_account(book, TODAY, name="Acme Corp", csm_id=people["csm"])
    with book.writing() as session:
        contact_id = add_contact(session, account_id, name="Dana Ortiz", title="VP Ops")
    return book, people, account_id, contact_id


def read_contact(book, contact_id) -> Contact:
    with book.session() as session:
        return session.get(Contact, contact_id)


def test_the_migrated_schema_is_the_models_schema(book):
    with book.engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_each_save_bumps_the_rows_version(team):
    book, _, _, contact_id = team
    assert read_contact(book, contact_id).version == 1
    with book.writing() as session:
        update_contact(session, contact_id, title="CFO")
    assert read_contact(book, contact_id).version == 2


def test_an_edit_is_on_the_accounts_trail_with_who_when_old_and_new(team):
    book, people, account_id, contact_id = team
    book.actor_id = people["re"]
    with book.writing() as session:
        update_contact(session, contact_id, title="CFO")
    with book.session() as session:
        newest = changes_on_account(session, account_id)[0]
    assert (newest.action, newest.field, newest.old_value, newest.new_value) == (
        "changed",
        "title",
        "VP Ops",
        "CFO",
    )
    assert newest.changed_by == "Riley Evans"
    assert newest.text == "changed title of contact Dana Ortiz from “VP Ops” to “CFO”"
    assert newest.changed_at.tzinfo is not None


def test_added_and_removed_rows_are_on_the_trail(team):
    book, people, account_id, _ = team
    book.actor_id = people["csm"]
    with book.writing() as session:
        plan_id = plans.create_plan(session, account_id, TODAY)
        milestone_id = plans.add_milestone(session, plan_id, name="Go live")
    with book.writing() as session:
        plans.delete_milestone(session, milestone_id)
    with book.session() as session:
        texts = [c.text for c in changes_on_account(session, account_id)]
    assert texts[:2] == ["removed milestone Go live", "added milestone Go live"]


def test_owner_and_money_changes_read_as_names_and_amounts(team):
    book, people, account_id, _ = team
    from cswork.models import Account

    with book.writing() as session:
        account = session.get(Account, account_id)
        account.csm_id = people["ae"]
        account.arr_cents = 15_000_000
    with book.session() as session:
        shown = {
            c.field: (c.old_value, c.new_value) for c in changes_on_account(session, account_id)
        }
    assert shown["csm_id"] == ("Casey Morgan", "Alex Edwards")
    assert shown["arr_cents"] == ("$120,000.00", "$150,000.00")


def test_ctas_the_rules_raise_are_not_edits_but_one_made_by_hand_is(team):
    book, people, account_id, _ = team
    scan(book, TODAY)

    def cta_changes() -> list[str]:
        with book.session() as session:
            return [c.text for c in changes_on_account(session, account_id) if c.noun == "CTA"]

    assert cta_changes() == []  # though the scan raised a renewal CTA
    with book.writing() as session:
        create_cta(
            session,
            account_id=account_id,
            cta_type=CtaType.RISK,
            reason="Champion quiet",
            due_on=TODAY + timedelta(days=3),
            owner_id=people["csm"],
        )
    assert cta_changes() == ["added CTA Champion quiet"]


def test_a_stale_save_is_refused_and_says_who_changed_what(team):
    book, people, _, contact_id = team
    mine = read_contact(book, contact_id)  # I open Dana's record...
    other = open_book(book.url)  # ...a colleague, on their own connection, saves first
    other.actor_id = people["re"]
    with other.writing() as session:
        update_contact(session, contact_id, title="CFO")
    other.close()

    with pytest.raises(StaleEdit) as refused, book.writing(versions_of([mine])) as session:
        update_contact(session, contact_id, phone="+1 555 0100")
    assert "Riley Evans changed title of contact Dana Ortiz from “VP Ops” to “CFO”" in str(
        refused.value
    )
    after = read_contact(book, contact_id)
    assert (after.title, after.phone) == ("CFO", None)  # theirs kept, mine not written

    # Keep mine: save again against the version the refusal reported.
    with book.writing(refused.value.current) as session:
        update_contact(session, contact_id, phone="+1 555 0100")
    after = read_contact(book, contact_id)
    assert (after.title, after.phone, after.version) == ("CFO", "+1 555 0100", 3)


def test_a_record_deleted_since_it_was_read_is_a_stale_save(team):
    book, _, _, contact_id = team
    mine = read_contact(book, contact_id)
    with book.writing() as session:
        session.delete(session.get(Contact, contact_id))
    with (
        pytest.raises(StaleEdit, match="removed contact Dana Ortiz"),
        book.writing(versions_of([mine])) as session,
    ):
        update_contact(session, contact_id, title="CFO")
    with pytest.raises(StaleEdit) as refused, book.writing(versions_of([mine])):
        pass
    assert refused.value.removed


def test_a_save_with_the_current_version_goes_through(team):
    book, _, _, contact_id = team
    mine = read_contact(book, contact_id)
    with book.writing(versions_of([mine])) as session:
        update_contact(session, contact_id, title="COO")
    assert read_contact(book, contact_id).title == "COO"


def test_two_saves_at_the_same_moment_never_lose_one(team):
    """On PostgreSQL the second save read the row before the first committed: its
    UPDATE finds the version moved and is refused. SQLite queues the second writer
    until the first commits, so it reads the new row and both land."""
    book, _, _, contact_id = team
    first_open, outcome = threading.Event(), {}

    def first() -> None:
        with book.writing() as session:
            update_contact(session, contact_id, title="CFO")
            first_open.set()
            time.sleep(0.5)  # the second save starts meanwhile

    other = open_book(book.url)
    thread = threading.Thread(target=first)
    thread.start()
    first_open.wait(5)
    try:
        with other.writing() as session:
            update_contact(session, contact_id, phone="+1 555 0100")
        outcome["second"] = "saved"
    except StaleEdit:
        outcome["second"] = "refused"
    thread.join()
    other.close()

    after = read_contact(book, contact_id)
    assert after.title == "CFO"
    if book.is_sqlite:
        assert outcome["second"] == "saved" and after.phone == "+1 555 0100"
    else:
        assert outcome["second"] == "refused" and after.phone is None


def test_my_own_saves_since_i_read_the_record_are_no_conflict(team):
    """A second edit typed before the screen re-read the first is not a stale save."""
    book, people, _, contact_id = team
    book.actor_id = people["csm"]
    mine = read_contact(book, contact_id)
    with book.writing(versions_of([mine])) as session:
        update_contact(session, contact_id, title="CFO")
    with book.writing(versions_of([mine])) as session:  # still the old version
        update_contact(session, contact_id, phone="+1 555 0100")
    after = read_contact(book, contact_id)
    assert (after.title, after.phone, after.version) == ("CFO", "+1 555 0100", 3)


# -- several app instances at once -------------------------------------------------------


def test_two_processes_scanning_at_once_raise_each_cta_once(book_path):
    """Two app instances on one book run the alert scan at the same moment: the
    dedupe key's insert-or-nothing gives each CTA to exactly one of them."""
    book_arg = str(book_path)
    assert demo(book_arg, 600) == 0
    command = [sys.executable, "main.py", "alerts", "--json", "--as-of", TODAY.isoformat()]
    scans = [
        subprocess.Popen(
            [*command, "--db", book_arg], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [scan.communicate(timeout=300) for scan in scans]
    assert [scan.returncode for scan in scans] == [0, 0], [err for _, err in outputs]
    raised = [json.loads(out)["raised"] for out, _ in outputs]
    keys = [cta["dedupe_key"] for batch in raised for cta in batch]
    assert keys and len(keys) == len(set(keys))  # none raised twice

    book = open_book(book_path)
    with book.session() as session:
        rule_ctas = session.scalar(
            select(func.count()).select_from(Cta).where(Cta.source == CtaSource.RULE)
        )
    book.close()
    assert rule_ctas == len(keys)
    assert main(["alerts", "--as-of", TODAY.isoformat(), "--db", book_arg]) == 0


def test_two_people_opening_a_new_book_at_once_get_one_schema(book_path):
    """Both create-or-upgrade: one does it, the other waits and finds it done."""
    opened: list = []
    threads = [threading.Thread(target=lambda: opened.append(open_book(book_path))) for _ in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with opened[0].session() as session:
        categories = session.scalar(select(func.count()).select_from(ScoreCategory))
    for book in opened:
        book.close()
    assert len(opened) == 2 and categories == len(SCORE_CATEGORIES)


# -- me ----------------------------------------------------------------------------------------


def test_me_is_known_from_the_login_once_claimed(team):
    book, people, _, _ = team
    with book.session() as session:
        assert me_by_login(session) is None
    with book.writing() as session:
        claim_login(session, people["re"])
    with book.session() as session:
        assert me_by_login(session).id == people["re"]
        assert find_person(session, "me").id == people["re"]
    with book.writing() as session:  # the login moves with a new claim: one person each
        claim_login(session, people["csm"])
    with book.session() as session:
        assert me_by_login(session).id == people["csm"]
        assert session.get(Person, people["re"]).login is None


# -- connecting to a team book -----------------------------------------------------------------


@pytest.fixture
def server():
    """The test server's URL (with its password). Needs CSWORK_TEST_POSTGRES, which
    .ci/run always sets: these are about what a real server says."""
    if not POSTGRES:
        pytest.skip("needs a PostgreSQL server: set CSWORK_TEST_POSTGRES (see the README)")
    return make_url(POSTGRES)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refusal(url) -> str:
    with pytest.raises(ServerUnavailable) as refused:
        open_book(url)
    return str(refused.value)


def test_an_unreachable_host_is_one_clear_line():
    port = free_port()
    assert refusal(f"postgresql+psycopg://cs@127.0.0.1:{port}/team") == (
        f"Cannot reach the book's server at 127.0.0.1:{port}: "
        "is it running, and is the address right?"
    )
    assert "Cannot reach the book's server at no-such-host.invalid:5432" in refusal(
        "postgresql+psycopg://cs@no-such-host.invalid/team"
    )


def test_a_wrong_password_is_one_clear_line(server):
    wrong = server.set(password="not-the-password")
    assert refusal(wrong) == (
        f"The server at {server.host}:{server.port} refused the password "
        f"for user {server.username}."
    )


def test_a_missing_database_is_one_clear_line(server):
    missing = server.set(database="no_such_book")
    assert refusal(missing) == (
        f"There is no database 'no_such_book' on the server at {server.host}:{server.port}."
    )


def test_the_command_line_says_the_same_without_a_traceback(server, capsys):
    code = main(
        [
            "renewals",
            "--within",
            "90",
            "--db",
            str(server.set(password="wrong").render_as_string(hide_password=False)),
        ]
    )
    err = capsys.readouterr().err
    assert code != 0 and "refused the password" in err and "Traceback" not in err
    assert ":wrong@" not in err  # never the password


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.saved.get((service, username))

    def set_password(self, service, username, password):
        self.saved[(service, username)] = password

    def delete_password(self, service, username):
        self.saved.pop((service, username), None)


def test_the_password_comes_from_the_keyring_not_the_address(server, request):
    vault, before = MemoryKeyring(), keyring.get_keyring()
    keyring.set_keyring(vault)
    request.addfinalizer(lambda: keyring.set_keyring(before))
    bare = server._replace(password=None)
    assert "refused" in refusal(bare) or "wants a password" in refusal(bare)

    save_password(bare, server.password)
    book = open_book(bare)
    try:
        assert server.password not in book.label
        with book.session() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
    finally:
        book.close()
    assert vault.saved == {("CSM Workbench", where(bare)): server.password}


# -- moving a book -----------------------------------------------------------------------------


def demo(target, accounts: int) -> int:
    return main(
        ["demo", "--accounts", str(accounts), "--as-of", TODAY.isoformat(), "--db", str(target)]
    )


def everything(target) -> dict[str, list[tuple]]:
    """Every row of every table, all columns, in a stable order."""
    book = open_book(target)
    try:
        with book.session() as session:
            return {
                table.name: session.execute(
                    select(table).order_by(*table.primary_key.columns)
                ).all()
                for table in Base.metadata.sorted_tables
            }
    finally:
        book.close()


def test_a_book_copied_to_the_other_backend_and_back_is_the_same_book(book_path, tmp_path, capsys):
    laptop, back = tmp_path / "laptop.db", tmp_path / "back.db"
    assert (
        main(["demo", "--accounts", "300", "--as-of", TODAY.isoformat(), "--db", str(laptop)]) == 0
    )
    assert main(["alerts", "--as-of", TODAY.isoformat(), "--db", str(laptop)]) == 0
    book = open_book(laptop)
    with book.writing() as session:  # a division, and an edit on the audit trail
        parent, child = session.scalars(select(Account).order_by(Account.id.desc()).limit(2))
        child.parent_id = parent.id
    book.close()
    capsys.readouterr()

    assert main(["copy", "--db", str(laptop), "--to", str(book_path)]) == 0
    said = capsys.readouterr().out
    assert "Copied 300 accounts" in said
    # ARR is checked per currency, never euros and pounds added into dollars.
    assert re.search(r"the totals \(ARR €[\d,]+ \+ £[\d,]+ \+ \$[\d,]+\) match", said), said
    assert main(["copy", "--db", str(book_path), "--to", str(back)]) == 0

    original = everything(laptop)
    assert everything(back) == original
    assert original["audit_entries"] and any(a.parent_id for a in original["accounts"])

    team = open_book(book_path)  # the copy takes new rows after the copied ones
    new_id = add_account(team, TODAY, external_id="NEW-1")
    team.close()
    assert new_id == max(a.id for a in original["accounts"]) + 1


def test_a_copy_into_a_book_with_accounts_is_refused_untouched(book_path, tmp_path, capsys):
    laptop = tmp_path / "laptop.db"
    assert (
        main(["demo", "--accounts", "20", "--as-of", TODAY.isoformat(), "--db", str(laptop)]) == 0
    )
    assert (
        main(["demo", "--accounts", "30", "--as-of", TODAY.isoformat(), "--db", str(book_path)])
        == 0
    )
    before = everything(book_path)
    capsys.readouterr()
    assert main(["copy", "--db", str(laptop), "--to", str(book_path)]) != 0
    err = capsys.readouterr().err
    assert "already has 30 accounts" in err and "Traceback" not in err
    assert everything(book_path) == before
