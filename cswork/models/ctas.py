from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cswork.enums import CtaOutcome, CtaSource, CtaStatus, CtaType, Priority
from cswork.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow


class Playbook(Base):
    """A named list of tasks a CTA of ``cta_type`` gets, due relative to the CTA."""

    __tablename__ = "playbooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    cta_type: Mapped[CtaType | None] = enum_column(CtaType, index=True)
    tasks: Mapped[list["PlaybookTask"]] = relationship(
        order_by="PlaybookTask.position", cascade="all, delete-orphan"
    )


class PlaybookTask(Base):
    __tablename__ = "playbook_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    playbook_id: Mapped[int] = mapped_column(
        ForeignKey("playbooks.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    offset_days: Mapped[int] = mapped_column(default=0)  # -30 = 30 days before the CTA is due


class Cta(Versioned, Base):
    """A Call to Action in someone's task pane."""

    __tablename__ = "ctas"
    __table_args__ = (
        CheckConstraint(
            "(status = 'snoozed') = (snoozed_until IS NOT NULL)", name="snooze_has_date"
        ),
        CheckConstraint("(status = 'closed') = (outcome IS NOT NULL)", name="closed_has_outcome"),
        Index("ix_ctas_account_id", "account_id"),
        Index("ix_ctas_owner_status_due", "owner_id", "status", "due_on"),
        Index("ix_ctas_status_due", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for a CTA about a person rather than an account (a capacity warning).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    type: Mapped[CtaType] = enum_column(CtaType)
    reason: Mapped[str] = mapped_column(Text)
    priority: Mapped[Priority] = enum_column(Priority, default=Priority.MEDIUM)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    due_on: Mapped[date]
    status: Mapped[CtaStatus] = enum_column(CtaStatus, default=CtaStatus.OPEN)
    snoozed_until: Mapped[date | None]
    snooze_reason: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[CtaOutcome | None] = enum_column(CtaOutcome)
    closed_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source: Mapped[CtaSource] = enum_column(CtaSource, default=CtaSource.MANUAL)
    # rule:account:subject, e.g. "renewal:42:2027-01-31:90". Unique, so a rule raises a
    # CTA once however many scans run, even two at once from two processes.
    dedupe_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    playbook_id: Mapped[int | None] = mapped_column(ForeignKey("playbooks.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    tasks: Mapped[list["CtaTask"]] = relationship(
        order_by="CtaTask.position", cascade="all, delete-orphan"
    )
    comments: Mapped[list["CtaComment"]] = relationship(
        order_by="CtaComment.created_at", cascade="all, delete-orphan"
    )


class CtaTask(Base):
    """A playbook task copied onto one CTA (its checklist)."""

    __tablename__ = "cta_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    cta_id: Mapped[int] = mapped_column(ForeignKey("ctas.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(300))
    due_on: Mapped[date | None]
    done_on: Mapped[date | None]


class CtaComment(Base):
    __tablename__ = "cta_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    cta_id: Mapped[int] = mapped_column(ForeignKey("ctas.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
