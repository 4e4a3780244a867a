"""The benchmark: one command, one table of figures against the goals.

    python bench/run.py [--accounts 100000] [--runs 5]

Builds (once) or reuses a demo book in bench/data/, then measures the app the way a
user meets it. Every figure is the median of several runs. GUI figures are taken
inside the process up to the repaint; start-up is the whole process, from launch to
the first paint of the book table.
"""

from __future__ import annotations

import argparse
import itertools
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


def working_copy(pristine: Path) -> Path:
    """A fresh copy of the demo book for this run: scans write CTAs into it."""
    import shutil

    work = pristine.with_name(pristine.stem + "-work.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(pristine, work)
    return work


HAND_RENEWALS_SQL = """
WITH team AS (
    SELECT r.owner_field FROM raci_cells c
    JOIN raci_matrices m ON m.id = c.matrix_id AND m.kind = 'team'
    JOIN raci_activities a ON a.id = c.activity_id AND a.key = 'renewal'
    JOIN raci_roles r ON r.id = c.role_id
    WHERE instr(c.letters, 'A') > 0),
override AS (
    SELECT o.account_id, r.owner_field FROM raci_overrides o
    JOIN raci_activities a ON a.id = o.activity_id AND a.key = 'renewal'
    JOIN raci_roles r ON r.id = o.role_id
    WHERE instr(o.letters, 'A') > 0),
rates(currency, rate) AS (VALUES {rates}),
held AS (
    SELECT a.id, round(a.arr_cents * r.rate) AS arr FROM accounts a
    JOIN rates r ON r.currency = a.currency WHERE a.status = 'active'),
top_decile AS (
    SELECT arr FROM held ORDER BY arr DESC
    LIMIT 1 OFFSET (SELECT (count(*) + 9) / 10 - 1 FROM held))
SELECT 'renewal:' || a.id || ':' || a.renewal_date || ':90',
       CASE coalesce(o.owner_field, (SELECT owner_field FROM team))
            WHEN 'csm_id' THEN a.csm_id WHEN 're_manager_id' THEN a.re_manager_id
            ELSE a.ae_id END,
       CASE WHEN a.health <= 50 OR h.arr >= (SELECT arr FROM top_decile)
            THEN 'high' ELSE 'medium' END,
       max(date(a.renewal_date, '-90 days'), :today)
FROM accounts a LEFT JOIN override o ON o.account_id = a.id JOIN held h ON h.id = a.id
WHERE a.status = 'active' AND a.renewal_date BETWEEN :today AND date(:today, '+90 days')
"""


def scan_figures(book_path: Path, runs: int) -> list[Figure]:
    """The full alert scan against a hand-written SQL query for the renewal CTAs."""
    from sqlalchemy import select

    from cswork.alerts import scan
    from cswork.alerts.common import ScanContext
    from cswork.alerts.renewal import renewal_candidates
    from cswork.models import Account
    from cswork.rates import Rates, reporting_currency
    from cswork.store import open_book

    book = open_book(book_path, create=False)
    rescans = [scan(book, TODAY).seconds for _ in range(runs)]
    with book.session() as session:
        ctx = ScanContext.load(session, TODAY)
        ctx.known_keys = frozenset()  # find every renewal CTA, as the query does
        ours = {
            (c.dedupe_key, c.owner_id, c.priority.value, c.due_on.isoformat())
            for c in renewal_candidates(ctx)
        }
        renewal_rule = timed(lambda: renewal_candidates(ctx), runs)
        # Today's rates into the reporting currency, for the query's top tenth of ARR.
        to = reporting_currency(session)
        held = list(session.scalars(select(Account.currency).distinct()))
        rates = Rates.load(session, {*held, to})
        values = ", ".join(f"('{c}', {rates.rate(c, TODAY, to)})" for c in held)
    book.close()
    sql = HAND_RENEWALS_SQL.format(rates=values)
    con = sqlite3.connect(book_path)
    hand = timed(
        lambda: con.execute(sql, {"today": TODAY.isoformat()}).fetchall(), runs
    )
    theirs = set(con.execute(sql, {"today": TODAY.isoformat()}).fetchall())
    con.close()
    if ours != theirs:
        print(f"warning: the scan and the SQL disagree on {len(ours ^ theirs)} renewal CTAs")
    ratio = median_ms(rescans) / median_ms(hand)
    return [
        Figure(
            "full alert scan, nothing new (median)",
            f"{median_ms(rescans):.0f} ms",
            "<= 1000 ms",
            median_ms(rescans) <= 1000,
        ),
        Figure(
            f"hand SQL for the {len(theirs):,} renewal CTAs", f"{median_ms(hand):.0f} ms", "", None
        ),
        Figure("full scan / hand SQL", f"{ratio:.1f}x", "<= 3x", ratio <= 3),
        Figure(
            "renewal rule alone / hand SQL",
            f"{median_ms(renewal_rule) / median_ms(hand):.1f}x",
            "<= 3x",
            median_ms(renewal_rule) / median_ms(hand) <= 3,
        ),
    ]


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
    from ui.book.model import COLUMN_KEYS
    from ui.kit.background import Workers
    from ui.shell.app import make_app
    from ui.shell.main_window import MainWindow

    app = make_app()
    book = open_book(book_path, create=False)
    with book.session() as session:
        me = session.query(Person.id).order_by(Person.id).first()[0]
        account_ids = [
            a
            for (a,) in session.query(Account.id).order_by(Account.arr_cents.desc()).limit(runs * 3)
        ]
    prefs = QSettings(str(DATA / "bench-prefs.ini"), QSettings.Format.IniFormat)
    workers = Workers()
    window = MainWindow(book, workers, TODAY, me, prefs)
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

    # The first scan of the book raises every CTA at once (the heaviest scan there is),
    # on the scheduler's thread; a 5 ms timer on the GUI thread measures the stalls.
    from PySide6.QtCore import QTimer

    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    finished: list[object] = []
    window.scan_finished.connect(finished.append)
    loop = QEventLoop()
    window.scan_finished.connect(loop.quit)
    timer.start()
    window.start_alerts(clock=lambda: TODAY)
    loop.exec()
    settle = time.perf_counter() + 3  # and while the window takes in what it raised
    while time.perf_counter() < settle:
        app.processEvents()
    timer.stop()
    stall = max(b - a for a, b in itertools.pairwise(ticks)) if len(ticks) > 1 else 0
    first_scan = finished[0]

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    workers.shutdown()
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
        Figure(
            f"first alert scan, raising {len(first_scan.raised_ids):,} CTAs",
            f"{first_scan.seconds * 1000:.0f} ms",
            "",
            None,
        ),
        Figure(
            "longest GUI-thread stall during that scan and after",
            f"{stall * 1000:.0f} ms",
            "<= 100 ms",
            stall <= 0.1,
        ),
        Figure("peak memory with the book open", f"{peak_mb:.0f} MB", "<= 400 MB", peak_mb <= 400),
    ]


