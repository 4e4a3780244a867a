"""Comp plans that pay what the plan says: quotas, attainment, payout, what-if.

The R&E manager's plan in six steps:
1. variable = variable share x OTE (50 % by default);
2. the variable split between renewals and upsell;
3. quarterly renewal quota = GRR target x the dollars eligible for renewal that
   quarter on the accounts the person is accountable (A) for;
4. renewal accelerators by contract length (x1.1 for 24 months, x1.2 for 36+);
5. upsell quota = upsell variable / the new-business commission rate;
6. upsell accelerators: a higher rate above 100 % of the quarterly quota, higher again
   above 150 % (1.5x and 2x the base rate by default).
Every amount is exact: integer cents, Decimal rates and shares."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from cswork.rates import MissingRate, Rates
from cswork.shares import RATIO_MOST

D = Decimal
CENT = D(1)
DEFAULT_VARIABLE_SHARE, DEFAULT_RENEWAL_SHARE = D("0.5"), D("0.4")
DEFAULT_GRR_TARGET, DEFAULT_COMMISSION_RATE = D("0.9"), D("0.10")
# The CSM group bonus on net retention: NRR target, floor (a share of the target), cap.
DEFAULT_NRR_TARGET, DEFAULT_NRR_FLOOR, DEFAULT_NRR_CAP = D(1), D("0.95"), D("1.5")


def cents(value: Decimal) -> int:
    """Round a computed amount of cents half up to a whole cent."""
    return int(value.quantize(CENT, rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class PlanTerms:
    ote_cents: int
    variable_share: Decimal = DEFAULT_VARIABLE_SHARE
    renewal_share: Decimal = DEFAULT_RENEWAL_SHARE  # of the variable; the rest is upsell
    grr_target: Decimal = DEFAULT_GRR_TARGET
    commission_rate: Decimal = DEFAULT_COMMISSION_RATE
    # contract months -> multiplier, the longest that applies wins
    renewal_accelerators: dict[int, Decimal] = field(
        default_factory=lambda: {24: D("1.1"), 36: D("1.2")}
    )
    # share of the quarterly upsell quota -> multiplier of the rate above it
    upsell_tiers: dict[Decimal, Decimal] = field(
        default_factory=lambda: {D("1.0"): D("1.5"), D("1.5"): D("2")}
    )
    currency: str | None = None  # the plan's money; None: the book's reporting currency
    # The CSM group bonus on the team's NRR: the share of the variable it pays (None:
    # no such bonus), the NRR target, the floor (a share of the target) and the cap on
    # attainment; None for the last three: their defaults.
    team_nrr_share: Decimal | None = None
    team_nrr_target: Decimal | None = None
    team_nrr_floor: Decimal | None = None
    team_nrr_cap: Decimal | None = None

    def __post_init__(self) -> None:
        for name, value in (
            ("variable share", self.variable_share),
            ("renewal share", self.renewal_share),
            ("GRR target", self.grr_target),
            ("commission rate", self.commission_rate),
            ("team NRR share", self.team_nrr_share),
            ("team NRR floor", self.team_nrr_floor),
        ):
            if value is not None and not 0 <= D(value) <= 1:  # fractions, read in percent
                percent = (D(value) * 100).normalize()
                raise CompError(f"The {name} must be between 0 % and 100 %, not {percent:f} %.")
        for name, value in (
            ("team NRR target", self.team_nrr_target),
            ("team NRR cap", self.team_nrr_cap),
        ):
            if value is not None and not 0 < D(value) <= RATIO_MOST:
                percent = (D(value) * 100).normalize()
                raise CompError(
                    f"The {name} must be above 0 % and at most 1000 %, not {percent:f} %."
                )
        if self.ote_cents < 0:
            raise CompError("OTE cannot be negative.")
        if self.currency is not None and not (
            len(self.currency) == 3 and self.currency.isascii() and self.currency.isupper()
        ):
            raise CompError(f"'{self.currency}' is not a currency code (3 letters, like USD).")

    # -- steps 1, 2 and 5 -----------------------------------------------------------
    @property
    def variable(self) -> int:
        return cents(self.ote_cents * self.variable_share)

    @property
    def base(self) -> int:
        return self.ote_cents - self.variable

    @property
    def team_nrr_variable(self) -> int:
        """The part of the variable paid on the team's NRR (a year)."""
        return cents(self.variable * D(self.team_nrr_share or 0))

    @property
    def quota_variable(self) -> int:
        """The variable left for the renewal and upsell quotas."""
        return self.variable - self.team_nrr_variable

    @property
    def renewal_variable(self) -> int:
        return cents(self.quota_variable * self.renewal_share)

    @property
    def upsell_variable(self) -> int:
        return self.quota_variable - self.renewal_variable

    @property
    def annual_upsell_quota(self) -> int | None:
        if not self.commission_rate:
            return None
        return cents(D(self.upsell_variable) / self.commission_rate)

    @property
    def quarterly_upsell_quota(self) -> int | None:
        annual = self.annual_upsell_quota
        return None if annual is None else cents(D(annual) / 4)

    # -- steps 3 and 4 ----------------------------------------------------------------
    def renewal_quota(self, eligible_cents: int) -> int:
        return cents(eligible_cents * self.grr_target)

    def accelerator(self, contract_months: int | None) -> Decimal:
        best = D(1)
        for months, multiplier in sorted(self.renewal_accelerators.items()):
            if contract_months is not None and contract_months >= months:
                best = D(multiplier)
        return best

    # -- storage -----------------------------------------------------------------------
    def accelerators_json(self) -> str:
        return json.dumps({str(k): str(v) for k, v in self.renewal_accelerators.items()})

    def tiers_json(self) -> str:
        return json.dumps({str(k): str(v) for k, v in self.upsell_tiers.items()})


