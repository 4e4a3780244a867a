"""The tray message for new CTAs: one message, high-priority ones only, none without a tray."""

from dataclasses import dataclass

from ui.shell.notify import new_cta_message, notify_new_ctas


@dataclass
class Raised:
    account_name: str
    type: str
    priority: str


class FakeTray:
    def __init__(self):
        self.shown = []

    def showMessage(self, title, text, *_rest):
        self.shown.append((title, text))


RAISED = [
    Raised("Acme Corp", "renewal", "high"),
    Raised("Beta Labs", "risk", "medium"),
    Raised("Cobalt Systems", "risk", "high"),
    Raised("Delta Inc", "renewal", "high"),
    Raised("Echo Ltd", "lifecycle", "high"),
]


def test_one_message_names_the_high_priority_ones():
    title, text = new_cta_message(RAISED)
    assert title == "4 new high-priority CTAs"
    assert text.startswith("Acme Corp renewal, Cobalt Systems risk, Delta Inc renewal, and 1 more")
    assert new_cta_message([RAISED[0]])[0] == "1 new high-priority CTA"


def test_nothing_is_shown_for_medium_ones_or_without_a_tray():
    tray = FakeTray()
    assert not notify_new_ctas(tray, [RAISED[1]], tray_available=lambda: True)
    assert not notify_new_ctas(tray, RAISED, tray_available=lambda: False)
    assert not notify_new_ctas(None, RAISED, tray_available=lambda: True)
    assert tray.shown == []
    assert notify_new_ctas(tray, RAISED, tray_available=lambda: True)
    assert len(tray.shown) == 1


def test_the_window_makes_no_tray_offscreen(book, make_window):
    win = make_window(book)
    assert not win.notify_new_ctas(RAISED)
    assert win._tray is None
