"""The alert rules and the scan: never miss, never nag."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from cswork import ctas as cta_ops
from cswork.alerts import all_candidates, scan
from cswork.enums import (
    ContactRole,
    CtaOutcome,
    CtaStatus,
    CtaType,
    PersonRole,
    Priority,
    Segment,
    TimelineKind,
)
from cswork.models import Contact, Cta, CtaTask, Milestone, Person, ScoreCategory, SuccessPlan
from cswork.raci import apply_override_preset
from cswork.scorecard import record_scores
from cswork.seed import STRATEGIC_PRESET
from cswork.settings import set_setting
from cswork.timeline import add_entry
from tests.conftest import REPO, TODAY
from tests.factories import add_account, add_people

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)


def ctas(book, **where):
    with book.session() as session:
        query = select(Cta)
        for column, value in where.items():
            query = query.where(getattr(Cta, column) == value)
        return list(session.scalars(query.order_by(Cta.id)))


def renewal_ctas(book):
    return ctas(book, type=CtaType.RENEWAL)


@pytest.fixture
def people(book):
    return add_people(book)


def owned(people, **fields):
    return {"csm_id": people["csm"], "re_manager_id": people["re"], "ae_id": people["ae"]} | fields


# -- renewal -------------------------------------------------------------------------
def test_renewal_lead_time_boundaries_89_90_91(book, people):
    for days in (89, 90, 91):
        add_account(book, TODAY, days, external_id=f"D{days}", **owned(people))
    scan(book, TODAY)
    raised = renewal_ctas(book)
    assert sorted(c.dedupe_key.split(":")[2] for c in raised) == [
        (TODAY + timedelta(days=89)).isoformat(),
        (TODAY + timedelta(days=90)).isoformat(),
    ]


def test_renewal_due_date_is_renewal_minus_lead_time_or_today(book, people):
    on_time = add_account(book, TODAY, 90, external_id="ON-TIME", **owned(people))
    late = add_account(book, TODAY, 30, external_id="LATE", **owned(people))  # laptop was shut
    scan(book, TODAY)
    due = {c.account_id: c.due_on for c in renewal_ctas(book)}
    assert due == {on_time: TODAY, late: TODAY}
    scan(book, TODAY + timedelta(days=7))  # a week on, the CTAs keep their due dates
    assert {c.account_id: c.due_on for c in renewal_ctas(book)} == due


def test_several_lead_times_raise_the_tightest_that_covers_the_renewal(book, people):
    with book.writing() as session:
        set_setting(session, "renewal_lead_days", [30, 120, 90])
    account = add_account(book, TODAY, 100, external_id="R", **owned(people))
    scan(book, TODAY)
    assert [c.dedupe_key.rsplit(":", 1)[1] for c in renewal_ctas(book)] == ["120"]
    scan(book, TODAY + timedelta(days=11))  # 89 days out
    scan(book, TODAY + timedelta(days=71))  # 29 days out
    leads = [c.dedupe_key.rsplit(":", 1)[1] for c in renewal_ctas(book)]
    assert leads == ["120", "90", "30"]
    assert all(c.account_id == account for c in renewal_ctas(book))


def test_a_book_first_scanned_inside_several_lead_times_gets_one_cta(book, people):
    with book.writing() as session:
        set_setting(session, "renewal_lead_days", [30, 120, 90])
    add_account(book, TODAY, 89, external_id="R", **owned(people))
    with book.session() as session:
        keys = [c.dedupe_key for c in all_candidates(session, TODAY)]
    assert [k.rsplit(":", 1)[1] for k in keys if k.startswith("renewal:")] == ["90"]


def test_a_renewal_in_the_past_raises_no_lead_time_cta(book, people):
    late = add_account(book, TODAY, -1, external_id="LATE", **owned(people))
    scan(book, TODAY)
    yesterday = TODAY - timedelta(days=1)
    # Only the overdue one (tests/core/test_renewals_never_missed.py), no 90-day CTA.
    assert [c.dedupe_key for c in renewal_ctas(book)] == [f"renewal:{late}:{yesterday}:overdue"]


def test_a_29_february_renewal(book, people):
    renewal = date(2028, 2, 29)
    add_account(book, renewal, 0, external_id="LEAP", **owned(people))  # renews on 29 Feb
    as_of = renewal - timedelta(days=90)
    assert as_of == date(2027, 12, 1)
    scan(book, as_of - timedelta(days=1))
    assert renewal_ctas(book) == []
    scan(book, as_of)
    [cta] = renewal_ctas(book)
    assert cta.due_on == as_of and cta.dedupe_key.endswith("2028-02-29:90")


def test_renewal_goes_to_the_accountable_per_the_raci(book, people):
    plain = add_account(book, TODAY, 60, external_id="PLAIN", **owned(people))
    strategic = add_account(
        book, TODAY, 60, external_id="BIG", segment=Segment.STRATEGIC, **owned(people)
    )
    with book.writing() as session:
        apply_override_preset(session, [strategic], STRATEGIC_PRESET)
    scan(book, TODAY)
    owners = {c.account_id: c.owner_id for c in renewal_ctas(book)}
    assert owners == {plain: people["re"], strategic: people["ae"]}


def test_renewal_priority_high_for_red_health_or_top_decile_arr(book, people):
    ids = {}
    for n in range(10):  # ten accounts: the top decile is the single largest
        ids[n] = add_account(
            book,
            TODAY,
            60,
            external_id=f"A{n}",
            arr_cents=(n + 1) * 100_000,
            health=40 if n == 0 else 80,
            **owned(people),
        )
    scan(book, TODAY)
    priority = {c.account_id: c.priority for c in renewal_ctas(book)}
    assert priority[ids[9]] == Priority.HIGH  # top decile
    assert priority[ids[0]] == Priority.HIGH  # red health
    assert [priority[ids[n]] for n in range(1, 9)] == [Priority.MEDIUM] * 8


# -- never nag -------------------------------------------------------------------------
def test_a_second_scan_raises_nothing_new(book, people):
    add_account(book, TODAY, 60, external_id="A", **owned(people))
    first = scan(book, TODAY)
    second = scan(book, TODAY)
    assert len(first.raised) >= 1 and second.raised == []
    assert len(ctas(book)) == len(first.raised)


def test_a_closed_cta_stays_closed(book, people):
    add_account(book, TODAY, 60, external_id="A", **owned(people))
    scan(book, TODAY)
    [cta] = renewal_ctas(book)
    with book.writing() as session:
        cta_ops.close(session, cta.id, CtaOutcome.SUCCESS, "renewed early", NOW)
    scan(book, TODAY + timedelta(days=1))
    assert [c.status for c in renewal_ctas(book)] == [CtaStatus.CLOSED]


def test_a_snoozed_cta_comes_back_when_its_snooze_ends_and_not_before(book, people):
    add_account(book, TODAY, 60, external_id="A", **owned(people))
    scan(book, TODAY)
    [cta] = renewal_ctas(book)
    with book.writing() as session:
        cta_ops.snooze(session, cta.id, TODAY + timedelta(days=3), "customer on holiday", TODAY)
    scan(book, TODAY + timedelta(days=2))
    assert [(c.status, c.snoozed_until) for c in renewal_ctas(book)] == [
        (CtaStatus.SNOOZED, TODAY + timedelta(days=3))
    ]
    result = scan(book, TODAY + timedelta(days=3))
    assert result.snoozes_ended == 1 and result.raised == []
    assert [c.status for c in renewal_ctas(book)] == [CtaStatus.OPEN]


def test_a_moved_renewal_closes_the_old_cta_and_raises_a_new_one(book, people):
    account_id = add_account(book, TODAY, 60, external_id="A", **owned(people))
    scan(book, TODAY)
    with book.writing() as session:
        from cswork.models import Account

        session.get(Account, account_id).renewal_date = TODAY + timedelta(days=75)
    result = scan(book, TODAY)
    old, new = renewal_ctas(book)
    assert result.closed_as_moved == 1
    assert (old.status, old.outcome) == (CtaStatus.CLOSED, CtaOutcome.NOT_NEEDED)
    assert "moved from" in old.closed_note
    assert new.status == CtaStatus.OPEN and new.dedupe_key.endswith(
        f"{(TODAY + timedelta(days=75)).isoformat()}:90"
    )


def test_raised_ctas_get_their_playbook_tasks(book, people):
    add_account(book, TODAY, 60, external_id="A", **owned(people))
    scan(book, TODAY)
    [cta] = renewal_ctas(book)
    with book.session() as session:
        tasks = session.scalars(
            select(CtaTask).where(CtaTask.cta_id == cta.id).order_by(CtaTask.position)
        ).all()
    renewal = TODAY + timedelta(days=60)  # the tasks count from the renewal date
    assert [t.due_on for t in tasks] == [renewal + timedelta(days=d) for d in (-30, -20, -10, 0)]


# -- risk --------------------------------------------------------------------------------
def categories(book):
    with book.session() as session:
        return list(session.scalars(select(ScoreCategory.id).order_by(ScoreCategory.position)))


def score(book, account_id, day, **by_position):
    cats = categories(book)
    with book.writing() as session:
        record_scores(
            session,
            account_id,
            {cats[int(k[1:])]: (v, None) for k, v in by_position.items()},
            day,
            None,
            NOW,
        )


def risk_ctas(book, rule):
    """Risk CTAs of one rule (accounts made by the factory are also long silent)."""
    return [c for c in ctas(book, type=CtaType.RISK) if c.dedupe_key.startswith(rule + ":")]


def risk_keys(book, rule):
    return [c.dedupe_key for c in risk_ctas(book, rule)]


def test_a_category_entering_red_raises_one_risk_cta(book, people):
    account = add_account(book, TODAY, 300, external_id="A", **owned(people))
    score(book, account, TODAY - timedelta(days=100), c0=70, c1=45)  # c1 red from the start
    score(book, account, TODAY - timedelta(days=5), c0=50)  # c0 enters red
    scan(book, TODAY)
    [cta] = risk_ctas(book, "risk-red")
    assert cta.account_id == account
    assert "entered red: from 70 to 50" in cta.reason and cta.priority == Priority.HIGH
    assert cta.owner_id == people["csm"]  # the A for risk tracking


def test_health_falling_15_points_within_30_days(book, people):
    falls = add_account(book, TODAY, 300, external_id="FALLS", **owned(people))
    slips = add_account(book, TODAY, 300, external_id="SLIPS", **owned(people))
    for account in (falls, slips):
        score(book, account, TODAY - timedelta(days=60), c0=90, c1=90)
    score(book, falls, TODAY - timedelta(days=10), c0=60)  # 90 -> 75: down 15
    score(book, slips, TODAY - timedelta(days=10), c0=64)  # 90 -> 77: down 13
    scan(book, TODAY)
    drops = risk_ctas(book, "risk-drop")
    assert [c.account_id for c in drops] == [falls]
    assert "from 90 to 75" in drops[0].reason
    scan(book, TODAY + timedelta(days=1))  # the same drop the next day: no second CTA
    assert len(risk_ctas(book, "risk-drop")) == 1


def test_a_drop_older_than_the_window_raises_nothing(book, people):
    account = add_account(book, TODAY, 300, external_id="A", **owned(people))
    score(book, account, TODAY - timedelta(days=90), c0=90)
    score(book, account, TODAY - timedelta(days=40), c0=40)
    scan(book, TODAY)
    assert risk_keys(book, "risk-drop") == []


def add_plan(book, account_id, milestones):
    with book.writing() as session:
        plan = SuccessPlan(account_id=account_id, desired_outcome="x")
        plan.milestones = [
            Milestone(name=n, due_on=due, done_on=done) for n, due, done in milestones
        ]
        session.add(plan)


def test_a_past_due_milestone_raises_a_risk_cta(book, people):
    account = add_account(book, TODAY, 300, external_id="A", **owned(people))
    add_plan(
        book,
        account,
        [
            ("Onboarding complete", TODAY - timedelta(days=3), None),
            ("First value", TODAY - timedelta(days=3), TODAY - timedelta(days=4)),  # done
            ("EBR held", TODAY, None),  # due today: not past due yet
        ],
    )
    scan(book, TODAY)
    [cta] = risk_ctas(book, "risk-milestone")
    assert "Onboarding complete" in cta.reason and "3 days late" in cta.reason


def test_silence_counts_from_the_last_entry_or_from_entry_into_the_book(book, people):
    quiet = add_account(book, TODAY, 300, external_id="QUIET", **owned(people))
    imported = add_account(
        book,
        TODAY,
        300,
        external_id="NEW",
        entered_book_on=TODAY - timedelta(days=10),
        **owned(people),
    )
    low = add_account(
        book, TODAY, 300, external_id="LOW", segment=Segment.LOW_TOUCH, **owned(people)
    )
    with book.writing() as session:
        add_entry(session, quiet, TimelineKind.CALL, "check-in", TODAY - timedelta(days=45))
        add_entry(session, low, TimelineKind.CALL, "check-in", TODAY - timedelta(days=60))
    scan(book, TODAY)
    assert [
        (c.account_id)
        for c in ctas(book, type=CtaType.RISK)
        if c.dedupe_key.startswith("risk-silence")
    ] == [quiet]
    assert imported not in [c.account_id for c in ctas(book)]  # an import is not a wave


def test_no_ebr_in_180_days_for_high_touch(book, people):
    stale = add_account(book, TODAY, 300, external_id="STALE", **owned(people))
    fresh = add_account(book, TODAY, 300, external_id="FRESH", **owned(people))
    low = add_account(
        book, TODAY, 300, external_id="LOW", segment=Segment.LOW_TOUCH, **owned(people)
    )
    with book.writing() as session:
        for account in (stale, fresh, low):
            add_entry(session, account, TimelineKind.CALL, "call", TODAY - timedelta(days=1))
        add_entry(session, stale, TimelineKind.EBR, "EBR", TODAY - timedelta(days=180))
        add_entry(session, fresh, TimelineKind.EBR, "EBR", TODAY - timedelta(days=179))
    scan(book, TODAY)
    assert [c.account_id for c in risk_ctas(book, "risk-ebr")] == [stale]


def test_a_champion_leaving_is_a_risk(book, people):
    account = add_account(book, TODAY, 300, external_id="A", **owned(people))
    with book.writing() as session:
        session.add_all(
            [
                Contact(
                    account_id=account,
                    name="Dana",
                    role=ContactRole.CHAMPION,
                    left_on=TODAY - timedelta(days=2),
                ),
                Contact(
                    account_id=account,
                    name="Uma",
                    role=ContactRole.USER,
                    left_on=TODAY - timedelta(days=2),
                ),
            ]
        )
    scan(book, TODAY)
    [cta] = risk_ctas(book, "risk-contact")
    assert "champion, Dana" in cta.reason and cta.priority == Priority.HIGH


# -- lifecycle ---------------------------------------------------------------------------
def test_new_customer_without_strategy_session_after_30_days(book, people):
    start = TODAY - timedelta(days=30)
    account = add_account(
        book,
        TODAY,
        335,
        external_id="NEW",
        contract_start=start,
        entered_book_on=start,
        **owned(people),
    )
    add_plan(book, account, [])
    scan(book, TODAY - timedelta(days=1))
    assert ctas(book, type=CtaType.LIFECYCLE) == []
    scan(book, TODAY)
    [cta] = ctas(book, type=CtaType.LIFECYCLE)
    assert "Strategy Session" in cta.reason and cta.owner_id == people["csm"]
    with book.writing() as session:
        add_entry(session, account, TimelineKind.STRATEGY_SESSION, "kick-off", TODAY)
    other = add_account(
        book,
        TODAY,
        335,
        external_id="NEW2",
        contract_start=start,
        entered_book_on=start,
        **owned(people),
    )
    add_plan(book, other, [])
    with book.writing() as session:
        add_entry(session, other, TimelineKind.STRATEGY_SESSION, "kick-off", start)
    scan(book, TODAY)
    assert len(ctas(book, type=CtaType.LIFECYCLE)) == 1


def test_no_success_plan_30_days_after_start_or_entry_into_the_book(book, people):
    old = add_account(
        book,
        TODAY,
        300,
        external_id="OLD",
        contract_start=TODAY - timedelta(days=400),
        **owned(people),
    )
    imported = add_account(
        book,
        TODAY,
        300,
        external_id="IMPORTED",
        contract_start=TODAY - timedelta(days=400),
        entered_book_on=TODAY - timedelta(days=29),
        **owned(people),
    )
    scan(book, TODAY)
    plan_ctas = [c for c in ctas(book, type=CtaType.LIFECYCLE) if "success plan" in c.reason]
    assert [c.account_id for c in plan_ctas] == [old]
    scan(book, TODAY + timedelta(days=1))
    plan_ctas = [c for c in ctas(book, type=CtaType.LIFECYCLE) if "success plan" in c.reason]
    assert sorted(c.account_id for c in plan_ctas) == sorted([old, imported])


# -- capacity ----------------------------------------------------------------------------
def capacity_ctas(book):
    """Not the weekly routine's (a Monday scan catches up Sunday's dashboard)."""
    return [c for c in ctas(book, type=CtaType.ACTIVITY) if c.dedupe_key.startswith("capacity:")]


def test_capacity_warns_the_cs_leader_when_renewals_exceed_3_a_business_day(book, people):
    with book.writing() as session:
        leader = Person(name="Lee Leader", email="lee@example.com", role=PersonRole.CS_LEADER)
        session.add(leader)
        session.flush()
        leader_id = leader.id
    monday = date(2026, 11, 30)  # five business days: Mon 30 Nov - Fri 4 Dec
    for n in range(15):  # 15 in the week: 3 a day, at capacity
        add_account(
            book, TODAY, (monday - TODAY).days + n % 5, external_id=f"OK{n}", **owned(people)
        )
    scan(book, TODAY)
    assert capacity_ctas(book) == []
    add_account(book, TODAY, (monday - TODAY).days + 2, external_id="ONE-MORE", **owned(people))
    scan(book, TODAY)
    [warning] = capacity_ctas(book)
    assert warning.account_id is None and warning.owner_id == leader_id
    assert "Riley Evans has 16 renewals due" in warning.reason


def test_with_no_cs_leader_the_overloaded_person_is_warned(book, people):
    monday = date(2026, 11, 30)
    for n in range(16):  # 16 in the week: over the 15 one person can carry
        add_account(
            book, TODAY, (monday - TODAY).days + n % 5, external_id=f"A{n}", **owned(people)
        )
    scan(book, TODAY)
    [warning] = capacity_ctas(book)
    assert warning.owner_id == people["re"]


def test_business_windows_skip_weekends_and_holidays(book, people):
    with book.writing() as session:
        set_setting(session, "holidays", ["2026-12-01"])
    from cswork.alerts.renewal import busiest_window
    from cswork.business_days import BusinessCalendar

    calendar = BusinessCalendar.from_settings([0, 1, 2, 3, 4], ["2026-12-01"])
    days = calendar.business_days(date(2026, 11, 30), date(2026, 12, 11))
    assert date(2026, 12, 1) not in days and date(2026, 12, 5) not in days
    first, last, count = busiest_window([date(2026, 12, 5)] * 4, days)
    assert count == 4 and first <= date(2026, 12, 5) <= last  # a Saturday renewal counts


def test_two_processes_scanning_at_once_raise_each_cta_once(book, book_path, people):
    """The window and the command line scan the same book at the same moment."""
    import json
    import subprocess
    import sys

    for n in range(40):
        add_account(book, TODAY, 10 + n, external_id=f"A{n}", **owned(people))
    book.close()
    command = [
        sys.executable,
        str(REPO / "main.py"),
        "alerts",
        "--db",
        str(book_path),
        "--as-of",
        TODAY.isoformat(),
        "--json",
    ]
    scans = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [scan_process.communicate(timeout=60) for scan_process in scans]
    assert [p.returncode for p in scans] == [0, 0], [err for _, err in outputs]
    raised = [json.loads(out)["raised"] for out, _ in outputs]
    keys = [cta["dedupe_key"] for run in raised for cta in run]
    assert len(keys) == len(set(keys))  # nobody raised what the other did
    with open_book_again(book_path).session() as session:
        stored = session.scalars(select(Cta.dedupe_key)).all()
    assert sorted(stored) == sorted(keys) and len(stored) >= 40


def open_book_again(path):
    from cswork.store import open_book

    return open_book(path)
