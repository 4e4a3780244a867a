import os
import sqlite3
import stat

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from cswork.models import RaciCell, ScoreCategory
from cswork.store import MIGRATIONS_DIR, SCHEMA_HEAD, BookError, BookTooNew, open_book


@pytest.fixture
def book_path(tmp_path):
    """These tests are about the SQLite file itself, so only SQLite."""
    return tmp_path / "book.db"


@pytest.fixture
def book(book_path):
    """A book really created here, by migrations (elsewhere ``book`` copies one)."""
    opened = open_book(book_path)
    yield opened
    opened.close()


def test_schema_head_constant_matches_the_migrations():
    assert ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head() == SCHEMA_HEAD


def test_new_book_is_private_and_seeded(book, book_path):
    assert stat.S_IMODE(os.stat(book_path).st_mode) == 0o600
    with book.session() as session:
        assert session.query(ScoreCategory).count() == 8
        assert session.query(RaciCell).count() > 0


def test_every_connection_has_wal_foreign_keys_and_busy_timeout(book):
    with book.session() as session:
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert session.execute(text("PRAGMA busy_timeout")).scalar() >= 1000


def test_reopening_a_book_keeps_it(book_path):
    open_book(book_path).close()
    reopened = open_book(book_path)
    with reopened.session() as session:
        assert session.query(ScoreCategory).count() == 8  # seeded once, not twice
    reopened.close()


def _files(path):
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in path.parent.iterdir()}


def test_a_book_from_a_newer_schema_is_refused_untouched(book_path):
    open_book(book_path).close()
    con = sqlite3.connect(book_path)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = _files(book_path)

    with pytest.raises(BookTooNew, match="newer version"):
        open_book(book_path)

    assert _files(book_path) == before


def test_a_file_that_is_not_a_book_is_refused(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 10)
    with pytest.raises(BookError, match="not a CSM workbench book"):
        open_book(junk)


def test_a_missing_book_is_not_created_when_asked_not_to(tmp_path):
    with pytest.raises(BookError, match="no book"):
        open_book(tmp_path / "none.db", create=False)
    assert not (tmp_path / "none.db").exists()


EXTRA_MIGRATION = """
from alembic import op
import sqlalchemy as sa

revision = "0002_test"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("accounts") as batch:
        batch.add_column(sa.Column("test_flag", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("test_flag")
"""


def test_an_older_book_is_copied_aside_then_upgraded(book_path, tmp_path, monkeypatch):
    """GIVEN a book at today's head WHEN the app gains a migration THEN opening the
    book copies it aside first, upgrades it, and keeps its data."""
    import shutil

    from cswork import store

    with open_book(book_path).writing() as session:
        session.execute(text("INSERT INTO settings (key, value) VALUES ('grr_target', '\"0.8\"')"))
    migrations = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, migrations)
    (migrations / "versions" / "0002_test.py").write_text(EXTRA_MIGRATION.format(head=SCHEMA_HEAD))
    monkeypatch.setattr(store, "MIGRATIONS_DIR", migrations)
    monkeypatch.setattr(store, "SCHEMA_HEAD", "0002_test")

    upgraded = open_book(book_path)

    with upgraded.session() as session:
        assert (
            session.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002_test"
        )
        session.execute(text("SELECT test_flag FROM accounts"))
        assert session.execute(text("SELECT value FROM settings")).scalar() == '"0.8"'
    upgraded.close()
    backups = list(tmp_path.glob("book.before-upgrade-*.db"))
    assert len(backups) == 1
    con = sqlite3.connect(backups[0])
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    con.close()


def _revisions_before_head() -> list[str]:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return [rev.revision for rev in script.walk_revisions() if rev.revision != SCHEMA_HEAD]


@pytest.mark.parametrize("revision", _revisions_before_head())
def test_a_book_made_by_an_earlier_version_upgrades(tmp_path, revision):
    """GIVEN a book as an earlier release left it, with data WHEN this version opens it
    THEN it is copied aside, upgraded to the newest schema, and keeps its data."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
        connection.execute(
            text(
                "INSERT INTO people (name, role, created_at)"
                " VALUES ('Old Timer', 'csm', '2025-01-01')"
            )
        )
    engine.dispose()

    book = open_book(path)

    with book.session() as session:
        assert (
            session.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD
        )
        assert session.execute(text("SELECT name FROM people")).scalar() == "Old Timer"
    book.close()
    assert len(list(tmp_path.glob(f"old.before-upgrade-{revision}-*.db"))) == 1


def test_upgrading_to_0002_records_what_each_snapshot_changed(tmp_path):
    """Books from 0001 have bare snapshots; 0002 replays them in date order."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from cswork.seed import seed_new_book

    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        seed_new_book(session)
        session.execute(
            text(
                "INSERT INTO accounts (id, external_id, name, segment, arr_cents, currency,"
                " licenses, licenses_used, auto_renew, status, entered_book_on, created_at,"
                " updated_at)"
                " VALUES (1, 'A', 'Acme', 'high-touch', 0, 'USD', 0, 0, 0, 'active', '2026-01-01',"
                " '2026-01-01', '2026-01-01')"
            )
        )
        # Entered out of date order: id 3 is the earliest measurement of category 1.
        for sid, category, score, day in [
            (1, 1, 80, "2026-03-01"),
            (2, 2, 40, "2026-03-01"),
            (3, 1, 60, "2026-02-01"),
        ]:
            session.execute(
                text(
                    "INSERT INTO score_snapshots (id, account_id, category_id, score, measured_on,"
                    " recorded_at) VALUES (:id, 1, :c, :s, :d, '2026-03-01')"
                ),
                {"id": sid, "c": category, "s": score, "d": day},
            )
    engine.dispose()

    book = open_book(path)
    with book.session() as session:
        rows = session.execute(
            text(
                "SELECT id, previous_score, health_before, health_after FROM score_snapshots"
                " ORDER BY id"
            )
        ).all()
    book.close()
    assert [tuple(r) for r in rows] == [(1, 60, 60, 80), (2, None, 80, 60), (3, None, None, 60)]
