from datetime import datetime

from sqlalchemy import CheckConstraint, Index, String, true
from sqlalchemy.orm import Mapped, mapped_column

from cswork.enums import PersonRole
from cswork.models.base import Base, UTCDateTime, enum_column, utcnow


class Person(Base):
    """Someone on the team: owns accounts, CTAs, objectives, opportunities."""

    __tablename__ = "people"
    __table_args__ = (
        CheckConstraint("capacity >= 0", name="capacity_not_negative"),
        Index("ix_people_login", "login", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    role: Mapped[PersonRole] = enum_column(PersonRole)
    team: Mapped[str | None] = mapped_column(String(100))
    # How many accounts (CSM) or renewals a business day (R&E manager) they can carry.
    capacity: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Their user name on a team database server: the app knows who "me" is from it.
    login: Mapped[str | None] = mapped_column(String(120))
    # False once they have left the team: they keep their history, own nothing new.
    active: Mapped[bool] = mapped_column(server_default=true())

    def __repr__(self) -> str:
        return f"Person({self.id}, {self.name!r}, {self.role})"
