"""`python main.py screens` reaches into every page, dialog and tab: rendering them all
on a small demo book is the quickest proof that the window still fits together."""

from PySide6.QtGui import QImage

from ui.screens.render import render_screens


def test_every_screen_renders_on_a_small_demo_book(qtbot, tmp_path):
    made = render_screens(tmp_path / "screens", accounts=150)

    names = {path.name for path in made}
    assert len(made) >= 60
    assert {"01-book.png", "30-customer360-success-plan.png", "60-renewals.png"} <= names
    for path in made:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 400, path.name
