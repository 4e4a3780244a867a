"""The call-prep brief on screen, on the printer and as a PDF file.

The brief is read off the GUI thread (``read_brief``); the page is laid out by Qt from
``ui.brief.html``. What the screen shows is the page that prints: same width, same
type, black on white."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from cswork import raci
from cswork.brief import brief
from cswork.store import Book
from ui.brief.html import TREND_IMAGE, BriefPage, brief_page
from ui.kit.background import Workers
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR
from ui.kit.paper import lay_out, page_image, page_layout, paper_for, print_html, write_pdf
from ui.kit.sparkline import Sparkline


def read_brief(book: Book, account_id: int, today: date) -> BriefPage:
    """The brief's page, read and written out as HTML in one session (any thread)."""
    with book.session() as session:
        role_names = {role.key: role.name for role in raci.roles(session)}
        return brief_page(brief(session, account_id, today), role_names)


def trend_image(page: BriefPage, scale: int = 3) -> QImage:
    """The 90-day health sparkline, drawn dark on white for paper."""
    line = Sparkline()
    palette = QPalette(line.palette())
    palette.setColor(QPalette.ColorRole.Text, QColor("#1f2329"))
    palette.setColor(QPalette.ColorRole.Mid, QColor("#9aa1ad"))
    line.setPalette(palette)
    line.set_trend(page.trend, page.today)
    line.resize(200, 36)
    image = QImage(200 * scale, 36 * scale, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(scale, scale)
    line.render(painter, QPoint(0, 0), renderFlags=QWidget.RenderFlag.DrawChildren)
    painter.end()
    line.deleteLater()
    return image


def resources(page: BriefPage) -> list[tuple[str, QImage]]:
    return [(TREND_IMAGE, trend_image(page))] if page.trend else []


def write_brief_pdf(page: BriefPage, path: Path, paper=None) -> int:
    """The brief as a PDF file; returns its number of pages (one, for a typical account)."""
    title = f"Call-prep brief: {page.name}"
    return write_pdf(path, page.html, title, paper, resources(page))


def brief_image(page: BriefPage, paper=None, dpi: int = 110) -> tuple[QImage, int]:
    return page_image(page.html, paper, dpi, resources(page))


def pdf_name(page: BriefPage) -> str:
    name = re.sub(r"[^\w\- &.,]+", "", page.name).strip() or page.external_id
    return f"{name} brief {page.today.isoformat()}.pdf"


class BriefDialog(QDialog):
    """The page as it prints, with Print… (Ctrl+P) and Save as PDF… (Ctrl+S)."""

    def __init__(self, page: BriefPage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page = page
        self.setWindowTitle(f"Call-prep brief — {page.name}")
        self.paper = paper_for()
        body = page_layout(self.paper).paintRectPixels(self.logicalDpiX())
        self.document = lay_out(page.html, None, body.width(), body.height(), resources(page))
        self.view = QTextEdit()
        self.view.setReadOnly(True)
        self.view.setDocument(self.document)
        self.view.setLineWrapMode(QTextEdit.LineWrapMode.FixedPixelWidth)
        self.view.setLineWrapColumnOrWidth(body.width())
        self.view.setStyleSheet("QTextEdit { background: white; color: #1f2329; }")
        self.view.setViewportMargins(24, 20, 24, 20)
        self.view.setMinimumWidth(body.width() + 80)
        self.state = QLabel()
        self.state.setObjectName("statusLine")
        self.state.setWordWrap(True)
        pages = self.document.pageCount()
        if pages > 1:
            self._say(f"This brief runs to {pages} pages.", MUTED_COLOUR)
        self.print_button = QPushButton("Print…")
        self.print_button.setToolTip("Print the brief (Ctrl+P)")
        self.print_button.clicked.connect(self.print_brief)
        self.save = QPushButton("Save as PDF…")
        self.save.setToolTip("Save the brief as a PDF file (Ctrl+S)")
        self.save.clicked.connect(self.save_pdf)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.print_brief)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_pdf)
        buttons = QHBoxLayout()
        buttons.addWidget(self.state, 1)
        for button in (self.print_button, self.save, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(body.width() + 110, min(body.height() + 140, 980))
        try:
            from PySide6.QtPrintSupport import QPrintDialog  # noqa: F401
        except ImportError:  # a build of Qt without printing: PDF still works
            self.print_button.setEnabled(False)
            self.print_button.setToolTip("Printing is not available here: save as PDF")

    def _say(self, text: str, colour: str = MUTED_COLOUR) -> None:
        self.state.setStyleSheet(f"color: {colour};")
        self.state.setText(text)

    def print_brief(self) -> None:
        if not self.print_button.isEnabled():
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.paper))
        printer.setDocName(f"Call-prep brief: {self.page.name}")
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            print_html(printer, self.page.html, resources(self.page))
            self._say("Sent to the printer.")

    def save_pdf(self, path: Path | None = None) -> Path | None:
        if not path:
            start = str(Path.home() / pdf_name(self.page))
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save the brief as PDF", start, "PDF (*.pdf)"
            )
            if not chosen:
                return None
            path = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        try:
            write_brief_pdf(self.page, path, self.paper)
        except OSError as exc:
            self._say(f"Could not save {path.name}: {exc.strerror}", OVERDUE_COLOUR)
            return None
        self._say(f"Saved {path}")
        return path


def open_brief(
    parent: QWidget,
    book: Book,
    workers: Workers,
    account_id: int,
    today: date,
    on_shown=None,
    print_now: bool = False,
) -> None:
    """Read the brief on the reads runner, then show it (and print, for Ctrl+P)."""

    def show(page: BriefPage) -> None:
        dialog = BriefDialog(page, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if on_shown is not None:
            on_shown(dialog)
        if print_now:
            dialog.print_brief()

    workers.reads.submit(lambda: read_brief(book, account_id, today), show)
