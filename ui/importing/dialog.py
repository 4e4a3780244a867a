"""File > Import…: the import wizard (ui/importing/wizard.py), for accounts or any entity."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from cswork.store import Book
from ui.importing.wizard import ImportWizard, open_import_wizard
from ui.kit.background import Tasks


def run_import(
    parent: QWidget,
    book: Book,
    tasks: Tasks,
    today: date,
    on_imported: Callable[[], None],
    entity: str | None = None,
) -> ImportWizard:
    """Open the wizard (on ``entity`` when given); ``on_imported()`` once rows went in."""
    return open_import_wizard(parent, book, tasks, today, lambda _: on_imported(), entity)


def run_account_import(
    parent: QWidget, book: Book, tasks: Tasks, today: date, on_imported: Callable[[], None]
) -> ImportWizard:
    return run_import(parent, book, tasks, today, on_imported, "accounts")
