"""The import wizard's pages for `python main.py screens`: the file chosen, the columns
matched, and the rows checked with their problems (nothing imported into the book
shown); then the last page of a first import into a new, empty book."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ui.importing.models import FieldRole, MappingModel

SAMPLE = (
    "Account ID,Account Name,ARR (USD),Contract End Date,Touch Model,CSM Email,Region,"
    "Parent Ref\n"
    'NEW-001,Northwind Traders,"$48,000.00",2027-03-31,High Touch,casey@example.com,EMEA,\n'
    'NEW-002,Northwind Logistics,"$12,500.00",2027-03-31,Low Touch,casey@example.com,EMEA,'
    "NEW-001\n"
    'NEW-003,Contoso Pharma,"$310,000.00",2027-06-30,Strategic,riley@example.com,AMER,\n'
    'NEW-004,Fabrikam Foods,"$9,900.00",31/02/2027,Low Touch,casey@example.com,AMER,\n'
    'NEW-005,Tailspin Toys,"-1,200.00",2027-01-15,Low Touch,casey@example.com,APAC,\n'
    'NEW-006,Wide World Importers,"$72,250.50",2027-09-01,Gold,riley@example.com,EMEA,\n'
    'NEW-007,Litware Inc.,"$18,000.00",2027-02-28,High Touch,casey@example.com,AMER,\n'
    'NEW-008,Adventure Works,"$6,400.00",2027-04-30,Low Touch,casey@example.com,AMER,NEW-404\n'
    'NEW-009,Proseware,"$27,300.00",2027-05-31,High Touch,riley@example.com,EMEA,\n'
    'NEW-010,Trey Research,"$15,000.00",2027-08-31,Low Touch,casey@example.com,APAC,\n'
)


def _wait(app, until: Callable[[], bool], seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not until() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def render_import_screens(window, shot: Callable) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.importing.wizard import ImportWizard

    app = QApplication.instance()
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / "crm-accounts-export.csv"
    path.write_text(SAMPLE, encoding="utf-8")
    wizard = ImportWizard(window.book, window.workers, window.today, "accounts", window)
    wizard.show()
    wizard.choose.set_file(str(path))
    _wait(app, wizard.choose.isComplete)
    shot(wizard, "40-import-choose-file")
    wizard.next()
    mapping = wizard.mapping
    parent_ref = mapping.model.rowCount() - 1  # the user maps the column no name matched
    mapping.model.setData(
        mapping.model.index(parent_ref, MappingModel.FIELD), "parent_external_id", FieldRole
    )
    shot(wizard, "41-import-mapping")
    wizard.next()
    _wait(app, lambda: wizard.values.file_dates is not None)
    shot(wizard, "41b-import-values")
    wizard.next()
    _wait(app, lambda: wizard.preview.check is not None)
    shot(wizard, "42-import-preview-problems")
    wizard.preview.valid_only.setChecked(True)
    wizard.preview.only_refused.setChecked(True)
    shot(wizard, "43-import-preview-refused-only")
    wizard.reject()  # never imported: the sample is not the user's
    wizard.deleteLater()
    app.processEvents()
    _render_first_import(window, shot, Path(folder.name))
    folder.cleanup()


FIRST_BOOK = (  # a CRM export with CSMs by name and no R&E manager column
    "Account ID,Account Name,ARR (USD),Contract End Date,CSM Name\n"
    "NEW-001,Northwind Traders,48000,{soon},Casey Morgan\n"
    "NEW-002,Contoso Pharma,310000,{later},Jordan Lee\n"
)


def _render_first_import(window, shot: Callable, folder: Path) -> None:
    """The last page after the first import into a new, empty book: what the scan
    raised and who owns renewals when the book has no R&E managers."""
    from datetime import timedelta

    from PySide6.QtWidgets import QApplication

    from cswork.store import open_book
    from ui.importing.wizard import ImportWizard

    app = QApplication.instance()
    book = open_book(folder / "first-book.db", create=True)
    path = folder / "first-accounts.csv"
    today = window.today
    soon, later = today + timedelta(days=40), today + timedelta(days=200)
    path.write_text(FIRST_BOOK.format(soon=soon, later=later), encoding="utf-8")
    wizard = ImportWizard(book, window.workers, today, "accounts", window)
    wizard.show()
    wizard.choose.set_file(str(path))
    _wait(app, wizard.choose.isComplete)
    wizard.next()  # to the columns
    wizard.next()  # to the values and dates
    _wait(app, lambda: wizard.values.file_dates is not None)
    wizard.next()
    _wait(app, lambda: wizard.preview.check is not None)
    wizard.next()
    _wait(app, wizard.running.isComplete)
    shot(wizard, "44-import-done-first-book")
    wizard.accept()
    wizard.deleteLater()
    app.processEvents()
    book.close()