class CompError(ValueError):
    pass


def terms_from_json(
    ote_cents: int,
    variable_share,
    renewal_share,
    grr_target,
    commission_rate,
    accelerators: str,
    tiers: str,
) -> PlanTerms:
    return PlanTerms(
        ote_cents=ote_cents,
        variable_share=D(variable_share),
        renewal_share=D(renewal_share),
        grr_target=D(grr_target),
        commission_rate=D(commission_rate),
        renewal_accelerators={int(k): D(v) for k, v in json.loads(accelerators).items()},
        upsell_tiers={D(k): D(v) for k, v in json.loads(tiers).items()},
    )


def csm_split(ote_cents: int, variable_share: Decimal) -> tuple[int, int]:
    """The CSM plan: (base, variable), the variable 20-30 % of OTE."""
    if not D("0.2") <= D(variable_share) <= D("0.3"):
        raise CompError("A CSM's variable share is 20 % to 30 % of OTE.")
    variable = cents(ote_cents * D(variable_share))
    return ote_cents - variable, variable


# -- a quarter ------------------------------------------------------------------------
@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """'2026Q4' or '2026-Q4'."""
        cleaned = text.strip().upper().replace("-", "")
        try:
            year, number = cleaned.split("Q")
            quarter = cls(int(year), int(number))
        except ValueError:
            raise CompError(f"'{text}' is not a quarter (write it like 2026Q4)") from None
        if not 1 <= quarter.number <= 4:
            raise CompError(f"'{text}' is not a quarter (Q1 to Q4)")
        return quarter

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def first(self) -> date:
        return date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> date:
        if self.number == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.number + 1, 1).fromordinal(
            date(self.year, 3 * self.number + 1, 1).toordinal() - 1
        )

    def __contains__(self, day: date) -> bool:
        return self.first <= day <= self.last

    def __str__(self) -> str:
        return f"{self.year}Q{self.number}"


@dataclass(frozen=True)
class Deal:
    """A won (or hypothetical) renewal or upsell that counts toward a quota."""

    key: str  # opportunity id, or "what-if N"
    account: str
    kind: str  # "renewal" or "upsell"
    close_date: date
    amount_cents: int  # renewal: renewed dollars (final, capped at target); upsell: bookings
    contract_months: int | None = None
    hypothetical: bool = False
    # A renewal's due date (the contract end it renews): it counts in that quarter,
    # however early or late it closed. None: it counts on its close date.
    due_date: date | None = None
    note: str = ""  # "uplift at renewal": a renewal's amount above its target
    currency: str | None = None  # the account's; None: the plan's own

    @property
    def counts_on(self) -> date:
        return self.due_date or self.close_date


