"""The Customer360's header and scorecard tab and the call-prep brief say the same 30-day
change as the "Health fell" alert: a category scored for the first time is not a fall."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cswork.alerts import scan
from cswork.models import Cta, ScoreCategory
from cswork.scorecard import record_scores
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.brief.view import read_brief

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


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


@pytest.fixture
def scored(book):
    people = add_people(book)
    first = add_account(book, TODAY, 200, external_id="FIRST", csm_id=people["csm"])
    falls = add_account(book, TODAY, 200, external_id="FALLS", csm_id=people["csm"])
    score(book, first, TODAY - timedelta(days=40), c0=90)
    score(book, first, TODAY - timedelta(days=5), c1=30)  # support's first score
    score(book, falls, TODAY - timedelta(days=40), c0=90, c1=70)
    score(book, falls, TODAY - timedelta(days=10), c0=50)  # adoption 90 -> 50
    scan(book, TODAY)
    return people, first, falls


def health_line(html: str) -> str:
    """The brief's health line, as text."""
    start = html.index("<h2>Health</h2>")
    return re.sub(r"<[^>]+>", "", html[start : html.index("</p>", start)])


def drop_reasons(book) -> dict[int, str]:
    with book.session() as session:
        ctas = session.scalars(select(Cta).where(Cta.dedupe_key.like("risk-drop:%")))
        return {cta.account_id: cta.reason for cta in ctas}


def test_a_first_score_is_no_change_on_every_face(book, scored, make_window):
    people, first, falls = scored
    assert list(drop_reasons(book)) == [falls]  # no alarm for the first support score
    win = make_window(book, people["csm"], refresh=True)
    win.open_account(first)
    c360 = win.customer360
    assert c360.health.value.text() == "60"
    assert c360.health.detail.text() == "Yellow · no change in 30 days"
    assert c360.scores.change.text() == "no change in 30 days"
    assert "Support & escalations first scored since" in c360.scores.explanation.text()
    line = health_line(read_brief(book, first, TODAY).html)
    assert "no change in 30 days (Support &amp; escalations first scored since)" in line


def test_a_real_fall_is_the_alerts_number_on_every_face(book, scored, make_window):
    people, _, falls = scored
    assert drop_reasons(book)[falls].startswith("Health fell 20 points within 30 days")
    win = make_window(book, people["csm"], refresh=True)
    win.open_account(falls)
    c360 = win.customer360
    assert c360.health.detail.text() == "Yellow · ▼20 in 30 days"
    assert c360.scores.change.text() == "▼20 in 30 days"
    assert "-20 in 30 days" in health_line(read_brief(book, falls, TODAY).html)
