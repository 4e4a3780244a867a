"""File > Import…: a wizard for accounts, contacts, opportunities and scores.

Choose what to import and the file; match its columns to fields; say how its dates and
its own words for our values read (ui/importing/values.py); check every row
(nothing written yet, problems marked per cell); import, with progress and Cancel.
Reading and checking run on the read workers, the import on the single writer
(ui/kit/background.py); a cancel rolls the whole import back. The first three pages are in
ui/importing/pages.py; the last, the import running, is here with the work it starts."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QVBoxLayout, QWidget, QWizard, QWizardPage

from cswork.importing import IMPORTS, ImportCancelled, Importer, Table
from cswork.store import Book
from ui.importing.pages import ChoosePage, MappingPage, PreviewPage, say, wrapping_label
from ui.importing.values import ValuesPage
from ui.kit.background import Workers
from ui.kit.look import MUTED_COLOUR, OVERDUE_COLOUR


class ImportPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Importing")
        self.bar = QProgressBar()
        self.status = wrapping_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.busy = False
        self._finished = False

    def initializePage(self) -> None:
        wizard = self.wizard()
        self.busy, self._finished = True, False
        self.bar.setRange(0, 100)
        self.bar.setValue(0)
        say(self.status, "Importing… Cancel stops the import and writes nothing.", MUTED_COLOUR)
        wizard.start_import(wizard.preview.valid_only.isChecked(), self._done, self._failed)

    def show_progress(self, done: int, total: int) -> None:
        self.bar.setMaximum(max(total, 1))
        self.bar.setValue(done)

    def show_cancelling(self) -> None:
        say(self.status, "Cancelling: nothing will be written…", MUTED_COLOUR)

    def _done(self, report) -> None:
        self.busy, self._finished = False, True
        self.bar.setValue(self.bar.maximum())
        say(self.status, "\n\n".join([report.summary(), *report.after_lines()]))
        self.completeChanged.emit()
        self.wizard().import_stopped(report)

    def _failed(self, exc: BaseException) -> None:
        self.busy, self._finished = False, True
        if isinstance(exc, ImportCancelled):
            say(self.status, "Cancelled: nothing was written.")
        else:
            say(self.status, f"The import stopped, and nothing was written: {exc}", OVERDUE_COLOUR)
        self.completeChanged.emit()
        self.wizard().import_stopped(None)

    def isComplete(self) -> bool:
        return self._finished


class _Relay(QObject):
    """Carries the import's progress from the writer thread to the GUI thread."""

    moved = Signal(int, int)


class ImportWizard(QWizard):
    """``imported`` carries the ImportReport once rows have gone in."""

    imported = Signal(object)

    def __init__(
        self,
        book: Book,
        workers: Workers,
        today: date,
        entity: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.book, self.workers, self.today = book, workers, today
        self.setWindowTitle("Import into the book")
        self.setObjectName("importWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.resize(980, 640)
        self.table: Table | None = None  # the file as read, for the chosen entity
        self.remembered: dict[str, str] = {}
        self.remembered_values: dict[str, dict[str, str]] = {}
        self.remembered_order: str | None = None
        self.check: Any = None  # the preview's check
        self.report = None
        self.choose = ChoosePage(entity)
        self.mapping = MappingPage()
        self.values = ValuesPage()
        self.preview = PreviewPage()
        self.running = ImportPage()
        for page in (self.choose, self.mapping, self.values, self.preview, self.running):
            self.addPage(page)
        self._relay = _Relay(self)
        self._relay.moved.connect(self.running.show_progress)
        self._cancel = threading.Event()
        self._close_when_stopped = False

    @property
    def importer(self) -> Importer:
        return IMPORTS[self.choose.entity]

    def mapping_chosen(self) -> dict[str, str]:
        return self.mapping.model.chosen()

    def reading_chosen(self) -> dict[str, Any]:
        """How the import reads the cells: the value mapping and the day/month order
        chosen on the Values page, its refusals in the wizard's words."""
        return {
            "values": self.values.model.chosen(),
            "date_order": self.values.date_order,
            "in_wizard": True,
        }

    # -- work off the GUI thread -----------------------------------------------------
    def read_file(self, path: str, entity: str, done, failed) -> None:
        """Read the file (and the mappings and date order remembered for ``entity``)
        on a read worker."""
        from cswork.importing import (
            read_table,
            remembered_date_order,
            remembered_mapping,
            remembered_values,
        )

        book, fields = self.book, IMPORTS[entity].fields

        def work() -> tuple[Table, dict[str, str], dict, str | None]:
            table = read_table(path, fields)
            with book.session() as session:
                return (
                    table,
                    remembered_mapping(session, entity),
                    remembered_values(session, entity),
                    remembered_date_order(session),
                )

        self.workers.reads.submit(work, done, failed)

    def read_values(self, done, failed) -> None:
        """On a read worker: what the file's dates say of their order, and each choice
        column's values as they read with the remembered mapping, and with none."""
        from cswork.importing import file_dates, found_values, match_columns, values_for

        table, fields = self.table, self.importer.fields
        mapping, remembered = self.mapping_chosen(), self.remembered_values

        def work():
            columns = match_columns(table.headers, fields, mapping)
            with_memory = found_values(table, columns, fields, values_for(fields, remembered, None))
            return (
                file_dates(table, columns, fields),
                with_memory,
                found_values(table, columns, fields),
            )

        self.workers.reads.submit(work, done, failed)

    def check_rows(self, done, failed) -> None:
        """Check every row as the import would, on a read worker; writes nothing."""
        from cswork.importing import preview_import

        book, importer, table, today = self.book, self.importer, self.table, self.today
        mapping, reading = self.mapping_chosen(), self.reading_chosen()

        def work():
            return preview_import(book, importer, table, today=today, mapping=mapping, **reading)

        self.workers.reads.submit(work, done, failed)

    def start_import(self, valid_rows_only: bool, done, failed) -> None:
        """Import on the single writer; ``cancel_import`` stops it, writing nothing."""
        from cswork.importing import run_import

        book, importer, table, today = self.book, self.importer, self.table, self.today
        mapping, relay, cancel = self.mapping_chosen(), self._relay, self._cancel
        reading = self.reading_chosen()
        cancel.clear()

        def work():
            return run_import(
                book,
                importer,
                table,
                today=today,
                mapping=mapping,
                valid_rows_only=valid_rows_only,
                progress=relay.moved.emit,
                cancelled=cancel.is_set,
                **reading,
            )

        self.workers.writes.submit(work, done, failed)

    def cancel_import(self) -> None:
        self._cancel.set()

    def import_stopped(self, report) -> None:
        """The writer is done (imported, cancelled or failed): close if asked to."""
        if report is not None and report.written:
            self.imported.emit(report)
        if self._close_when_stopped:
            super().reject()

    def reject(self) -> None:
        """Cancel: while importing, stop the import and close once it has rolled back."""
        if self.running.busy:
            self._close_when_stopped = True
            self.cancel_import()
            self.running.show_cancelling()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.choose.forget_pending()
        self.values.forget_pending()
        self.preview.forget_pending()
        super().done(result)


def open_import_wizard(
    parent: QWidget,
    book: Book,
    workers: Workers,
    today: date,
    on_imported,
    entity: str | None = None,
) -> ImportWizard:
    """Show the wizard over ``parent``; ``on_imported(report)`` after rows went in."""
    wizard = ImportWizard(book, workers, today, entity, parent)
    wizard.imported.connect(on_imported)
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard
