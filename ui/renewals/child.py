"""Write the big desk files in a child process: everyone's calendar (100,000 events on a
large book) and the review agenda as a PDF (Qt lays out every table row).

See cswork/child.py for why a child process: Qt's text layout holds the interpreter
lock for seconds."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cswork.child import child_main, run_child


def run_in_child(book_target: str, job: dict, timeout: float = 1800) -> dict:
    """Run ``job`` on the book at ``book_target`` in a fresh interpreter (blocking:
    call it from a worker thread)."""
    return run_child("ui.renewals.child", book_target, job, timeout)


def _calendar(book, job: dict) -> dict:
    from cswork.calendar_export import book_calendar, write_calendar

    with book.session() as session:
        calendar = book_calendar(session, owner_id=job["owner_id"])
    return {"written": write_calendar(calendar, Path(job["path"]))}


def _review(book, job: dict) -> dict:
    from cswork.desk import review_agenda
    from cswork.metrics import Cohort
    from ui.kit.headless import ensure_app
    from ui.renewals.review_agenda import write_agenda

    today = date.fromisoformat(job["today"])
    with book.session() as session:
        cohort = Cohort(owner_id=job["owner_id"], segment=job["segment"])
        agenda = review_agenda(session, today, job["days"], cohort)
    ensure_app()
    return {"written": write_agenda(Path(job["path"]), agenda, today, job["scope"])}


JOBS = {"calendar": _calendar, "review": _review}


if __name__ == "__main__":
    child_main(lambda book, job: JOBS[job["what"]](book, job))
