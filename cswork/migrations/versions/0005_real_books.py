"""real books: the day an account became a customer, its custom fields (the columns a
CRM export has and we have no field for), people who have left the team, and renewal
opportunities the book generated itself

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMNs with constant defaults: SQLite does them without copying a table.
    op.add_column("accounts", sa.Column("customer_since", sa.Date(), nullable=True))
    op.add_column("accounts", sa.Column("custom_fields", sa.JSON(), nullable=True))
    op.add_column(
        "people",
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    op.add_column(
        "opportunities",
        sa.Column("generated", sa.Boolean(), nullable=False, server_default=sa.false()),
    )


def downgrade() -> None:
    with op.batch_alter_table("opportunities") as batch:
        batch.drop_column("generated")
    with op.batch_alter_table("people") as batch:
        batch.drop_column("active")
    with op.batch_alter_table("accounts") as batch:
        batch.drop_column("custom_fields")
        batch.drop_column("customer_since")
