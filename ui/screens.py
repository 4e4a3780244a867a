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

    from cswork.demo import build_demo
    from cswork.enums import PersonRole
    from cswork.models import Account, Person
    from cswork.store import open_book
    from ui.app import make_app
    from ui.jump import JumpDialog
    from ui.look import release_cached_pixmaps
    from ui.main_window import MainWindow
    from ui.tasks import Tasks
    from ui.who_am_i import WhoAmIDialog

    out.mkdir(parents=True, exist_ok=True)
    scratch = tempfile.TemporaryDirectory()
    today = date.today()
    if db is None:
        book = open_book(Path(scratch.name) / "demo.db")
        build_demo(book, accounts, seed=1, today=today)
    else:
        book = open_book(db, create=False)
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
    tasks = Tasks()
    window = MainWindow(book, tasks, today, me.id if me else None, prefs)
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
    window.close()
    tasks.shutdown()
    book.close()
    for widget in (window, who):
        widget.deleteLater()
    QApplication.processEvents()
    release_cached_pixmaps()
    scratch.cleanup()
    return written
