"""The in-process schedule: catch-up after sleep, one run for many missed, nothing after
shutdown, the morning run at 08:00 local across a DST change."""

import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cswork.schedule import AlertSchedule

BERLIN = ZoneInfo("Europe/Berlin")


class Runs:
    def __init__(self) -> None:
        self.days: list[date] = []
        self.event = threading.Event()

    def scan(self, today: date) -> date:
        self.days.append(today)
        return today

    def done(self, _result) -> None:
        self.event.set()


def wait_for(predicate, seconds: float = 5.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


def test_start_up_scans_at_once():
    runs = Runs()
    schedule = AlertSchedule(runs.scan, runs.done, today=lambda: date(2026, 11, 23))
    schedule.start()
    try:
        assert runs.event.wait(5)
        assert runs.days == [date(2026, 11, 23)]
    finally:
        schedule.shutdown()


def test_runs_missed_while_asleep_are_made_up_once():
    """The laptop slept through five hourly runs: one scan at wake-up, not five."""
    runs = Runs()
    schedule = AlertSchedule(runs.scan, runs.done)
    slept_through = datetime.now(schedule.timezone) - timedelta(hours=5, minutes=1)
    schedule.start(scan_now=False, next_hourly=slept_through)
    try:
        assert wait_for(lambda: len(runs.days) >= 1)
        time.sleep(0.5)  # give a wrong scheduler time to run the others
        assert len(runs.days) == 1
        assert schedule.next_run("repeating-scan") > datetime.now(schedule.timezone)
    finally:
        schedule.shutdown()


def test_nothing_fires_after_shutdown():
    runs = Runs()
    schedule = AlertSchedule(runs.scan, runs.done, every=timedelta(seconds=0.1))
    schedule.start(scan_now=False, next_hourly=datetime.now(BERLIN))
    assert wait_for(lambda: len(runs.days) >= 2)
    schedule.shutdown()
    count = len(runs.days)
    time.sleep(0.6)
    assert len(runs.days) == count
    schedule.wakeup()  # a poke after shutdown is harmless
    assert len(runs.days) == count


def test_one_scan_at_a_time():
    inside, most = [0], [0]
    lock = threading.Lock()

    def slow_scan(today):
        with lock:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.15)
        with lock:
            inside[0] -= 1

    finished = []
    schedule = AlertSchedule(slow_scan, finished.append, every=timedelta(seconds=0.05))
    schedule.start(next_hourly=datetime.now(BERLIN))
    for _ in range(3):
        schedule.scan_now()
    assert wait_for(lambda: len(finished) >= 3)
    schedule.shutdown()
    assert most[0] == 1


def test_a_failing_scan_is_reported_and_the_schedule_goes_on():
    errors, done = [], []

    def failing(today):
        raise RuntimeError("disk full")

    schedule = AlertSchedule(failing, done.append, errors.append, every=timedelta(seconds=0.1))
    schedule.start(next_hourly=datetime.now(BERLIN))
    assert wait_for(lambda: len(errors) >= 2)
    schedule.shutdown()
    assert str(errors[0]) == "disk full" and done == []


def test_the_morning_scan_is_at_eight_local_time_across_a_dst_change():
    runs = Runs()
    schedule = AlertSchedule(runs.scan, runs.done, timezone=BERLIN)
    schedule.start(scan_now=False)
    try:
        job = schedule._scheduler.get_job("morning-scan")
        # Berlin leaves summer time on 25 Oct 2026: 08:00 local is 06:00 UTC, then 07:00.
        before = job.trigger.get_next_fire_time(None, datetime(2026, 10, 23, 9, tzinfo=BERLIN))
        after = job.trigger.get_next_fire_time(None, datetime(2026, 10, 25, 9, tzinfo=BERLIN))
        assert (before.day, before.hour, before.utcoffset()) == (24, 8, timedelta(hours=2))
        assert (after.day, after.hour, after.utcoffset()) == (26, 8, timedelta(hours=1))
    finally:
        schedule.shutdown()
