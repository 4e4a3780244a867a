"""A desktop notification when a scan raises high-priority CTAs.

Only high-priority CTAs interrupt the user, in one message however many there are;
the rest wait quietly in the task pane. Without a system tray (offscreen, some Linux
desktops) nothing is shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QSystemTrayIcon

NAMED = 3  # accounts named in the message; the rest are counted


class NewCta(Protocol):
    priority: str
    account_name: str
    type: str


def new_cta_message(items: Sequence[NewCta]) -> tuple[str, str] | None:
    """(title, text) for the high-priority CTAs among ``items``, or None if there are none."""
    high = [item for item in items if item.priority == "high"]
    if not high:
        return None
    title = "1 new high-priority CTA" if len(high) == 1 else f"{len(high)} new high-priority CTAs"
    named = ", ".join(f"{item.account_name} {item.type}" for item in high[:NAMED])
    more = f", and {len(high) - NAMED} more" if len(high) > NAMED else ""
    return title, f"{named}{more}. Open the task pane to work them."


def notify_new_ctas(
    tray: QSystemTrayIcon | None,
    items: Sequence[NewCta],
    tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
) -> bool:
    """Show one tray message for the new high-priority CTAs; True when one was shown."""
    message = new_cta_message(items)
    if tray is None or message is None or not tray_available():
        return False
    tray.showMessage(*message, QSystemTrayIcon.MessageIcon.Information, 10_000)
    return True