@dataclass(frozen=True)
class DealLine:
    deal: Deal
    credit_cents: int  # renewal: amount x accelerator; upsell: bookings
    accelerator: Decimal  # renewal: contract-length multiplier; upsell: the top tier's
    tier: str
    payout_cents: int
    # The deal's amount in the plan's currency at the rate in force on its close date;
    # None: no rate that day, so the deal is listed and not counted. ``rate``: one unit
    # of the deal's currency in the plan's, None for a deal in the plan's own money.
    amount_plan_cents: int | None = None
    rate: Decimal | None = None

    @property
    def missing_rate(self) -> bool:
        return self.amount_plan_cents is None


@dataclass(frozen=True)
class Statement:
    quarter: Quarter
    terms: PlanTerms
    eligible_cents: int
    renewal_quota: int
    upsell_quota: int | None
    renewed_cents: int  # before accelerators
    renewal_credit_cents: int  # after accelerators
    bookings_cents: int
    renewal_payout: int
    upsell_payout: int
    lines: list[DealLine]
    team: TeamBonus | None = None  # the CSM group bonus on net retention, when the plan has one
    currency: str | None = None  # the plan's money (its own, or the book's reporting one)
    # Every rate that was needed and missing (deals, renewal targets, the team's NRR):
    # the money it would have converted is left out, never taken at 1.
    missing_rates: tuple[MissingRate, ...] = ()

    @property
    def needing_rates(self) -> list[DealLine]:
        """Deals in another currency with no rate on their close date: listed, not
        counted."""
        return [line for line in self.lines if line.missing_rate]

    @property
    def renewal_attainment(self) -> Decimal | None:
        return _share(self.renewed_cents, self.renewal_quota)

    @property
    def upsell_attainment(self) -> Decimal | None:
        return _share(self.bookings_cents, self.upsell_quota or 0)

    @property
    def total_payout(self) -> int:
        return self.renewal_payout + self.upsell_payout + (self.team.bonus if self.team else 0)


@dataclass(frozen=True)
class TeamBonus:
    """The quarter's group bonus on the team's net retention."""

    nrr: Decimal | None  # None: the team had no starting ARR
    target: Decimal
    floor: Decimal  # NRR below floor x target pays nothing
    cap: Decimal
    attainment: Decimal | None  # NRR / target, capped
    quarter_variable: int  # a quarter of the variable paid on NRR
    bonus: int

    @property
    def below_floor(self) -> bool:
        return self.nrr is not None and self.nrr < self.floor * self.target


def team_bonus(terms: PlanTerms, nrr: Decimal | None) -> TeamBonus | None:
    """Nothing below the floor (95 % of the target by default); above it, a quarter of
    variable x share x attainment (NRR / target), attainment capped (150 %)."""
    if not terms.team_nrr_share:
        return None
    target = D(terms.team_nrr_target or DEFAULT_NRR_TARGET)
    floor = D(DEFAULT_NRR_FLOOR if terms.team_nrr_floor is None else terms.team_nrr_floor)
    cap = D(terms.team_nrr_cap or DEFAULT_NRR_CAP)
    quarter_variable = cents(D(terms.team_nrr_variable) / 4)
    attainment = None if nrr is None else min(_share_of(nrr, target), cap)
    paid = nrr is not None and nrr >= floor * target
    bonus = cents(D(terms.team_nrr_variable) / 4 * attainment) if paid else 0
    return TeamBonus(nrr, target, floor, cap, attainment, quarter_variable, bonus)


HOW_TEAM_NRR = (
    "Team NRR bonus = a quarter of the variable's team NRR share x attainment, where "
    "attainment = the team's NRR / the NRR target, capped; nothing when NRR is below "
    "the floor. NRR = (starting ARR - churn - contraction + expansion) / starting ARR "
    "over the team's accounts for the quarter."
)


