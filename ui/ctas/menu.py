"""The CTA actions on one list view: a context menu and single-key shortcuts."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QMenu

from cswork.ctas import CtaItem

# name (a CtaActions method), menu text, keys
MENU = [
    ("details", "&Details…", ["Space", "D"]),
    ("snooze", "&Snooze…", ["S"]),
    ("close", "&Close…", ["C"]),
    ("reassign", "&Reassign…", ["R"]),
    ("comment", "Co&mment…", ["M"]),
    ("reopen", "Re&open", []),
]


class CtaMenu(QObject):
    """The CTA actions on one list view: its keys and its context menu. ``handlers``
    holds what each entry of ``MENU`` does to the selected CTA."""

    def __init__(
        self,
        handlers: Mapping[str, Callable[[CtaItem], None]],
        view: QAbstractItemView,
        current: Callable[[], CtaItem | None],
        open_account: Callable[[CtaItem], None] | None,
        new_cta: Callable[[], None] | None,
    ) -> None:
        super().__init__(view)
        self.view, self.current = view, current
        self.open_account, self.new_cta = open_account, new_cta
        self.menu: QMenu | None = None
        self.actions: dict[str, QAction] = {}
        for name, text, keys in MENU:
            action = QAction(text, view)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _=False, n=name: self._run(handlers[n]))
            view.addAction(action)
            self.actions[name] = action
        self.actions["open"] = QAction("&Open account\tEnter", view)
        self.actions["open"].triggered.connect(lambda: self._run(self._open))
        self.actions["new"] = QAction("&New CTA…\tCtrl+N", view)
        self.actions["new"].triggered.connect(lambda: new_cta() if new_cta else None)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self.show_menu)
        if view.selectionModel() is not None:
            view.selectionModel().currentChanged.connect(self.refresh)
        self.refresh()

    def _open(self, item: CtaItem) -> None:
        if self.open_account is not None:
            self.open_account(item)

    def _run(self, action: Callable[[CtaItem], None]) -> None:
        item = self.current()
        if item is not None:
            action(item)

    def refresh(self, *_args) -> None:
        """Offer what can be done with the selected CTA."""
        item = self.current()
        status = item.status if item else None
        self.actions["open"].setEnabled(item is not None and item.account_id is not None)
        for name in ("details", "reassign", "comment"):
            self.actions[name].setEnabled(item is not None)
        self.actions["snooze"].setEnabled(status == "open")
        self.actions["close"].setEnabled(status in ("open", "snoozed"))
        self.actions["reopen"].setEnabled(status in ("snoozed", "closed"))

    def build_menu(self) -> QMenu:
        menu = QMenu(self.view)
        if self.open_account is not None:
            menu.addAction(self.actions["open"])
        for name in ("details", "snooze", "close", "reassign", "comment"):
            menu.addAction(self.actions[name])
        if self.actions["reopen"].isEnabled():
            menu.addAction(self.actions["reopen"])
        if self.new_cta is not None:
            menu.addSeparator()
            menu.addAction(self.actions["new"])
        return menu

    def show_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        self.refresh()
        self.menu = self.build_menu()
        self.menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.menu.popup(self.view.viewport().mapToGlobal(pos))
