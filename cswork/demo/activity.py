"""What happens on a demo account: timeline entries, opportunities, the success plan and
the odd manual CTA."""

from __future__ import annotations

from datetime import date, timedelta

from cswork.demo.accounts import Context, Customer
from cswork.demo.draw import at, pick
from cswork.demo.names import DIVISIONS
from cswork.demo.texts import (
    CROSS_SELL_PRODUCTS,
    DESIRED_OUTCOMES,
    MANAGED_SERVICES,
    MILESTONES,
    OBJECTIVES,
    ROI_TEMPLATES,
    SERVICES_PACKAGES,
)
from cswork.enums import (
    CtaSource,
    CtaStatus,
    CtaType,
    ForecastCategory,
    ObjectiveStatus,
    OpportunityKind,
    OpportunityStage,
    Priority,
    Segment,
    TimelineKind,
)
from cswork.money import CURRENCY_SYMBOLS

ENTRIES_PER_ACCOUNT = {
    Segment.STRATEGIC: (16, 24),
    Segment.HIGH_TOUCH: (11, 16),
    Segment.LOW_TOUCH: (7, 11),
}
EVERYDAY_KINDS = (
    (0.30, TimelineKind.NOTE),
    (0.55, TimelineKind.CALL),
    (0.80, TimelineKind.EMAIL),
    (0.95, TimelineKind.MEETING),
    (1.0, TimelineKind.STATUS_UPDATE),
)
SILENT_SHARE = 0.04  # accounts with nothing logged in the last 90 days
EBR_OVERDUE_SHARE = 0.15
EXPANSION_SHARE = 0.25
EXPANSION_KINDS = (
    (0.45, OpportunityKind.UPSELL),
    (0.65, OpportunityKind.CROSS_SELL),
    (0.73, OpportunityKind.NEW_DIVISION),
    (0.90, OpportunityKind.SERVICES_ONE_TIME),
    (1.0, OpportunityKind.SERVICES_MANAGED),
)
ALL_EXPANSION_KINDS = [kind for _, kind in EXPANSION_KINDS]
LOW_TOUCH_PLAN_SHARE = 0.95  # a success plan for (nearly) every customer
CTA_SHARE = 1 / 25


def timeline_rows(ctx: Context, c: Customer) -> tuple[list[dict], date | None]:
    """About ten entries over the past year; returns them and the last EBR's date."""
    rng, rand, today_ord = ctx.rng, ctx.rng.random, ctx.today.toordinal()
    start_ord = c.customer_since.toordinal()
    lo, hi = max(today_ord - 365, start_ord - 14), today_ord
    if c.churned:
        hi = min(hi, c.renewal_date.toordinal() + 10)
    elif not c.new and rand() < SILENT_SHARE:
        hi = max(lo, today_ord - rng.randint(91, 150))
    low, high = ENTRIES_PER_ACCOUNT[c.segment]
    count = rng.randint(low, high)
    entries: list[tuple[int, TimelineKind, int]] = []  # (day, kind, author)

    last_ebr = None
    if c.is_high_touch and not c.churned and start_ord <= today_ord - 120:
        if rand() < EBR_OVERDUE_SHARE:
            ebr_ord = today_ord - rng.randint(185, 300)
        else:
            ebr_ord = today_ord - rng.randint(10, 170)
        ebr_ord = min(ebr_ord, hi)
        for day in (ebr_ord, ebr_ord - rng.randint(170, 190)):
            if day >= lo:
                entries.append((day, TimelineKind.EBR, c.csm_id))
                last_ebr = last_ebr or date.fromordinal(day)
    session_ord = start_ord + rng.randint(3, 20)
    if lo <= session_ord <= hi and rand() < 0.85:
        entries.append((session_ord, TimelineKind.STRATEGY_SESSION, c.csm_id))
    days_to_renewal = c.renewal_date.toordinal() - today_ord
    if not c.churned and 0 <= days_to_renewal <= 60 and hi == today_ord:
        for _ in range(rng.randint(1, 3)):  # the R&E manager's weekly renewal updates
            entries.append(
                (today_ord - rng.randint(0, 20), TimelineKind.STATUS_UPDATE, c.re_manager_id)
            )

    # Accounts being worked have something recent, so silence stays the exception.
    recent_from = max(lo, hi - (30 if c.is_high_touch else 60))
    for n in range(count - len(entries)):
        kind = pick(EVERYDAY_KINDS, rand())
        author = c.csm_id
        if kind == TimelineKind.STATUS_UPDATE or (kind == TimelineKind.CALL and rand() < 0.1):
            author = c.re_manager_id
        elif kind == TimelineKind.MEETING and rand() < 0.05:
            author = c.ae_id
        entries.append((rng.randint(recent_from if n == 0 else lo, hi), kind, author))

    entries.sort()
    pools, firsts, choice = ctx.pools.timeline, c.contact_firsts, rng.choice
    entry_id = ctx.next_id["timeline_entries"]
    rows = []
    for day_ord, kind, author in entries:
        day = date.fromordinal(day_ord)
        rows.append(
            {
                "id": entry_id,
                "account_id": c.id,
                "author_id": author,
                "kind": kind,
                "occurred_on": day,
                "text": choice(pools[kind]).replace("{first}", choice(firsts)),
                "created_at": at(day),
            }
        )
        entry_id += 1
    ctx.next_id["timeline_entries"] = entry_id
    return rows, last_ebr


