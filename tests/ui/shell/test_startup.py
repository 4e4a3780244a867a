"""Start-up: the first run asks who the user is; the next run remembers."""

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import text

from cswork.store import open_book
from tests.conftest import TODAY
from tests.factories import add_account, add_people
from ui.shell.app import Workbench, make_app
from ui.shell.who_am_i import WhoAmIDialog


def answer_who_am_i(choose_email: str | None = None, new_name: str | None = None) -> list:
    """Answer the modal dialog as soon as it shows; returns a list that records it."""
    seen = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WhoAmIDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        if new_name:
            dialog.new.setChecked(True)
            dialog.name.setText(new_name)
        else:
            for i in range(dialog.people.count()):
                if choose_email in dialog.people.itemText(i):
                    dialog.people.setCurrentIndex(i)
        dialog._accept()

    QTimer.singleShot(0, answer)
    return seen


def test_first_run_asks_who_i_am_and_the_next_run_remembers(qtbot, book_path, tmp_path):
    book = open_book(book_path)
    people = add_people(book)
    add_account(book, TODAY, 30, csm_id=people["re"], name="Mine")
    book.close()
    prefs = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    app = make_app()

    first = Workbench(app, prefs, TODAY)
    asked = answer_who_am_i("riley@example.com")
    assert first.open(str(book_path))
    assert len(asked) == 1 and first.window.me_id == people["re"]
    first.window.close()
    first.shutdown()

    second = Workbench(app, prefs, TODAY)
    asked_again = answer_who_am_i("casey@example.com")
    assert second.open(str(book_path))
    assert asked_again == [] and second.window.me_id == people["re"]
    second.window.close()
    second.shutdown()


def test_a_new_user_on_an_empty_book_is_added_to_it(qtbot, book_path, tmp_path):
    prefs = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    workbench = Workbench(make_app(), prefs, TODAY)
    answer_who_am_i(new_name="Jordan Lee")
    assert workbench.open(str(book_path))
    with workbench.book.session() as session:
        from cswork.models import Person

        assert session.get(Person, workbench.window.me_id).name == "Jordan Lee"
    workbench.window.close()
    workbench.shutdown()


def test_a_book_from_the_future_is_refused_with_a_message(qtbot, book_path, tmp_path):
    book = open_book(book_path)
    with book.writing() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'zzzz'"))
    book.close()
    shown = []

    def close_message() -> None:
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, close_message)
            return
        shown.append(box.text())
        box.accept()

    prefs = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    workbench = Workbench(make_app(), prefs, TODAY)
    QTimer.singleShot(0, close_message)
    assert not workbench.open(str(book_path))
    assert "newer version" in shown[0]
    workbench.shutdown()
