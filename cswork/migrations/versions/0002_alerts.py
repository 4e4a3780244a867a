"""alerts: CTAs about a person (no account); what each score snapshot changed (the
category's previous score, the health before and after it); indexes the scan reads by

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
    with op.batch_alter_table("score_snapshots") as batch:
        batch.add_column(sa.Column("previous_score", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("health_before", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("health_after", sa.Integer(), nullable=True))
    op.create_index("ix_contacts_left_on", "contacts", ["left_on"])
    op.create_index(
        "ix_score_snapshots_recent",
        "score_snapshots",
        ["measured_on", "score", "previous_score", "account_id", "health_before"],
    )
    op.create_index(
        "ix_score_snapshots_account_measured", "score_snapshots", ["account_id", "measured_on"]
    )
    op.create_index("ix_accounts_arr_cents", "accounts", ["arr_cents"])
    op.create_index("ix_milestones_open_due", "milestones", ["done_on", "due_on"])
    _fill_snapshot_history()


def _fill_snapshot_history() -> None:
    """Replay each account's snapshots in order and record what each one changed.

    The weighted mean is written out here rather than imported: a migration must keep
    doing what it did when it was written."""
    bind = op.get_bind()
    weights = dict(bind.execute(sa.text("SELECT id, weight_bp FROM score_categories")).all())

    def overall(scores: dict[int, int]) -> int | None:
        den = sum(weights.get(c, 0) for c in scores)
        num = sum(weights.get(c, 0) * s for c, s in scores.items())
        return None if den == 0 else (2 * num + den) // (2 * den)

    rows = bind.execute(
        sa.text(
            "SELECT id, account_id, category_id, score FROM score_snapshots"
            " ORDER BY account_id, measured_on, id"
        )
    ).all()
    updates, account, scores = [], None, {}
    for snapshot_id, account_id, category_id, score in rows:
        if account_id != account:
            account, scores = account_id, {}
        before, previous = overall(scores), scores.get(category_id)
        scores[category_id] = score
        updates.append(
            {"id": snapshot_id, "previous": previous, "before": before, "after": overall(scores)}
        )
    if updates:
        bind.execute(
            sa.text(
                "UPDATE score_snapshots SET previous_score = :previous,"
                " health_before = :before, health_after = :after WHERE id = :id"
            ),
            updates,
        )


def downgrade() -> None:
    op.drop_index("ix_milestones_open_due", "milestones")
    op.drop_index("ix_accounts_arr_cents", "accounts")
    op.drop_index("ix_score_snapshots_account_measured", "score_snapshots")
    op.drop_index("ix_score_snapshots_recent", "score_snapshots")
    op.drop_index("ix_contacts_left_on", "contacts")
    with op.batch_alter_table("score_snapshots") as batch:
        batch.drop_column("health_after")
        batch.drop_column("health_before")
        batch.drop_column("previous_score")
    with op.batch_alter_table("ctas") as batch:
        batch.alter_column("account_id", existing_type=sa.Integer(), nullable=False)
