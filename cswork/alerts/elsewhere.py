"""Run the alert scan in a child process.

A scan is seconds of Python over a large book; in the window's process it would share
one interpreter lock with the GUI thread, and long stretches of C code in the database
driver hold that lock, freezing the window for a moment each time. A child process has
its own interpreter: the window never waits for it, and the scan gets the other core.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cswork.alerts.scan import ScanResult, scan
from cswork.store import open_book

TARGET_VARIABLE = "CSWORK_SCAN_BOOK"  # not argv: a database URL may hold a password


class ScanFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class ScanReport:
    """What a scan did, as the window needs it (ScanResult without the rule objects)."""

    today: date
    raised_ids: list[int]
    snoozes_ended: int
    closed_as_moved: int
    open_count: int
    seconds: float

    @classmethod
    def of(cls, result: ScanResult) -> ScanReport:
        return cls(
            result.today,
            list(result.raised_ids),
            result.snoozes_ended,
            result.closed_as_moved,
            result.open_count,
            result.seconds,
        )


def scan_in_child(book_target: str, today: date, timeout: float = 600) -> ScanReport:
    """Scan the book at ``book_target`` (a path or URL) in a fresh interpreter."""
    package_root = str(Path(__file__).resolve().parents[2])
    env = os.environ | {
        TARGET_VARIABLE: book_target,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-m", "cswork.alerts.elsewhere", today.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise ScanFailed(lines[-1] if lines else f"the scan stopped (exit {done.returncode})")
    report = json.loads(done.stdout)
    return ScanReport(today=date.fromisoformat(report.pop("today")), **report)


def _main() -> int:
    today = date.fromisoformat(sys.argv[1])
    book = open_book(os.environ[TARGET_VARIABLE], create=False)
    try:
        report = ScanReport.of(scan(book, today))
    finally:
        book.close()
    print(json.dumps({**report.__dict__, "today": report.today.isoformat()}))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(_main())
    except Exception as exc:  # one line for the parent to show
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