def desk_figures(book_path: Path, runs: int) -> list[Figure]:
    """The renewals desk over a year of the whole book, and a call-prep brief to PDF.

    Needs the QApplication of gui_figures: Qt lays out and writes the brief's page."""
    import tempfile

    from cswork.models import Account
    from cswork.store import open_book
    from ui.brief.view import read_brief, write_brief_pdf
    from ui.renewals.filters import DeskFilter
    from ui.renewals.reads import read_figures, read_lists

    book = open_book(book_path, create=False)
    year = DeskFilter(None, None, date(TODAY.year, 1, 1), date(TODAY.year, 12, 31), "This year")
    dashboard = timed(lambda: read_figures(book, year, TODAY), runs)
    lists = timed(lambda: read_lists(book, year, TODAY), runs)
    with book.session() as session:
        biggest = session.query(Account.id).order_by(Account.arr_cents.desc()).limit(runs).all()
    briefs = []
    with tempfile.TemporaryDirectory() as folder:
        for n, (account_id,) in enumerate(biggest):
            start = time.perf_counter()
            write_brief_pdf(read_brief(book, account_id, TODAY), Path(folder, f"{n}.pdf"))
            briefs.append(time.perf_counter() - start)
    book.close()
    return [
        Figure(
            "renewals dashboard and metrics for a year",
            f"{median_ms(dashboard):.0f} ms",
            "<= 300 ms",
            median_ms(dashboard) <= 300,
        ),
        Figure("90-day list, capacity and review agenda", f"{median_ms(lists):.0f} ms", "", None),
        Figure(
            "call-prep brief to PDF",
            f"{median_ms(briefs):.0f} ms",
            "<= 500 ms",
            median_ms(briefs) <= 500,
        ),
    ]


