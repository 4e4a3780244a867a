"""Long work in a child process: the alert scan, and the desk's big files.

In the window's process such work would share one interpreter lock with the GUI
thread, and long calls into C (the database driver, Qt's text layout) hold that lock,
freezing the window for a moment each time. A child process has its own interpreter:
the window never waits for it, and the work gets the other core. The job goes in on
stdin as JSON and the answer comes back on stdout; the book's path or URL goes in the
environment, never on the command line, since a URL may hold a password."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

BOOK_VARIABLE = "CSWORK_CHILD_BOOK"


class ChildFailed(RuntimeError):
    """The child stopped; the message is its last line of error output."""


def run_child(module: str, book_target: str, job: dict, timeout: float) -> dict:
    """Run ``python -m module`` on the book at ``book_target`` (blocking: call it from a
    worker thread) and return its answer."""
    package_root = str(Path(__file__).resolve().parents[1])
    env = os.environ | {
        BOOK_VARIABLE: book_target,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-m", module],
        input=json.dumps(job),
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        raise ChildFailed(lines[-1] if lines else f"{module} stopped (exit {done.returncode})")
    return json.loads(done.stdout)


def child_main(work: Callable[..., dict]) -> NoReturn:
    """The child's side: ``work(book, job)`` on the book and the job it was given; the
    answer on stdout, or one line on stderr for the parent to show."""
    from cswork.store import open_book

    try:
        job = json.loads(sys.stdin.read())
        book = open_book(os.environ[BOOK_VARIABLE], create=False)
        try:
            answer = work(book, job)
        finally:
            book.close()
        json.dump(answer, sys.stdout)
    except Exception as exc:
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)
