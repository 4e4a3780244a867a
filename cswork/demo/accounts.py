"""Demo accounts: contract facts, owners, contacts and the scorecard history that sets
each account's health."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from random import Random

from cswork.demo import names
from cswork.demo.draw import DemoRandom, add_months, at, cumulative, pick
from cswork.demo.team import Team
from cswork.demo.texts import BASELINE_COMMENTS, TextPools
from cswork.enums import AccountStatus, ContactRole, Segment, Sentiment
from cswork.health import HealthReplay, band

MEDIAN_ARR_DOLLARS = 25_000
ARR_SIGMA = 1.1  # log-normal spread: the largest of 100,000 accounts lands at a few $M
MIN_ARR_DOLLARS = 600
STRATEGIC_SHARE = 0.02
HIGH_TOUCH_FLOOR_CENTS = 60_000 * 100
DIVISION_SHARE = 0.03
CHURN_SHARE_OF_PAST_RENEWALS = 0.12
# A past renewal that did not churn was mostly won: the contract rolled forward a term.
# The rest slipped past their date and are still open (overdue renewals).
RENEWED_SHARE_OF_PAST_RENEWALS = 0.93
NEW_CUSTOMER_DAYS = 90

# How each account's scorecard moves after the first snapshot; the shares give roughly
# 60 % green, 25 % yellow and 15 % red health.
DECLINING_SHARE = 0.015  # three categories crash in the last 30 days
IMPROVING_SHARE = 0.05
# Steady accounts: (cumulative share, range of the account's base score).
STEADY_BANDS = ((0.74, (80, 92)), (0.86, (56, 72)), (1.0, (28, 48)))

CONTACT_ROLES = (
    ContactRole.CHAMPION,
    ContactRole.EXECUTIVE_SPONSOR,
    ContactRole.DECISION_MAKER,
    ContactRole.USER,
)
SENTIMENT_BY_BAND = {  # cumulative shares of positive, neutral; the rest negative
    "green": (0.6, 0.95),
    "yellow": (0.3, 0.8),
    "red": (0.1, 0.5),
}
CURRENCIES = ((0.95, "USD"), (0.98, "EUR"), (1.0, "GBP"))
INDUSTRY_SHARES = cumulative(list(zip(names.INDUSTRIES, names.INDUSTRY_WEIGHTS, strict=True)))
TERMS = ((0.6, 12), (0.85, 24), (1.0, 36))


@dataclass
class Context:
    """What every generator needs: one random stream, the day, the team, the categories."""

    rng: DemoRandom
    today: date
    team: Team
    categories: list[tuple[int, str]]  # (id, key) in scorecard order
    weights: dict[int, int]
    pools: TextPools
    strategic_floor_cents: int
    next_id: dict[str, int]
    names: list[str] = field(default_factory=list)  # account names so far, for divisions
    division_parents: list[int | None] = field(default_factory=list)  # index of the parent
    expansions_made: int = 0
    # Renewal dates are spread over the past 6 and the next 18 months (as ordinals).
    renewal_window: tuple[int, int] = field(init=False)
    year_ago: date = field(init=False)

    def __post_init__(self) -> None:
        self.renewal_window = (
            add_months(self.today, -6).toordinal(),
            add_months(self.today, 18).toordinal(),
        )
        self.year_ago = add_months(self.today, -12)


@dataclass(slots=True)
class Customer:
    id: int
    name: str
    segment: Segment
    arr_cents: int
    currency: str
    licenses: int
    contract_start: date  # of the current term
    customer_since: date  # the first contract's start: onboarding, scores, history
    renewal_date: date
    term_months: int
    churned: bool
    last_renewal: date | None  # the renewal won in the past six months, if any
    new: bool  # first contract started within the last 90 days
    csm_id: int
    re_manager_id: int
    ae_id: int
    entered_book_on: date
    health: int | None = None
    band: str = "green"
    declining: bool = False
    contact_firsts: list[str] = field(default_factory=list)

    @property
    def is_high_touch(self) -> bool:
        return self.segment != Segment.LOW_TOUCH


def draw_arr_cents(rng: Random, accounts: int) -> list[int]:
    mu = math.log(MEDIAN_ARR_DOLLARS)
    return [
        max(MIN_ARR_DOLLARS, round(rng.lognormvariate(mu, ARR_SIGMA))) * 100
        for _ in range(accounts)
    ]


def strategic_floor(arr_cents: list[int]) -> int:
    """The ARR from which an account is strategic: the top ~2 % of the book."""
    ranked = sorted(arr_cents, reverse=True)
    return ranked[max(1, round(len(ranked) * STRATEGIC_SHARE)) - 1]


def segment_for(arr_cents: int, floor_cents: int) -> Segment:
    if arr_cents >= floor_cents:
        return Segment.STRATEGIC
    return Segment.HIGH_TOUCH if arr_cents >= HIGH_TOUCH_FLOOR_CENTS else Segment.LOW_TOUCH


def new_customer(ctx: Context, index: int, arr_cents: int) -> tuple[Customer, dict]:
    """The account's facts; the returned row still lacks health and licenses in use."""
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    account_id = ctx.next_id["accounts"]
    ctx.next_id["accounts"] += 1
    industry = pick(INDUSTRY_SHARES, rand())
    parent_index = None
    if index >= 20 and rand() < DIVISION_SHARE:
        parent_index = rng.randint(0, index - 1)
        if ctx.division_parents[parent_index] is not None:  # no divisions of divisions
            parent_index = ctx.division_parents[parent_index]
        name = f"{ctx.names[parent_index]} – {rng.choice(names.DIVISIONS)}"
    else:
        name = names.company_name(rng, industry)
    ctx.names.append(name)
    ctx.division_parents.append(parent_index)
    parent_id = None if parent_index is None else account_id - index + parent_index

    renewal_date = date.fromordinal(rng.randint(*ctx.renewal_window))
    term = pick(TERMS, rand())
    while add_months(renewal_date, -term) > today:  # a contract already running
        term += 12
    contract_start = add_months(renewal_date, -term)
    churned = renewal_date < today and rand() < CHURN_SHARE_OF_PAST_RENEWALS
    new = (today - contract_start).days <= NEW_CUSTOMER_DAYS
    customer_since = contract_start
    last_renewal = None
    if renewal_date < today and not churned and rand() < RENEWED_SHARE_OF_PAST_RENEWALS:
        # Renewed for a year, so every renewal date stays within the next 18 months.
        last_renewal, contract_start, term = renewal_date, renewal_date, 12
        renewal_date = add_months(renewal_date, term)
    segment = segment_for(arr_cents, ctx.strategic_floor_cents)
    seat_price_cents = rng.randint(240, 1200) * 100
    team = ctx.team
    customer = Customer(
        id=account_id,
        name=name,
        segment=segment,
        arr_cents=arr_cents,
        currency=pick(CURRENCIES, rand()),
        licenses=max(3, round(arr_cents / seat_price_cents)),
        contract_start=contract_start,
        customer_since=customer_since,
        renewal_date=renewal_date,
        term_months=term,
        churned=churned,
        last_renewal=last_renewal,
        new=new,
        csm_id=team.csm_ids[index % len(team.csm_ids)],
        re_manager_id=team.re_manager_ids[index % len(team.re_manager_ids)],
        ae_id=team.ae_ids[index % len(team.ae_ids)],
        entered_book_on=max(customer_since, ctx.year_ago),
    )
    auto_renew_share = 0.35 if segment == Segment.LOW_TOUCH else 0.1
    row = {
        "id": account_id,
        "external_id": f"0015A00000{account_id:08d}",
        "name": name,
        "parent_id": parent_id,
        "segment": segment,
        "industry": industry,
        "arr_cents": arr_cents,
        "currency": customer.currency,
        "licenses": customer.licenses,
        "licenses_used": 0,
        "contract_start": contract_start,
        "renewal_date": renewal_date,
        "term_months": term,
        "auto_renew": segment != Segment.STRATEGIC and rand() < auto_renew_share,
        "status": AccountStatus.CHURNED if churned else AccountStatus.ACTIVE,
        "csm_id": customer.csm_id,
        "re_manager_id": customer.re_manager_id,
        "ae_id": customer.ae_id,
        "health": None,
        "customer_since": customer_since,
        "entered_book_on": customer.entered_book_on,
        "created_at": at(customer.entered_book_on, 9),
        "updated_at": at(today, 8),
    }
    return customer, row


