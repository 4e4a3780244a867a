"""money in several currencies: dated exchange rates into the reporting currency, a
currency on each comp plan, and a CSM group bonus on the team's net retention

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_RENEWING = ["renewal_date", "status", "health", "arr_cents"]


def upgrade() -> None:
    op.create_table(
        "exchange_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        # Units of the book's base currency one unit of ``currency`` is worth, exact.
        sa.Column("rate", sa.String(length=32), nullable=False),
        sa.Column("base", sa.String(length=3), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False, server_default="import"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_exchange_rates")),
        sa.UniqueConstraint(
            "currency", "base", "on_date", name=op.f("uq_exchange_rates_currency_base_on_date")
        ),
    )
    # Plain ADD COLUMNs with constant defaults: SQLite does them without copying a table.
    op.add_column("comp_plans", sa.Column("currency", sa.String(length=3), nullable=True))
    op.add_column("comp_plans", sa.Column("team_nrr_share", sa.String(length=32), nullable=True))
    op.add_column("comp_plans", sa.Column("team_nrr_target", sa.String(length=32), nullable=True))
    op.add_column("comp_plans", sa.Column("team_nrr_floor", sa.String(length=32), nullable=True))
    op.add_column("comp_plans", sa.Column("team_nrr_cap", sa.String(length=32), nullable=True))
    # The desk sums ARR renewing per currency now: with the currency in the index, the
    # sum reads the index alone, never the accounts' rows.
    op.drop_index("ix_accounts_renewing", table_name="accounts")
    op.create_index("ix_accounts_renewing", "accounts", [*_RENEWING, "currency"])


def downgrade() -> None:
    op.drop_index("ix_accounts_renewing", table_name="accounts")
    op.create_index("ix_accounts_renewing", "accounts", _RENEWING)
    with op.batch_alter_table("comp_plans") as batch:
        for column in ("team_nrr_cap", "team_nrr_floor", "team_nrr_target", "team_nrr_share"):
            batch.drop_column(column)
        batch.drop_column("currency")
    op.drop_table("exchange_rates")
