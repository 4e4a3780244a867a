"""Editors for the alert settings: each turns what the user typed into a setting's value,
or says why it cannot (then ``value()`` raises ``ValueError`` with the words to show)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.kit.dates import date_edit
from ui.kit.look import MUTED_COLOUR, day_text

WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


class SettingField(QWidget):
    edited = Signal()

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError


class DaysListField(SettingField):
    """Whole numbers separated by commas: "120, 90, 30"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("e.g. 120, 90, 30")
        self.edit.setMaximumWidth(200)
        self.edit.textEdited.connect(self.edited)
        unit = QLabel("days, separated by commas")
        unit.setStyleSheet(f"color: {MUTED_COLOUR};")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(unit)

    def value(self) -> list[int]:
        days = []
        for piece in self.edit.text().replace(";", ",").split(","):
            part = piece.strip()
            if not part:
                continue
            if not part.lstrip("-").isdigit():
                raise ValueError(f"'{part}' is not a whole number of days")
            days.append(int(part))
        return days

    def set_value(self, value: list[int]) -> None:
        self.edit.setText(", ".join(str(days) for days in value))


class NumberField(SettingField):
    """A whole number. The box takes any number; the setting's check says what is
    allowed, so the limits live in one place."""

    def __init__(self, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spin = QSpinBox()
        self.spin.setRange(0, 100_000)
        self.spin.setSuffix(f" {unit}")
        self.spin.setMinimumWidth(120)
        self.spin.setAccelerated(True)
        self.spin.valueChanged.connect(self.edited)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.spin)
        layout.addStretch(1)

    def value(self) -> int:
        return self.spin.value()

    def set_value(self, value: int) -> None:
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)


class WorkingDaysField(SettingField):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes = []
        for name in WEEKDAYS:
            box = QCheckBox(name)
            box.toggled.connect(self.edited)
            layout.addWidget(box)
            self.boxes.append(box)
        layout.addStretch(1)

    def value(self) -> list[int]:
        return [day for day, box in enumerate(self.boxes) if box.isChecked()]

    def set_value(self, value: list[int]) -> None:
        for day, box in enumerate(self.boxes):
            box.blockSignals(True)
            box.setChecked(day in value)
            box.blockSignals(False)


class HolidaysField(SettingField):
    """Days off: pick a date and add it; select one and remove it."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setFixedHeight(96)
        self.list.setMaximumWidth(280)
        self.day = date_edit(today)
        add = QPushButton("Add")
        add.clicked.connect(self._add)
        self.remove = QPushButton("Remove")
        self.remove.clicked.connect(self._remove)
        buttons = QVBoxLayout()
        buttons.addWidget(self.day)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove)
        buttons.addLayout(row)
        buttons.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def value(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def set_value(self, value: list[str]) -> None:
        self.list.clear()
        for iso in sorted(value):
            try:
                text = day_text(date.fromisoformat(iso))
            except (TypeError, ValueError):
                text = str(iso)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, iso)
            self.list.addItem(item)

    def _add(self) -> None:
        iso = self.day.date().toPython().isoformat()
        if iso not in self.value():
            self.set_value([*self.value(), iso])
            self.edited.emit()

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.edited.emit()
