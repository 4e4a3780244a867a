"""Success plans: the customer's desired outcome, objectives, milestones and ROI.

Every edit returns what the record held before, so the window's undo can put it back
through the same function."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.enums import ObjectiveStatus, Segment
from cswork.models import Account, Milestone, Objective, Person, SuccessPlan


class PlanError(ValueError):
    pass


# Plan templates by segment: milestones are days after the plan starts; objectives a
# starting point the CSM rewrites with the customer.
STANDARD_MILESTONES = [
    ("Strategy Session held", 14),
    ("Onboarding complete", 60),
    ("First value", 90),
    ("EBR held", 180),
]
TEMPLATES: dict[str, dict[str, Any]] = {
    Segment.STRATEGIC: {
        "name": "Strategic: executive outcomes",
        "desired_outcome": "The outcome the executive sponsor will judge us on, in their words.",
        "objectives": [
            (
                "Agree the business outcome with the executive sponsor",
                "Outcome signed off",
                "",
                "Yes",
                30,
            ),
            ("Roll out to every division in scope", "Divisions live", "0", "All", 180),
            ("Prove the ROI at the EBR", "ROI multiple", "", "3x", 180),
        ],
        "milestones": [*STANDARD_MILESTONES, ("Second EBR held", 360)],
    },
    Segment.HIGH_TOUCH: {
        "name": "High-touch: adoption and value",
        "desired_outcome": "What the customer wants to achieve with us this year.",
        "objectives": [
            ("Onboard the first team", "Active users", "0", "80% of licenses", 60),
            ("First measurable value", "KPI agreed at the Strategy Session", "", "", 90),
            ("Executive Business Review", "EBR held", "No", "Yes", 180),
        ],
        "milestones": STANDARD_MILESTONES,
    },
    Segment.LOW_TOUCH: {
        "name": "Low-touch: adoption",
        "desired_outcome": "Get the team productive on the product.",
        "objectives": [
            ("Licenses in use", "Licenses used", "0", "80% of licenses", 90),
        ],
        "milestones": STANDARD_MILESTONES[:3],
    },
}

PLAN_FIELDS = {"desired_outcome", "roi_statement"}
OBJECTIVE_FIELDS = {
    "title",
    "kpi",
    "baseline",
    "target",
    "owner_id",
    "target_date",
    "status",
    "progress",
    "position",
}
MILESTONE_FIELDS = {"name", "due_on", "done_on", "position"}


@dataclass(frozen=True)
class PlanProgress:
    objectives_achieved: int
    objectives_counted: int  # dropped objectives do not count
    milestones_done_on_time: int
    milestones_due: int  # due by today
    milestones_late: int  # due and not done, or done after their day

    @property
    def percent(self) -> int | None:
        """Share of the objectives achieved (what the customer wanted), whole percent."""
        if not self.objectives_counted:
            return None
        return round(100 * self.objectives_achieved / self.objectives_counted)

    @property
    def summary(self) -> str:
        parts = []
        if self.objectives_counted:
            parts.append(
                f"{self.objectives_achieved} of {self.objectives_counted} objectives achieved"
            )
        if self.milestones_due:
            parts.append(
                f"{self.milestones_done_on_time} of {self.milestones_due} milestones on time"
            )
        return "; ".join(parts) or "no objectives yet"


def plan_of(session: Session, account_id: int) -> SuccessPlan | None:
    return session.scalar(select(SuccessPlan).where(SuccessPlan.account_id == account_id))


def progress(plan: SuccessPlan, today: date) -> PlanProgress:
    counted = [o for o in plan.objectives if o.status != ObjectiveStatus.DROPPED]
    due = [m for m in plan.milestones if m.due_on is not None and m.due_on <= today]
    on_time = [m for m in due if not is_late(m.due_on, m.done_on, today)]
    return PlanProgress(
        objectives_achieved=sum(o.status == ObjectiveStatus.ACHIEVED for o in counted),
        objectives_counted=len(counted),
        milestones_done_on_time=len(on_time),
        milestones_due=len(due),
        milestones_late=len(due) - len(on_time),
    )


def is_late(due_on: date | None, done_on: date | None, today: date) -> bool:
    """A milestone is late when it is due by today and not done, or was done after its day."""
    if due_on is None or due_on > today:
        return False
    return done_on is None or done_on > due_on


def create_plan(
    session: Session,
    account_id: int,
    today: date,
    template: str | None = None,
    owner_id: int | None = None,
) -> int:
    """A new plan for the account from its segment's template (or ``template``)."""
    account = session.get(Account, account_id)
    if account is None:
        raise PlanError(f"There is no account with id {account_id}.")
    if plan_of(session, account_id) is not None:
        raise PlanError(f"{account.name} already has a success plan.")
    chosen = TEMPLATES[Segment(template or account.segment)]
    owner_id = owner_id if owner_id is not None else account.csm_id
    plan = SuccessPlan(
        account_id=account_id,
        desired_outcome=chosen["desired_outcome"],
        template=chosen["name"],
        objectives=[
            Objective(
                title=title,
                kpi=kpi,
                baseline=baseline,
                target=target,
                owner_id=owner_id,
                target_date=today + timedelta(days=days),
                position=i,
            )
            for i, (title, kpi, baseline, target, days) in enumerate(chosen["objectives"])
        ],
        milestones=[
            Milestone(name=name, due_on=today + timedelta(days=days), position=i)
            for i, (name, days) in enumerate(chosen["milestones"])
        ],
    )
    session.add(plan)
    session.flush()
    return plan.id


