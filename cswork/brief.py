"""The call-prep brief: one page per account for the R&E manager before a call, so no
customer issue blindsides them. The core gathers the facts; the window lays them out
(on screen, printed or as PDF)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from cswork.accounts import Customer360, customer360
from cswork.contacts import contacts_of
from cswork.enums import OpportunityKind, OpportunityStage
from cswork.models import Contact, Objective, Opportunity, TimelineEntry
from cswork.opportunities import opportunities_of
from cswork.plans import plan_of
from cswork.timeline import recent_entries

RECENT_ENTRIES = 6


@dataclass(frozen=True)
class Brief:
    today: date
    view: Customer360
    renewal: Opportunity | None  # the open renewal, else the latest
    objectives: list[Objective]
    desired_outcome: str
    roi_statement: str
    recent: list[tuple[TimelineEntry, str | None]]
    contacts: list[Contact]


def brief(session: Session, account_id: int, today: date) -> Brief:
    view = customer360(session, account_id, today)
    renewals = [
        o for o in opportunities_of(session, account_id) if o.kind == OpportunityKind.RENEWAL
    ]
    open_renewals = [o for o in renewals if o.stage == OpportunityStage.OPEN]
    plan = plan_of(session, account_id)
    return Brief(
        today=today,
        view=view,
        renewal=(open_renewals or renewals or [None])[0],
        objectives=list(plan.objectives) if plan else [],
        desired_outcome=plan.desired_outcome if plan else "",
        roi_statement=plan.roi_statement if plan else "",
        recent=recent_entries(session, account_id, limit=RECENT_ENTRIES),
        contacts=contacts_of(session, account_id),
    )
