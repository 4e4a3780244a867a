"""Settings ▸ Alerts: a bad value is explained beside its field and cannot be saved."""

import pytest
from PySide6.QtCore import Qt

from cswork.settings import DEFAULTS, get_setting
from tests.factories import add_people


@pytest.fixture
def alerts(book, make_window):
    people = add_people(book)
    win = make_window(book, people["csm"])
    win.go_to("Settings")
    return win.settings_page.alerts


def type_into(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_the_section_shows_the_books_settings(alerts):
    assert alerts.fields["renewal_lead_days"].edit.text() == "90"
    assert alerts.fields["silence_days_high_touch"].spin.value() == 45
    assert alerts.fields["working_days"].value() == [0, 1, 2, 3, 4]
    assert not alerts.save.isEnabled()  # nothing changed yet


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("90, abc", "'abc' is not a whole number of days"),
        ("0", "must be a whole number from 1 to 730"),
        ("90, 90", "each lead time once"),
        ("", "give at least one lead time in days, e.g. 120, 90, 30"),
    ],
)
def test_a_bad_lead_time_is_explained_and_cannot_be_saved(qtbot, alerts, typed, message):
    type_into(qtbot, alerts.fields["renewal_lead_days"].edit, typed)
    assert alerts.messages["renewal_lead_days"].text() == message
    assert not alerts.save.isEnabled()


def test_a_zero_day_silence_is_refused(qtbot, alerts):
    alerts.fields["silence_days_low_touch"].spin.setValue(0)
    assert (
        alerts.messages["silence_days_low_touch"].text() == "must be a whole number from 1 to 365"
    )
    assert not alerts.save.isEnabled()
    alerts.fields["silence_days_low_touch"].spin.setValue(60)
    assert alerts.messages["silence_days_low_touch"].text() == ""
    assert alerts.save.isEnabled()


def test_no_working_day_is_refused(alerts):
    for box in alerts.fields["working_days"].boxes:
        box.setChecked(False)
    assert alerts.messages["working_days"].text() == "pick at least one working day"
    assert not alerts.save.isEnabled()


def test_good_values_are_saved_and_read_back(qtbot, alerts, book):
    type_into(qtbot, alerts.fields["renewal_lead_days"].edit, "30, 120, 90")
    alerts.fields["health_drop_points"].spin.setValue(20)
    alerts.fields["working_days"].boxes[5].setChecked(True)  # Saturday
    holidays = alerts.fields["holidays"]
    holidays.day.setDate(holidays.day.date().addDays(32))
    holidays._add()
    assert alerts.save.isEnabled()
    with qtbot.waitSignal(alerts.saved, timeout=5000):
        alerts.save.click()
    with book.session() as session:
        assert get_setting(session, "renewal_lead_days") == [120, 90, 30]
        assert get_setting(session, "health_drop_points") == 20
        assert get_setting(session, "working_days") == [0, 1, 2, 3, 4, 5]
        assert get_setting(session, "holidays") == ["2026-12-25"]
    assert alerts.fields["renewal_lead_days"].edit.text() == "120, 90, 30"
    assert not alerts.save.isEnabled()


def test_restore_defaults_puts_a_section_back(qtbot, alerts):
    alerts.fields["ebr_interval_days"].spin.setValue(90)
    alerts.fields["health_drop_points"].spin.setValue(0)
    alerts.restore_defaults(["ebr_interval_days", "health_drop_points"])
    assert alerts.fields["ebr_interval_days"].value() == DEFAULTS["ebr_interval_days"]
    assert alerts.messages["health_drop_points"].text() == ""
    assert not alerts.save.isEnabled()  # back to what the book holds


def test_a_save_is_undone_and_redone_from_the_edit_menu(qtbot, alerts, book):
    window = alerts.window()
    alerts.fields["health_drop_points"].spin.setValue(20)
    with qtbot.waitSignal(alerts.saved, timeout=5000):
        alerts.save.click()

    with qtbot.waitSignal(alerts.saved, timeout=5000):
        window.undo_stack.undo()
    with book.session() as session:
        assert get_setting(session, "health_drop_points") == DEFAULTS["health_drop_points"]
    assert alerts.fields["health_drop_points"].spin.value() == DEFAULTS["health_drop_points"]

    with qtbot.waitSignal(alerts.saved, timeout=5000):
        window.undo_stack.redo()
    with book.session() as session:
        assert get_setting(session, "health_drop_points") == 20
