"""The schedule raising CTAs into the task pane, from its own thread."""

from datetime import timedelta

import pytest

from cswork.alerts.elsewhere import ScanReport
from tests.conftest import TODAY
from tests.factories import add_account, add_people


@pytest.fixture
def window(book, make_window):
    people = add_people(book)
    add_account(
        book,
        TODAY,
        45,
        external_id="SOON",
        name="Renews Soon",
        entered_book_on=TODAY,  # just imported: no silence or lifecycle alerts yet
        csm_id=people["csm"],
        re_manager_id=people["re"],
        ae_id=people["ae"],
    )
    return make_window(book, people["re"], refresh=True)


def test_the_start_up_scan_raises_ctas_into_the_task_pane(qtbot, window):
    assert window.task_pane.model.count() == 0
    with qtbot.waitSignal(window.scan_finished, timeout=10_000) as finished:
        window.start_alerts(clock=lambda: TODAY)
    report = finished.args[0]  # the scan ran in a child process
    assert len(report.raised_ids) == 1 and report.today == TODAY
    qtbot.waitUntil(lambda: window.task_pane.model.count() == 1, timeout=5000)
    assert "1 open CTA" in window.windowTitle()
    qtbot.waitUntil(lambda: window.book_model.index_now.open_ctas[0] == 1, timeout=5000)


def test_closing_the_window_stops_the_schedule(qtbot, window):
    with qtbot.waitSignal(window.scan_finished, timeout=10_000):
        schedule = window.start_alerts(clock=lambda: TODAY)
    window.close()
    assert not schedule._scheduler.running


def test_the_window_follows_the_date_when_a_scan_runs_after_midnight(qtbot, window):
    tomorrow = TODAY + timedelta(days=1)
    window._scan_finished((ScanReport(tomorrow, [], 0, 0, 0, 0.0), []))
    assert window.today == tomorrow
    assert window.book_model.today == tomorrow
    assert window.task_pane.model.today == tomorrow
    assert window.cta_actions.today == tomorrow
