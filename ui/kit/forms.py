"""A form dialog that saves through a callback: a heading, the form, a line saying
what went wrong, and OK / Cancel. OK stays down while the write runs; a refusal shows
in the form and OK works again."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.kit.look import OVERDUE_COLOUR


class FormDialog(QDialog):
    def __init__(
        self,
        title: str,
        ok_text: str,
        parent: QWidget | None,
        heading_html: str = "",
        width: int = 460,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.on_submit: Callable[[FormDialog], None] | None = None
        self.heading = QLabel(heading_html)  # escaped by whoever builds it
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.heading.setVisible(bool(heading_html))
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(ok_text)
        self._ok_text = ok_text
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(self.heading)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.problem)
        self.layout_.addWidget(self.buttons)
        self.setMinimumWidth(width)

    def problem_with_input(self) -> str | None:
        """What the user must fix before OK can do anything (nothing by default)."""
        return None

    def _submit(self) -> None:
        problem = self.problem_with_input()
        if problem:
            self.failed(problem)
            return
        self.problem.hide()
        if self.on_submit is None:
            self.accept()
            return
        self.ok.setEnabled(False)
        self.ok.setText("Saving…")
        self.on_submit(self)

    def failed(self, message: str) -> None:
        self.ok.setEnabled(True)
        self.ok.setText(self._ok_text)
        self.problem.setText(message)
        self.problem.show()
