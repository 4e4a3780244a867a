"""The in-process alert schedule: a scan at start-up, every hour, and each morning.

APScheduler 3's BackgroundScheduler runs the scan on its own worker thread; the caller
hears the result through ``on_done`` (the window turns it into a Qt signal). Laptop
manners:
- a run late by hours (the lid was shut) still runs, once: ``coalesce`` and a
  generous ``misfire_grace_time`` instead of APScheduler's 1-second default;
- the window pokes ``wakeup()`` every minute, since a sleeping machine's clock
  jumps while the scheduler's wait does not;
- one scan at a time: a single worker thread and ``max_instances=1``;
- jobs have fixed ids and ``replace_existing``; no job store, since the scan is
  state-based and the start-up scan catches up.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import STATE_STOPPED
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)

MISFIRE_GRACE = timedelta(hours=12)


class _Scheduler(BackgroundScheduler):
    def remove_job(self, job_id, jobstore=None) -> None:
        """APScheduler's shut-down empties the job store while its own thread may be
        about to remove a run-once job that just ran; that job is gone either way."""
        try:
            super().remove_job(job_id, jobstore)
        except JobLookupError:
            if self.state != STATE_STOPPED:
                raise


class AlertSchedule:
    def __init__(
        self,
        run_scan: Callable[[date], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        today: Callable[[], date] = date.today,
        timezone: tzinfo | None = None,
        every: timedelta = timedelta(hours=1),
        morning_hour: int = 8,
    ) -> None:
        self._run_scan, self._on_done, self._on_error = run_scan, on_done, on_error
        self._today, self._every, self._morning_hour = today, every, morning_hour
        self._one_at_a_time = threading.Lock()
        self._now_ids = itertools.count(1)
        # Without a zone APScheduler takes the machine's, so "08:00" is the user's morning
        # on both sides of a DST change.
        zone = {"timezone": timezone} if timezone is not None else {}
        self._scheduler = _Scheduler(
            **zone,
            executors={"default": ThreadPoolExecutor(max_workers=1)},
            job_defaults={
                "coalesce": True,
                "max_instances": 1,
                "misfire_grace_time": int(MISFIRE_GRACE.total_seconds()),
            },
        )

    @property
    def timezone(self) -> tzinfo:
        return self._scheduler.timezone

    def start(self, *, scan_now: bool = True, next_hourly: datetime | None = None) -> None:
        """Start scanning. ``next_hourly`` sets when the repeating scan next runs (a time
        in the past is a laptop that slept through its runs: it runs once, at once)."""
        first = next_hourly or datetime.now(self.timezone) + self._every
        self._scheduler.add_job(
            self._scan,
            IntervalTrigger(seconds=self._every.total_seconds(), timezone=self.timezone),
            id="repeating-scan",
            replace_existing=True,
            next_run_time=first,
        )
        self._scheduler.add_job(
            self._scan,
            # A trigger keeps its own zone: give it the schedule's, not the default.
            CronTrigger(hour=self._morning_hour, minute=0, timezone=self.timezone),
            id="morning-scan",
            replace_existing=True,
        )
        self._scheduler.start()
        if scan_now:
            self.scan_now()

    def scan_now(self) -> None:
        # A fresh id each time: replacing a run-once job while the scheduler removes it
        # after its run is a race inside APScheduler (JobLookupError).
        self._scheduler.add_job(self._scan, id=f"scan-now-{next(self._now_ids)}")

    def wakeup(self) -> None:
        """Look at the clock again (after the machine slept)."""
        if self._scheduler.running:
            self._scheduler.wakeup()

    def next_run(self, job_id: str) -> datetime | None:
        job = self._scheduler.get_job(job_id)
        return job.next_run_time if job else None

    def shutdown(self) -> None:
        """Stop: no scan starts after this returns; a scan under way finishes first."""
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)

    def _scan(self) -> None:
        with self._one_at_a_time:
            try:
                result = self._run_scan(self._today())
            except Exception as exc:  # reported, never lost in the scheduler's log only
                log.exception("alert scan failed")
                if self._on_error is not None:
                    self._on_error(exc)
                return
            self._on_done(result)
