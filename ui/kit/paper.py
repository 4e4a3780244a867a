"""Our documents on paper: PDF files, the printer and page images (PNG), laid out by Qt
from HTML that we build ourselves.

Book text (names, notes, strategies: much of it imported from a CRM) goes into that
HTML only through ``esc``, so it can never run as markup. And the document never
fetches anything: ``SafeDocument.loadResource`` refuses every URL (disk or network), so
only the images we add ourselves (``resources``) are drawn.

Pages are A4, or Letter where the locale uses it. Text is black on white whatever the
system's light or dark palette."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPdfWriter,
    QTextDocument,
)

MARGIN_MM = 12
Resources = Sequence[tuple[str, QImage]]  # (name used in <img src>, image)

# Where Letter is the usual paper (the Americas that follow the US); A4 elsewhere.
LETTER_TERRITORIES = {
    QLocale.Country.UnitedStates,
    QLocale.Country.Canada,
    QLocale.Country.Mexico,
    QLocale.Country.Chile,
    QLocale.Country.Colombia,
    QLocale.Country.Venezuela,
    QLocale.Country.Philippines,
    QLocale.Country.PuertoRico,
    QLocale.Country.Guatemala,
    QLocale.Country.CostaRica,
    QLocale.Country.Panama,
    QLocale.Country.DominicanRepublic,
}

PAPER_CSS = """
body { color: #1f2329; }
h1 { font-size: 15pt; font-weight: 600; margin: 0 0 2px 0; }
h2 { font-size: 10.5pt; font-weight: 600; margin: 10px 0 3px 0; color: #1f2329; }
h3 { font-size: 9pt; font-weight: 600; margin: 6px 0 2px 0; }
p { margin: 0 0 3px 0; }
.sub { color: #5d6573; margin-bottom: 4px; }
.muted { color: #6b7280; }
.warn { color: #b3261e; font-weight: 600; }
table.grid { border-collapse: collapse; margin-bottom: 4px; }
table.grid th { text-align: left; font-weight: 600; color: #3d4450;
                border-bottom: 1px solid #9aa1ad; padding: 2px 6px 2px 0; }
table.grid td { padding: 2px 6px 2px 0; border-bottom: 1px solid #e2e5ea; }
td.num, th.num { text-align: right; }
"""


def esc(value: object) -> str:
    """Any book text as HTML text: markup characters escaped, line breaks kept."""
    return html.escape("" if value is None else str(value), quote=True).replace("\n", "<br>")


def dot(colour: str) -> str:
    """A coloured dot before a score or word: the band's colour carries the meaning."""
    return f'<span style="color:{colour}">●</span>'


def paper_for(locale: QLocale | None = None) -> QPageSize:
    territory = (locale or QLocale.system()).territory()
    kind = (
        QPageSize.PageSizeId.Letter if territory in LETTER_TERRITORIES else QPageSize.PageSizeId.A4
    )
    return QPageSize(kind)


def page_layout(paper: QPageSize, landscape: bool = False) -> QPageLayout:
    """The page with our margins: portrait, or landscape for wide tables."""
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(paper, orientation, margins, QPageLayout.Unit.Millimeter)


class SafeDocument(QTextDocument):
    """A text document that loads nothing from anywhere: no file, no network."""

    def loadResource(self, kind: int, url: QUrl):
        return None


def lay_out(
    body_html: str, device, width: float, height: float, resources: Resources = ()
) -> SafeDocument:
    """The document laid out for ``device`` in pages of ``width`` x ``height`` pixels."""
    document = SafeDocument()
    if device is not None:  # None: the screen
        document.documentLayout().setPaintDevice(device)
    font = QFont()
    font.setPointSizeF(8.5)
    # No ligatures: "ff" stays two letters, so text copied or searched in the PDF matches.
    font.setFeature(QFont.Tag("liga"), 0)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(PAPER_CSS)
    document.setDocumentMargin(0)
    for name, image in resources:
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
    document.setHtml(body_html)
    document.setPageSize(QSizeF(width, height))
    return document


def paint_pages(
    document: QTextDocument,
    painter: QPainter,
    origin: QPointF,
    pages: range | None = None,
    new_page: Callable[[], object] | None = None,
) -> None:
    """Draw ``pages`` of a laid-out document, black on white, one per sheet."""
    size = document.pageSize()
    context = QAbstractTextDocumentLayout.PaintContext()
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Text, QColor("#1f2329"))
    palette.setColor(QPalette.ColorRole.Base, QColor("white"))
    context.palette = palette
    for count, page in enumerate(pages or range(document.pageCount())):
        if count and new_page is not None:
            new_page()
        painter.save()
        painter.translate(origin.x(), origin.y() - page * size.height())
        context.clip = QRectF(0, page * size.height(), size.width(), size.height())
        painter.setClipRect(context.clip)
        document.documentLayout().draw(painter, context)
        painter.restore()


def print_html(device: QPagedPaintDevice, body_html: str, resources: Resources = ()) -> int:
    """Print (or write) the HTML onto a paged device set up by the caller (a QPdfWriter,
    or a QPrinter from the print dialog); returns the number of pages."""
    body = device.pageLayout().paintRectPixels(device.resolution())
    document = lay_out(body_html, device, body.width(), body.height(), resources)
    painter = QPainter(device)
    try:
        paint_pages(document, painter, QPointF(0, 0), new_page=device.newPage)
    finally:
        painter.end()
    return document.pageCount()


def write_pdf(
    path: Path,
    body_html: str,
    title: str,
    paper: QPageSize | None = None,
    resources: Resources = (),
    landscape: bool = False,
) -> int:
    """Write the HTML as a PDF file; returns the number of pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("CSM Workbench")
    writer.setPageLayout(page_layout(paper or paper_for(), landscape))
    return print_html(writer, body_html, resources)


def page_image(
    body_html: str,
    paper: QPageSize | None = None,
    dpi: int = 110,
    resources: Resources = (),
    landscape: bool = False,
) -> tuple[QImage, int]:
    """The first page as an image (a sheet of paper with its margins), and the page count."""
    layout = page_layout(paper or paper_for(), landscape)
    full, body = layout.fullRectPixels(dpi), layout.paintRectPixels(dpi)
    image = QImage(full.size(), QImage.Format.Format_RGB32)
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    image.fill(QColor("white"))
    document = lay_out(body_html, image, body.width(), body.height(), resources)
    painter = QPainter(image)
    try:
        paint_pages(document, painter, QPointF(body.topLeft()), pages=range(1))
    finally:
        painter.end()
    return image, document.pageCount()
