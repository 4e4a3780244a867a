"""The renewals desk's two charts: ARR renewing by month (stacked by health band) and
the renewal forecast by category.

Drawn with pyqtgraph, not Qt Charts: Qt Charts is deprecated since Qt 6.10, and its
successor Qt Graphs needs QtQuick from PySide6-Addons, a large extra download we do not
otherwise need. pyqtgraph is maintained, draws in an ordinary QWidget, and renders
offscreen (for `main.py screens` and the tests). The amounts it plots are floats for
drawing only; every figure written on a chart comes from the exact cents."""

from __future__ import annotations

from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from cswork.enums import ForecastCategory
from cswork.money import format_compact, format_money
from ui.kit.look import BAND_COLOURS, dot_icon

UNSCORED_COLOUR = "#b8bec9"
# Bottom to top: the ARR most at risk sits on the axis, where it is easiest to compare.
STACK = [("red", "Red"), ("yellow", "Yellow"), ("green", "Green"), (None, "Not scored")]
# Most certain first; one hue, darker for more certain (the colour means confidence).
CATEGORIES = [
    (ForecastCategory.CLOSED, "Won", "#2b5d99"),
    (ForecastCategory.COMMIT, "Commit", "#4f83c4"),
    (ForecastCategory.BEST_CASE, "Best case", "#86aede"),
    (ForecastCategory.PIPELINE, "Pipeline", "#b9cfec"),
    (ForecastCategory.OMITTED, "Omitted", "#c9ccd3"),
]

pg.setConfigOptions(antialias=True)


def band_colour(band: str | None) -> str:
    return BAND_COLOURS[band] if band else UNSCORED_COLOUR


def month_labels(months: list[date]) -> list[str]:
    """'Dec ’26', 'Jan ’27', 'Feb', ...: the year where it starts or changes."""
    labels = []
    for number, month in enumerate(months):
        with_year = number == 0 or month.month == 1
        labels.append(month.strftime("%b ’%y") if with_year else month.strftime("%b"))
    return labels


class MoneyAxis(pg.AxisItem):
    """Amounts as people read them on a chart: $850K, $1.2M."""

    def __init__(self, orientation: str, currency: str = "USD") -> None:
        super().__init__(orientation)
        self.currency = currency

    def tickStrings(self, values, scale, spacing):
        return [format_compact(round(value * 100), self.currency) for value in values]


def _plot(parent: QWidget, axes: dict) -> pg.PlotWidget:
    """A still chart in the system's colours: no zooming, panning or context menu."""
    plot = pg.PlotWidget(parent, axisItems=axes)
    palette = parent.palette()
    plot.setBackground(palette.color(QPalette.ColorRole.Base))
    text = palette.color(QPalette.ColorRole.Text)
    font = QFont(parent.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7.5))
    item = plot.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setTextPen(text)
        axis.setPen(QColor(palette.color(QPalette.ColorRole.Mid)))
        axis.setStyle(tickFont=font, tickLength=0)
    item.setMouseEnabled(x=False, y=False)
    item.hideButtons()
    item.setMenuEnabled(False)
    item.showGrid(x=False, y=True, alpha=0.15)
    plot.setMinimumHeight(180)
    return plot


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    return label


