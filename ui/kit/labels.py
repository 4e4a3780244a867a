"""How opportunities, money and health read in tables and on paper, the same on every
page (the renewals desk, the Customer360, the call-prep brief)."""

from __future__ import annotations

from cswork.enums import ForecastCategory, OpportunityKind, OpportunityStage
from cswork.health import band
from cswork.money import cents_to_decimal, format_money
from ui.kit.columns import Column
from ui.kit.look import BAND_COLOURS, band_icon

KIND_LABELS = {
    OpportunityKind.RENEWAL: "Renewal",
    OpportunityKind.UPSELL: "Upsell",
    OpportunityKind.CROSS_SELL: "Cross-sell",
    OpportunityKind.NEW_DIVISION: "New division",
    OpportunityKind.SERVICES_ONE_TIME: "Services (one-time)",
    OpportunityKind.SERVICES_MANAGED: "Services (managed)",
}
CATEGORY_LABELS = {category: category.value.capitalize() for category in ForecastCategory}
STAGE_LABELS = {stage: stage.value.capitalize() for stage in OpportunityStage}
NO_RENEWAL = "Not opened"  # no renewal opportunity yet


def money(cents: int | None, currency: str = "USD") -> str:
    return format_money(cents, currency, whole=True)


def exact(cents: int | None):
    return None if cents is None else cents_to_decimal(cents)


def renewal_status(stage: str | None, category: str | None) -> str:
    """'Commit' for an open renewal (its forecast category), 'Won' or 'Lost' once
    closed, and a warning when nobody has opened the renewal opportunity yet."""
    if stage is None:
        return NO_RENEWAL
    if stage == OpportunityStage.OPEN:
        return CATEGORY_LABELS[ForecastCategory(category)] if category else "Open"
    return STAGE_LABELS[OpportunityStage(stage)]


def health_text(score: int | None) -> str:
    return "" if score is None else str(score)


def health_column(width: int = 70) -> Column:
    return Column(
        "Health",
        lambda r: health_text(r.health),
        sort_key=lambda r: r.health,
        export=lambda r: r.health,
        right=True,
        icon=lambda r: band_icon(band(r.health)),
        colour=lambda r: BAND_COLOURS["red"] if band(r.health) == "red" else None,
        tooltip=lambda r: "Not scored yet" if r.health is None else f"Health {r.health}",
        width=width,
    )