def _update(session: Session, model, record_id: int, allowed: set[str], fields: dict) -> dict:
    record = session.get(model, record_id)
    if record is None:
        raise PlanError(f"There is no {model.__name__.lower()} with id {record_id}.")
    unknown = set(fields) - allowed
    if unknown:
        raise PlanError(f"Cannot change {', '.join(sorted(unknown))}.")
    before = {name: getattr(record, name) for name in fields}
    for name, value in fields.items():
        setattr(record, name, value)
    session.flush()
    return before


def update_plan(session: Session, plan_id: int, **fields) -> dict:
    return _update(session, SuccessPlan, plan_id, PLAN_FIELDS, fields)


def _check_objective(session: Session, fields: dict) -> dict:
    if "title" in fields and not str(fields["title"]).strip():
        raise PlanError("An objective needs a title.")
    if "status" in fields:
        fields["status"] = ObjectiveStatus(fields["status"])
    if "progress" in fields and not 0 <= int(fields["progress"]) <= 100:
        raise PlanError("Progress is 0 to 100 percent.")
    if fields.get("owner_id") is not None and session.get(Person, fields["owner_id"]) is None:
        raise PlanError("That owner is not in the book.")
    return fields


def get_plan(session: Session, plan_id: int) -> SuccessPlan:
    plan = session.get(SuccessPlan, plan_id)
    if plan is None:
        raise PlanError("This success plan is no longer in the book.")
    return plan


def add_objective(session: Session, plan_id: int, **fields) -> int:
    get_plan(session, plan_id)
    fields = _check_objective(session, {"title": "", **fields})
    objective = Objective(plan_id=plan_id, **fields)
    session.add(objective)
    session.flush()
    return objective.id


def update_objective(session: Session, objective_id: int, **fields) -> dict:
    return _update(
        session, Objective, objective_id, OBJECTIVE_FIELDS, _check_objective(session, fields)
    )


def add_milestone(session: Session, plan_id: int, **fields) -> int:
    get_plan(session, plan_id)
    if not str(fields.get("name", "")).strip():
        raise PlanError("A milestone needs a name.")
    milestone = Milestone(plan_id=plan_id, **fields)
    session.add(milestone)
    session.flush()
    return milestone.id


def update_milestone(session: Session, milestone_id: int, **fields) -> dict:
    if "name" in fields and not str(fields["name"]).strip():
        raise PlanError("A milestone needs a name.")
    return _update(session, Milestone, milestone_id, MILESTONE_FIELDS, fields)


def delete_objective(session: Session, objective_id: int) -> dict:
    """Delete; returns the fields that ``add_objective`` needs to bring it back."""
    return _delete(session, Objective, objective_id, OBJECTIVE_FIELDS)


def delete_milestone(session: Session, milestone_id: int) -> dict:
    return _delete(session, Milestone, milestone_id, MILESTONE_FIELDS)


def _delete(session: Session, model, record_id: int, fields: set[str]) -> dict:
    record = session.get(model, record_id)
    if record is None:
        raise PlanError(f"There is no {model.__name__.lower()} with id {record_id}.")
    kept = {name: getattr(record, name) for name in fields} | {"plan_id": record.plan_id}
    session.delete(record)
    session.flush()
    return kept


PLAN_KEPT_FIELDS = ("id", "account_id", "desired_outcome", "roi_statement", "template")


def delete_plan(session: Session, plan_id: int) -> dict:
    """Delete a plan with its objectives and milestones; returns what ``restore_plan``
    needs to put it back as it was, ids included (so an undo history still finds them)."""
    plan = get_plan(session, plan_id)
    kept = {
        "plan": {name: getattr(plan, name) for name in PLAN_KEPT_FIELDS},
        "objectives": [
            {"id": o.id} | {name: getattr(o, name) for name in OBJECTIVE_FIELDS}
            for o in plan.objectives
        ],
        "milestones": [
            {"id": m.id} | {name: getattr(m, name) for name in MILESTONE_FIELDS}
            for m in plan.milestones
        ],
    }
    session.delete(plan)
    session.flush()
    return kept


def restore_plan(session: Session, kept: dict) -> int:
    """Put back a plan that ``delete_plan`` took away, under the same ids."""
    if plan_of(session, kept["plan"]["account_id"]) is not None:
        raise PlanError("The account has a success plan again; the old one cannot come back.")
    plan = SuccessPlan(
        **kept["plan"],
        objectives=[Objective(**fields) for fields in kept["objectives"]],
        milestones=[Milestone(**fields) for fields in kept["milestones"]],
    )
    session.add(plan)
    session.flush()
    return plan.id
