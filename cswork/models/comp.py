from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cswork.enums import CompPlanKind, QuotaBasis
from cswork.models.base import Base, DecimalText, enum_column


class CompPlan(Base):
    """One person's plan for one year. Shares and rates are exact decimals (0.25 = 25 %).

    Accelerators are JSON text: renewal accelerators map contract months to a
    multiplier ({"24": "1.1", "36": "1.2"}); upsell tiers map attainment to a rate
    multiplier ({"1.0": "1.5", "1.5": "2"})."""

    __tablename__ = "comp_plans"
    __table_args__ = (
        UniqueConstraint("person_id", "year"),
        CheckConstraint("ote_cents >= 0", name="ote_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"))
    year: Mapped[int]
    kind: Mapped[CompPlanKind] = enum_column(CompPlanKind)
    ote_cents: Mapped[int] = mapped_column(BigInteger)
    variable_share: Mapped[Decimal] = mapped_column(DecimalText)
    renewal_share: Mapped[Decimal] = mapped_column(DecimalText)  # of the variable
    quota_basis: Mapped[QuotaBasis] = enum_column(QuotaBasis, default=QuotaBasis.BOTH)
    grr_target: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal("0.9"))
    commission_rate: Mapped[Decimal] = mapped_column(DecimalText, default=Decimal("0.1"))
    renewal_accelerators: Mapped[str] = mapped_column(Text, default='{"24": "1.1", "36": "1.2"}')
    upsell_tiers: Mapped[str] = mapped_column(Text, default='{"1.0": "1.5", "1.5": "2"}')
    # The plan's money (OTE, quotas, payouts); None: the book's reporting currency.
    currency: Mapped[str | None] = mapped_column(String(3))
    # A CSM group bonus on the team's NRR: the share of the variable it pays (None: no
    # such bonus), the NRR target, the floor below which it pays nothing (a share of the
    # target) and the cap on attainment.
    team_nrr_share: Mapped[Decimal | None] = mapped_column(DecimalText)
    team_nrr_target: Mapped[Decimal | None] = mapped_column(DecimalText)
    team_nrr_floor: Mapped[Decimal | None] = mapped_column(DecimalText)
    team_nrr_cap: Mapped[Decimal | None] = mapped_column(DecimalText)