def _share_of(part: Decimal, whole: Decimal) -> Decimal:
    """To four places, as metrics has its ratios (1.1000 -> 1.1)."""
    return (D(part) / D(whole)).quantize(D("0.0001"), ROUND_HALF_UP).normalize()


def _share(part: int, whole: int) -> Decimal | None:
    return None if not whole else (D(part) / D(whole)).quantize(D("0.0001"), ROUND_HALF_UP)


HOW_RENEWAL = (
    "Renewal payout = quarterly renewal variable x (renewed dollars, each deal x "
    "its contract-length accelerator) / renewal quota. Renewal quota = GRR target "
    "x dollars eligible for renewal this quarter."
)
HOW_UPSELL = (
    "Upsell payout = bookings x commission rate, the rate x{tier1} on bookings "
    "above 100 % of the quarterly quota and x{tier2} above 150 %. Upsell quota = "
    "upsell variable / commission rate, a quarter of it each quarter."
)


# A renewal's uplift is keyed "<renewal key> uplift": a what-if moves them together.
UPLIFT_SUFFIX = " uplift"


def rate_words(deal: Deal, currency: str | None) -> str:
    return f"no {deal.currency} to {currency} rate on {deal.close_date}: not counted"


def rate_text(rate: Decimal) -> str:
    """A rate to read: as stored ("1.20"), or to six places when it is a computed one
    (an inverse: 0.8695652173913043478260869565 -> "0.869565")."""
    text = str(rate)
    return text if len(text) <= 10 else str(D(rate).quantize(D("0.000001"), ROUND_HALF_UP))


def in_plan_currency(
    deal: Deal, currency: str | None, rates: Rates
) -> tuple[int | None, Decimal | None]:
    """(the deal's amount in the plan's currency, the rate used) at the rate in force on
    its close date; (None, None) when the book and the shipped history have none."""
    if deal.currency in (None, currency) or currency is None:
        return deal.amount_cents, None
    try:
        rate = rates.rate(deal.currency, deal.close_date, currency)
        return rates.convert(deal.amount_cents, deal.currency, deal.close_date, currency), rate
    except MissingRate:
        return None, None


def named_rates(missing: Sequence[MissingRate]) -> tuple[MissingRate, ...]:
    """Each missing rate once, by currency and day."""
    found = {(m.currency, m.on_date): m for m in missing}
    return tuple(found[key] for key in sorted(found))


def statement(
    terms: PlanTerms,
    quarter: Quarter,
    eligible_cents: int,
    deals: list[Deal],
    team_nrr: Decimal | None = None,
    currency: str | None = None,
    *,
    rates: Rates | None = None,
    missing: Sequence[MissingRate] = (),
) -> Statement:
    """The quarter's quotas, attainment and payout, deal by deal; with the team's NRR
    for the quarter, the group bonus on it when the plan has one. ``currency``: the
    book's reporting currency, for a plan without its own. A deal in another currency
    counts at the rate in force on its close date (``rates``; default the shipped ECB
    history alone); one without a rate that day is listed, named in ``missing_rates``
    and not counted. ``eligible_cents`` is already in the plan's currency; ``missing``:
    the rates its conversion (and the team's NRR) missed."""
    currency = terms.currency or currency
    rates = rates if rates is not None else Rates()
    in_quarter = sorted(
        (d for d in deals if d.counts_on in quarter), key=lambda d: (d.counts_on, d.key)
    )
    converted = {d.key: in_plan_currency(d, currency, rates) for d in in_quarter}
    foreign = [d for d in in_quarter if converted[d.key][0] is None]
    in_quarter = [d for d in in_quarter if converted[d.key][0] is not None]
    missing = [*missing, *(MissingRate(d.currency, d.close_date, currency) for d in foreign)]
    renewal_quota = terms.renewal_quota(eligible_cents)
    quarter_renewal_variable = D(terms.renewal_variable) / 4
    lines: list[DealLine] = []
    renewed = credit = 0
    for deal in (d for d in in_quarter if d.kind == "renewal"):
        amount, rate = converted[deal.key]
        accelerator = terms.accelerator(deal.contract_months)
        deal_credit = cents(amount * accelerator)
        renewed += amount
        credit += deal_credit
        payout = (
            cents(quarter_renewal_variable * deal_credit / renewal_quota) if renewal_quota else 0
        )
        months = f"{deal.contract_months}-month" if deal.contract_months else "no term"
        tier = f"{months} contract, x{accelerator}"
        lines.append(DealLine(deal, deal_credit, accelerator, tier, payout, amount, rate))
    renewal_payout = sum(line.payout_cents for line in lines)
    upsell_quota = terms.quarterly_upsell_quota
    booked = 0
    upsell_payout = 0
    for deal in (d for d in in_quarter if d.kind == "upsell"):
        amount, rate = converted[deal.key]
        pieces = _tiers(terms, upsell_quota, booked, amount)
        payout = sum(
            cents(part * terms.commission_rate * multiplier) for part, multiplier, _ in pieces
        )
        top_multiplier, top_name = pieces[-1][1], pieces[-1][2]
        booked += amount
        upsell_payout += payout
        lines.append(DealLine(deal, amount, top_multiplier, top_name, payout, amount, rate))
    lines += [DealLine(d, 0, D(1), rate_words(d, currency), 0) for d in foreign]
    return Statement(
        quarter=quarter,
        terms=terms,
        eligible_cents=eligible_cents,
        renewal_quota=renewal_quota,
        upsell_quota=upsell_quota,
        renewed_cents=renewed,
        renewal_credit_cents=credit,
        bookings_cents=booked,
        renewal_payout=renewal_payout,
        upsell_payout=upsell_payout,
        lines=lines,
        team=team_bonus(terms, team_nrr),
        currency=currency,
        missing_rates=named_rates(missing),
    )


