"""The success plan tab's side of the book: what it reads, and its undoable edits.

Records keep their ids through undo: a deleted objective comes back under its old id
(and a plan under its old ids), so edits further back in the undo history still find
what they changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QObject, Signal
from sqlalchemy.orm import Session

from cswork import plans
from cswork.accounts import get_account
from cswork.audit import Expected
from cswork.changes import Changes
from cswork.enums import Segment
from cswork.models import Milestone, Objective, SuccessPlan
from cswork.people import all_people
from ui.customer360.plan.models import MilestoneRow, ObjectiveRow
from ui.kit.undo import Edits


@dataclass(frozen=True)
class PlanView:
    """One account's plan as the tab shows it; ``plan_id`` is None when it has none."""

    account_id: int
    plan_id: int | None
    template_name: str  # the plan's template, or the one a new plan would start from
    desired_outcome: str
    roi_statement: str
    plan_version: int
    objectives: list[ObjectiveRow]
    milestones: list[MilestoneRow]
    progress: plans.PlanProgress | None
    people: dict[int, str]  # everyone, to name an owner who has since left
    default_owner_id: int | None  # the account's CSM owns a new objective
    new_plan_objectives: int
    new_plan_milestones: list[str]
    # Who can be given an objective: people who have left are not offered.
    active_ids: frozenset[int] = frozenset()


def read_plan(session: Session, account_id: int, today: date) -> PlanView:
    account = get_account(session, account_id)
    template = plans.TEMPLATES[Segment(account.segment)]
    plan = plans.plan_of(session, account_id)
    everyone = all_people(session)
    people = {p.id: p.name for p in everyone}
    common = {
        "account_id": account_id,
        "people": people,
        "active_ids": frozenset(p.id for p in everyone if p.active),
        "default_owner_id": account.csm_id,
        "new_plan_objectives": len(template["objectives"]),
        "new_plan_milestones": [name for name, _ in template["milestones"]],
    }
    if plan is None:
        return PlanView(
            plan_id=None,
            template_name=template["name"],
            desired_outcome="",
            roi_statement="",
            plan_version=0,
            objectives=[],
            milestones=[],
            progress=None,
            **common,
        )
    return PlanView(
        plan_id=plan.id,
        template_name=plan.template or "",
        desired_outcome=plan.desired_outcome or "",
        roi_statement=plan.roi_statement or "",
        plan_version=plan.version,
        objectives=[
            ObjectiveRow(
                o.id,
                o.title,
                o.kpi,
                o.baseline,
                o.target,
                o.owner_id,
                o.target_date,
                o.status,
                o.progress,
                o.version,
            )
            for o in plan.objectives
        ],
        milestones=[
            MilestoneRow(m.id, m.name, m.due_on, m.done_on, m.version) for m in plan.milestones
        ],
        progress=plans.progress(plan, today),
        **common,
    )


def _next_position(records) -> int:
    return max((r.position for r in records), default=-1) + 1


class PlanEdits(QObject):
    """Each method does one edit now and puts it on the window's undo history."""

    written = Signal(int)  # account id: its plan was shown again after a change
    refused = Signal(str)  # why an edit was not made

    def __init__(self, edits: Edits, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.edits = edits

    def push(
        self,
        text: str,
        account_id: int,
        write,
        unwrite,
        done: Callable[[], None] | None = None,
        expected: Expected | None = None,
    ) -> None:
        changes = Changes.of_account(account_id)
        self.edits.push(
            text,
            write,
            unwrite,
            changes,
            expected=expected,
            done=done,
            refused=lambda message, _stale: self.refused.emit(message),
        )

    def create_plan(self, account_id: int, today: date) -> None:
        deleted: dict[str, Any] = {}

        def write(session: Session) -> int:
            if "plan" in deleted:  # redo: the same plan, same ids
                return plans.restore_plan(session, deleted.pop("plan"))
            return plans.create_plan(session, account_id, today)

        def unwrite(session: Session, plan_id: int) -> None:
            deleted["plan"] = plans.delete_plan(session, plan_id)

        self.push("Create success plan", account_id, write, unwrite)

    # ``version``: the record's version as the tab showed it, so a save over someone
    # else's newer edit is asked about rather than made silently.
    def set_text(
        self, account_id: int, plan_id: int, field: str, text: str, label: str, version: int
    ) -> None:
        self.push(
            f"Change {label}",
            account_id,
            lambda session: plans.update_plan(session, plan_id, **{field: text}),
            lambda session, before: plans.update_plan(session, plan_id, **before),
            expected={(SuccessPlan, plan_id): version},
        )

    def edit_objective(
        self, account_id: int, objective_id: int, fields: dict, label: str, version: int
    ) -> None:
        self.push(
            f"Change objective {label}",
            account_id,
            lambda session: plans.update_objective(session, objective_id, **fields),
            lambda session, before: plans.update_objective(session, objective_id, **before),
            expected={(Objective, objective_id): version},
        )

    def edit_milestone(
        self, account_id: int, milestone_id: int, fields: dict, label: str, version: int
    ) -> None:
        self.push(
            f"Change milestone {label}",
            account_id,
            lambda session: plans.update_milestone(session, milestone_id, **fields),
            lambda session, before: plans.update_milestone(session, milestone_id, **before),
            expected={(Milestone, milestone_id): version},
        )

    def add_objective(
        self, account_id: int, plan_id: int, owner_id: int | None, added: Callable[[int], None]
    ) -> None:
        def add(session: Session, plan: Any, **same_id: int) -> int:
            return plans.add_objective(
                session,
                plan_id,
                title="New objective",
                owner_id=owner_id,
                position=_next_position(plan.objectives),
                **same_id,
            )

        self._add("Add objective", account_id, plan_id, add, plans.delete_objective, added)

    def add_milestone(self, account_id: int, plan_id: int, added: Callable[[int], None]) -> None:
        def add(session: Session, plan: Any, **same_id: int) -> int:
            return plans.add_milestone(
                session,
                plan_id,
                name="New milestone",
                position=_next_position(plan.milestones),
                **same_id,
            )

        self._add("Add milestone", account_id, plan_id, add, plans.delete_milestone, added)

    def _add(self, text, account_id, plan_id, add, delete, added: Callable[[int], None]) -> None:
        made: dict[str, int] = {}

        def write(session: Session) -> int:
            plan = plans.get_plan(session, plan_id)
            made["id"] = add(session, plan, **made)  # a redo brings back the same id
            return made["id"]

        self.push(
            text,
            account_id,
            write,
            delete,
            lambda: added(made["id"]),
        )

    def remove_objective(self, account_id: int, objective_id: int, title: str) -> None:
        self.push(
            f"Remove objective “{title}”",
            account_id,
            lambda session: plans.delete_objective(session, objective_id),
            lambda session, kept: plans.add_objective(session, **kept, id=objective_id),
        )

    def remove_milestone(self, account_id: int, milestone_id: int, name: str) -> None:
        self.push(
            f"Remove milestone “{name}”",
            account_id,
            lambda session: plans.delete_milestone(session, milestone_id),
            lambda session, kept: plans.add_milestone(session, **kept, id=milestone_id),
        )
