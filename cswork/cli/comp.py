"""`comp`: quotas, attainment and payout, for a person's quarter or a plan on its own."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal

from cswork.cli.common import (
    CliError,
    Verb,
    money_text,
    opened_book,
    person_id,
    print_json,
    ratio_text,
    reporting_option,
)
from cswork.money import to_cents


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        nargs="?",
        choices=["plan"],
        help="plan: create or change --person's plan with --set FIELD=VALUE",
    )
    parser.add_argument(
        "--person", metavar="EMAIL", help="whose quarter (needs --quarter), or whose plan"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        dest="fields",
        help="with plan: ote, variable_share, renewal_share, commission_rate, grr_target, "
        "currency, team_nrr_share, team_nrr_target, team_nrr_floor, team_nrr_cap "
        "(shares as 50%% or 0.5; an empty value clears currency and team_nrr_*)",
    )
    parser.add_argument("--year", type=int, metavar="YYYY", help="with plan: the plan's year")
    parser.add_argument("--quarter", metavar="2026Q4")
    parser.add_argument("--ote", type=Decimal, metavar="AMOUNT", help="plan alone: OTE")
    for option, default in (
        ("--variable-share", "50"),
        ("--renewal-share", "40"),
        ("--commission-rate", "10"),
        ("--grr-target", "90"),
    ):
        parser.add_argument(
            option,
            type=_share,
            default=Decimal(default) / 100,
            metavar="SHARE",
            help=f"plan alone: as {default}%% or {Decimal(default) / 100} (default {default}%%)",
        )
    parser.add_argument(
        "--renewable",
        type=Decimal,
        metavar="AMOUNT",
        help="plan alone: dollars eligible for renewal in the quarter",
    )
    parser.add_argument(
        "--reporting-currency",
        metavar="CODE",
        help="with --person: the totals in this currency, converted from the plan's at the "
        "rate of the quarter's last day (default: the plan's currency)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def _share(text: str) -> Decimal:
    """An option's share, as 50% or 0.5 alike."""
    from cswork.shares import ShareError, parse_share

    try:
        return parse_share(text)
    except ShareError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    from cswork.comp import CompError, PlanTerms, Quarter

    try:
        if args.action == "plan":
            return _plan(args)
        if args.fields or args.year is not None:
            raise CliError("--set and --year go with `comp plan` (comp plan --person EMAIL ...)")
        if args.reporting_currency and not args.person:
            raise CliError("--reporting-currency goes with --person EMAIL --quarter Q")
        if args.person:
            if not args.quarter:
                raise CliError("--person needs --quarter (like 2026Q4)")
            return _person_quarter(args, Quarter.parse(args.quarter))
        if args.ote is None:
            raise CliError("give --person EMAIL --quarter Q, or a plan with --ote")
        terms = PlanTerms(
            ote_cents=to_cents(args.ote),
            variable_share=args.variable_share,
            renewal_share=args.renewal_share,
            grr_target=args.grr_target,
            commission_rate=args.commission_rate,
        )
    except CompError as exc:
        raise CliError(str(exc)) from exc
    data = _plan_json(terms) | (
        {"renewal_quota": money_text(terms.renewal_quota(to_cents(args.renewable)))}
        if args.renewable is not None
        else {}
    )
    if args.json:
        print_json(data)
    else:
        for key, value in data.items():
            print(f"{key.replace('_', ' '):<24} {value}")
    return 0


def _plan_json(terms, money=money_text) -> dict:
    quarterly = terms.quarterly_upsell_quota
    annual = terms.annual_upsell_quota
    return {
        "ote": money(terms.ote_cents),
        "base": money(terms.base),
        "variable": money(terms.variable),
        "team_nrr_variable": money(terms.team_nrr_variable),
        "renewal_variable": money(terms.renewal_variable),
        "upsell_variable": money(terms.upsell_variable),
        "annual_upsell_quota": None if annual is None else money(annual),
        "quarterly_upsell_quota": None if quarterly is None else money(quarterly),
    }


