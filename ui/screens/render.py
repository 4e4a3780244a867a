"""Render each main screen to a PNG file, offscreen: `python main.py screens --out DIR`.

Anyone can look at the UI without a display; we look at every screen we change."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

SIZE = (1440, 900)


def render_screens(out: Path, db: str | None = None, accounts: int = 2000) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from cswork.alerts import scan
    from cswork.demo import build_demo
    from cswork.enums import PersonRole
    from cswork.models import Account, Person
    from cswork.store import open_book
    from ui.kit.background import Workers
    from ui.kit.look import release_cached_pixmaps
    from ui.screens.comp import render_comp_screens
    from ui.screens.customer360 import (
        render_account_edit_screens,
        render_plan_and_scorecard_screens,
    )
    from ui.screens.fields import add_sample_fields, render_field_screens
    from ui.screens.importing import render_import_screens
    from ui.screens.people import render_people_screens
    from ui.screens.raci import render_raci_screens
    from ui.screens.renewals import render_desk_screens
    from ui.screens.team import render_team_screens
    from ui.shell.app import make_app
    from ui.shell.jump import JumpDialog
    from ui.shell.main_window import MainWindow
    from ui.shell.who_am_i import WhoAmIDialog

    out.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.TemporaryDirectory()
    today = date.today()
    if db is None:
        book = open_book(Path(scratch.name) / "demo.db")
        build_demo(book, accounts, seed=1, today=today)
        add_sample_fields(book)
        scan(book, today)  # the task pane as a user sees it: rule CTAs raised
    else:
        book = copy_of(db, Path(scratch.name) / "copy.db")
    app = make_app()
    prefs = QSettings(str(Path(scratch.name) / "prefs.ini"), QSettings.Format.IniFormat)
    with book.session() as session:
        me = session.query(Person).filter(Person.role == PersonRole.CSM).order_by(Person.id).first()
        account = (
            (
                session.query(Account)
                .filter(Account.csm_id == me.id)
                .order_by(Account.arr_cents.desc())
                .first()
            )
            if me
            else None
        )
    workers = Workers()
    window = MainWindow(book, workers, today, me.id if me else None, prefs)
    window.resize(*SIZE)
    window.show()
    written: list[Path] = []

    def shot(widget, name: str) -> None:
        for _ in range(5):
            app.processEvents()
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        written.append(path)

    loaded: list[bool] = []
    window.book_loaded.connect(lambda: loaded.append(True))
    window.tasks_loaded.connect(lambda: loaded.append(True))
    window.refresh()
    while len(loaded) < 2:
        app.processEvents()

    shot(window, "01-book")
    window.book_page.select_view("Renewing in 90 days")
    shot(window, "02-book-renewing-in-90-days")
    window.book_page.select_view("My accounts")
    shot(window, "03-book-my-accounts")
    window.book_page.select_view("All accounts")
    word = window.book_model.rows()[0].name.split()[0] if window.book_model.rows() else "a"
    window.book_page.filter.setText(word)
    shot(window, "04-book-quick-filter")
    window.book_page.filter.clear()
    render_field_screens(window, shot)
    if account is not None:
        window.open_account(account.id)
        shot(window, "05-customer360-timeline")
        jump = JumpDialog(window.book_model.rows(), window)
        jump.show()
        jump.query.setText(account.name.split()[0])
        shot(jump, "06-jump-to-account")
        jump.close()
    window.go_to("Settings")
    shot(window, "07-settings")
    who = WhoAmIDialog(book)
    who.show()
    shot(who, "08-who-am-i")
    who.close()
    render_cta_screens(window, shot, out, written, sample_book=db is None)
    render_raci_screens(window, shot)
    render_plan_and_scorecard_screens(window, shot, sample_book=db is None)
    render_account_edit_screens(window, shot)
    render_desk_screens(window, shot, out, written)
    render_import_screens(window, shot)
    render_comp_screens(window, shot)
    render_team_screens(window, shot)
    render_people_screens(window, shot)
    window.close()
    workers.shutdown()
    book.close()
    for widget in (window, who):
        widget.deleteLater()
    QApplication.processEvents()
    release_cached_pixmaps()
    scratch.cleanup()
    return written


def copy_of(db: str, target: Path):
    """The book at ``db`` copied into a new SQLite file: the screens make sample edits
    (a comment, a CTA, an account edit), and the user's book must never see them."""
    from cswork.copying import copy_book_rows
    from cswork.snapshot import copy_book
    from cswork.store import book_url, open_book

    url = book_url(db)
    if url.get_backend_name() == "sqlite" and url.database:
        copy_book(Path(url.database), target)
        return open_book(target, create=False)
    source = open_book(db, create=False)
    try:
        copy = open_book(target)
        copy_book_rows(source, copy)
    finally:
        source.close()
    return copy


