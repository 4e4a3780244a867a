"""Work off the GUI thread, with results delivered back on it.

Reads may run two at a time; writes go through one worker, since SQLite has one
writer. Each job gets what it needs passed in and returns a value; its callback runs on
the GUI thread through a queued signal (after Anki's CollectionOp/QueryOp)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class Runner(QObject):
    """A pool of worker threads whose results come back on the GUI thread."""

    _finished = Signal(object, object, object)  # callback, result or error, failed
    # A job failed and nobody asked to hear about it: the window shows this message.
    failed = Signal(str)

    def __init__(self, name: str, max_workers: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=name)
        self._finished.connect(self._deliver)
        self._busy = 0
        self._closed = False

    def submit(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> Future | None:
        """Run ``work`` on a worker; None once the app is closing (a late signal, such
        as a scan finishing during shut-down, must not start new work)."""
        if self._closed:
            return None

        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # reported on the GUI thread, never swallowed
                log.exception("background job failed")
                self._finished.emit(on_error, exc, True)
            else:
                self._finished.emit(on_done, result, False)

        self._busy += 1
        return self._pool.submit(run)

    @property
    def busy(self) -> bool:
        return self._busy > 0

    def _deliver(self, callback, value, failed: bool) -> None:
        self._busy -= 1
        if callback is not None:
            callback(value)
        elif failed:
            self.failed.emit(str(value) or type(value).__name__)

    def shutdown(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)


class Workers(QObject):
    """The app's two runners: ``reads`` and the single-writer ``writes``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.reads = Runner("cswork-read", 2, self)
        self.writes = Runner("cswork-write", 1, self)

    def shutdown(self) -> None:
        self.writes.shutdown()
        self.reads.shutdown()