def _tiers(
    terms: PlanTerms, quota: int | None, before: int, amount: int
) -> list[tuple[int, Decimal, str]]:
    """Split a booking across the tiers it falls in: (cents, rate multiplier, name)."""
    bounds = [(D(0), D(1)), *sorted((D(k), D(v)) for k, v in terms.upsell_tiers.items())]
    if not quota:
        return [(amount, D(1), "base rate")]
    pieces = []
    start, end = before, before + amount
    for i, (share, multiplier) in enumerate(bounds):
        low = cents(quota * share)
        high = cents(quota * bounds[i + 1][0]) if i + 1 < len(bounds) else None
        piece_low, piece_high = max(start, low), end if high is None else min(end, high)
        if piece_high > piece_low:
            name = (
                "base rate" if share == 0 else f"above {share * 100:.0f}% of quota, x{multiplier}"
            )
            pieces.append((piece_high - piece_low, multiplier, name))
    return pieces or [(0, D(1), "base rate")]


def what_if(
    terms: PlanTerms,
    quarter: Quarter,
    eligible_cents: int,
    deals: list[Deal],
    added: list[Deal] = (),
    moved: dict[str, date] | None = None,
    team_nrr: Decimal | None = None,
    currency: str | None = None,
    *,
    rates: Rates | None = None,
    missing: Sequence[MissingRate] = (),
) -> Statement:
    """The statement with hypothetical deals added and some close dates moved (a moved
    renewal counts on its new date: what if it were due then)."""
    moved = moved or {}
    changed = []
    for d in deals:
        day = moved.get(d.key, moved.get(d.key.removesuffix(UPLIFT_SUFFIX)))
        changed.append(d if day is None else replace(d, close_date=day, due_date=None))
    return statement(
        terms,
        quarter,
        eligible_cents,
        [*changed, *added],
        team_nrr,
        currency,
        rates=rates,
        missing=missing,
    )


# -- small helpers for the comp screen ----------------------------------------------
def seed_terms(role: str) -> PlanTerms:
    """The seed's plan for a role, offered to someone without one (the demo's plans):
    a CSM at OTE 100,000 with 25 % variable, half on renewals; anyone else on the R&E
    manager's six steps (OTE 150,000, half variable, split 40/60)."""
    if role == "csm":
        return PlanTerms(ote_cents=100_000_00, variable_share=D("0.25"), renewal_share=D("0.5"))
    return PlanTerms(ote_cents=150_000_00)


