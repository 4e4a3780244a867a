"""The benchmark: one command, one table of figures against the goals.

    python bench/run.py [--accounts 100000] [--runs 5]

Builds (once) or reuses a demo book in bench/data/, then measures the app the way a
user meets it. Every figure is the median of several runs. GUI figures are taken
inside the process up to the repaint; start-up is the whole process, from launch to
the first paint of the book table.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = ROOT / "bench" / "data"
TODAY = date(2026, 11, 23)  # the demo book is built around a fixed day: same book every run


@dataclass
class Figure:
    measure: str
    value: str
    goal: str
    met: bool | None  # None: no goal

    @property
    def verdict(self) -> str:
        return "" if self.met is None else ("ok" if self.met else "MISSED")


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def timed(action: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return samples


def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    from PySide6 import __version__ as pyside

    return (
        f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, PySide6 {pyside}, SQLite {sqlite3.sqlite_version}"
    )


def ensure_book(accounts: int) -> tuple[Path, float | None]:
    """The demo book for this size, built once; returns its path and the build time."""
    path = DATA / f"book-{accounts}.db"
    if path.exists():
        return path, None
    DATA.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "demo",
            "--accounts",
            str(accounts),
            "--as-of",
            TODAY.isoformat(),
            "--db",
            str(path),
        ],
        check=True,
    )
    return path, time.perf_counter() - start


def cold_start(book: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds from launching the app to the first paint, and to the filled table."""
    painted, loaded = [], []
    for _ in range(runs):
        start = time.perf_counter()
        probe = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "startup_probe.py"), str(book)],
            stdout=subprocess.PIPE,
            text=True,
            stderr=subprocess.DEVNULL,
        )
        for line in probe.stdout:
            if line.startswith("painted"):
                painted.append(time.perf_counter() - start)
            elif line.startswith("loaded"):
                loaded.append(time.perf_counter() - start)
        probe.wait()
    return painted, loaded


def gui_figures(book_path: Path, runs: int) -> list[Figure]:
    from PySide6.QtCore import QEventLoop, QSettings, Qt

    from cswork.models import Account, Person
    from cswork.store import open_book
    from ui.app import make_app
    from ui.book_model import COLUMN_KEYS
    from ui.main_window import MainWindow
    from ui.tasks import Tasks

    app = make_app()
    book = open_book(book_path, create=False)
    with book.session() as session:
        me = session.query(Person.id).order_by(Person.id).first()[0]
        account_ids = [
            a
            for (a,) in session.query(Account.id).order_by(Account.arr_cents.desc()).limit(runs * 3)
        ]
    prefs = QSettings(str(DATA / "bench-prefs.ini"), QSettings.Format.IniFormat)
    tasks = Tasks()
    window = MainWindow(book, tasks, TODAY, me, prefs)
    window.resize(1440, 900)
    window.show()
    loop = QEventLoop()
    window.book_loaded.connect(loop.quit)
    window.refresh()
    loop.exec()
    app.processEvents()
    table = window.book_page.table

    def paint() -> None:
        table.viewport().repaint()

    # Quick filter: type a word one letter at a time, as a user does, then clear it.
    keystrokes: list[float] = []
    for word in ("harbor", "tanaka", "acme", "pine"):
        for n in range(1, len(word) + 1):
            start = time.perf_counter()
            window.book_page.filter.setText(word[:n])
            paint()
            keystrokes.append(time.perf_counter() - start)
        start = time.perf_counter()
        window.book_page.filter.clear()
        paint()
        keystrokes.append(time.perf_counter() - start)

    def sort_by(column: str) -> list[float]:
        samples = []
        for i in range(runs):
            order = Qt.SortOrder.DescendingOrder if i % 2 else Qt.SortOrder.AscendingOrder
            start = time.perf_counter()
            table.sortByColumn(COLUMN_KEYS.index(column), order)
            paint()
            samples.append(time.perf_counter() - start)
        return samples

    arr_sorts = sort_by("arr")
    renewal_sorts = sort_by("renewal_date")

    c360 = []
    for account_id in account_ids:
        start = time.perf_counter()
        window.open_account(account_id)
        window.customer360.repaint()
        c360.append(time.perf_counter() - start)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    tasks.shutdown()
    book.close()
    return [
        Figure(
            "quick-filter keystroke (median; worst)",
            f"{median_ms(keystrokes):.0f} ms; {max(keystrokes) * 1000:.0f} ms",
            "<= 50 ms",
            median_ms(keystrokes) <= 50,
        ),
        Figure(
            "sort by ARR",
            f"{median_ms(arr_sorts):.0f} ms",
            "<= 150 ms",
            median_ms(arr_sorts) <= 150,
        ),
        Figure(
            "sort by renewal date",
            f"{median_ms(renewal_sorts):.0f} ms",
            "<= 150 ms",
            median_ms(renewal_sorts) <= 150,
        ),
        Figure(
            "open a Customer360", f"{median_ms(c360):.0f} ms", "<= 100 ms", median_ms(c360) <= 100
        ),
        Figure("peak memory with the book open", f"{peak_mb:.0f} MB", "<= 400 MB", peak_mb <= 400),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print(f"machine: {machine()}")
    book, build_seconds = ensure_book(args.accounts)
    with sqlite3.connect(book) as con:
        entries = con.execute("SELECT count(*) FROM timeline_entries").fetchone()[0]
    print(f"book: {book.name}, {args.accounts:,} accounts, {entries:,} timeline entries")
    figures = []
    if build_seconds is not None:
        figures.append(
            Figure("build the demo book", f"{build_seconds:.1f} s", "< 60 s", build_seconds < 60)
        )
    painted, loaded = cold_start(book, args.runs)
    figures.append(
        Figure(
            "cold start to painted main window",
            f"{median_ms(painted):.0f} ms",
            "<= 1500 ms",
            median_ms(painted) <= 1500,
        )
    )
    figures.append(
        Figure("cold start to the filled book table", f"{median_ms(loaded):.0f} ms", "", None)
    )
    figures += gui_figures(book, args.runs)

    width = max(len(f.measure) for f in figures)
    print(f"\n| {'measure':<{width}} | {'figure':>16} | {'goal':<10} |    |")
    print(f"| {'-' * width} | {'-' * 16} | {'-' * 10} | -- |")
    for f in figures:
        print(f"| {f.measure:<{width}} | {f.value:>16} | {f.goal:<10} | {f.verdict:<2} |")
    return 0 if all(f.met is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
