"""team books: a version on every row people edit (stale saves are caught), an audit
trail of edits, and each person's database login (who "me" is on a server)

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VERSIONED = (
    "accounts",
    "contacts",
    "success_plans",
    "objectives",
    "milestones",
    "opportunities",
    "ctas",
)


def upgrade() -> None:
    # A plain ADD COLUMN with a constant default: SQLite does it without copying the table.
    for table in VERSIONED:
        op.add_column(
            table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
    op.add_column("people", sa.Column("login", sa.String(length=120), nullable=True))
    op.create_index("ix_people_login", "people", ["login"], unique=True)
    op.create_table(
        "audit_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("record_type", sa.String(length=40), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("record_label", sa.String(length=300), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=True),
        sa.Column("old_value", sa.Text(), nullable=True),
        sa.Column("new_value", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_audit_entries_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["changed_by_id"],
            ["people.id"],
            name=op.f("fk_audit_entries_changed_by_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entries")),
    )
    op.create_index("ix_audit_entries_account_when", "audit_entries", ["account_id", "changed_at"])
    op.create_index(
        "ix_audit_entries_record", "audit_entries", ["record_type", "record_id", "version"]
    )
    op.create_index("ix_audit_entries_changed_by_id", "audit_entries", ["changed_by_id"])


def downgrade() -> None:
    op.drop_table("audit_entries")
    op.drop_index("ix_people_login", "people")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("login")
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("version")