def role_problems(terms: PlanTerms, role: str) -> dict[str, str]:
    """Where the terms do not fit the role's plan, by field: a CSM's variable is 20-30 %
    of OTE (the CSM plan, csm_split); the group bonus on net retention is a CSM's."""
    if role == "csm":
        try:
            csm_split(terms.ote_cents, terms.variable_share)
        except CompError as exc:
            return {"variable_share": str(exc)}
    elif terms.team_nrr_share:
        return {"team_nrr_share": "The group bonus on net retention is part of a CSM's plan."}
    return {}


def check_for_role(terms: PlanTerms, role: str) -> None:
    """Raise CompError when the terms do not fit the role's plan (role_problems)."""
    for message in role_problems(terms, role).values():
        raise CompError(message)


# -- a plan typed field by field: the plan editor and `comp plan --set` ---------------
# field -> how to read it: "money", "share" (0-100 %), "ratio" (may pass 100 %), "currency"
PLAN_FIELDS = {
    "ote": "money",
    "variable_share": "share",
    "renewal_share": "share",
    "grr_target": "share",
    "commission_rate": "share",
    "currency": "currency",
    "team_nrr_share": "share",
    "team_nrr_target": "ratio",
    "team_nrr_floor": "share",
    "team_nrr_cap": "ratio",
}
CLEARABLE = {"currency", "team_nrr_share", "team_nrr_target", "team_nrr_floor", "team_nrr_cap"}


class PlanFieldsError(CompError):
    """Every field that cannot be saved, with its reason: {field: message}."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))


def read_plan_field(key: str, text: str):
    """One field as typed -> its value (cents, a Decimal share, a code, or None when a
    clearable field is left empty); CompError, or a ValueError, in words."""
    from cswork.money import parse_money
    from cswork.shares import parse_share

    how = PLAN_FIELDS.get(key)
    if how is None:
        raise CompError(f"'{key}' is not a plan field; the fields are {', '.join(PLAN_FIELDS)}.")
    text = text.strip()
    if key in CLEARABLE and text.lower() in ("", "none"):
        return None
    if how == "money":
        return parse_money(text)
    if how == "currency":
        return text.upper()
    return parse_share(text, RATIO_MOST if how == "ratio" else D(1))


def plan_with(start: PlanTerms, texts: dict[str, str], role: str) -> PlanTerms:
    """``start`` with the typed fields put in, checked as the plan editor checks them:
    each field on its own, then the plan against the role. PlanFieldsError names every
    field that is wrong; nothing is half-applied."""
    problems: dict[str, str] = {}
    values = {}
    for key, text in texts.items():
        try:
            value = read_plan_field(key, text)
            name = "ote_cents" if key == "ote" else key
            replace(start, **{name: value})  # the field's own range check
            values[name] = value
        except ValueError as exc:  # CompError, MoneyError and ShareError alike
            problems[key] = str(exc)
    if problems:
        raise PlanFieldsError(problems)
    terms = replace(start, **values)
    problems = role_problems(terms, role)
    if problems:
        raise PlanFieldsError(problems)
    return terms


def how_upsell(terms: PlanTerms) -> str:
    """HOW_UPSELL in the words of this plan's own tiers (the user may edit them)."""
    tiers = sorted((D(k), D(v)) for k, v in terms.upsell_tiers.items())
    steps = [f"x{_plain(rate)} above {_plain(share * 100)} %" for share, rate in tiers]
    if steps:
        steps[0] = steps[0].replace(" above ", " on bookings above ", 1)
        steps[0] += " of the quarterly quota"
        listed = ", ".join(steps[:-1]) + " and " + steps[-1] if len(steps) > 1 else steps[0]
        rates = f", the rate {listed}"
    else:
        rates = ""
    return (
        f"Upsell payout = bookings x commission rate{rates}. Upsell quota = "
        "upsell variable / commission rate, a quarter of it each quarter."
    )


def _plain(value: Decimal) -> str:
    """1.5 -> '1.5', 2.0 -> '2', 100.0 -> '100'."""
    return f"{D(value).normalize():f}"
