"""How things look: band colours, small icons, date and money text for the screen.

Colour means something here (health bands, priorities, overdue); it is not decoration."""

from __future__ import annotations

from datetime import date
from functools import cache

from PySide6.QtCore import (
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPixmap,
)

BAND_COLOURS = {"red": "#d64545", "yellow": "#e0a020", "green": "#2f9e5b"}
BAND_LABELS = {"red": "Red", "yellow": "Yellow", "green": "Green"}
PRIORITY_COLOURS = {"high": "#d64545", "medium": "#e0a020", "low": "#8a94a6"}
OVERDUE_COLOUR = "#c0392b"
MUTED_COLOUR = "#7a8291"


@cache
def dot_icon(colour: str, size: int = 10) -> QIcon:
    """A filled circle, for a band or a priority beside its number or word."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(colour))
    painter.drawEllipse(0, 0, size - 1, size - 1)
    painter.end()
    return QIcon(pixmap)


def release_cached_pixmaps() -> None:
    """Drop cached icons before the QApplication goes: a pixmap that outlives it can
    crash the interpreter on exit."""
    dot_icon.cache_clear()


def band_icon(band: str | None) -> QIcon | None:
    return dot_icon(BAND_COLOURS[band]) if band else None


def day_text(day: date | None) -> str:
    """'22 Nov 2026': readable and unambiguous in every country."""
    return "" if day is None else day.strftime("%d %b %Y").lstrip("0")


def days_to_go_text(days: int | None) -> str:
    """'45', 'today', or '−12' (shown in red: the date has passed)."""
    if days is None:
        return ""
    if days == 0:
        return "today"
    return f"−{-days}" if days < 0 else str(days)


NO_MARK = "#00000000"  # a transparent dot: names line up whether or not a row is marked
