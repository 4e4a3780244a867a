"""A tile: a caption over a value and a detail line (the Customer360 header, the Renewals
dashboard)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)


class Fact(QFrame):
    """A caption over a value, like a tile on a dashboard."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("fact")
        self.caption = QLabel(caption.upper())
        self.caption.setObjectName("factCaption")
        self.value = QLabel()
        self.value.setObjectName("factValue")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.detail = QLabel()
        self.detail.setObjectName("factDetail")
        # Details wrap rather than widen the row of tiles past a laptop's screen.
        self.detail.setWordWrap(True)
        self.detail.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "", colour: str | None = None) -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {colour};" if colour else "")
        self.detail.setText(detail)
