from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cswork.models.base import Base, UTCDateTime, utcnow


class ScoreCategory(Base):
    """One of the eight risk categories; weights are in basis points and sum to 10,000."""

    __tablename__ = "score_categories"
    __table_args__ = (CheckConstraint("weight_bp BETWEEN 0 AND 10000", name="weight_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    weight_bp: Mapped[int]  # 1250 = 12.5 %
    position: Mapped[int] = mapped_column(default=0)


class ScoreSnapshot(Base):
    """One category scored on one account at one time. History is never rewritten:
    the scorecard now is the latest snapshot of each category."""

    __tablename__ = "score_snapshots"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 100", name="score_range"),
        Index("ix_score_snapshots_account_category", "account_id", "category_id", "measured_on"),
        # Recent scores, with what the alert scan checks: "entered red" and "health fell"
        # read the index alone for most rows.
        Index(
            "ix_score_snapshots_recent",
            "measured_on",
            "score",
            "previous_score",
            "account_id",
            "health_before",
        ),
        Index("ix_score_snapshots_account_measured", "account_id", "measured_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("score_categories.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int]
    # What this snapshot changed, kept with it: the category's score before it, and the
    # account's overall health before and after it. History is never rewritten, so these
    # never go stale; the trend chart, the explanation and the alert rules read them
    # without replaying every snapshot.
    previous_score: Mapped[int | None]
    health_before: Mapped[int | None]
    health_after: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(Text)
    measured_on: Mapped[date]
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
