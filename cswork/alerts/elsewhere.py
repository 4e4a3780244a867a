"""Run the alert scan in a child process (see cswork/child.py for why): a scan is
seconds of Python over a large book."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from cswork.alerts.scan import ScanResult, scan
from cswork.child import child_main, run_child


@dataclass(frozen=True)
class ScanReport:
    """What a scan did, as the window needs it (ScanResult without the rule objects)."""

    today: date
    raised_ids: list[int]
    snoozes_ended: int
    closed_as_moved: int
    open_count: int
    seconds: float
    renewals_opened_for: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, result: ScanResult) -> ScanReport:
        return cls(
            result.today,
            list(result.raised_ids),
            result.snoozes_ended,
            result.closed_as_moved,
            result.open_count,
            result.seconds,
            list(result.renewals_opened_for),
        )


def scan_in_child(book_target: str, today: date, timeout: float = 600) -> ScanReport:
    """Scan the book at ``book_target`` (a path or URL) in a fresh interpreter."""
    job = {"today": today.isoformat()}
    report = run_child("cswork.alerts.elsewhere", book_target, job, timeout)
    return ScanReport(today=date.fromisoformat(report.pop("today")), **report)


def _scan(book, job: dict) -> dict:
    report = ScanReport.of(scan(book, date.fromisoformat(job["today"])))
    return {**report.__dict__, "today": report.today.isoformat()}


if __name__ == "__main__":
    child_main(_scan)
