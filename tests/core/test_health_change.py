"""Health moves only when health moved: the change between two days compares the same
scored categories then and now, and the "Health fell" alert, the scorecard (the brief's
and the Customer360's change) and ``account --json`` all read it from one function."""

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from cswork.alerts import scan
from cswork.enums import CtaType, Priority
from cswork.health import health_change
from cswork.models import Cta, ScoreCategory
from cswork.scorecard import record_scores, scorecard, set_categories
from main import main
from tests.conftest import TODAY
from tests.factories import add_account, add_people

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
A, B = date(2026, 10, 24), date(2026, 11, 23)  # thirty days ago, and today
EVEN = {1: 100, 2: 100, 3: 100}  # equal weights, in basis points


# -- the function ----------------------------------------------------------------------
def test_a_category_first_scored_after_the_start_is_neither_a_fall_nor_a_rise():
    rows = [(1, 90, A - timedelta(days=10)), (2, 30, A + timedelta(days=5))]
    change = health_change(rows, EVEN, A, B)
    # Overall health went 90 -> 60 only because support joined the mean.
    assert (change.then, change.now, change.points) == (90, 90, 0)
    assert change.compared == (1,) and change.new == (2,)
    assert change.falls() == []


def test_a_real_fall_is_counted_over_the_categories_scored_then():
    rows = [
        (1, 90, A - timedelta(days=40)),
        (2, 70, A - timedelta(days=40)),
        (1, 50, A + timedelta(days=20)),  # adoption fell
        (3, 100, A + timedelta(days=25)),  # sentiment first scored: left out
    ]
    change = health_change(rows, EVEN, A, B)
    assert (change.then, change.now, change.points) == (80, 60, -20)
    assert change.scores_then == {1: 90, 2: 70} and change.scores_now == {1: 50, 2: 70}
    assert change.new == (3,)
    assert change.falls() == [(1, 90, 50)]


def test_each_day_takes_each_categorys_latest_score_up_to_it():
    rows = [
        (1, 40, A - timedelta(days=60)),
        (1, 80, A),  # on the start day itself: "then"
        (1, 70, A + timedelta(days=3)),
        (1, 60, B),  # today: "now"
        (1, 10, B + timedelta(days=1)),  # after today: not yet
    ]
    change = health_change(rows, EVEN, A, B)
    assert (change.then, change.now) == (80, 60)


def test_scores_of_one_day_keep_the_order_they_were_recorded_in():
    day = A - timedelta(days=5)
    assert health_change([(1, 20, day), (1, 70, day)], EVEN, A, B).then == 70
    assert health_change([(1, 70, day), (1, 20, day)], EVEN, A, B).then == 20


def test_nothing_comparable_is_none_not_zero():
    assert health_change([], EVEN, A, B).points is None
    first_scored_lately = health_change([(1, 30, A + timedelta(days=1))], EVEN, A, B)
    assert first_scored_lately.points is None and first_scored_lately.new == (1,)
    # A category without weight counts for nothing on either side.
    unweighted = health_change([(1, 30, A - timedelta(days=1))], {1: 0}, A, B)
    assert unweighted.points is None and unweighted.compared == (1,)


def test_weights_renormalise_over_the_compared_categories():
    rows = [(1, 100, A), (2, 0, A), (1, 50, B), (3, 0, B)]
    change = health_change(rows, {1: 3000, 2: 1000, 3: 6000}, A, B)
    # then (3 x 100 + 1 x 0) / 4 = 75, now (3 x 50 + 1 x 0) / 4 = 37.5 -> 38
    assert (change.then, change.now, change.points) == (75, 38, -37)


def test_a_change_runs_forward_in_time():
    with pytest.raises(ValueError, match="2026-11-23 is after 2026-10-24"):
        health_change([], EVEN, B, A)


# -- the three faces on a book -----------------------------------------------------------
@pytest.fixture
def people(book):
    return add_people(book)


def new_account(book, people, external_id):
    return add_account(
        book,
        TODAY,
        300,
        external_id=external_id,
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )


def score(book, account_id, day, **by_position):
    with book.writing() as session:
        ids = list(session.scalars(select(ScoreCategory.id).order_by(ScoreCategory.position)))
        record_scores(
            session,
            account_id,
            {ids[int(k[1:])]: (v, None) for k, v in by_position.items()},
            day,
            None,
            NOW,
        )


def drops(book):
    with book.session() as session:
        return list(
            session.scalars(
                select(Cta).where(Cta.type == CtaType.RISK, Cta.dedupe_key.like("risk-drop:%"))
            )
        )