def score_rows(ctx: Context, c: Customer) -> list[dict]:
    """A first full scorecard 120-200 days ago (or just after a new contract), then a few
    single-category changes; sets the customer's health from the latest scores."""
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    today_ord = today.toordinal()
    first_ord = today_ord - rng.randint(120, 200)
    if c.customer_since.toordinal() > first_ord:
        first_ord = min(today_ord, c.customer_since.toordinal() + rng.randint(3, 14))
    r = rand()
    if c.churned:
        base, trend = 28 + 17 * rand(), "steady"
    elif r < DECLINING_SHARE:
        base, trend = 68 + 14 * rand(), "declining"
    elif r < DECLINING_SHARE + IMPROVING_SHARE:
        base, trend = 50 + 22 * rand(), "improving"
    else:
        low, high = pick(STEADY_BANDS, rand())
        base, trend = low + (high - low) * rand(), "steady"

    latest: dict[int, int] = {}
    rows = []
    snapshot_id = ctx.next_id["score_snapshots"]
    first_day = date.fromordinal(first_ord)
    for category_id, _ in ctx.categories:
        score = min(100, max(0, round(rng.gauss(base, 9))))
        latest[category_id] = score
        comment = rng.choice(BASELINE_COMMENTS) if rand() < 0.08 else None
        rows.append(_snapshot(snapshot_id, c, category_id, score, comment, first_day))
        snapshot_id += 1

    if first_ord < today_ord:
        if trend == "declining":
            changes, earliest = 3, max(first_ord + 1, today_ord - 29)
        elif trend == "improving":
            changes, earliest = rng.randint(1, 3), first_ord + 1
        else:
            changes, earliest = rng.choice((0, 0, 1, 1, 2, 3)), first_ord + 1
        for category_id, key in rng.sample(ctx.categories, changes):
            old = latest[category_id]
            if trend == "declining":
                score = max(0, old - rng.randint(35, 54))
            elif trend == "improving":
                score = min(100, old + rng.randint(15, 34))
            else:
                score = min(100, max(0, old + rng.choice((-1, 1)) * rng.randint(4, 12)))
            pool = ctx.pools.score_falls if score < old else ctx.pools.score_rises
            comment = rng.choice(pool[key]) if key in pool and rand() < 0.75 else None
            day = date.fromordinal(rng.randint(earliest, today_ord))
            latest[category_id] = score
            rows.append(_snapshot(snapshot_id, c, category_id, score, comment, day))
            snapshot_id += 1
    ctx.next_id["score_snapshots"] = snapshot_id
    # History runs by date (then entry): each snapshot records what it changed.
    replay = HealthReplay(ctx.weights)
    for row in sorted(rows, key=lambda r: (r["measured_on"], r["id"])):
        row["previous_score"], row["health_before"], row["health_after"] = replay.record(
            row["category_id"], row["score"]
        )
    c.health = replay.health
    c.band = band(c.health) or "yellow"
    c.declining = trend == "declining"
    return rows


