from datetime import date
from decimal import Decimal

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cswork.models.base import Base, DecimalText


class ExchangeRate(Base):
    """What one unit of ``currency`` was worth in ``base`` from ``on_date`` (exact)."""

    __tablename__ = "exchange_rates"
    __table_args__ = (UniqueConstraint("currency", "base", "on_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    on_date: Mapped[date]
    currency: Mapped[str] = mapped_column(String(3))
    rate: Mapped[Decimal] = mapped_column(DecimalText)
    base: Mapped[str] = mapped_column(String(3))
    # Where it came from: "import" (a file the user gave) or the shipped history.
    source: Mapped[str] = mapped_column(String(40), server_default="import")
