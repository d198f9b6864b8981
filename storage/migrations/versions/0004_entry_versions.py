"""entries keep a version and a soft deletion; indexes for status, lists and search

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("deleted_by", sa.String(length=30), nullable=True))
    op.create_index("ix_entries_created", "entries", ["created_at", "group_key", "deleted_at"])
    op.create_index("ix_entries_year", "entries", ["plan_year", "group_key", "kind", "activity_number", "deleted_at"])
    op.drop_index("ix_entries_plan_year", table_name="entries")
    op.create_index("ix_entries_kind_group_id", "entries", ["kind", "group_key", "id"])
    op.create_index("ix_entries_user_id", "entries", ["user_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_entries_user_id", table_name="entries")
    op.drop_index("ix_entries_kind_group_id", table_name="entries")
    op.create_index("ix_entries_plan_year", "entries", ["plan_year"])
    op.drop_index("ix_entries_year", table_name="entries")
    op.drop_index("ix_entries_created", table_name="entries")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("deleted_by")
        batch.drop_column("deleted_at")
        batch.drop_column("version")
