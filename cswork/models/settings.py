from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from cswork.models.base import Base


class Setting(Base):
    """A book-wide setting (alert lead times, bands, business calendar...), JSON text.

    Per-user preferences (who "me" is, window layout) live on the user's machine, not
    in the book, since a team book is shared."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
