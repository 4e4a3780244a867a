"""Start the app as a user would and report, on stdout, when the main window first
paints and when the book table is filled. Run by bench/run.py in a fresh process."""

import sys
import time

START = time.perf_counter()


def main(book_path: str) -> None:
    from datetime import date

    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer

    from cswork.models import Person
    from cswork.store import open_book
    from ui.kit.background import Workers
    from ui.shell.app import make_app
    from ui.shell.main_window import MainWindow

    app = make_app()
    book = open_book(book_path, create=False)
    with book.session() as session:
        me = session.query(Person.id).order_by(Person.id).first()
    prefs = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, "cswork-bench", "probe"
    )
    workers = Workers()
    window = MainWindow(book, workers, date.today(), me[0] if me else None, prefs)
    window.resize(1440, 900)

    class FirstPaint(QObject):
        seen = False

        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not self.seen:
                self.seen = True
                print(f"painted {time.perf_counter() - START:.4f}", flush=True)
            return False

    painter_watch = FirstPaint()
    window.book_page.table.viewport().installEventFilter(painter_watch)
    window.book_loaded.connect(
        lambda: print(f"loaded {time.perf_counter() - START:.4f}", flush=True)
    )
    window.book_loaded.connect(lambda: QTimer.singleShot(0, app.quit))
    window.show()
    window.refresh()
    app.exec()
    workers.shutdown()
    book.close()


if __name__ == "__main__":
    main(sys.argv[1])
