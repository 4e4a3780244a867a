"""Facts about the Qt binding the app relies on (a bad release breaks them)."""

import sys

from PySide6.QtCore import QObject, Signal


class Sender(QObject):
    changed = Signal(object)


def test_emitting_a_signal_keeps_the_interpreter_s_reference_counts(qapp):
    """PySide6 6.12.0 dropped a reference to True on every emit; after some thousands
    of emits the interpreter aborted ("deallocating True")."""
    sender = Sender()
    sender.changed.connect(lambda value: None)
    before = sys.getrefcount(True)
    for _ in range(200):
        sender.changed.emit(None)
    assert abs(sys.getrefcount(True) - before) < 20
