"""How a timeline entry is drawn: a bold heading line, then its text wrapped to the width."""

from __future__ import annotations

from PySide6.QtCore import (
    QModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)


class TimelineDelegate(QStyledItemDelegate):
    """A bold heading line, then the text wrapped to the width. Plain text only."""

    PAD = 8

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        body = QFont(option.font)
        heading = QFont(option.font)
        heading.setBold(True)
        return heading, body

    def _text_rect(self, width: int, body: QFont, text: str) -> QRect:
        return QFontMetrics(body).boundingRect(
            QRect(0, 0, max(width - 2 * self.PAD, 50), 100_000),
            Qt.TextFlag.TextWordWrap,
            text,
        )

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        item = index.model().item(index.row())
        heading, body = self._fonts(option)
        width = option.rect.width() or 600
        height = QFontMetrics(heading).height() + self._text_rect(width, body, item.text).height()
        return QSize(width, height + 3 * self.PAD)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        item = index.model().item(index.row())
        heading, body = self._fonts(option)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
            text_colour = option.palette.color(QPalette.ColorRole.HighlightedText)
        else:
            text_colour = option.palette.color(QPalette.ColorRole.Text)
        rect = option.rect.adjusted(self.PAD, self.PAD, -self.PAD, -self.PAD)
        painter.setFont(heading)
        painter.setPen(text_colour)
        line = QFontMetrics(heading).height()
        painter.drawText(
            QRect(rect.x(), rect.y(), rect.width(), line), Qt.AlignmentFlag.AlignLeft, item.heading
        )
        painter.setFont(body)
        painter.drawText(
            QRect(rect.x(), rect.y() + line + 4, rect.width(), rect.height() - line),
            Qt.TextFlag.TextWordWrap,
            item.text,
        )
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()
