"""covering indexes for the renewals desk: accounts renewing in a period and
opportunities closing in one are summed from the index alone

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CLOSING_COLUMNS = [
    *("close_date", "kind", "stage", "forecast_category"),
    *("target_cents", "final_cents", "forecast_cents", "account_id"),
]


def upgrade() -> None:
    op.drop_index("ix_accounts_renewal_date", table_name="accounts")
    op.create_index(
        "ix_accounts_renewing", "accounts", ["renewal_date", "status", "health", "arr_cents"]
    )
    op.drop_index("ix_opportunities_close_date", table_name="opportunities")
    op.create_index("ix_opportunities_closing", "opportunities", CLOSING_COLUMNS)


def downgrade() -> None:
    op.drop_index("ix_opportunities_closing", table_name="opportunities")
    op.create_index("ix_opportunities_close_date", "opportunities", ["close_date"])
    op.drop_index("ix_accounts_renewing", table_name="accounts")
    op.create_index("ix_accounts_renewal_date", "accounts", ["renewal_date"])
