from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, Text
from sqlalchemy.orm import Mapped, mapped_column

from cswork.enums import TimelineKind
from cswork.models.base import Base, UTCDateTime, enum_column, utcnow


class TimelineEntry(Base):
    """Chatter: a note, call, meeting, email, EBR... on an account. Plain text."""

    __tablename__ = "timeline_entries"
    __table_args__ = (
        Index("ix_timeline_entries_account_when", "account_id", "occurred_on"),
        Index("ix_timeline_entries_account_kind", "account_id", "kind", "occurred_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[TimelineKind] = enum_column(TimelineKind, default=TimelineKind.NOTE)
    occurred_on: Mapped[date]
    text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