def _snapshot(
    snapshot_id: int, c: Customer, category_id: int, score: int, comment: str | None, day: date
) -> dict:
    return {
        "id": snapshot_id,
        "account_id": c.id,
        "category_id": category_id,
        "score": score,
        "comment": comment,
        "measured_on": day,
        "author_id": c.csm_id,
        "recorded_at": at(day),
    }


def licenses_used(rng: Random, c: Customer) -> int:
    """Green accounts use nearly all their seats (some more: an upsell signal)."""
    low, high = {"green": (0.7, 1.08), "yellow": (0.5, 0.85), "red": (0.2, 0.65)}[c.band]
    return int(c.licenses * rng.uniform(low, high))


def contact_rows(ctx: Context, c: Customer, domain: str) -> list[dict]:
    rng, rand, today = ctx.rng, ctx.rng.random, ctx.today
    positive, neutral = SENTIMENT_BY_BAND[c.band]
    rows = []
    contact_id = ctx.next_id["contacts"]
    for role in CONTACT_ROLES[: rng.randint(2, 4)]:
        first, last = names.person_name(rng)
        s = rand()
        sentiment = (
            Sentiment.POSITIVE
            if s < positive
            else Sentiment.NEUTRAL
            if s < neutral
            else Sentiment.NEGATIVE
        )
        left_on = None
        if role == ContactRole.CHAMPION and c.declining and rand() < 0.5:
            left_on = date.fromordinal(today.toordinal() - rng.randint(3, 28))
        elif rand() < 0.04:
            left_on = date.fromordinal(today.toordinal() - rng.randint(10, 330))
        if left_on is not None:
            left_on = max(left_on, c.entered_book_on)  # not before we knew them
        if left_on is None:
            c.contact_firsts.append(first)
        rows.append(
            {
                "id": contact_id,
                "account_id": c.id,
                "name": f"{first} {last}",
                "title": rng.choice(names.CONTACT_TITLES[role]),
                "email": f"{first}.{last}@{domain}".lower(),
                "phone": f"+1 555 01{rng.randint(0, 99):02d}" if rand() < 0.6 else None,
                "role": role,
                "sentiment": sentiment,
                "left_on": left_on,
                "notes": None,
                "created_at": at(c.entered_book_on, 10),
            }
        )
        contact_id += 1
    ctx.next_id["contacts"] = contact_id
    if not c.contact_firsts:
        c.contact_firsts.append(rows[0]["name"].split()[0])
    return rows