# sqlite3 itself putting the same file into a new book's accounts table, with its
# indexes and checks (no owners): the least any import into the book can take.
SQLITE3_INTO_THE_BOOK = """
.import --csv {csv} raw
BEGIN;
INSERT INTO accounts (external_id, name, segment, industry, arr_cents, currency, licenses,
    licenses_used, contract_start, renewal_date, term_months, auto_renew, status,
    entered_book_on, created_at, updated_at)
SELECT external_id, name, segment, nullif(industry, ''), CAST(round(arr * 100) AS INTEGER),
    currency, CAST(licenses AS INTEGER), CAST(licenses_used AS INTEGER),
    nullif(contract_start, ''), nullif(renewal_date, ''), CAST(term_months AS INTEGER),
    auto_renew = 'yes', status, '{today}', '{today} 00:00:00', '{today} 00:00:00'
FROM raw;
DROP TABLE raw;
COMMIT;
"""


def import_figures(pristine: Path, runs: int) -> list[Figure]:
    """Importing the book's 100,000 accounts into a new book, against sqlite3's .import
    of the same CSV file into a plain table, and into a new book's accounts table (each
    run in fresh files). The alert scan that follows an import (it makes each renewal's
    opportunity and raises the CTAs) is its own figure."""
    import tempfile

    from sqlalchemy import func, select

    from cswork.exporting import export_accounts
    from cswork.importing import ACCOUNTS_IMPORT, run_import
    from cswork.models import Opportunity
    from cswork.store import open_book

    csv_file = DATA / f"{pristine.stem}-accounts.csv"
    if not csv_file.exists():
        book = open_book(pristine, create=False)
        with book.session() as session:
            export_accounts(session, csv_file)
        book.close()
    ours, scans, plain, into_book, rows, made = [], [], [], [], 0, ""

    def sqlite3(database: Path, script: str) -> float:
        start = time.perf_counter()
        subprocess.run(["sqlite3", "-bail", str(database)], input=script, text=True, check=True)
        return time.perf_counter() - start

    with tempfile.TemporaryDirectory() as folder:
        for n in range(runs):
            book = open_book(Path(folder, f"ours-{n}.db"))
            start = time.perf_counter()
            report = run_import(book, ACCOUNTS_IMPORT, csv_file, today=TODAY)
            whole = time.perf_counter() - start
            ours.append(whole - report.scan_seconds)  # the file into the book
            scans.append(report.scan_seconds)  # then the rules, over what came in
            with book.session() as session:
                made = session.scalar(select(func.count(Opportunity.id)))
            made = f"{made:,} renewal opportunities made, {report.ctas_raised:,} CTAs raised"
            book.close()
            rows = report.rows
            if report.imported != rows:
                print(f"warning: the import wrote {report.imported:,} of {rows:,} rows")
            plain.append(sqlite3(Path(folder, f"plain-{n}.db"), f".import --csv {csv_file} t"))
            empty_book = Path(folder, f"book-{n}.db")
            open_book(empty_book).close()
            script = SQLITE3_INTO_THE_BOOK.format(csv=csv_file, today=TODAY.isoformat())
            into_book.append(sqlite3(empty_book, script))
    ratio = median_ms(ours) / median_ms(plain)
    return [
        Figure(
            f"import of a {rows:,}-row accounts CSV",
            f"{median_ms(ours):.0f} ms",
            "<= 5000 ms",
            median_ms(ours) <= 5000,
        ),
        Figure(f"then its alert scan ({made})", f"{median_ms(scans):.0f} ms", "", None),
        Figure("sqlite3 .import of the same file", f"{median_ms(plain):.0f} ms", "", None),
        Figure("import / sqlite3 .import", f"{ratio:.1f}x", "<= 3x", ratio <= 3),
        Figure(
            "sqlite3 .import, then into a book's accounts table",
            f"{median_ms(into_book):.0f} ms",
            "",
            None,
        ),
        Figure("import / that", f"{median_ms(ours) / median_ms(into_book):.1f}x", "", None),
    ]