def _legend(entries: list[tuple[str, str]]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setSpacing(12)
    for colour, text in entries:
        swatch = QLabel()
        swatch.setPixmap(dot_icon(colour).pixmap(10, 10))
        row.addWidget(swatch)
        row.addWidget(QLabel(text))
    row.addStretch(1)
    return row


class ArrByMonthChart(QWidget):
    """ARR renewing in each of the next 12 months, stacked by health band."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.months: list[tuple[date, dict[str | None, int]]] = []
        self.currency = "USD"
        self.axis = MoneyAxis("left")
        self.plot = _plot(self, {"left": self.axis})
        self.plot.scene().sigMouseMoved.connect(self._hover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(_heading("ARR renewing by month"))
        top.addSpacing(16)
        top.addLayout(_legend([(band_colour(b), text) for b, text in STACK]), 1)
        layout.addLayout(top)
        layout.addWidget(self.plot, 1)

    def set_months(self, months: list[tuple[date, dict[str | None, int]]], currency: str) -> None:
        self.months, self.currency = months, currency
        self.axis.currency = currency
        item = self.plot.getPlotItem()
        item.clear()
        x = list(range(len(months)))
        base = [0.0] * len(months)
        for band, _ in STACK:
            heights = [bands.get(band, 0) / 100 for _, bands in months]
            bars = pg.BarGraphItem(
                x=x,
                y0=list(base),
                height=heights,
                width=0.66,
                brush=band_colour(band),
                pen=pg.mkPen(None),
            )
            item.addItem(bars)
            base = [b + h for b, h in zip(base, heights, strict=True)]
        labels = month_labels([month for month, _ in months])
        item.getAxis("bottom").setTicks([list(enumerate(labels))])
        item.setXRange(-0.6, len(months) - 0.4, padding=0)
        item.setYRange(0, max(base, default=0) * 1.08 or 1, padding=0)
        total = sum(sum(bands.values()) for _, bands in months)
        self.setAccessibleName(
            f"ARR renewing by month: {format_money(total, currency, whole=True)} "
            f"over the next {len(months)} months"
        )

    def month_text(self, number: int) -> str:
        month, bands = self.months[number]
        total = sum(bands.values())
        parts = [
            f"{text} {format_compact(bands.get(band, 0), self.currency)}"
            for band, text in STACK
            if bands.get(band)
        ]
        head = f"{month:%B %Y}: {format_money(total, self.currency, whole=True)} renewing"
        return head + ("\n" + " · ".join(parts) if parts else "")

    def _hover(self, position: QPointF) -> None:
        if not self.months:
            return
        point = self.plot.getPlotItem().vb.mapSceneToView(position)
        number = round(point.x())
        inside = 0 <= number < len(self.months) and abs(point.x() - number) <= 0.35
        self.plot.setToolTip(self.month_text(number) if inside else "")


class ForecastChart(QWidget):
    """Renewals in the period by forecast category, won ones at their final amount."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.axis = MoneyAxis("bottom")
        self.plot = _plot(self, {"bottom": self.axis})
        self.plot.getPlotItem().showGrid(x=True, y=False, alpha=0.15)
        self.title = _heading("Renewal forecast by category")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)

    def set_forecast(self, by_category: dict[str, int], currency: str) -> None:
        self.axis.currency = currency
        item = self.plot.getPlotItem()
        item.clear()
        rows = list(reversed(CATEGORIES))  # the first category at the top
        amounts = [by_category.get(category.value, 0) for category, _, _ in rows]
        item.addItem(
            pg.BarGraphItem(
                x0=[0] * len(rows),
                y=list(range(len(rows))),
                width=[a / 100 for a in amounts],
                height=0.62,
                brushes=[colour for _, _, colour in rows],
                pen=pg.mkPen(None),
            )
        )
        widest = max(amounts, default=0) / 100 or 1
        text_colour = self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)
        for number, amount in enumerate(amounts):
            label = pg.TextItem(
                format_compact(amount, currency), color=text_colour, anchor=(0, 0.5)
            )
            label.setPos(amount / 100 + widest * 0.02, number)
            item.addItem(label)
        item.getAxis("left").setTicks([[(n, text) for n, (_, text, _) in enumerate(rows)]])
        item.setYRange(-0.6, len(rows) - 0.4, padding=0)
        item.setXRange(0, widest * 1.25, padding=0)
        self.setAccessibleName(
            "Renewal forecast: "
            + ", ".join(
                f"{text} {format_money(a, currency, whole=True)}"
                for (_, text, _), a in zip(rows, amounts, strict=True)
            )
        )