def _plan(args: argparse.Namespace) -> int:
    """`comp plan`: the person's plan for the year, created or changed field by field
    with the plan editor's checks; nothing saved when any field is wrong."""
    from cswork.cli.common import person
    from cswork.comp import PlanFieldsError, plan_with, seed_terms
    from cswork.comp_book import plan_for, save_plan

    if not args.person:
        raise CliError("comp plan needs --person EMAIL")
    texts = {}
    for item in args.fields:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise CliError(f"--set {item!r}: write it as FIELD=VALUE, like ote=150000")
        texts[key.strip()] = value
    if not texts:
        raise CliError("comp plan needs at least one --set FIELD=VALUE, like --set ote=150000")
    year = args.year or date.today().year
    with opened_book(args) as book, book.writing() as session:
        who = person(session, args.person)
        before = plan_for(session, who.id, year)
        try:
            terms = plan_with(before or seed_terms(who.role), texts, who.role)
        except PlanFieldsError as exc:
            lines = "\n".join(f"  {key}: {message}" for key, message in exc.problems.items())
            count = len(exc.problems)
            raise CliError(
                f"nothing saved: {count} field{'s' if count != 1 else ''} to fix\n{lines}"
            ) from None
        save_plan(session, who.id, year, terms)
    data = {
        "person": who.email or who.name,
        "year": year,
        "created": before is None,
        "currency": terms.currency,
        "variable_share": str(terms.variable_share),
        "renewal_share": str(terms.renewal_share),
        "grr_target": str(terms.grr_target),
        "commission_rate": str(terms.commission_rate),
        **{key: _decimal_or_none(getattr(terms, key)) for key in NRR_KEYS},
        **_plan_json(terms),
    }
    if args.json:
        print_json(data)
    else:
        from cswork.shares import share_text

        print(f"{'Created' if before is None else 'Changed'} {data['person']}'s plan for {year}")
        defaults = {"currency": "the book's", "team_nrr_floor": "95 % of target"}
        defaults |= {"team_nrr_cap": "150 %", "team_nrr_share": "no team NRR bonus"}
        for key, value in data.items():
            if key in ("person", "year", "created"):
                continue
            shown = value
            if value is None:
                shown = defaults.get(key, "—")
            elif key.endswith(("_share", "_target", "_rate", "_floor", "_cap")):
                shown = share_text(Decimal(value))
            print(f"  {key.replace('_', ' '):<24} {shown}")
    return 0


def _percent(value) -> str:
    from cswork.shares import share_text

    return "none" if value is None else share_text(value)


NRR_KEYS = ("team_nrr_share", "team_nrr_target", "team_nrr_floor", "team_nrr_cap")


def _decimal_or_none(value) -> str | None:
    return None if value is None else str(value)


def _person_quarter(args: argparse.Namespace, quarter) -> int:
    from cswork.comp_book import book_quarter, comp_rates, quarter_statement, team_nrr, territory
    from cswork.rates import MissingRate

    reporting = reporting_option(args.reporting_currency)
    with opened_book(args) as book, book.session() as session:
        person = person_id(session, args.person)
        found = quarter_statement(session, person, quarter)
        if found is None:
            raise CliError(f"{args.person} has no comp plan for {quarter.year}")
        rates = comp_rates(session, found.currency)
        load = territory(session, person, quarter)
        team = team_nrr(session, person, quarter, found.currency, rates) if found.team else None
        eligible = book_quarter(session, person, quarter).eligible(found.currency, rates)
        to = reporting or found.currency
        if to != found.currency:
            rates = comp_rates(session, to)
    plan_currency = found.currency
    # Totals in the reporting currency: the plan's figures converted at the rate in force
    # on the quarter's last day (one rate, so attainment and shares do not move).
    try:
        rate = rates.rate(plan_currency, quarter.last, to)
    except MissingRate as exc:
        raise CliError(
            f"--reporting-currency {to}: {exc}; import rates FILE, or leave the option out "
            f"to see the plan's {plan_currency}"
        ) from None

    def total(cents: int) -> str:
        return money_text(rates.convert(cents, plan_currency, quarter.last, to))

    bonus = found.team
    missing = [m.as_json() for m in found.missing_rates]
    data = _plan_json(found.terms, total) | {
        "quarter": str(quarter),
        # Every total below is in ``currency``; the plan's own figures are in
        # ``plan_currency`` (converted at ``rate`` when the two differ).
        "currency": to,
        "plan_currency": plan_currency,
        "rates_on": quarter.last.isoformat(),
        "rate": str(rate),
        "eligible_for_renewal": total(found.eligible_cents),
        # renewal targets left out of the quota for want of a rate, each in its own money
        "eligible_needing_rates": {c: money_text(v) for c, v in eligible.left_out.items()},
        "renewal_quota": total(found.renewal_quota),
        "renewed": total(found.renewed_cents),
        "renewal_credit": total(found.renewal_credit_cents),
        "renewal_attainment": ratio_text(found.renewal_attainment),
        "bookings": total(found.bookings_cents),
        "upsell_attainment": ratio_text(found.upsell_attainment),
        "renewal_payout": total(found.renewal_payout),
        "upsell_payout": total(found.upsell_payout),
        # the CSM group bonus on net retention (null without one in the plan)
        "team": None if team is None else (team.team or "all CSMs"),
        "team_members": None if team is None else team.members,
        "team_nrr": None if bonus is None else ratio_text(bonus.nrr),
        "team_nrr_target": None if bonus is None else ratio_text(bonus.target),
        "attainment": None if bonus is None else ratio_text(bonus.attainment),
        "bonus": None if bonus is None else total(bonus.bonus),
        "total_payout": total(found.total_payout),
        "renewals_per_business_day": str(load.per_business_day),
        "missing_rates": missing,
        "deals": [_deal_json(line, plan_currency) for line in found.lines],
    }
    if args.json:
        print_json(data)
        return 0
    _print_quarter(args.person, quarter, data, found, load)
    return 0


