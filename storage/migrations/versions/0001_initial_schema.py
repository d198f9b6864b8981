"""initial schema: groups, channel links, entries, coordinators, audit trail

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=30), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_events_subject", "audit_events", ["subject"])
    op.create_table(
        "coordinators",
        sa.Column("user_id", sa.String(length=30), nullable=False),
        sa.Column("added_by", sa.String(length=30), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "groups",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("closed_reason", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "channel_links",
        sa.Column("channel_id", sa.String(length=30), nullable=False),
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("linked_by", sa.String(length=30), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("channel_id"),
    )
    op.create_index("ix_channel_links_group_key", "channel_links", ["group_key"])
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("user_id", sa.String(length=30), nullable=False),
        sa.Column("channel_id", sa.String(length=30), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("occurred_on", sa.Date(), nullable=False),
        sa.Column("plan_year", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_entries_group_occurred", "entries", ["group_key", "occurred_on"])
    op.create_index("ix_entries_plan_year", "entries", ["plan_year"])


def downgrade() -> None:
    op.drop_index("ix_entries_plan_year", table_name="entries")
    op.drop_index("ix_entries_group_occurred", table_name="entries")
    op.drop_table("entries")
    op.drop_index("ix_channel_links_group_key", table_name="channel_links")
    op.drop_table("channel_links")
    op.drop_table("groups")
    op.drop_table("coordinators")
    op.drop_index("ix_audit_events_subject", table_name="audit_events")
    op.drop_table("audit_events")
