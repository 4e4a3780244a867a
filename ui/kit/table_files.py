"""Tables to CSV or XLSX from the window: choose where, then write off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from ui.kit.background import Workers

TABLE_FILES = "CSV (*.csv);;Excel workbook (*.xlsx)"


def choose_file(parent: QWidget, title: str, name: str, filters: str) -> Path | None:
    """A file to write, with the suffix of the filter picked when none was typed."""
    chosen, picked = QFileDialog.getSaveFileName(parent, title, str(Path.home() / name), filters)
    if not chosen:
        return None
    path = Path(chosen)
    if not path.suffix:
        path = path.with_suffix(picked[picked.find("*.") + 1 : picked.rfind(")")] or ".csv")
    return path


def write_in_background(
    window: QMainWindow, workers: Workers, path: Path, work: Callable[[], int], noun: str
) -> None:
    """Run ``work`` (which writes ``path`` and returns how many rows) on a worker; the
    status bar says it is writing, then what was written or why not."""
    status = window.statusBar()
    status.showMessage(f"Writing {path.name}…")
    workers.reads.submit(
        work,
        lambda count: status.showMessage(f"Wrote {count:,} {noun} to {path}", 15_000),
        lambda exc: status.showMessage(f"Could not write {path.name}: {exc}", 30_000),
    )
