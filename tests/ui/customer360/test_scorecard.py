"""The Customer360's scorecard tab: recording a score, its undo, and the trend chart."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import func, select

from cswork.models import Account, ScoreSnapshot
from tests.conftest import TODAY
from tests.ui.customer360.test_plan import planned_book, window  # noqa: F401 (fixtures)
from ui.book.model import COLUMN_KEYS
from ui.customer360.scorecard.model import ScoreModel
from ui.kit.look import BAND_COLOURS
from ui.kit.sparkline import Sparkline


def open_scorecard(win, account_id):
    win.open_account(account_id)
    c360 = win.customer360
    c360.tabs.setCurrentWidget(c360.scores)
    return c360.scores


def book_health(win, account_id):
    model = win.book_model
    row = model.row_of_account(account_id)
    return model.data(model.index(row, COLUMN_KEYS.index("health")))


def stored(book, account_id):
    with book.session() as session:
        snapshots = session.scalar(
            select(func.count()).where(ScoreSnapshot.account_id == account_id)
        )
        return snapshots, session.get(Account, account_id).health


def test_score_model_passes_the_model_tester(qtmodeltester, window, planned_book):
    scores = open_scorecard(window, planned_book[2]["acme"])
    assert scores.model.rowCount() == 8
    qtmodeltester.check(scores.model)
    qtmodeltester.check(ScoreModel())


def test_recording_a_score_updates_the_tab_header_and_book_and_undo_takes_it_back(
    qtbot,
    window,
    planned_book,
):
    book, _, ids = planned_book
    acme = ids["acme"]
    scores = open_scorecard(window, acme)
    assert stored(book, acme) == (9, 75)
    assert book_health(window, acme) == "75"
    assert scores.health.text() == "75"

    scores.table.setCurrentIndex(scores.model.index(1, 0))  # Support & escalations, 80
    [green] = [b for b in scores.findChildren(type(scores.record_button)) if b.text() == "90 Green"]
    green.click()
    qtbot.keyClicks(scores.comment, "No open escalations")
    with qtbot.waitSignal(window.customer360.account_edited, timeout=5000):
        scores.record_button.click()
    assert stored(book, acme) == (10, 76)  # (6*80 + 40 + 90) / 8 = 76.25
    assert scores.health.text() == "76"
    assert scores.model.data(scores.model.index(1, 2)) == "90"
    assert scores.model.data(scores.model.index(1, 4)) == "No open escalations"
    assert window.customer360.health.value.text() == "76"
    assert scores.table.currentIndex().row() == 2  # on to the next category
    qtbot.waitUntil(lambda: book_health(window, acme) == "76")
    assert window.undo_stack.undoText() == "Record Support & escalations score"

    with qtbot.waitSignal(window.customer360.account_edited, timeout=5000):
        window.undo_stack.undo()
    assert stored(book, acme) == (9, 75)
    assert scores.health.text() == "75"
    assert scores.model.data(scores.model.index(1, 2)) == "80"
    assert window.customer360.health.value.text() == "75"
    qtbot.waitUntil(lambda: book_health(window, acme) == "75")


def test_enter_in_the_score_box_records_it(qtbot, window, planned_book):
    book, _, ids = planned_book
    scores = open_scorecard(window, ids["beta"])
    assert scores.health.text() == "—"
    assert scores.score.text() == "—"
    scores.record()
    assert scores.message.text() == "Pick a score from 0 to 100 first."
    scores.score.setFocus()
    qtbot.keyClicks(scores.score, "30")
    with qtbot.waitSignal(window.customer360.account_edited, timeout=5000):
        qtbot.keyClick(scores.score, Qt.Key.Key_Return)
    assert stored(book, ids["beta"]) == (1, 30)
    assert window.customer360.health.detail.text() == "Red"
    assert "Recorded Product adoption: 30" in scores.message.text()


def band_pixels(widget: Sparkline, band: str) -> int:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    colour = QColor(BAND_COLOURS[band])
    return sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if QColor(image.pixel(x, y)) == colour
    )


@pytest.mark.parametrize(
    ("points", "band"),
    [
        ([], None),
        ([(TODAY - timedelta(days=90), 62)], "yellow"),
        ([(TODAY - timedelta(days=90 - 7 * i), 20 + 6 * i) for i in range(12)], "green"),
    ],
)
def test_the_sparkline_paints_no_one_or_many_points(qtbot, points, band):
    line = Sparkline(90)
    qtbot.addWidget(line)
    line.resize(line.sizeHint())
    line.set_trend(points, TODAY)
    line.show()
    if band is None:
        assert "No scores" in line.toolTip()
        assert all(band_pixels(line, b) == 0 for b in BAND_COLOURS)
    else:
        assert band_pixels(line, band) > 0  # the latest point, in its band's colour
        assert str(points[-1][1]) in line.toolTip()


def test_the_sparkline_tolerates_a_point_on_today_only(qtbot):
    line = Sparkline(90)
    qtbot.addWidget(line)
    line.set_trend([(date(2026, 11, 23), 100)], date(2026, 11, 23))
    assert not line.grab().isNull()
