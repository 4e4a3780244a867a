"""baseline: every table of the book

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 00:08:06.590745
"""

from alembic import op
import sqlalchemy as sa


revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "csm",
                "re_manager",
                "ae",
                "cs_leader",
                "sales",
                name="personrole",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("team", sa.String(length=100), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("capacity >= 0", name=op.f("ck_people_capacity_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_people")),
        sa.UniqueConstraint("email", name=op.f("uq_people_email")),
    )
    op.create_table(
        "playbooks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "cta_type",
            sa.Enum(
                "renewal",
                "risk",
                "expansion",
                "lifecycle",
                "objective",
                "activity",
                name="ctatype",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playbooks")),
        sa.UniqueConstraint("name", name=op.f("uq_playbooks_name")),
    )
    with op.batch_alter_table("playbooks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_playbooks_cta_type"), ["cta_type"], unique=False)

    op.create_table(
        "raci_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raci_activities")),
        sa.UniqueConstraint("key", name=op.f("uq_raci_activities_key")),
    )
    op.create_table(
        "raci_matrices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "team",
                "preset",
                "override",
                name="racimatrixkind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raci_matrices")),
        sa.UniqueConstraint("name", name=op.f("uq_raci_matrices_name")),
    )
    op.create_table(
        "raci_roles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("owner_field", sa.String(length=50), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_raci_roles")),
        sa.UniqueConstraint("key", name=op.f("uq_raci_roles_key")),
    )
    op.create_table(
        "score_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("weight_bp", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "weight_bp BETWEEN 0 AND 10000", name=op.f("ck_score_categories_weight_range")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_categories")),
        sa.UniqueConstraint("key", name=op.f("uq_score_categories_key")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column(
            "segment",
            sa.Enum(
                "high-touch",
                "low-touch",
                "strategic",
                name="segment",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("industry", sa.String(length=100), nullable=True),
        sa.Column("arr_cents", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("licenses", sa.Integer(), nullable=False),
        sa.Column("licenses_used", sa.Integer(), nullable=False),
        sa.Column("contract_start", sa.Date(), nullable=True),
        sa.Column("renewal_date", sa.Date(), nullable=True),
        sa.Column("term_months", sa.Integer(), nullable=True),
        sa.Column("auto_renew", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "active", "churned", name="accountstatus", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("csm_id", sa.Integer(), nullable=True),
        sa.Column("re_manager_id", sa.Integer(), nullable=True),
        sa.Column("ae_id", sa.Integer(), nullable=True),
        sa.Column("health", sa.Integer(), nullable=True),
        sa.Column("entered_book_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("arr_cents >= 0", name=op.f("ck_accounts_arr_not_negative")),
        sa.CheckConstraint(
            "health IS NULL OR health BETWEEN 0 AND 100", name=op.f("ck_accounts_health_range")
        ),
        sa.CheckConstraint("length(currency) = 3", name=op.f("ck_accounts_currency_code")),
        sa.CheckConstraint(
            "licenses >= 0 AND licenses_used >= 0", name=op.f("ck_accounts_licenses_not_negative")
        ),
        sa.CheckConstraint(
            "term_months IS NULL OR term_months > 0", name=op.f("ck_accounts_term_positive")
        ),
        sa.ForeignKeyConstraint(
            ["ae_id"], ["people.id"], name=op.f("fk_accounts_ae_id_people"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["csm_id"], ["people.id"], name=op.f("fk_accounts_csm_id_people"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["accounts.id"],
            name=op.f("fk_accounts_parent_id_accounts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["re_manager_id"],
            ["people.id"],
            name=op.f("fk_accounts_re_manager_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("external_id", name=op.f("uq_accounts_external_id")),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index("ix_accounts_ae_id", ["ae_id"], unique=False)
        batch_op.create_index("ix_accounts_csm_id", ["csm_id"], unique=False)
        batch_op.create_index("ix_accounts_parent_id", ["parent_id"], unique=False)
        batch_op.create_index("ix_accounts_re_manager_id", ["re_manager_id"], unique=False)
        batch_op.create_index("ix_accounts_renewal_date", ["renewal_date"], unique=False)

    op.create_table(
        "comp_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "csm", "re_manager", name="compplankind", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("ote_cents", sa.BigInteger(), nullable=False),
        sa.Column("variable_share", sa.String(length=32), nullable=False),
        sa.Column("renewal_share", sa.String(length=32), nullable=False),
        sa.Column(
            "quota_basis",
            sa.Enum(
                "renewals",
                "upsell",
                "both",
                "team nrr",
                name="quotabasis",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("grr_target", sa.String(length=32), nullable=False),
        sa.Column("commission_rate", sa.String(length=32), nullable=False),
        sa.Column("renewal_accelerators", sa.Text(), nullable=False),
        sa.Column("upsell_tiers", sa.Text(), nullable=False),
        sa.CheckConstraint("ote_cents >= 0", name=op.f("ck_comp_plans_ote_not_negative")),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["people.id"],
            name=op.f("fk_comp_plans_person_id_people"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comp_plans")),
        sa.UniqueConstraint("person_id", "year", name=op.f("uq_comp_plans_person_id_year")),
    )
    op.create_table(
        "playbook_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("playbook_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("offset_days", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["playbook_id"],
            ["playbooks.id"],
            name=op.f("fk_playbook_tasks_playbook_id_playbooks"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_playbook_tasks")),
    )
    with op.batch_alter_table("playbook_tasks", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_playbook_tasks_playbook_id"), ["playbook_id"], unique=False
        )

    op.create_table(
        "raci_cells",
        sa.Column("matrix_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("letters", sa.String(length=4), nullable=False),
        sa.CheckConstraint(
            "letters IN ('A', 'AC', 'ACI', 'AI', 'C', 'CI', 'I', 'R', 'RA', 'RAC', 'RACI', 'RAI', 'RC', 'RCI', 'RI')",
            name=op.f("ck_raci_cells_letters_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["raci_activities.id"],
            name=op.f("fk_raci_cells_activity_id_raci_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["matrix_id"],
            ["raci_matrices.id"],
            name=op.f("fk_raci_cells_matrix_id_raci_matrices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["raci_roles.id"],
            name=op.f("fk_raci_cells_role_id_raci_roles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("matrix_id", "activity_id", "role_id", name=op.f("pk_raci_cells")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("phone", sa.String(length=50), nullable=True),
        sa.Column(
            "role",
            sa.Enum(
                "champion",
                "executive sponsor",
                "decision maker",
                "user",
                name="contactrole",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "sentiment",
            sa.Enum(
                "positive",
                "neutral",
                "negative",
                name="sentiment",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_contacts_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_account_id"), ["account_id"], unique=False)

    op.create_table(
        "ctas",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column(
            "type",
            sa.Enum(
                "renewal",
                "risk",
                "expansion",
                "lifecycle",
                "objective",
                "activity",
                name="ctatype",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "priority",
            sa.Enum(
                "high", "medium", "low", name="priority", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "open",
                "snoozed",
                "closed",
                name="ctastatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("snoozed_until", sa.Date(), nullable=True),
        sa.Column("snooze_reason", sa.Text(), nullable=True),
        sa.Column(
            "outcome",
            sa.Enum(
                "success",
                "not needed",
                "lost",
                name="ctaoutcome",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=True,
        ),
        sa.Column("closed_note", sa.Text(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column(
            "source",
            sa.Enum("rule", "manual", name="ctasource", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        sa.Column("playbook_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(status = 'closed') = (outcome IS NOT NULL)", name=op.f("ck_ctas_closed_has_outcome")
        ),
        sa.CheckConstraint(
            "(status = 'snoozed') = (snoozed_until IS NOT NULL)",
            name=op.f("ck_ctas_snooze_has_date"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_ctas_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["people.id"], name=op.f("fk_ctas_owner_id_people"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["playbook_id"],
            ["playbooks.id"],
            name=op.f("fk_ctas_playbook_id_playbooks"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ctas")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_ctas_dedupe_key")),
    )
    with op.batch_alter_table("ctas", schema=None) as batch_op:
        batch_op.create_index("ix_ctas_account_id", ["account_id"], unique=False)
        batch_op.create_index(
            "ix_ctas_owner_status_due", ["owner_id", "status", "due_on"], unique=False
        )
        batch_op.create_index("ix_ctas_status_due", ["status", "due_on"], unique=False)

    op.create_table(
        "opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "renewal",
                "upsell",
                "cross-sell",
                "new division",
                "services one-time",
                "services managed",
                name="opportunitykind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("close_date", sa.Date(), nullable=True),
        sa.Column(
            "stage",
            sa.Enum(
                "open",
                "won",
                "lost",
                name="opportunitystage",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "forecast_category",
            sa.Enum(
                "pipeline",
                "best case",
                "commit",
                "omitted",
                "closed",
                name="forecastcategory",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("target_cents", sa.BigInteger(), nullable=True),
        sa.Column("forecast_cents", sa.BigInteger(), nullable=True),
        sa.Column("final_cents", sa.BigInteger(), nullable=True),
        sa.Column("contract_months", sa.Integer(), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("strategy", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(target_cents IS NULL OR target_cents >= 0) AND (forecast_cents IS NULL OR forecast_cents >= 0) AND (final_cents IS NULL OR final_cents >= 0)",
            name=op.f("ck_opportunities_renewal_amounts_not_negative"),
        ),
        sa.CheckConstraint(
            "contract_months IS NULL OR contract_months > 0",
            name=op.f("ck_opportunities_contract_months_positive"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_opportunities_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["people.id"],
            name=op.f("fk_opportunities_owner_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opportunities")),
    )
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.create_index("ix_opportunities_account_id", ["account_id"], unique=False)
        batch_op.create_index("ix_opportunities_close_date", ["close_date"], unique=False)
        batch_op.create_index("ix_opportunities_owner_id", ["owner_id"], unique=False)

    op.create_table(
        "raci_overrides",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.Integer(), nullable=False),
        sa.Column("letters", sa.String(length=4), nullable=False),
        sa.CheckConstraint(
            "letters IN ('A', 'AC', 'ACI', 'AI', 'C', 'CI', 'I', 'R', 'RA', 'RAC', 'RACI', 'RAI', 'RC', 'RCI', 'RI')",
            name=op.f("ck_raci_overrides_letters_valid"),
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_raci_overrides_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["raci_activities.id"],
            name=op.f("fk_raci_overrides_activity_id_raci_activities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["role_id"],
            ["raci_roles.id"],
            name=op.f("fk_raci_overrides_role_id_raci_roles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "account_id", "activity_id", "role_id", name=op.f("pk_raci_overrides")
        ),
    )
    op.create_table(
        "score_snapshots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("measured_on", sa.Date(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("score BETWEEN 0 AND 100", name=op.f("ck_score_snapshots_score_range")),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_score_snapshots_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["people.id"],
            name=op.f("fk_score_snapshots_author_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["score_categories.id"],
            name=op.f("fk_score_snapshots_category_id_score_categories"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_score_snapshots")),
    )
    with op.batch_alter_table("score_snapshots", schema=None) as batch_op:
        batch_op.create_index(
            "ix_score_snapshots_account_category",
            ["account_id", "category_id", "measured_on"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_score_snapshots_category_id"), ["category_id"], unique=False
        )

    op.create_table(
        "success_plans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("desired_outcome", sa.Text(), nullable=False),
        sa.Column("roi_statement", sa.Text(), nullable=False),
        sa.Column("template", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_success_plans_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_success_plans")),
        sa.UniqueConstraint("account_id", name=op.f("uq_success_plans_account_id")),
    )
    op.create_table(
        "timeline_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "note",
                "call",
                "meeting",
                "email",
                "EBR",
                "strategy session",
                "status update",
                name="timelinekind",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name=op.f("fk_timeline_entries_account_id_accounts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["people.id"],
            name=op.f("fk_timeline_entries_author_id_people"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_entries")),
    )
    with op.batch_alter_table("timeline_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_timeline_entries_account_kind", ["account_id", "kind", "occurred_on"], unique=False
        )
        batch_op.create_index(
            "ix_timeline_entries_account_when", ["account_id", "occurred_on"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_timeline_entries_author_id"), ["author_id"], unique=False
        )

    op.create_table(
        "cta_comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cta_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["people.id"],
            name=op.f("fk_cta_comments_author_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["cta_id"], ["ctas.id"], name=op.f("fk_cta_comments_cta_id_ctas"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cta_comments")),
    )
    with op.batch_alter_table("cta_comments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cta_comments_cta_id"), ["cta_id"], unique=False)

    op.create_table(
        "cta_tasks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cta_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cta_id"], ["ctas.id"], name=op.f("fk_cta_tasks_cta_id_ctas"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cta_tasks")),
    )
    with op.batch_alter_table("cta_tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cta_tasks_cta_id"), ["cta_id"], unique=False)

    op.create_table(
        "milestones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["success_plans.id"],
            name=op.f("fk_milestones_plan_id_success_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_milestones")),
    )
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestones_due_on"), ["due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_milestones_plan_id"), ["plan_id"], unique=False)

    op.create_table(
        "objectives",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("kpi", sa.String(length=200), nullable=True),
        sa.Column("baseline", sa.String(length=100), nullable=True),
        sa.Column("target", sa.String(length=100), nullable=True),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "not started",
                "on track",
                "at risk",
                "achieved",
                "dropped",
                name="objectivestatus",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("progress", sa.Integer(), nullable=False),
        sa.CheckConstraint("progress BETWEEN 0 AND 100", name=op.f("ck_objectives_progress_range")),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["people.id"],
            name=op.f("fk_objectives_owner_id_people"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["success_plans.id"],
            name=op.f("fk_objectives_plan_id_success_plans"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_objectives")),
    )
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_objectives_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_objectives_plan_id"), ["plan_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("objectives", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_objectives_plan_id"))
        batch_op.drop_index(batch_op.f("ix_objectives_owner_id"))

    op.drop_table("objectives")
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestones_plan_id"))
        batch_op.drop_index(batch_op.f("ix_milestones_due_on"))

    op.drop_table("milestones")
    with op.batch_alter_table("cta_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cta_tasks_cta_id"))

    op.drop_table("cta_tasks")
    with op.batch_alter_table("cta_comments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cta_comments_cta_id"))

    op.drop_table("cta_comments")
    with op.batch_alter_table("timeline_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_timeline_entries_author_id"))
        batch_op.drop_index("ix_timeline_entries_account_when")
        batch_op.drop_index("ix_timeline_entries_account_kind")

    op.drop_table("timeline_entries")
    op.drop_table("success_plans")
    with op.batch_alter_table("score_snapshots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_score_snapshots_category_id"))
        batch_op.drop_index("ix_score_snapshots_account_category")

    op.drop_table("score_snapshots")
    op.drop_table("raci_overrides")
    with op.batch_alter_table("opportunities", schema=None) as batch_op:
        batch_op.drop_index("ix_opportunities_owner_id")
        batch_op.drop_index("ix_opportunities_close_date")
        batch_op.drop_index("ix_opportunities_account_id")

    op.drop_table("opportunities")
    with op.batch_alter_table("ctas", schema=None) as batch_op:
        batch_op.drop_index("ix_ctas_status_due")
        batch_op.drop_index("ix_ctas_owner_status_due")
        batch_op.drop_index("ix_ctas_account_id")

    op.drop_table("ctas")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_account_id"))

    op.drop_table("contacts")
    op.drop_table("raci_cells")
    with op.batch_alter_table("playbook_tasks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_playbook_tasks_playbook_id"))

    op.drop_table("playbook_tasks")
    op.drop_table("comp_plans")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_renewal_date")
        batch_op.drop_index("ix_accounts_re_manager_id")
        batch_op.drop_index("ix_accounts_parent_id")
        batch_op.drop_index("ix_accounts_csm_id")
        batch_op.drop_index("ix_accounts_ae_id")

    op.drop_table("accounts")
    op.drop_table("settings")
    op.drop_table("score_categories")
    op.drop_table("raci_roles")
    op.drop_table("raci_matrices")
    op.drop_table("raci_activities")
    with op.batch_alter_table("playbooks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_playbooks_cta_type"))

    op.drop_table("playbooks")
    op.drop_table("people")
