"""What a user does with a CTA, written once for every list that shows CTAs.

``CtaActions`` opens the forms and runs the writes (each in its own ``book.writing()``
on the writer thread); ``CtaMenu`` puts the actions on one list view, as a context
menu and as keys. Screens listen to ``changed`` and decide what to reload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QDialog, QMessageBox, QWidget
from shiboken6 import Shiboken
from sqlalchemy.orm import Session

from cswork import ctas
from cswork.audit import StaleEdit
from cswork.book import AccountRow
from cswork.changes import Changes
from cswork.ctas import CtaError, CtaItem, cta_detail, playbook_tasks
from cswork.models import Cta
from cswork.people import all_people
from cswork.settings import SettingError
from cswork.store import Book
from ui.ctas.details import CtaDetailsDialog
from ui.ctas.dialogs import OUTCOME_LABELS, CloseDialog, CommentDialog, ReassignDialog, SnoozeDialog
from ui.ctas.menu import MENU, CtaMenu
from ui.ctas.new_cta_dialog import NewCtaDialog
from ui.kit.background import Workers
from ui.kit.look import day_text


class CtaActions(QObject):
    changed = Signal(int)  # a CTA id, once its write is done
    notice = Signal(str, object)  # what was done, and a callable that undoes it (or None)

    def __init__(
        self,
        book: Book,
        workers: Workers,
        today: date,
        me_id: int | None,
        account_rows: Callable[[], Sequence[AccountRow]],
        open_account: Callable[[int], None],
        window: QWidget,
    ) -> None:
        """``account_rows`` gives the book's accounts for the new-CTA picker;
        ``open_account`` shows one."""
        super().__init__(window)
        self.book, self.workers, self.today, self.me_id = book, workers, today, me_id
        self.account_rows, self.open_account, self.window = account_rows, open_account, window
        self.dialog: QDialog | None = None  # the form shown last (tests drive it)
        self.details_dialog: CtaDetailsDialog | None = None

    def on_changes(self, changes: Changes) -> None:
        if changes.today:
            self.today = changes.today
        if changes.me_changed:
            self.me_id = changes.me_id

    # -- forms -----------------------------------------------------------------------
    def _parent(self) -> QWidget:
        details = self.details_dialog
        return details if details is not None and details.isVisible() else self.window

    def _show(self, form: QDialog) -> None:
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = form
        form.finished.connect(lambda _result, f=form: self._forget(f))
        form.open()

    def _forget(self, form: QDialog) -> None:
        if self.dialog is form:
            self.dialog = None
        if self.details_dialog is form:
            self.details_dialog = None

    def _people(self) -> list[tuple[int, str, str]]:
        """Whom a CTA can be given to: people who have left are not offered."""
        with self.book.session() as session:
            return [(p.id, p.name, p.role) for p in all_people(session, active_only=True)]

    def details(self, item: CtaItem) -> None:
        dialog = CtaDetailsDialog(self.today, self.window)
        cta_id = item.id
        dialog.due_move_requested.connect(
            lambda day: self._write(lambda s: ctas.move_due(s, cta_id, day))
        )
        dialog.checklist.task_ticked.connect(self._tick)
        dialog.comment_requested.connect(lambda text: self._comment(cta_id, text, dialog))
        dialog.action_requested.connect(self._from_details)
        self.details_dialog = dialog
        self._reload_details(cta_id)
        self._show(dialog)

    def _reload_details(self, cta_id: int) -> None:
        dialog = self.details_dialog
        if dialog is None or (dialog.detail is not None and dialog.detail.item.id != cta_id):
            return
        with self.book.session() as session:
            dialog.show_detail(cta_detail(session, cta_id))

    def _from_details(self, name: str) -> None:
        if self.details_dialog is None or self.details_dialog.detail is None:
            return
        item = self.details_dialog.detail.item
        if name == "open" and item.account_id is not None:
            self.details_dialog.accept()
            self.open_account(item.account_id)
        elif name != "open":
            getattr(self, name)(item)

    def snooze(self, item: CtaItem) -> None:
        form = SnoozeDialog(item, self.today, self._parent())
        today = self.today

        def submit(f: SnoozeDialog) -> None:
            until, reason = f.until_day(), f.reason.text()
            self._write(
                lambda s: ctas.snooze(s, item.id, until, reason, today),
                form=f,
                notice=f"Snoozed {item.account_name} until {day_text(until)}.",
                undo=item,
                read=item,
            )

        form.on_submit = submit
        self._show(form)

    def close(self, item: CtaItem) -> None:
        form = CloseDialog(item, self._parent())

        def submit(f: CloseDialog) -> None:
            outcome, note = f.outcome(), f.note.toPlainText()
            self._write(
                lambda s: ctas.close(s, item.id, outcome, note, datetime.now(UTC)),
                form=f,
                notice=f"Closed {item.account_name} {item.type} CTA: {OUTCOME_LABELS[outcome]}.",
                undo=item,
                read=item,
            )

        form.on_submit = submit
        self._show(form)

    def reassign(self, item: CtaItem) -> None:
        people = self._people()
        names = {person_id: name for person_id, name, _ in people}
        form = ReassignDialog(item, people, self._parent())

        def submit(f: ReassignDialog) -> None:
            owner = f.person_id()
            self._write(
                lambda s: ctas.reassign(s, item.id, owner),
                form=f,
                notice=f"{item.account_name} {item.type} CTA now belongs to {names[owner]}.",
                read=item,
            )

        form.on_submit = submit
        self._show(form)

    def comment(self, item: CtaItem) -> None:
        form = CommentDialog(item, self._parent())
        form.on_submit = lambda f: self._comment(item.id, f.comment(), f)
        self._show(form)

    def reopen(self, item: CtaItem) -> None:
        self._write(lambda s: ctas.reopen(s, item.id), notice=f"Reopened {item.account_name} CTA.")

    def new_cta(self, account: tuple[int, str] | None = None) -> None:
        with self.book.session() as session:
            playbooks = playbook_tasks(session)
        form = NewCtaDialog(
            self.account_rows(),
            self._people(),
            self.me_id,
            self.today,
            playbooks,
            account,
            self._parent(),
        )

        def submit(f: NewCtaDialog) -> None:
            values = f.values()
            self._write(
                lambda s: ctas.create_cta(s, **values, today=self.today),
                form=f,
                notice="Created a new CTA.",
            )

        form.on_submit = submit
        self._show(form)

    def _comment(self, cta_id: int, text: str, form: QDialog) -> None:
        author, now = self.me_id, datetime.now(UTC)

        def work(session: Session) -> int:
            ctas.add_comment(session, cta_id, text, author, now)
            return cta_id

        if isinstance(form, CtaDetailsDialog):

            def saved() -> None:
                if self.details_dialog is form:  # still open
                    form.comment_saved()

            self._write(work, on_done=saved)
        else:
            self._write(work, form=form)

    def _tick(self, task_id: int, done: bool) -> None:
        day = self.today if done else None
        self._write(lambda s: ctas.set_task_done(s, task_id, day))

    # -- writing ---------------------------------------------------------------------
    def _write(
        self,
        work: Callable[[Session], int],
        form: QDialog | None = None,
        notice: str = "",
        undo: CtaItem | None = None,
        on_done: Callable[[], None] | None = None,
        read: CtaItem | None = None,
    ) -> None:
        """Run ``work`` in one write transaction; it returns the CTA id it changed.
        With ``read`` (the CTA as the user saw it), it is refused if someone else
        changed that CTA since."""
        book = self.book
        expected = {(Cta, read.id): read.version} if read is not None else None

        def run() -> int:
            with book.writing(expected) as session:
                return work(session)

        def done(cta_id: int) -> None:
            if _alive(form):
                form.accept()  # type: ignore[union-attr]
            if on_done is not None:
                on_done()
            self._reload_details(cta_id)
            self.changed.emit(cta_id)
            if notice:
                self.notice.emit(notice, (lambda: self.reopen(undo)) if undo else None)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, StaleEdit):
                message = f"Not changed: someone else changed this CTA first. {exc}"
                self.changed.emit(read.id)  # show it as it is now
            elif isinstance(exc, CtaError | SettingError):
                message = str(exc)
            else:
                message = f"The book could not be changed: {exc}"
            target = form if _alive(form) and form.isVisible() else self.details_dialog
            if _alive(target) and target.isVisible():
                target.failed(message)  # type: ignore[attr-defined]
            else:
                QMessageBox.warning(self.window, "Could not change the CTA", message)

        self.workers.writes.submit(run, done, failed)

    # -- lists -----------------------------------------------------------------------
    def attach(
        self,
        view: QAbstractItemView,
        current: Callable[[], CtaItem | None],
        open_account: Callable[[CtaItem], None] | None = None,
        new_cta: Callable[[], None] | None = None,
    ) -> CtaMenu:
        handlers = {name: getattr(self, name) for name, _, _ in MENU}
        return CtaMenu(handlers, view, current, open_account, new_cta)


def _alive(widget: QObject | None) -> bool:
    """False for None and for a form the user closed (Qt deleted it) while it saved."""
    return widget is not None and Shiboken.isValid(widget)
