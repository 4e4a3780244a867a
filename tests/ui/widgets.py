"""Ending a window test cleanly: widgets deleted, background workers stopped."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from ui.kit.background import Workers


def delete_closed_widgets() -> None:
    """Delete now what was handed to ``deleteLater`` (outside an event loop Qt only
    does that when asked for the DeferredDelete events by name). Left alive until
    the next test runs the event loop, they would be restyled by its ``make_app``: a
    whole main window is about 900 widgets, half a second."""
    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def shut_down(workers: Workers) -> None:
    """Wait for the workers' jobs, then delete the workers with any answers still
    queued for the GUI thread, so that none reaches a widget deleted with its test."""
    workers.shutdown()
    if shiboken6.isValid(workers):
        shiboken6.delete(workers)
