"""File ▸ Open team book…: the address of a shared PostgreSQL book and the password.

The connection is tried off the GUI thread before the dialog closes, so a wrong
password or host is said here, in one line, and can be retyped. The password goes to
the operating system's keyring when asked to, never into the app's preferences."""

from __future__ import annotations

import getpass
from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

from cswork import server
from ui.kit.background import Workers
from ui.kit.forms import FormDialog

PREFS_KEY = "team_book/last"


class TeamBookDialog(FormDialog):
    def __init__(
        self,
        workers: Workers,
        prefs: QSettings,
        on_open: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Open team book",
            "Connect",
            parent,
            "A book your team shares on a PostgreSQL server. Ask whoever runs the "
            "server for its address and your user name.",
        )
        self.workers, self.prefs, self.on_open = workers, prefs, on_open
        self.host = QLineEdit()
        self.host.setPlaceholderText("db.example.com")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit()
        self.database.setPlaceholderText("csbook")
        self.user = QLineEdit(getpass.getuser())
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("from the keyring, PGPASSWORD or ~/.pgpass if empty")
        self.remember = QCheckBox("Keep the password in this computer's keyring")
        self.remember.setChecked(True)
        self.sslmode = QComboBox()
        for mode in server.SSL_MODES:
            self.sslmode.addItem(mode, mode)
        self.sslmode.setToolTip(
            "prefer: encrypt when the server can; require: always encrypt; verify-full: "
            "also check the server's certificate and name."
        )
        self.form.addRow("Server", self.host)
        self.form.addRow("Port", self.port)
        self.form.addRow("Database", self.database)
        self.form.addRow("User", self.user)
        self.form.addRow("Password", self.password)
        self.form.addRow("", self.remember)
        self.form.addRow("Encryption", self.sslmode)
        self._fill_from(prefs.value(PREFS_KEY))
        self.on_submit = lambda _: self._connect()

    def _fill_from(self, remembered: object) -> None:
        if not remembered:
            return
        from sqlalchemy import make_url

        url = make_url(str(remembered))
        self.host.setText(url.host or "")
        self.port.setValue(url.port or 5432)
        self.database.setText(url.database or "")
        self.user.setText(url.username or "")
        self.sslmode.setCurrentIndex(max(0, self.sslmode.findData(url.query.get("sslmode"))))

    def url(self):
        return server.team_url(
            self.host.text(),
            self.port.value(),
            self.database.text(),
            self.user.text(),
            self.sslmode.currentData(),
        )

    def problem_with_input(self) -> str | None:
        if not self.host.text().strip():
            return "Which server? Type its name or address."
        if not self.database.text().strip():
            return "Which database on that server holds the book?"
        return None

    def _connect(self) -> None:
        url, password = self.url(), self.password.text()
        trial = url.set(password=password) if password else url
        self.workers.reads.submit(
            lambda: server.try_connect(trial),
            lambda _: self._connected(url, password),
            lambda exc: self.failed(str(exc)),
        )

    def _connected(self, url, password: str) -> None:
        if password and self.remember.isChecked():
            try:
                server.save_password(url, password)
            except server.NoKeyring as exc:
                self.failed(str(exc))
                return
        self.prefs.setValue(PREFS_KEY, server.without_password(url))
        self.accept()
        # Not remembered: the password rides in the address for this run only.
        opened = url if self.remember.isChecked() or not password else url.set(password=password)
        self.on_open(opened.render_as_string(hide_password=False))