def _dollars(cents: float) -> int:
    """Deals are quoted in whole dollars."""
    return round(cents / 100) * 100


def opportunity_rows(ctx: Context, c: Customer) -> list[dict]:
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    rows = []
    days_to_renewal = (c.renewal_date - today).days
    if c.churned or c.last_renewal or days_to_renewal <= 183:
        rows.append(_renewal(ctx, c, days_to_renewal))
    if not c.churned and rand() < EXPANSION_SHARE:
        # The first few go through every kind, so even a small book shows them all.
        made = ctx.expansions_made
        ctx.expansions_made += 1
        kind = (
            ALL_EXPANSION_KINDS[made]
            if made < len(ALL_EXPANSION_KINDS)
            else pick(EXPANSION_KINDS, rand())
        )
        rows.append(_expansion(ctx, c, kind))
    for row in rows:
        row["id"] = ctx.next_id["opportunities"]
        ctx.next_id["opportunities"] += 1
        row["account_id"] = c.id
        row["created_at"] = at(min(today, row["close_date"] - timedelta(days=rng.randint(60, 150))))
        row["updated_at"] = at(min(today, row["close_date"]))
    return rows


def _renewal(ctx: Context, c: Customer, days_to_renewal: int) -> dict:
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    target = c.arr_cents
    months = c.term_months if rand() < 0.9 else min(36, c.term_months + 12)
    if c.churned:
        stage, category, forecast, final = (OpportunityStage.LOST, ForecastCategory.OMITTED, 0, 0)
        close = min(today, c.renewal_date + timedelta(days=rng.randint(0, 10)))
    elif c.last_renewal is not None:
        r = rand()
        factor = 1.0 if r < 0.7 else rng.uniform(0.75, 0.97) if r < 0.88 else rng.uniform(1.03, 1.2)
        final = _dollars(target * factor)
        stage, category, forecast = OpportunityStage.WON, ForecastCategory.CLOSED, final
        close = c.last_renewal - timedelta(days=rng.randint(0, 20))
    else:  # open, including the odd renewal that slipped past its date
        stage, final = OpportunityStage.OPEN, None
        if c.band == "green":
            category = ForecastCategory.COMMIT if rand() < 0.8 else ForecastCategory.BEST_CASE
            forecast = target
        elif c.band == "yellow":
            category = ForecastCategory.BEST_CASE if rand() < 0.6 else ForecastCategory.PIPELINE
            forecast = _dollars(target * rng.uniform(0.85, 1.0))
        else:
            category = ForecastCategory.PIPELINE if rand() < 0.7 else ForecastCategory.OMITTED
            forecast = _dollars(target * rng.uniform(0.4, 0.8))
        close = c.renewal_date
    strategy = ""
    if stage == OpportunityStage.OPEN:
        strategy = rng.choice(ctx.pools.renewal_strategy[c.band])
    outcome = final if final is not None else forecast
    return {
        "name": f"{c.name} – Renewal {c.last_renewal or c.renewal_date:%b %Y}",
        "kind": OpportunityKind.RENEWAL,
        # amount is the ARR delta the renewal brings: below zero is contraction or churn.
        "amount_cents": outcome - target,
        "close_date": close,
        "stage": stage,
        "forecast_category": category,
        "target_cents": target,
        "forecast_cents": forecast,
        "final_cents": final,
        "contract_months": months,
        # The strategic-account RACI makes the AE accountable for its renewal.
        "owner_id": c.ae_id if c.segment == Segment.STRATEGIC else c.re_manager_id,
        "strategy": strategy,
    }