def _deal_json(line, plan_currency: str) -> dict:
    """A deal in its own money (``amount``, ``currency``) and in the plan's
    (``amount_plan``, null without a rate on its close date); credit and payout in the
    plan's."""
    deal = line.deal
    own = deal.currency or plan_currency
    return {
        "opportunity": deal.key,
        "account": deal.account,
        "kind": deal.kind,
        "close_date": deal.close_date.isoformat(),
        "due_date": deal.due_date and deal.due_date.isoformat(),
        "note": deal.note,
        "amount": money_text(deal.amount_cents),
        "currency": own,
        "amount_currency": own,
        "amount_plan": None if line.missing_rate else money_text(line.amount_plan_cents),
        "plan_currency": plan_currency,
        "rate": None if line.rate is None else str(line.rate),
        "needs_rate": line.missing_rate,
        "credit": money_text(line.credit_cents),
        "accelerator": str(line.accelerator),
        "tier": line.tier,
        "payout": money_text(line.payout_cents),
    }


def _print_quarter(who: str, quarter, data: dict, found, load) -> None:
    from cswork.comp import rate_text

    bonus, cur = found.team, data["currency"]
    shown = f"in {cur}"
    if cur != data["plan_currency"]:
        rate = rate_text(Decimal(data["rate"]))
        shown += f", the plan's {data['plan_currency']} at {rate} on {data['rates_on']}"
    print(f"{who}, {quarter} ({shown})")
    print(
        f"  renewal quota {data['renewal_quota']} (of {data['eligible_for_renewal']} eligible);"
        f" renewed {data['renewed']} -> payout {data['renewal_payout']}"
    )
    print(
        f"  upsell quota {data['quarterly_upsell_quota']}; booked {data['bookings']}"
        f" -> payout {data['upsell_payout']}"
    )
    if bonus is not None:
        print(
            f"  team {data['team']}: NRR {_percent(bonus.nrr)} against "
            f"{_percent(bonus.target)} -> attainment {_percent(bonus.attainment)}, "
            f"bonus {data['bonus']}"
        )
    print(
        f"  total payout {data['total_payout']}; {load.per_business_day} renewals a "
        f"business day: {load.verdict}"
    )
    for deal in data["deals"]:
        converted = ""
        if deal["needs_rate"]:
            converted = "  (no rate: not counted)"
        elif deal["rate"] is not None:
            rate = rate_text(Decimal(deal["rate"]))
            converted = f"  = {deal['plan_currency']} {deal['amount_plan']} at {rate}"
        print(
            f"  {deal['close_date']}  {deal['kind']:<8} {deal['currency']} "
            f"{deal['amount']:>14}{converted}  {deal['tier']:<32} {deal['payout']:>12}  "
            f"{deal['account']}"
        )
    if data["missing_rates"]:
        print(f"  {_missing_words(data['missing_rates'], data['plan_currency'])}")


def _missing_words(missing: list[dict[str, str]], currency: str) -> str:
    """One line naming every missing rate."""
    named = ", ".join(f"{m['currency']} on {m['date']}" for m in missing)
    return f"no exchange rate to {currency} for {named}: that money is left out (import rates FILE)"


VERBS = [
    Verb(
        "comp",
        "quotas, attainment and payout: a person's quarter, or a plan alone",
        configure,
        run,
    ),
]
