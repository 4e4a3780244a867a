"""A QApplication for commands that only draw (PDFs, PNGs), with or without a display.

Qt is imported when the application is asked for, so importing this module stays quick."""

from __future__ import annotations

import os
import sys

_made: list = []  # the QApplication a command made, kept alive until the process ends


def ensure_app():
    """A QApplication to lay out and draw with: the running one, or a new one (drawing
    offscreen when there is no display to draw on)."""
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if sys.platform.startswith("linux") and headless:
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _made.append(QApplication(sys.argv[:1]))
    return QApplication.instance()
