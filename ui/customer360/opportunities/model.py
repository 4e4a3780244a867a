"""An account's opportunities as the Opportunities tab lists them: the columns (renewal
amounts only for renewals), the items read from the book, and ``FirstIds``, which keeps
undo working when a new opportunity is taken back and redone."""

from __future__ import annotations

from cswork.enums import OpportunityKind, OpportunityStage
from ui.customer360.opportunities.forms import OpportunityItem
from ui.kit.columns import Column
from ui.kit.labels import KIND_LABELS, exact, money, renewal_status
from ui.kit.look import MUTED_COLOUR, day_text


def _renewal_money(item: OpportunityItem, cents: int | None) -> str:
    return money(cents, item.currency) if item.kind == OpportunityKind.RENEWAL else ""


def _amount(item: OpportunityItem) -> int | None:
    """An open renewal has no amount yet (its target and forecast say what it is worth);
    once closed, its amount is what it added to or took from the ARR."""
    renewal = item.kind == OpportunityKind.RENEWAL
    return None if renewal and item.is_open else item.amount_cents


def _forecast_or_final(item: OpportunityItem) -> int | None:
    return item.forecast_cents if item.is_open else item.final_cents


OPPORTUNITY_COLUMNS = [
    Column("Kind", lambda o: KIND_LABELS[o.kind], width=92),
    Column("Name", lambda o: o.name, tooltip=lambda o: o.name, width=150),
    Column(
        "Amount",
        lambda o: money(_amount(o), o.currency),
        sort_key=_amount,
        export=lambda o: exact(_amount(o)),
        right=True,
        tooltip=lambda o: (
            "One-time value" if o.kind == OpportunityKind.SERVICES_ONE_TIME else "ARR change"
        ),
        width=84,
    ),
    Column(
        "Close date",
        lambda o: day_text(o.close_date),
        sort_key=lambda o: o.close_date,
        export=lambda o: o.close_date,
        width=92,
    ),
    Column(
        "Status",
        lambda o: renewal_status(o.stage, o.forecast_category),
        colour=lambda o: None if o.is_open else MUTED_COLOUR,
        tooltip=lambda o: f"Stage {o.stage.value}, forecast category {o.forecast_category.value}",
        width=80,
    ),
    Column(
        "Target",
        lambda o: _renewal_money(o, o.target_cents),
        sort_key=lambda o: o.target_cents,
        export=lambda o: exact(o.target_cents),
        right=True,
        tooltip=lambda o: "The renewable amount" if o.kind == OpportunityKind.RENEWAL else None,
        width=84,
    ),
    Column(
        "Forecast / final",
        lambda o: _renewal_money(o, _forecast_or_final(o)),
        sort_key=_forecast_or_final,
        export=lambda o: exact(_forecast_or_final(o)),
        right=True,
        tooltip=lambda o: (
            ("Forecast (open)" if o.is_open else "Final amount (closed)")
            if o.kind == OpportunityKind.RENEWAL
            else None
        ),
        width=118,
    ),
    Column(
        "Term",
        lambda o: f"{o.contract_months} mo" if o.contract_months and o.kind == "renewal" else "",
        sort_key=lambda o: o.contract_months,
        export=lambda o: o.contract_months,
        right=True,
        tooltip=lambda o: "Contract length in months" if o.contract_months else None,
        width=56,
    ),
    Column("Owner", lambda o: o.owner or "—", width=104),
    Column("Strategy", lambda o: o.strategy, tooltip=lambda o: o.strategy or None),
]


class FirstIds:
    """First id -> the id an opportunity has now: undoing "New opportunity" deletes it,
    and redoing it creates it again under a new id, which later edits must follow."""

    def __init__(self) -> None:
        self._now: dict[int, int] = {}

    def now(self, first_id: int) -> int:
        return self._now.get(first_id, first_id)

    def moved(self, first_id: int, new_id: int) -> None:
        self._now[first_id] = new_id


def opportunity_item(o, currency: str, names: dict[int, str]) -> OpportunityItem:
    return OpportunityItem(
        id=o.id,
        kind=OpportunityKind(o.kind),
        name=o.name,
        amount_cents=o.amount_cents or 0,
        currency=currency,
        close_date=o.close_date,
        stage=OpportunityStage(o.stage),
        forecast_category=o.forecast_category,
        target_cents=o.target_cents,
        forecast_cents=o.forecast_cents,
        final_cents=o.final_cents,
        contract_months=o.contract_months,
        owner=names.get(o.owner_id, "") if o.owner_id else "",
        strategy=o.strategy or "",
        version=o.version,
    )