def faces(book, book_path, capsys, account_id, external_id):
    """The change as the scorecard (the brief's and the Customer360's) and ``account
    --json`` give it."""
    with book.session() as session:
        card = scorecard(session, account_id, TODAY)
    code = main(
        ["account", external_id, "--db", str(book_path), "--as-of", TODAY.isoformat(), "--json"]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    return card, data


def test_a_first_support_score_raises_no_alarm_and_every_face_says_no_change(
    book, book_path, people, capsys
):
    account = new_account(book, people, "FIRST")
    score(book, account, TODAY - timedelta(days=40), c0=90)  # adoption
    score(book, account, TODAY - timedelta(days=5), c1=30)  # support, its first score
    scan(book, TODAY)
    assert drops(book) == []  # was "Health fell 30 points within 30 days"
    card, data = faces(book, book_path, capsys, account, "FIRST")
    assert card.health == 60  # (90 + 30) / 2: the health itself is what it is
    assert card.change_points == 0 and data["change_30_days"] == 0
    assert data["health_change"] == {
        "since": (TODAY - timedelta(days=30)).isoformat(),
        "points": 0,
        "then": 90,
        "now": 90,
        "compared": ["Product adoption"],
        "first_scored_since": ["Support & escalations"],
    }
    assert "Support & escalations first scored since" in card.explanation


def test_both_first_scores_within_the_window_raise_nothing(book, people):
    account = new_account(book, people, "NEW")
    score(book, account, TODAY - timedelta(days=20), c0=90)
    score(book, account, TODAY - timedelta(days=10), c1=30)
    scan(book, TODAY)
    assert drops(book) == []
    with book.session() as session:
        assert scorecard(session, account, TODAY).change_points is None  # nothing to compare


def test_a_real_fall_raises_the_cta_and_the_faces_give_the_same_points(
    book, book_path, people, capsys
):
    account = new_account(book, people, "FALLS")
    score(book, account, TODAY - timedelta(days=40), c0=90, c1=70)
    score(book, account, TODAY - timedelta(days=10), c0=50)  # adoption 90 -> 50
    scan(book, TODAY)
    [cta] = drops(book)
    # The same key and words as ever for an ordinary fall.
    assert cta.dedupe_key == f"risk-drop:{account}:{(TODAY - timedelta(days=10)).isoformat()}"
    assert cta.reason == (
        "Health fell 20 points within 30 days, from 80 to 60: Product adoption 90→50."
    )
    assert cta.priority == Priority.HIGH
    card, data = faces(book, book_path, capsys, account, "FALLS")
    assert card.change_points == -20 and data["change_30_days"] == -20
    assert data["health_change"]["compared"] == ["Product adoption", "Support & escalations"]
    assert data["health_change"]["first_scored_since"] == []


def test_a_fall_beside_a_new_and_an_unweighted_category(book, book_path, people, capsys):
    """Adoption falls 90 -> 40 while sentiment is first scored at 100 (which would hide
    the fall) and support loses its weight (dropped from the scorecard)."""
    account = new_account(book, people, "MIX")
    score(book, account, TODAY - timedelta(days=60), c0=90, c1=10, c3=70)
    score(book, account, TODAY - timedelta(days=8), c0=40, c2=100)
    with book.writing() as session:
        cats = list(session.scalars(select(ScoreCategory).order_by(ScoreCategory.position)))
        weights = {c.id: 1250 for c in cats}
        weights[cats[1].id] = 0  # support no longer counts
        weights[cats[4].id] = 2500  # its weight goes elsewhere
        set_categories(session, {}, weights)
    scan(book, TODAY)
    [cta] = drops(book)
    # then (90 + 70) / 2 = 80, now (40 + 70) / 2 = 55; all of today's health is
    # (40 + 100 + 70) / 3 = 70, only 10 below 80, yet adoption lost 50 points.
    assert cta.reason.startswith("Health fell 25 points within 30 days, from 80 to 55")
    card, data = faces(book, book_path, capsys, account, "MIX")
    assert card.health == 70
    assert card.change_points == -25 and data["change_30_days"] == -25
    assert data["health_change"]["first_scored_since"] == ["Sentiment (NPS/CSAT)"]


def test_the_alert_and_the_faces_agree_on_a_rise_too(book, people):
    account = new_account(book, people, "RISES")
    score(book, account, TODAY - timedelta(days=40), c0=50, c1=50)
    score(book, account, TODAY - timedelta(days=3), c0=90, c2=10)  # a new low category
    scan(book, TODAY)
    assert drops(book) == []  # overall health went 50 -> 50, but nothing fell
    with book.session() as session:
        assert scorecard(session, account, TODAY).change_points == 20


def test_the_faces_follow_the_alert_s_window(book, book_path, people, capsys):
    """With the window set to 14 days, a fall 20 days ago is outside it for the alert
    and for the faces alike: no CTA, and the Customer360 says no change in 14 days."""
    from cswork.settings import set_setting

    with book.writing() as session:
        set_setting(session, "health_drop_window_days", 14)
    account = new_account(book, people, "WINDOW")
    score(book, account, TODAY - timedelta(days=40), c0=90, c1=70)
    score(book, account, TODAY - timedelta(days=20), c0=50)
    scan(book, TODAY)
    assert drops(book) == []
    card, data = faces(book, book_path, capsys, account, "WINDOW")
    assert (card.change_points, card.change_span) == (0, "in 14 days")
    assert data["health_change"]["since"] == (TODAY - timedelta(days=14)).isoformat()
