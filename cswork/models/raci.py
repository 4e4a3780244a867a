from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from cswork.enums import RaciMatrixKind
from cswork.models.base import Base, enum_column

# A cell holds a non-empty subset of R, A, C, I in that order ("AR" is written "RA");
# an empty cell ("-") is no row at all.
RACI_LETTERS = "RACI"
VALID_CELL_LETTERS = frozenset(
    "".join(c for i, c in enumerate(RACI_LETTERS) if mask >> i & 1) for mask in range(1, 16)
)
_LETTERS_SQL = "letters IN (" + ", ".join(f"'{v}'" for v in sorted(VALID_CELL_LETTERS)) + ")"


class RaciActivity(Base):
    __tablename__ = "raci_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)


class RaciRole(Base):
    """A column of the matrix. ``owner_field`` names the account column holding the
    person who plays the role on an account (csm_id, re_manager_id, ae_id)."""

    __tablename__ = "raci_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    owner_field: Mapped[str] = mapped_column(String(50))
    position: Mapped[int] = mapped_column(default=0)


class RaciMatrix(Base):
    """The team matrix (exactly one), a preset, or a partial override preset."""

    __tablename__ = "raci_matrices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[RaciMatrixKind] = enum_column(RaciMatrixKind)
    description: Mapped[str] = mapped_column(String(500), default="")


class RaciCell(Base):
    __tablename__ = "raci_cells"
    __table_args__ = (CheckConstraint(_LETTERS_SQL, name="letters_valid"),)

    matrix_id: Mapped[int] = mapped_column(
        ForeignKey("raci_matrices.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("raci_activities.id", ondelete="CASCADE"), primary_key=True
    )
    role_id: Mapped[int] = mapped_column(
        ForeignKey("raci_roles.id", ondelete="CASCADE"), primary_key=True
    )
    letters: Mapped[str] = mapped_column(String(4))


class RaciOverride(Base):
    """An account's own row for an activity: when an account has any override cell for
    an activity, its override cells replace the team matrix's row for that activity."""

    __tablename__ = "raci_overrides"
    __table_args__ = (CheckConstraint(_LETTERS_SQL, name="letters_valid"),)

    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), primary_key=True
    )
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("raci_activities.id", ondelete="CASCADE"), primary_key=True
    )
    role_id: Mapped[int] = mapped_column(
        ForeignKey("raci_roles.id", ondelete="CASCADE"), primary_key=True
    )
    letters: Mapped[str] = mapped_column(String(4))
