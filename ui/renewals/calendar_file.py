"""File ▸ Export calendar (.ics)…: renewal dates and CTA due dates for a calendar app,
mine or everyone's. Everyone's, on a 100,000-account book, takes tens of seconds, so
it is written in a child process (ui/renewals/child.py) waited for on the reads runner:
the status bar shows it is working and the window stays responsive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressBar

from cswork.store import Book
from ui.kit.background import Workers
from ui.renewals.child import run_in_child


class Whose:
    """The user's answer: whose calendar (``owner_id`` None for everyone's)."""

    def __init__(self, owner_id: int | None) -> None:
        self.owner_id = owner_id


def ask_whose(window: QMainWindow, me_id: int | None) -> Whose | None:
    """Mine or everyone's; None when the user cancels."""
    box = QMessageBox(window)
    box.setWindowTitle("Export calendar")
    box.setIcon(QMessageBox.Icon.Question)
    box.setText("Export whose renewals and CTAs?")
    box.setInformativeText(
        "Everyone's covers the whole book: on a large book it takes a while, and you can "
        "keep working meanwhile."
    )
    mine = box.addButton("Mine", QMessageBox.ButtonRole.AcceptRole)
    everyone = box.addButton("Everyone's", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    mine.setEnabled(me_id is not None)
    box.setDefaultButton(mine if me_id is not None else everyone)
    box.exec()
    if box.clickedButton() is mine:
        return Whose(me_id)
    if box.clickedButton() is everyone:
        return Whose(None)
    return None


def export_calendar(window, whose: Whose | None = None, path: Path | None = None) -> None:
    """Ask whose and where (unless given), then write the .ics off the GUI thread."""
    whose = whose or ask_whose(window, window.me_id)
    if whose is None:
        return
    if path is None:
        name = "my-renewals.ics" if whose.owner_id is not None else "renewals.ics"
        chosen, _ = QFileDialog.getSaveFileName(
            window, "Export calendar", str(Path.home() / name), "iCalendar (*.ics)"
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".ics") else chosen + ".ics")
    run_calendar_export(window, window.book, window.workers, whose.owner_id, path)


def run_calendar_export(
    window: QMainWindow, book: Book, workers: Workers, owner_id: int | None, path: Path
) -> None:
    status = window.statusBar()
    busy = QProgressBar()
    busy.setRange(0, 0)  # busy: the core does not report progress
    busy.setMaximumWidth(140)
    busy.setMaximumHeight(14)
    busy.setTextVisible(False)
    status.addPermanentWidget(busy)
    whose = "your" if owner_id is not None else "everyone's"
    status.showMessage(f"Exporting {whose} renewals and CTAs to {path.name}…")

    def finished(message: str) -> None:
        status.removeWidget(busy)
        busy.deleteLater()
        status.showMessage(message, 15_000)

    target = book.url.render_as_string(hide_password=False)
    job = {"what": "calendar", "owner_id": owner_id, "path": str(path)}
    workers.reads.submit(
        lambda: run_in_child(target, job)["written"],
        lambda events: finished(f"Wrote {events:,} events to {path}"),
        lambda exc: finished(f"Could not export the calendar: {exc}"),
    )
