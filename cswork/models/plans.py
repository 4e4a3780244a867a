from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cswork.enums import ObjectiveStatus
from cswork.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow


class SuccessPlan(Versioned, Base):
    """The source of truth for what the customer wants to achieve (one per account)."""

    __tablename__ = "success_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), unique=True
    )
    desired_outcome: Mapped[str] = mapped_column(Text, default="")
    roi_statement: Mapped[str] = mapped_column(Text, default="")
    template: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    objectives: Mapped[list["Objective"]] = relationship(
        back_populates="plan", order_by="Objective.position", cascade="all, delete-orphan"
    )
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="plan", order_by="Milestone.position", cascade="all, delete-orphan"
    )


class Objective(Versioned, Base):
    __tablename__ = "objectives"
    __table_args__ = (CheckConstraint("progress BETWEEN 0 AND 100", name="progress_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("success_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    kpi: Mapped[str | None] = mapped_column(String(200))
    baseline: Mapped[str | None] = mapped_column(String(100))
    target: Mapped[str | None] = mapped_column(String(100))
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    target_date: Mapped[date | None]
    status: Mapped[ObjectiveStatus] = enum_column(
        ObjectiveStatus, default=ObjectiveStatus.NOT_STARTED
    )
    progress: Mapped[int] = mapped_column(default=0)

    plan: Mapped[SuccessPlan] = relationship(back_populates="objectives")


class Milestone(Versioned, Base):
    __tablename__ = "milestones"
    # Open milestones by due date: the past-due alert reads only those.
    __table_args__ = (Index("ix_milestones_open_due", "done_on", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(
        ForeignKey("success_plans.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date | None] = mapped_column(index=True)
    done_on: Mapped[date | None]

    plan: Mapped[SuccessPlan] = relationship(back_populates="milestones")
