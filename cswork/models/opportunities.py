from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from cswork.enums import ForecastCategory, OpportunityKind, OpportunityStage
from cswork.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow


class Opportunity(Versioned, Base):
    """A renewal, upsell, cross-sell or services deal. Amounts in cents.

    ``amount_cents`` is the ARR delta (or one-time value for services); renewals also
    carry the renewable ``target``, the ``forecast`` and, once won, the ``final`` amount.
    """

    __tablename__ = "opportunities"
    __table_args__ = (
        CheckConstraint(
            "(target_cents IS NULL OR target_cents >= 0) AND "
            "(forecast_cents IS NULL OR forecast_cents >= 0) AND "
            "(final_cents IS NULL OR final_cents >= 0)",
            name="renewal_amounts_not_negative",
        ),
        CheckConstraint(
            "contract_months IS NULL OR contract_months > 0", name="contract_months_positive"
        ),
        # Closing in a period, with what the forecast and metrics sum, read from the
        # index alone. Close date first: led by kind, SQLite would take it for an
        # account's renewals too and scan every renewal in the book.
        Index(
            "ix_opportunities_closing",
            *("close_date", "kind", "stage", "forecast_category"),
            *("target_cents", "final_cents", "forecast_cents", "account_id"),
        ),
        Index("ix_opportunities_account_id", "account_id"),
        Index("ix_opportunities_owner_id", "owner_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(300), default="")
    kind: Mapped[OpportunityKind] = enum_column(OpportunityKind)
    amount_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    close_date: Mapped[date | None]
    stage: Mapped[OpportunityStage] = enum_column(OpportunityStage, default=OpportunityStage.OPEN)
    forecast_category: Mapped[ForecastCategory] = enum_column(
        ForecastCategory, default=ForecastCategory.PIPELINE
    )
    target_cents: Mapped[int | None] = mapped_column(BigInteger)
    forecast_cents: Mapped[int | None] = mapped_column(BigInteger)
    final_cents: Mapped[int | None] = mapped_column(BigInteger)
    contract_months: Mapped[int | None]
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # The one-line plan for the deal, read out in the Wednesday renewal review.
    strategy: Mapped[str] = mapped_column(Text, default="")
    # A renewal the book made for an active account that had none; an imported
    # renewal for the same account and close date replaces it.
    generated: Mapped[bool] = mapped_column(server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