def postgres_figures(pristine: Path, server: str, runs: int) -> list[Figure]:
    """The same book on a PostgreSQL server on loopback, beside SQLite: copying it in,
    loading the book view's rows, the first scan (every CTA raised) and a rescan."""
    from sqlalchemy import create_engine, make_url, text

    from cswork.alerts import scan
    from cswork.book import load_rows
    from cswork.copying import copy_book_rows
    from cswork.store import open_book

    url = make_url(server)
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text('DROP DATABASE IF EXISTS "cswork_bench" WITH (FORCE)'))
        connection.execute(text('CREATE DATABASE "cswork_bench"'))
    admin.dispose()

    lite = open_book(working_copy(pristine), create=False)
    team = open_book(url.set(database="cswork_bench"))
    copied = copy_book_rows(lite, team)

    def load(book) -> list[float]:
        def once() -> None:
            with book.session() as session:
                load_rows(session)

        return timed(once, runs)

    def scans(book) -> tuple[float, list[float]]:
        first = scan(book, TODAY).seconds
        return first, [scan(book, TODAY).seconds for _ in range(runs)]

    lite_load, team_load = load(lite), load(team)
    (lite_first, lite_again), (team_first, team_again) = scans(lite), scans(team)
    lite.close()
    team.close()

    def side_by_side(measure: str, lite_s: float, team_s: float) -> Figure:
        return Figure(measure, f"{lite_s * 1000:.0f} / {team_s * 1000:.0f} ms", "SQLite / PG", None)

    return [
        Figure(
            f"copy the book into PostgreSQL ({copied.total_rows:,} rows, checked)",
            f"{copied.seconds:.1f} s",
            "",
            None,
        ),
        side_by_side(
            "book load: every account's row",
            statistics.median(lite_load),
            statistics.median(team_load),
        ),
        side_by_side("first alert scan (every CTA raised)", lite_first, team_first),
        side_by_side(
            "alert scan, nothing new (median)",
            statistics.median(lite_again),
            statistics.median(team_again),
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=os.environ.get("CSWORK_BENCH_POSTGRES"),
        help="a PostgreSQL server where we may create a database: adds the same book's "
        "figures there (bash .ci/postgres.sh start DIR prints one)",
    )
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
    book = working_copy(book)
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
    figures += desk_figures(book, args.runs)
    figures += scan_figures(book, args.runs)
    figures += import_figures(DATA / f"book-{args.accounts}.db", args.runs)
    if args.postgres:
        figures += postgres_figures(DATA / f"book-{args.accounts}.db", args.postgres, args.runs)

    width = max(len(f.measure) for f in figures)
    print(f"\n| {'measure':<{width}} | {'figure':>16} | {'goal':<10} |    |")
    print(f"| {'-' * width} | {'-' * 16} | {'-' * 10} | -- |")
    for f in figures:
        print(f"| {f.measure:<{width}} | {f.value:>16} | {f.goal:<10} | {f.verdict:<2} |")
    return 0 if all(f.met is not False for f in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
