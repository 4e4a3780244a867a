"""Screens of a team book (see ui/screens/render.py): connecting to one, a save that someone
else's save beat, the edits on an account's timeline, and a server that cannot be
reached."""

from __future__ import annotations

from collections.abc import Callable


def render_team_screens(window, shot: Callable) -> None:
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from cswork.audit import StaleEdit
    from cswork.models import Account, Person
    from cswork.store import ServerUnavailable, open_book
    from ui.kit.undo import stale_edit_box
    from ui.shell.app import local_book_offer
    from ui.shell.team_book import TeamBookDialog

    dialog = TeamBookDialog(window.workers, window.prefs, lambda _: None, window)
    dialog.host.setText("csbook.example.com")
    dialog.database.setText("emea_renewals")
    dialog.user.setText("jane")
    dialog.show()
    shot(dialog, "90-team-book")
    dialog.close()

    # A colleague changes an account this user has open, then this user saves.
    book = window.book
    with book.session() as session:
        account = session.scalars(
            select(Account).where(Account.csm_id == window.me_id).order_by(Account.id)
        ).first()
        colleague = session.scalars(
            select(Person).where(Person.id != window.me_id).order_by(Person.id)
        ).first()
    if account is None or colleague is None:
        return
    mine, book.actor_id = book.actor_id, colleague.id
    with book.writing() as session:
        theirs = session.get(Account, account.id)
        theirs.arr_cents += 1_500_000
        theirs.licenses += 20
    book.actor_id = window.me_id
    try:
        with book.writing(expected={(Account, account.id): account.version}):
            pass
    except StaleEdit as stale:
        box, _ = stale_edit_box(stale)
        box.show()
        shot(box, "91-changed-by-someone-else")
        box.close()
    book.actor_id = mine
    window.open_account(account.id)
    window.customer360.tabs.setCurrentWidget(window.customer360.timeline)
    shot(window, "92-timeline-with-edits")

    try:  # nothing listens on port 9: the message a user sees for a server that is down
        open_book("postgresql+psycopg://jane@127.0.0.1:9/emea_renewals").close()
    except ServerUnavailable as exc:
        box, _ = local_book_offer(str(exc), window)
        box.show()
        shot(box, "93-team-book-unreachable")
        box.close()
    QApplication.processEvents()
