"""alerts: CTAs about a person (no account); indexes the alert scan reads by

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ctas") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=True)
    op.create_index("ix_score_snapshots_measured_on", "score_snapshots", ["measured_on"])
    op.create_index("ix_accounts_arr_cents", "accounts", ["arr_cents"])


def downgrade() -> None:
    op.drop_index("ix_accounts_arr_cents", "accounts")
    op.drop_index("ix_score_snapshots_measured_on", "score_snapshots")
    with op.batch_alter_table("ctas") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=False)
