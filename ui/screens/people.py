"""Screens of Settings ▸ People (see ui/screens/render.py): the team table, the edit
dialog and the question a deactivation asks."""

from __future__ import annotations

import time
from collections.abc import Callable


def render_people_screens(window, shot: Callable) -> None:
    """Run last: it adds someone who has left, to show how they look."""
    from PySide6.QtWidgets import QApplication

    from cswork.people import add_person, deactivate_person

    with window.book.writing() as session:
        gone = add_person(session, "Morgan Former", "morgan.former@example.com", "CSM", "CS EMEA")
        deactivate_person(session, gone.id)
    window.go_to("Settings")
    section = window.settings_page.people
    deadline = time.monotonic() + 10
    while section.model.rowCount() == 0 and time.monotonic() < deadline:  # a read
        QApplication.processEvents()
    window.settings_page.scroll.verticalScrollBar().setValue(0)
    shot(window, "95-settings-people")
    if section.model.rowCount() == 0:
        return
    owner = max(section.model.records(), key=lambda r: r.accounts)
    section.table.selectRow(section.model.row_of(lambda r: r.id == owner.id))
    section.edit()
    shot(section.dialog, "96-settings-person-edit")
    section.dialog.reject()
    section.deactivate()
    shot(section.dialog, "97-settings-person-deactivate")
    section.dialog.reject()
    section.add()
    section.dialog.name.setText("Jane Doe")
    section.dialog.email.setText("jane@")
    section.dialog.failed("'jane@' is not an email address (like jane.doe@example.com).")
    shot(section.dialog, "98-settings-person-add-refused")
    section.dialog.reject()
    QApplication.processEvents()
