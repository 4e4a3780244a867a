"""Settings ▸ Alerts: what raises a CTA, and the business calendar it counts in.

Every field is checked as the user edits, with the core's own ``check_setting``, and
the reason shows beside it; Save stays off while anything is wrong."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cswork.changes import Changes
from cswork.settings import DEFAULTS, SettingError, all_settings, check_setting, replace_settings
from cswork.store import Book
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.undo import Edits
from ui.settings.alert_fields import (
    DaysListField,
    HolidaysField,
    NumberField,
    SettingField,
    WorkingDaysField,
)

# section title, [(setting key, label, unit: "list", "calendar", "holidays" or a word)]
SECTIONS: list[tuple[str, list[tuple[str, str, str]]]] = [
    (
        "Renewal alerts",
        [
            ("renewal_lead_days", "Raise a renewal CTA this many days before", "list"),
            ("renewals_per_business_day", "Renewals an R&&E manager can carry a day", "renewals"),
        ],
    ),
    (
        "Risk alerts",
        [
            ("silence_days_high_touch", "No contact logged, high-touch", "days"),
            ("silence_days_low_touch", "No contact logged, low-touch", "days"),
            ("ebr_interval_days", "No EBR held (high-touch) for", "days"),
            ("health_drop_points", "Health falls by at least", "points"),
            ("health_drop_window_days", "… within a window of", "days"),
            ("red_lookback_days", "A category turned red in the last", "days"),
            ("contact_left_days", "A key contact left in the last", "days"),
        ],
    ),
    (
        "Lifecycle alerts",
        [
            ("lifecycle_days", "Strategy session and success plan due within", "days"),
            ("new_customer_days", "A customer counts as new for", "days"),
        ],
    ),
    (
        "Business calendar",
        [
            ("working_days", "Working days", "calendar"),
            ("holidays", "Holidays", "holidays"),
        ],
    ),
]
KEYS = [key for _, rows in SECTIONS for key, _, _ in rows]


def problem(key: str, field: SettingField) -> str | None:
    """Why what is in ``field`` cannot be saved as ``key``, in the core's words."""
    try:
        check_setting(key, field.value())
    except (SettingError, ValueError) as exc:
        return str(exc).removeprefix(key.replace("_", " ") + ": ")
    return None


class AlertSettings(QWidget):
    saved = Signal()  # the settings were saved, or their save undone or redone

    def __init__(self, book: Book, edits: Edits, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        self.book, self.edits = book, edits
        self.fields: dict[str, SettingField] = {}
        self.messages: dict[str, QLabel] = {}
        self.stored: dict[str, Any] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        for title, rows in SECTIONS:
            layout.addWidget(self._section(title, rows, today))
        self.save = QPushButton("Save alert settings")
        self.save.setDefault(True)
        self.save.clicked.connect(self._save)
        self.state = QLabel()
        self.state.setStyleSheet(f"color: {MUTED_COLOUR};")
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addWidget(self.state, 1)
        layout.addLayout(row)

    def _section(self, title: str, rows: list[tuple[str, str, str]], today: date) -> QGroupBox:
        box = QGroupBox(title)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        grid.setColumnMinimumWidth(0, 300)
        for row, (key, label, unit) in enumerate(rows):
            field: SettingField
            if unit == "list":
                field = DaysListField()
            elif unit == "calendar":
                field = WorkingDaysField()
            elif unit == "holidays":
                field = HolidaysField(today)
            else:
                field = NumberField(unit)
            field.edited.connect(self.validate)
            message = QLabel()
            message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
            message.setWordWrap(True)
            caption = QLabel(label)
            caption.setBuddy(field)
            align = (
                Qt.AlignmentFlag.AlignTop if unit == "holidays" else Qt.AlignmentFlag.AlignVCenter
            )
            grid.addWidget(caption, row, 0, align)
            grid.addWidget(field, row, 1, align)
            grid.addWidget(message, row, 2, align)
            self.fields[key], self.messages[key] = field, message
        grid.setColumnStretch(2, 1)
        restore = QPushButton("Restore defaults")
        restore.setToolTip(f"Put the {title.lower()} back as they came; Save to keep them.")
        restore.clicked.connect(lambda: self.restore_defaults([key for key, _, _ in rows]))
        grid.addWidget(restore, len(rows), 0, Qt.AlignmentFlag.AlignLeft)
        return box

    # -- values ----------------------------------------------------------------------
    def refresh(self) -> None:
        with self.book.session() as session:
            self.stored = {
                key: value for key, value in all_settings(session).items() if key in KEYS
            }
        for key, value in self.stored.items():
            self.fields[key].set_value(value)
        self.validate()
        self.state.setText("")

    def restore_defaults(self, keys: list[str]) -> None:
        for key in keys:
            self.fields[key].set_value(DEFAULTS[key])
        self.validate()

    def problems(self) -> dict[str, str]:
        found = {key: problem(key, field) for key, field in self.fields.items()}
        return {key: text for key, text in found.items() if text}

    def changes(self) -> dict[str, Any]:
        """The settings whose edited value differs from the book's (all valid)."""
        return {
            key: field.value()
            for key, field in self.fields.items()
            if field.value() != self.stored.get(key)
        }

    def validate(self) -> None:
        problems = self.problems()
        for key, message in self.messages.items():
            message.setText(problems.get(key, ""))
        changed = not problems and bool(self.changes())
        self.save.setEnabled(changed)
        if problems:
            self.state.setText("Fix the fields marked in red to save.")
        else:
            self.state.setText("Unsaved changes." if changed else "")

    # -- saving ----------------------------------------------------------------------
    def _save(self) -> None:
        if self.problems():
            return
        values = self.changes()

        def refused(message: str, stale: bool) -> None:
            self.validate()
            self.state.setText(message if stale else f"Not saved: {message}")

        self.save.setEnabled(False)
        self.state.setText("Saving…")
        self.edits.push(
            "Change the alert settings",
            lambda session: replace_settings(session, values),
            replace_settings,
            Changes(settings=True),
            done=lambda: self.state.setText("Saved. The next alert scan uses these settings."),
            refused=refused,
        )

    def on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self.refresh()
            self.saved.emit()
