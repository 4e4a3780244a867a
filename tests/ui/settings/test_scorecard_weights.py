"""Settings ▸ Scorecard: weights that do not add up to 100 % cannot be saved; saved
weights recompute every account's health and the book shows it."""

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from cswork.health import categories
from cswork.models import Account
from cswork.scorecard import record_scores
from cswork.seed import SCORE_CATEGORIES
from tests.conftest import TODAY
from tests.factories import add_account, add_people

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.fixture
def setup(qtbot, book, make_window):
    """Acme scored 20 on the first category and 100 on the second: health 60."""
    people = add_people(book)
    account_id = add_account(book, TODAY, 60, name="Acme Corp", csm_id=people["csm"])
    with book.session() as session:
        ids = [c.id for c in categories(session)]
    with book.writing() as session:
        record_scores(
            session, account_id, {ids[0]: (20, None), ids[1]: (100, None)}, TODAY, None, NOW
        )
    win = make_window(book, people["csm"])
    with qtbot.waitSignal(win.book_loaded, timeout=5000):
        win.reload_book()
    win.go_to("Settings")
    return win, win.settings_page.categories, ids, account_id


def save_adoption_weighted_20_and_support_5(qtbot, win, weights, ids):
    """Acme's health becomes (20 x 20 + 100 x 5) / 25 = 36."""
    weights.weights[ids[0]].setValue(20)
    weights.weights[ids[1]].setValue(5)
    weights.names[ids[0]].setText("Adoption")
    weights.validate()
    with qtbot.waitSignals([weights.saved, win.book_loaded], timeout=5000):
        weights.save.click()


def health_of(book, account_id):
    with book.session() as session:
        return session.get(Account, account_id).health


def test_the_section_shows_the_books_categories(setup):
    _, weights, ids, _ = setup
    assert [weights.names[i].text() for i in ids] == [name for _, name in SCORE_CATEGORIES]
    assert weights.weights[ids[0]].text() == "12.5 %"
    assert weights.total.text() == "100 %"
    assert not weights.save.isEnabled()


def test_weights_that_do_not_add_up_cannot_be_saved(qtbot, setup):
    _, weights, ids, _ = setup
    box = weights.weights[ids[0]]
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "20")
    assert weights.total.text() == "107.5 %"
    assert weights.message.text() == (
        "Weights must add up to 100%; they add up to 107.5%. Take 7.5 % off."
    )
    assert not weights.save.isEnabled()
    weights.weights[ids[1]].setValue(5)
    assert weights.total.text() == "100 %"
    assert weights.message.text() == ""
    assert weights.save.isEnabled()
    weights.names[ids[2]].setText(" ")
    weights.validate()
    assert weights.message.text() == "Every category needs a name."
    assert not weights.save.isEnabled()


def test_saved_weights_change_the_books_health(qtbot, setup, book):
    win, weights, ids, account_id = setup
    assert health_of(book, account_id) == 60
    save_adoption_weighted_20_and_support_5(qtbot, win, weights, ids)
    assert health_of(book, account_id) == 36  # (20 x 20 + 100 x 5) / 25
    [row] = [row for row in win.book_model.rows() if row.id == account_id]
    assert row.health == 36  # the book view read it again
    with book.session() as session:
        stored = categories(session)
    assert (stored[0].name, stored[0].weight_bp, stored[1].weight_bp) == ("Adoption", 2000, 500)
    assert not weights.save.isEnabled()
    assert "recomputed" in weights.state.text()


def test_restore_defaults_puts_the_names_and_weights_back(setup):
    _, weights, ids, _ = setup
    weights.names[ids[3]].setText("Sponsor")
    weights.weights[ids[3]].setValue(40)
    weights.restore_defaults()
    assert weights.names[ids[3]].text() == "Executive sponsor engagement"
    assert weights.weights[ids[3]].value() == 12.5
    assert not weights.save.isEnabled()  # what the book holds already


def test_decimals_are_typed_as_percent(qtbot, setup):
    _, weights, ids, _ = setup
    box = weights.weights[ids[0]]
    box.lineEdit().selectAll()
    qtbot.keyClicks(box, "10.25")
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert weights.edited_weights()[ids[0]] == 1025
    assert weights.total.text() == "97.75 %"


def test_undoing_new_weights_puts_the_books_health_back(qtbot, setup, book):
    win, weights, ids, account_id = setup
    save_adoption_weighted_20_and_support_5(qtbot, win, weights, ids)
    assert health_of(book, account_id) == 36

    with qtbot.waitSignals([weights.saved, win.book_loaded], timeout=5000):
        win.undo_stack.undo()

    assert health_of(book, account_id) == 60
    [row] = [row for row in win.book_model.rows() if row.id == account_id]
    assert row.health == 60
    assert weights.names[ids[0]].text() == SCORE_CATEGORIES[0][1]
    assert weights.weights[ids[0]].text() == "12.5 %"
