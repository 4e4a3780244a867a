from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from cswork.book import BookIndex, ViewContext, jump_matches, load_rows
from cswork.enums import AccountStatus, Segment
from cswork.models import Account, Cta
from cswork.renewals import renewals_within
from tests.conftest import TODAY
from tests.factories import add_account, add_people


def test_renewal_window_boundaries_89_90_91(book):
    for days in (89, 90, 91):
        add_account(book, TODAY, days, external_id=f"D{days}", name=f"Renews in {days}")
    add_account(book, TODAY, 0, external_id="D0", name="Renews today")
    add_account(book, TODAY, -1, external_id="DPAST", name="Renewed yesterday", auto_renew=True)
    add_account(book, TODAY, 30, external_id="GONE", name="Churned", status=AccountStatus.CHURNED)

    with book.session() as session:
        found = renewals_within(session, 90, TODAY)

    assert [r.external_id for r in found] == ["D0", "D89", "D90"]
    assert [r.days_to_renewal for r in found] == [0, 89, 90]


def test_renewals_count_from_the_as_of_date(book):
    add_account(book, TODAY, 100, external_id="LATER")
    with book.session() as session:
        assert renewals_within(session, 90, TODAY) == []
        assert [
            r.external_id for r in renewals_within(session, 90, TODAY + timedelta(days=10))
        ] == ["LATER"]


def test_constraints_reject_bad_rows(book):
    add_account(book, TODAY, external_id="SAME")
    with pytest.raises(IntegrityError):
        add_account(book, TODAY, external_id="SAME")
    with pytest.raises(IntegrityError):
        add_account(book, TODAY, external_id="NEG", arr_cents=-1)
    with pytest.raises(IntegrityError):
        add_account(book, TODAY, external_id="FK", csm_id=999)
    with pytest.raises(IntegrityError), book.writing() as session:  # the CHECK, not only Python
        session.execute(
            text(
                "INSERT INTO accounts (external_id, name, segment, arr_cents, currency, licenses,"
                " licenses_used, auto_renew, status, entered_book_on, created_at, updated_at)"
                " VALUES ('SEG', 'x', 'mid-touch', 0, 'USD', 0, 0, false, 'active', '2026-01-01',"
                " '2026-01-01', '2026-01-01')"
            )
        )
    with book.session() as session:
        assert session.query(Account).count() == 1


def test_money_round_trips_exactly_through_the_book(book):
    account_id = add_account(book, TODAY, arr_cents=123_456_789_012_34)
    with book.session() as session:
        assert session.get(Account, account_id).arr_cents == 123_456_789_012_34


def test_cta_dedupe_key_is_unique(book):
    account_id = add_account(book, TODAY)
    cta = dict(account_id=account_id, type="renewal", reason="r", due_on=TODAY, dedupe_key="k")
    with book.writing() as session:
        session.add(Cta(**cta))
    with pytest.raises(IntegrityError), book.writing() as session:
        session.add(Cta(**cta))


@pytest.fixture
def rows(book):
    people = add_people(book)
    add_account(
        book,
        TODAY,
        30,
        external_id="A",
        name="Acme Corp",
        arr_cents=500_00,
        csm_id=people["csm"],
        health=40,
    )
    add_account(
        book,
        TODAY,
        200,
        external_id="B",
        name="Beta Labs",
        arr_cents=900_00,
        re_manager_id=people["re"],
        health=70,
        segment=Segment.STRATEGIC,
    )
    add_account(
        book,
        TODAY,
        None,
        external_id="C",
        name="Cobalt Acme",
        arr_cents=100_00,
        health=None,
        segment=Segment.LOW_TOUCH,
    )
    with book.session() as session:
        return load_rows(session), people


def test_load_rows_carries_owner_names_and_open_ctas(book, rows):
    loaded, _ = rows
    assert [r.name for r in loaded] == ["Acme Corp", "Beta Labs", "Cobalt Acme"]
    assert loaded[0].csm == "Casey Morgan" and loaded[1].re_manager == "Riley Evans"
    assert loaded[0].renewal_date == TODAY + timedelta(days=30)
    assert all(r.open_ctas == 0 for r in loaded)


def test_saved_views(rows):
    loaded, people = rows
    ctx = ViewContext(today=TODAY, me_id=people["csm"])
    index = BookIndex(loaded)

    def names(view):
        return [loaded[i].name for i in index.view(view, ctx)]

    assert names("All accounts") == ["Acme Corp", "Beta Labs", "Cobalt Acme"]
    assert names("My accounts") == ["Acme Corp"]
    assert names("Renewing in 90 days") == ["Acme Corp"]
    assert names("At risk") == ["Acme Corp", "Beta Labs"]
    assert names("Strategic") == ["Beta Labs"]


def test_quick_filter_matches_name_owner_and_segment(rows):
    loaded, _ = rows
    index = BookIndex(loaded)
    everything = index.select(range(len(loaded)))
    assert index.filter(everything, "acme").rows == [0, 2]
    assert index.filter(everything, "RILEY").rows == [1]
    assert index.filter(everything, "low-touch").rows == [2]
    assert index.filter(everything, "acme casey").rows == [0]
    assert index.filter(everything, "  ").rows == [0, 1, 2]
    narrowed = index.filter(index.select([2, 1, 0]), "a")  # keeps the order it was given
    assert narrowed.rows == [2, 1, 0] and narrowed.texts[0].startswith("cobalt acme")


def test_sorting_puts_missing_values_last_both_ways(rows):
    loaded, _ = rows
    order = list(range(len(loaded)))
    index = BookIndex(loaded)
    assert index.sort(order, "arr") == [2, 0, 1]
    assert index.sort(order, "arr", descending=True) == [1, 0, 2]
    assert index.sort(order, "health") == [0, 1, 2]
    assert index.sort(order, "health", descending=True) == [1, 0, 2]
    assert index.sort(order, "renewal_date", descending=True) == [1, 0, 2]
    assert index.sort([2, 1], "arr") == [2, 1]


def test_jump_matches_prefix_first(rows):
    loaded, _ = rows
    assert [loaded[i].name for i in jump_matches(loaded, "acme")] == ["Acme Corp", "Cobalt Acme"]
    assert jump_matches(loaded, "") == []


def test_churned_accounts_sort_after_renewals_ahead(book):
    add_account(book, TODAY, -30, external_id="LOST", name="Lost", status=AccountStatus.CHURNED)
    add_account(book, TODAY, -5, external_id="LATE", name="Late")
    add_account(book, TODAY, 10, external_id="SOON", name="Soon")
    with book.session() as session:
        index = BookIndex(load_rows(session))
    order = index.sort(range(3), "renewal_date")
    assert [index.rows[i].name for i in order] == ["Late", "Soon", "Lost"]


def test_a_changed_account_replaces_its_row_and_only_its_stale_orders(book):
    ids = [
        add_account(book, TODAY, 10 + n, external_id=f"R{n}", name=f"Acct {n}", health=50 + n)
        for n in range(3)
    ]
    with book.session() as session:
        index = BookIndex(load_rows(session), presort=["health", "name"])
    with book.writing() as session:
        from cswork.models import Account

        session.get(Account, ids[0]).health = 99
    with book.session() as session:
        from cswork.book import load_row

        row = load_row(session, ids[0])
    assert index.replace_row(row) == 0
    assert index.rows[0].health == 99
    assert index.sort(range(3), "health", descending=True)[0] == 0  # re-sorted by new health
    assert "name" in index._orders and "health" in index._orders