def _expansion(ctx: Context, c: Customer, kind: OpportunityKind) -> dict:
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    owner = c.ae_id
    months = None
    if kind == OpportunityKind.UPSELL:
        seats = max(5, int(c.licenses * rng.uniform(0.1, 0.4)))
        amount = _dollars(c.arr_cents / c.licenses * seats)
        name = f"Upsell: {seats} seats"
        if c.segment != Segment.STRATEGIC:
            owner = c.re_manager_id
    elif kind == OpportunityKind.CROSS_SELL:
        amount = _dollars(c.arr_cents * rng.uniform(0.15, 0.5))
        name = f"Cross-sell: {rng.choice(CROSS_SELL_PRODUCTS)}"
    elif kind == OpportunityKind.NEW_DIVISION:
        amount = _dollars(c.arr_cents * rng.uniform(0.3, 1.0))
        name = f"New division: {rng.choice(DIVISIONS)}"
    elif kind == OpportunityKind.SERVICES_ONE_TIME:  # a one-time value, $5k-$80k
        amount = rng.randint(10, 160) * 50_000
        name = f"Services: {rng.choice(SERVICES_PACKAGES)}"
        owner = c.csm_id
    else:  # managed services: a yearly fee, $12k-$120k
        amount = rng.randint(12, 120) * 100_000
        name = f"Managed: {rng.choice(MANAGED_SERVICES)}"
        owner, months = c.csm_id, rng.choice((12, 24))
    r = rand()
    if r < 0.6:
        stage = OpportunityStage.OPEN
        category = pick(
            (
                (0.5, ForecastCategory.PIPELINE),
                (0.8, ForecastCategory.BEST_CASE),
                (1.0, ForecastCategory.COMMIT),
            ),
            rand(),
        )
        close = today + timedelta(days=rng.randint(7, 200))
        strategy = rng.choice(ctx.pools.deal_strategy)
    else:
        won = r < 0.88
        stage = OpportunityStage.WON if won else OpportunityStage.LOST
        category = ForecastCategory.CLOSED if won else ForecastCategory.OMITTED
        close = today - timedelta(days=rng.randint(5, 330))
        strategy = ""
    return {
        "name": f"{c.name} – {name}",
        "kind": kind,
        "amount_cents": amount,
        "close_date": close,
        "stage": stage,
        "forecast_category": category,
        "target_cents": None,
        "forecast_cents": None,
        "final_cents": None,
        "contract_months": months,
        "owner_id": owner,
        "strategy": strategy,
    }


def wants_plan(ctx: Context, c: Customer) -> bool:
    return c.is_high_touch or ctx.rng.random() < LOW_TOUCH_PLAN_SHARE


