"""The demo book: deterministic, shaped like a real book, and consistent."""

from collections import Counter

import pytest
from dateutil.relativedelta import relativedelta
from sqlalchemy import insert, select, text

from cswork import demo, raci
from cswork.demo import DemoError, DemoSummary, build_demo
from cswork.enums import OpportunityKind, PersonRole, Segment
from cswork.health import band, category_weights, overall_health
from cswork.models import Account, Base, Milestone, Person, ScoreSnapshot, SuccessPlan
from cswork.seed import STRATEGIC_ACCOUNT
from cswork.store import open_book
from tests.backends import dangling_references
from tests.conftest import TODAY

ACCOUNTS = 400


def dump(book) -> dict[str, list[tuple]]:
    """Every row of every table, all columns, in a stable order (either backend)."""
    with book.session() as session:
        return {
            table.name: session.execute(select(table).order_by(*table.primary_key.columns)).all()
            for table in Base.metadata.sorted_tables
        }


def built(path, accounts=ACCOUNTS, seed=1, **kwargs):
    book = open_book(path)
    summary = build_demo(book, accounts=accounts, seed=seed, today=TODAY, **kwargs)
    return book, summary


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory):
    book, summary = built(tmp_path_factory.mktemp("demo") / "demo.db")
    yield book, summary
    book.close()


def test_same_seed_and_day_give_the_same_book_and_another_seed_another(tmp_path):
    first, _ = built(tmp_path / "a.db", seed=7)
    second, _ = built(tmp_path / "b.db", seed=7)
    other, _ = built(tmp_path / "c.db", seed=8)
    try:
        book_a, book_b = dump(first), dump(second)
        assert book_a.keys() == book_b.keys()
        for table in book_a:
            assert book_a[table] == book_b[table], table
        assert dump(other)["accounts"] != book_a["accounts"]
    finally:
        for book in (first, second, other):
            book.close()


def test_the_fast_sqlite_insert_stores_exactly_what_core_would(tmp_path, monkeypatch):
    fast, _ = built(tmp_path / "fast.db", accounts=150)
    monkeypatch.setattr(
        demo, "insert_rows", lambda connection, table, rows: connection.execute(insert(table), rows)
    )
    core, _ = built(tmp_path / "core.db", accounts=150)
    try:
        assert dump(fast) == dump(core)
    finally:
        fast.close()
        core.close()


def test_summary_matches_the_book_and_reads_well(demo_book):
    book, summary = demo_book
    with book.session() as session:

        def count(table):
            return session.execute(text(f"SELECT count(*) FROM {table}")).scalar()

        assert summary == DemoSummary(
            accounts=ACCOUNTS,
            people=count("people"),
            contacts=count("contacts"),
            timeline_entries=count("timeline_entries"),
            score_snapshots=count("score_snapshots"),
            opportunities=count("opportunities"),
            success_plans=count("success_plans"),
            ctas=count("ctas"),
        )
    assert str(summary).startswith(f"{ACCOUNTS} accounts, {summary.people} people, ")
    assert str(DemoSummary(accounts=2000, timeline_entries=20140)).startswith(
        "2,000 accounts, 0 people, 0 contacts, 20,140 timeline entries"
    )


def test_the_team_is_sized_to_the_book_with_unique_lowercase_emails(demo_book):
    book, _ = demo_book
    with book.session() as session:
        people = session.scalars(select(Person)).all()
    roles = Counter(p.role for p in people)
    assert roles == {
        PersonRole.CS_LEADER: 1,
        PersonRole.CSM: 3,
        PersonRole.RE_MANAGER: 2,
        PersonRole.AE: 2,
    }
    emails = [p.email for p in people]
    assert len(set(emails)) == len(emails)
    assert all(e == e.lower() and e.endswith("@example.com") for e in emails)


def test_accounts_look_like_a_book(demo_book):
    book, _ = demo_book
    with book.session() as session:
        accounts = session.scalars(select(Account)).all()
    earliest, latest = TODAY - relativedelta(months=6), TODAY + relativedelta(months=18)
    assert all(earliest <= a.renewal_date <= latest for a in accounts)
    assert all(
        a.renewal_date - relativedelta(months=a.term_months) == a.contract_start for a in accounts
    )
    assert all(a.contract_start <= TODAY and a.term_months in (12, 24, 36) for a in accounts)
    assert all(a.arr_cents % 100 == 0 for a in accounts)  # whole dollars
    assert len({a.external_id for a in accounts}) == ACCOUNTS
    segments = Counter(a.segment for a in accounts)
    assert 4 <= segments[Segment.STRATEGIC] <= 12
    assert segments[Segment.LOW_TOUCH] > segments[Segment.HIGH_TOUCH] > 0
    strategic_floor = min(a.arr_cents for a in accounts if a.segment == Segment.STRATEGIC)
    assert all(a.arr_cents < strategic_floor for a in accounts if a.segment != Segment.STRATEGIC)
    bands = Counter(band(a.health) for a in accounts)
    assert 0.45 < bands["green"] / ACCOUNTS < 0.75
    assert 0.05 < bands["red"] / ACCOUNTS < 0.25
    assert any(a.status == "churned" for a in accounts)
    assert all(a.created_at.date() <= TODAY and a.updated_at.date() == TODAY for a in accounts)


