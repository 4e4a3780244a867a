"""A sparkline of the account's health: a small chart painted by hand, no chart library."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from cswork.health import RED_MAX, YELLOW_MAX, band
from ui.kit.look import BAND_COLOURS, day_text


class Sparkline(QWidget):
    """Health over the last ``days`` days as a step line (a day's scores set the health
    until the next change), scaled to the values shown (a fall of 7 points is visible),
    with dotted guides at the band edges in range and the latest point in its band's
    colour."""

    MIN_SPAN = 20  # points of health the height covers at least

    def __init__(self, days: int = 90, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days = days
        self.points: list[tuple[date, int]] = []
        self.today = date.today()
        self.setMinimumSize(120, 36)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(260, 52)

    def set_trend(self, points: list[tuple[date, int]], today: date) -> None:
        self.points, self.today = list(points), today
        if points:
            (first_day, first), (_, last) = points[0], points[-1]
            tip = f"Health over the last {self.days} days: {first} on {day_text(first_day)}"
            tip += f", {last} now" if len(points) > 1 else ", unchanged since"
        else:
            tip = f"No scores in the last {self.days} days"
        self.setToolTip(tip)
        self.setAccessibleName(tip)
        self.update()

    def value_range(self) -> tuple[float, float]:
        """The health at the bottom and at the top: the values shown, widened to at
        least ``MIN_SPAN`` points and kept within 0-100."""
        if not self.points:
            return 0.0, 100.0
        values = [health for _, health in self.points]
        low, high = min(values), max(values)
        middle = (low + high) / 2
        low, high = min(low, middle - self.MIN_SPAN / 2), max(high, middle + self.MIN_SPAN / 2)
        if low < 0:
            low, high = 0.0, high - low
        if high > 100:
            low, high = low - (high - 100), 100.0
        return max(low, 0.0), high

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(4, 4, -5, -4)  # room for the end dot
        start = self.today - timedelta(days=self.days)
        low, high = self.value_range()

        def at(day: date, health: float) -> QPointF:
            share = min(max((day - start).days / self.days, 0.0), 1.0)
            height = (health - low) / (high - low)
            return QPointF(
                area.left() + area.width() * share, area.bottom() - area.height() * height
            )

        guide = QPen(self.palette().color(QPalette.ColorRole.Mid), 1, Qt.PenStyle.DotLine)
        painter.setPen(guide)
        for edge in (RED_MAX, YELLOW_MAX):
            if low < edge < high:
                y = at(start, edge).y()
                painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
        if not self.points:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "no scores yet")
            painter.end()
            return

        path = QPainterPath(at(*self.points[0]))
        previous = self.points[0][1]
        for day, health in self.points[1:]:
            path.lineTo(at(day, previous))
            path.lineTo(at(day, health))
            previous = health
        end = at(self.today, previous)
        path.lineTo(end)
        line = QPen(self.palette().color(QPalette.ColorRole.Text), 1.6)
        line.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(line)
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BAND_COLOURS[band(previous)]))
        painter.drawEllipse(end, 3.5, 3.5)
        painter.end()
