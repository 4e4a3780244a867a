"""Write the big desk files in a child process: everyone's calendar (100,000 events on a
large book) and the review agenda as a PDF (Qt lays out every table row).

In the window's process this work would share one interpreter lock with the GUI
thread, and long calls into C (Qt's text layout, the database driver) hold it for
seconds: the window would freeze. A child process has its own interpreter, so the
window never waits for it (as the alert scan does, see cswork/alerts/elsewhere.py).
The job goes in on stdin as JSON, the book's URL in the environment (a URL may hold
a password, so never on the command line); the answer comes back on stdout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

TARGET_VARIABLE = "CSWORK_DESK_BOOK"


class ChildFailed(RuntimeError):
    pass


def run_in_child(book_target: str, job: dict, timeout: float = 1800) -> dict:
    """Run ``job`` on the book at ``book_target`` in a fresh interpreter (blocking:
    call it from a worker thread)."""
    package_root = str(Path(__file__).resolve().parents[1])
    env = os.environ | {
        TARGET_VARIABLE: book_target,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-m", "ui.desk_child"],
        input=json.dumps(job),
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise ChildFailed(lines[-1] if lines else f"the export stopped (exit {done.returncode})")
    return json.loads(done.stdout)


def _calendar(book, job: dict) -> dict:
    from cswork.calendar_export import book_calendar, write_calendar

    with book.session() as session:
        calendar = book_calendar(session, owner_id=job["owner_id"])
    return {"written": write_calendar(calendar, Path(job["path"]))}


def _review(book, job: dict) -> dict:
    from cswork.desk import review_agenda
    from cswork.metrics import Cohort
    from ui.desk_commands import ensure_app
    from ui.review_agenda import write_agenda

    today = date.fromisoformat(job["today"])
    with book.session() as session:
        cohort = Cohort(owner_id=job["owner_id"], segment=job["segment"])
        agenda = review_agenda(session, today, job["days"], cohort)
    ensure_app()
    return {"written": write_agenda(Path(job["path"]), agenda, today, job["scope"])}


JOBS = {"calendar": _calendar, "review": _review}


def _main() -> int:
    from cswork.store import open_book

    job = json.loads(sys.stdin.read())
    book = open_book(os.environ[TARGET_VARIABLE], create=False)
    try:
        answer = JOBS[job["what"]](book, job)
    finally:
        book.close()
    json.dump(answer, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(_main())