def plan_rows(
    ctx: Context, c: Customer, last_ebr: date | None
) -> tuple[dict, list[dict], list[dict]]:
    """The success plan with 2-4 objectives and the four standard milestones."""
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    plan_id = ctx.next_id["success_plans"]
    ctx.next_id["success_plans"] += 1
    value = c.arr_cents * rng.uniform(2, 6)
    outcome = rng.choice(DESIRED_OUTCOMES)
    plan = {
        "id": plan_id,
        "account_id": c.id,
        "desired_outcome": outcome[0].upper() + outcome[1:],
        "roi_statement": rng.choice(ROI_TEMPLATES).format(
            hours=rng.randint(2, 200) * 10,
            value=f"{CURRENCY_SYMBOLS.get(c.currency, '$')}{_dollars(value) // 100:,}",
            roi=f"{value / c.arr_cents:.1f}",
            pct=rng.randint(20, 70),
        ),
        "template": None,
        "created_at": at(c.entered_book_on, 11),
        "updated_at": at(today - timedelta(days=rng.randint(0, 60)), 11),
    }
    objectives = []
    for position, (title, kpi, baseline, target) in enumerate(
        rng.sample(OBJECTIVES, rng.randint(2, 4))
    ):
        target_date = max(
            c.customer_since + timedelta(days=30), today + timedelta(days=rng.randint(-150, 270))
        )
        r = rand() + (0.15 if c.band == "red" else 0)
        if target_date < today:
            status = pick(
                (
                    (0.6, ObjectiveStatus.ACHIEVED),
                    (0.85, ObjectiveStatus.AT_RISK),
                    (1.0, ObjectiveStatus.DROPPED),
                ),
                r,
            )
        else:
            status = pick(
                (
                    (0.25, ObjectiveStatus.NOT_STARTED),
                    (0.8, ObjectiveStatus.ON_TRACK),
                    (1.0, ObjectiveStatus.AT_RISK),
                ),
                r,
            )
        progress = {
            ObjectiveStatus.ACHIEVED: 100,
            ObjectiveStatus.NOT_STARTED: 0,
            ObjectiveStatus.ON_TRACK: rng.randint(30, 85),
            ObjectiveStatus.AT_RISK: rng.randint(10, 55),
            ObjectiveStatus.DROPPED: rng.randint(0, 40),
        }[status]
        objectives.append(
            {
                "id": ctx.next_id["objectives"],
                "plan_id": plan_id,
                "position": position,
                "title": title,
                "kpi": kpi,
                "baseline": baseline,
                "target": target,
                "owner_id": c.csm_id if rand() < 0.8 else c.re_manager_id,
                "target_date": target_date,
                "status": status,
                "progress": progress,
            }
        )
        ctx.next_id["objectives"] += 1

    # The EBR milestone is the next EBR: half a year after the last one.
    ebr_due = last_ebr + timedelta(days=182) if last_ebr else c.customer_since + timedelta(180)
    dues = [c.customer_since + timedelta(days=d) for d in (14, 60, 90)] + [ebr_due]
    milestones = []
    for position, (name, due) in enumerate(zip(MILESTONES, dues, strict=True)):
        done = None
        if due <= today and not (name == "EBR held" and last_ebr):
            # Old milestones were nearly always done; recent ones slip more often.
            missed = 0.005 if (today - due).days > 180 else 0.04
            if rand() >= missed:
                done = min(today, due + timedelta(days=rng.randint(-5, 12)))
        milestones.append(
            {
                "id": ctx.next_id["milestones"],
                "plan_id": plan_id,
                "position": position,
                "name": name,
                "due_on": due,
                "done_on": done,
            }
        )
        ctx.next_id["milestones"] += 1
    return plan, objectives, milestones


def cta_row(ctx: Context, c: Customer) -> dict | None:
    """About one manual open CTA per 25 active accounts, due from overdue to later."""
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    if c.churned or rand() >= CTA_SHARE:
        return None
    cta_type = pick(
        ((0.5, CtaType.ACTIVITY), (0.75, CtaType.EXPANSION), (1.0, CtaType.OBJECTIVE)), rand()
    )
    pool = ctx.pools.cta_reasons[cta_type.value]
    due = today + timedelta(
        days=pick(
            (
                (0.25, -rng.randint(1, 20)),
                (0.4, 0),
                (0.65, rng.randint(1, 6)),
                (1.0, rng.randint(7, 60)),
            ),
            rand(),
        )
    )
    high = 0.35 if c.band == "red" else 0.15
    created = at(min(today, due) - timedelta(days=rng.randint(1, 30)), 14)
    cta_id = ctx.next_id["ctas"]
    ctx.next_id["ctas"] += 1
    return {
        "id": cta_id,
        "account_id": c.id,
        "type": cta_type,
        "reason": rng.choice(pool).replace("{first}", rng.choice(c.contact_firsts)),
        "priority": pick(
            ((high, Priority.HIGH), (high + 0.5, Priority.MEDIUM), (1.0, Priority.LOW)), rand()
        ),
        "owner_id": c.re_manager_id if cta_type == CtaType.EXPANSION else c.csm_id,
        "due_on": due,
        "status": CtaStatus.OPEN,
        "snoozed_until": None,
        "snooze_reason": None,
        "outcome": None,
        "closed_note": None,
        "closed_at": None,
        "source": CtaSource.MANUAL,
        "dedupe_key": None,
        "playbook_id": None,
        "created_at": created,
        "updated_at": created,
    }