def test_about_ten_timeline_entries_per_account(demo_book):
    _, summary = demo_book
    assert 8 <= summary.timeline_entries / ACCOUNTS <= 12


def test_every_opportunity_kind_is_there(demo_book):
    book, _ = demo_book
    with book.session() as session:
        kinds = set(session.execute(text("SELECT DISTINCT kind FROM opportunities")).scalars())
    assert kinds == {kind.value for kind in OpportunityKind}


def test_strategic_accounts_have_the_override_and_their_ae_owns_the_renewal(demo_book):
    book, _ = demo_book
    with book.session() as session:
        strategic = session.scalars(
            select(Account).where(Account.segment == Segment.STRATEGIC)
        ).all()
        assert strategic
        for account in strategic:
            assert raci.account_overrides(session, account.id).keys() == STRATEGIC_ACCOUNT.keys()
            assert raci.accountable_for(session, "renewal", account).id == account.ae_id


def test_health_cache_is_the_overall_health_of_the_latest_scores(demo_book):
    book, _ = demo_book
    with book.session() as session:
        weights = category_weights(session)
        snapshots = session.execute(
            select(
                ScoreSnapshot.account_id, ScoreSnapshot.category_id, ScoreSnapshot.score
            ).order_by(ScoreSnapshot.measured_on, ScoreSnapshot.id)
        ).all()
        latest: dict[int, dict[int, int]] = {}
        for account_id, category_id, score in snapshots:
            latest.setdefault(account_id, {})[category_id] = score
        health = dict(session.execute(select(Account.id, Account.health)).all())
    assert all(len(scores) == 8 for scores in latest.values())
    for account_id in list(health)[::7]:
        assert health[account_id] == overall_health(latest[account_id], weights)


def test_plans_cover_every_high_touch_account_with_the_standard_milestones(demo_book):
    book, _ = demo_book
    with book.session() as session:
        planned = set(session.scalars(select(SuccessPlan.account_id)))
        high_touch = set(
            session.scalars(select(Account.id).where(Account.segment != Segment.LOW_TOUCH))
        )
        milestones = Counter(session.scalars(select(Milestone.name)))
    assert high_touch <= planned
    assert set(milestones) == {
        "Strategy Session held",
        "Onboarding complete",
        "First value",
        "EBR held",
    }


def test_manual_ctas_are_open_and_owned(demo_book):
    book, summary = demo_book
    with book.session() as session:
        rows = session.execute(text("SELECT status, source, dedupe_key, owner_id FROM ctas")).all()
    assert 4 <= summary.ctas <= 35
    assert {(r.status, r.source, r.dedupe_key) for r in rows} == {("open", "manual", None)}
    assert all(r.owner_id for r in rows)


def test_every_reference_points_at_a_row(demo_book):
    book, _ = demo_book
    with book.session() as session:
        assert dangling_references(session) == []


def test_a_book_with_accounts_is_refused_untouched(book):
    build_demo(book, accounts=20, today=TODAY)
    before = dump(book)
    with pytest.raises(DemoError, match="already has accounts"):
        build_demo(book, accounts=20, today=TODAY)
    assert dump(book) == before


def test_no_accounts_is_refused(book):
    with pytest.raises(DemoError):
        build_demo(book, accounts=0, today=TODAY)


def test_people_already_in_the_book_are_kept(book):
    with book.writing() as session:
        session.add(Person(name="Me", email="me@example.com", role=PersonRole.CSM))
    build_demo(book, accounts=50, today=TODAY)
    with book.session() as session:
        assert session.scalar(select(Person.name).where(Person.id == 1)) == "Me"
        assert dangling_references(session) == []


def test_progress_counts_accounts_up_to_the_total(book, monkeypatch):
    monkeypatch.setattr(demo, "CHUNK_ACCOUNTS", 40)
    calls = []
    build_demo(
        book, accounts=100, today=TODAY, progress=lambda done, total: calls.append((done, total))
    )
    assert calls == [(40, 100), (80, 100), (100, 100)]
