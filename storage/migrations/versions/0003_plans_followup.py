"""plans, planned activities, the follow-up campaign and statements; entries name an activity and municipalities

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.add_column(sa.Column("activity_number", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("municipalities", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "plans",
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=30), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("group_key", "year"),
    )
    op.create_table(
        "planned_activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_key", "year", "number", name="uq_planned_activities_number"),
    )
    op.create_table(
        "followups",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("started_by", sa.String(length=30), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_by", sa.String(length=30), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("submitted_by", sa.String(length=30), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_key", "year", name="uq_statements_group_year"),
    )


def downgrade() -> None:
    op.drop_table("statements")
    op.drop_table("followups")
    op.drop_table("planned_activities")
    op.drop_table("plans")
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("municipalities")
        batch.drop_column("activity_number")
