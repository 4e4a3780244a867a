"""Work in a child process (cswork/child.py): the alert scan the window runs there."""

import pytest

from cswork.alerts.elsewhere import scan_in_child
from cswork.child import ChildFailed
from tests.conftest import TODAY
from tests.factories import add_account


def test_a_scan_in_a_child_process_raises_the_ctas_and_reports_them(book):
    add_account(book, TODAY, days_to_renewal=30)

    report = scan_in_child(book.url.render_as_string(hide_password=False), TODAY)

    assert report.today == TODAY
    assert len(report.raised_ids) >= 1 and report.open_count == len(report.raised_ids)
    again = scan_in_child(book.url.render_as_string(hide_password=False), TODAY)
    assert again.raised_ids == []


def test_a_child_that_fails_says_why_in_one_line(tmp_path):
    with pytest.raises(ChildFailed, match=r"^BookError: There is no book at .*missing\.db\.$"):
        scan_in_child(str(tmp_path / "missing.db"), TODAY)
