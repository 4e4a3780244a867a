from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cswork.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    """One edit to one field of a row people edit (or the row added or removed): who,
    when, old and new. Shown on the account's timeline; read to explain a stale save."""

    __tablename__ = "audit_entries"
    __table_args__ = (
        Index("ix_audit_entries_account_when", "account_id", "changed_at"),
        Index("ix_audit_entries_record", "record_type", "record_id", "version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for a row about no account (a CTA about a person).
    account_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    record_type: Mapped[str] = mapped_column(String(40))  # the table: "contacts"
    record_id: Mapped[int]
    record_label: Mapped[str] = mapped_column(String(300), default="")
    action: Mapped[str] = mapped_column(String(10))  # "changed", "added", "removed"
    field: Mapped[str | None] = mapped_column(String(60))  # None when added or removed
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int]  # the row's version once this edit landed
    changed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="SET NULL"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
