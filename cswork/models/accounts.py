from datetime import date, datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cswork.enums import AccountStatus, ContactRole, Segment, Sentiment
from cswork.models.base import Base, UTCDateTime, Versioned, enum_column, utcnow
from cswork.models.people import Person


class Account(Versioned, Base):
    """A customer (or a division of one, through ``parent_id``)."""

    __tablename__ = "accounts"
    __table_args__ = (
        CheckConstraint("arr_cents >= 0", name="arr_not_negative"),
        CheckConstraint("licenses >= 0 AND licenses_used >= 0", name="licenses_not_negative"),
        CheckConstraint("term_months IS NULL OR term_months > 0", name="term_positive"),
        CheckConstraint("health IS NULL OR health BETWEEN 0 AND 100", name="health_range"),
        CheckConstraint("length(currency) = 3", name="currency_code"),
        # Renewal date first (every "renewing between" query), then what the desk sums,
        # so the dashboard reads the index alone.
        Index("ix_accounts_renewing", "renewal_date", "status", "health", "arr_cents", "currency"),
        Index("ix_accounts_arr_cents", "arr_cents"),
        Index("ix_accounts_csm_id", "csm_id"),
        Index("ix_accounts_re_manager_id", "re_manager_id"),
        Index("ix_accounts_ae_id", "ae_id"),
        Index("ix_accounts_parent_id", "parent_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str] = mapped_column(String(100), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("accounts.id", ondelete="SET NULL"))
    segment: Mapped[Segment] = enum_column(Segment)
    industry: Mapped[str | None] = mapped_column(String(100))
    arr_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3), default="USD")
    licenses: Mapped[int] = mapped_column(default=0)
    licenses_used: Mapped[int] = mapped_column(default=0)
    contract_start: Mapped[date | None]
    renewal_date: Mapped[date | None]  # = contract end
    term_months: Mapped[int | None]
    auto_renew: Mapped[bool] = mapped_column(default=False)
    status: Mapped[AccountStatus] = enum_column(AccountStatus, default=AccountStatus.ACTIVE)
    csm_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    re_manager_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    ae_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    # Overall health now, kept by cswork.health whenever a score is recorded or the
    # weights change: the book view reads 100,000 of these at start-up.
    health: Mapped[int | None]
    # When the account came into this book (import or creation): silence rules count
    # from here, so importing a book is not a wave of alerts.
    entered_book_on: Mapped[date]
    # When the customer relationship began (the CRM's Customer Since, else the first
    # contract's start): retention metrics for past periods count the account from here.
    customer_since: Mapped[date | None]
    # The columns a CRM export had and we have no field for (Region, Tier...), by the
    # file's header: {"Region": "EMEA"}. None when there are none.
    custom_fields: Mapped[dict[str, str] | None] = mapped_column(JSON(none_as_null=True))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    parent: Mapped["Account | None"] = relationship(remote_side=[id])
    csm: Mapped[Person | None] = relationship(foreign_keys=[csm_id])
    re_manager: Mapped[Person | None] = relationship(foreign_keys=[re_manager_id])
    ae: Mapped[Person | None] = relationship(foreign_keys=[ae_id])

    def __repr__(self) -> str:
        return f"Account({self.id}, {self.external_id!r}, {self.name!r})"


class Contact(Versioned, Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(50))
    role: Mapped[ContactRole] = enum_column(ContactRole, default=ContactRole.USER)
    sentiment: Mapped[Sentiment] = enum_column(Sentiment, default=Sentiment.NEUTRAL)
    # Set when the person leaves the customer: a champion or sponsor leaving is a risk.
    left_on: Mapped[date | None] = mapped_column(index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