def render_cta_screens(window, shot, out: Path, written: list[Path], sample_book: bool) -> None:
    """The task pane's menu, each CTA form, the CTAs tab and Settings ▸ Alerts."""
    from datetime import UTC, datetime, timedelta

    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from cswork.ctas import add_comment, close, create_cta, cta_detail, set_task_done
    from cswork.enums import CtaOutcome, CtaStatus, CtaType, Priority
    from cswork.models import Cta, CtaTask

    pane, actions = window.task_pane, window.cta_actions
    window.go_to("Book")
    rows = pane.model.cta_indexes()
    if not rows:
        return
    item = pane.model.cta(rows[1] if len(rows) > 1 else rows[0])
    with window.book.session() as session:
        with_tasks = session.scalar(
            select(Cta.id).join(CtaTask).where(Cta.status == CtaStatus.OPEN).limit(1)
        )
    if with_tasks is None and sample_book and item.account_id is not None:
        with window.book.writing() as session:
            with_tasks = create_cta(
                session,
                account_id=item.account_id,
                cta_type=CtaType.RENEWAL,
                reason="Renewal in 90 days: confirm the decision maker and send the quote",
                due_on=window.today + timedelta(days=40),
                owner_id=window.me_id,
                priority=Priority.HIGH,
            )
    if sample_book and with_tasks is not None:  # never write into a book given with --db
        with window.book.writing() as session:
            note = "Champion confirmed the budget; procurement wants the quote by the 10th."
            add_comment(session, with_tasks, note, window.me_id, datetime.now(UTC))
            set_task_done(session, session.get(Cta, with_tasks).tasks[0].id, window.today)
    if with_tasks is not None:
        with window.book.session() as session:
            detail_item = cta_detail(session, with_tasks).item
    else:
        detail_item = item

    pane.tree.setFocus()
    row = next(i for i in pane.model.cta_indexes() if pane.model.cta(i).id == item.id)
    pane.tree.setCurrentIndex(row)
    rect = pane.tree.visualRect(row)
    pane.menu.show_menu(rect.center())
    menu = pane.menu.menu
    for _ in range(5):
        QApplication.processEvents()
    picture = window.grab()
    painter = QPainter(picture)
    # The offscreen screen is small, so Qt moves the menu; draw it where it opens.
    where = window.mapFromGlobal(pane.tree.viewport().mapToGlobal(rect.center()))
    where.setX(min(where.x(), picture.width() - menu.width() - 4))
    painter.drawPixmap(where, menu.grab())
    painter.end()
    path = out / "09-task-pane-menu.png"
    picture.save(str(path))
    written.append(path)
    menu.close()

    for name, open_form in [
        ("10-snooze", actions.snooze),
        ("11-close", actions.close),
        ("12-reassign", actions.reassign),
        ("13-comment", actions.comment),
    ]:
        open_form(item)
        shot(actions.dialog, name)
        actions.dialog.reject()
    actions.new_cta()
    form = actions.dialog
    form.search.setText(item.account_name.split()[0])
    form._search(form.search.text())
    shot(form, "14-new-cta-search")
    form.reject()
    if item.account_id is not None:
        window.open_account(item.account_id)
        window.customer360.new_cta()
        shot(actions.dialog, "15-new-cta-from-customer360")
        actions.dialog.reject()
    actions.details(detail_item)
    shot(actions.dialog, "16-cta-details")
    details = actions.dialog
    details.due.setDate(details.due.date().addDays(7))
    shot(details, "16b-cta-details-moving-due")
    details.reject()
    if detail_item.account_id is not None:
        window.open_account(detail_item.account_id)
        window.customer360.tabs.setCurrentWidget(window.customer360.ctas)
        shot(window, "17-customer360-ctas")
        if sample_book:
            with window.book.writing() as session:
                lost = create_cta(
                    session,
                    account_id=detail_item.account_id,
                    cta_type=CtaType.RISK,
                    reason="Champion left: find a new sponsor",
                    due_on=window.today - timedelta(days=20),
                    owner_id=window.me_id,
                )
                close(session, lost, CtaOutcome.SUCCESS, "New VP signed up", datetime.now(UTC))
        window.customer360.ctas.show_closed.setChecked(True)
        shot(window, "18-customer360-ctas-closed")
    window.go_to("Settings")
    alerts = window.settings_page.alerts
    alerts.fields["renewal_lead_days"].edit.setText("120, 90, abc")
    alerts.fields["silence_days_low_touch"].spin.setValue(0)
    alerts.validate()
    window.settings_page.scroll.ensureWidgetVisible(alerts.save)
    shot(window, "19-settings-alerts-invalid")
    alerts.refresh()
