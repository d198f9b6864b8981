"""the follow-up's assessments, activity statuses and sign-off: every version of a statement kept, group leads

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("assessment", sa.String(length=20), nullable=True))
        batch.add_column(sa.Column("reason", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("statuses", sa.JSON(), nullable=False, server_default="{}"))
        batch.add_column(sa.Column("approved_by", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "statement_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("assessment", sa.String(length=20), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False, server_default=""),
        sa.Column("statuses", sa.JSON(), nullable=False),
        sa.Column("submitted_by", sa.String(length=30), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("approved_by", sa.String(length=30), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_key", "year", "version", name="uq_statement_versions_version"),
    )
    op.create_table(
        "group_leads",
        sa.Column("group_key", sa.String(length=40), nullable=False),
        sa.Column("user_id", sa.String(length=30), nullable=False),
        sa.Column("added_by", sa.String(length=30), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_key"], ["groups.key"]),
        sa.PrimaryKeyConstraint("group_key", "user_id"),
    )
    # A statement submitted before sign-off existed is kept as its version, a draft: nobody approved it.
    op.execute(
        "INSERT INTO statement_versions (group_key, year, version, parts, reason, statuses, submitted_by, submitted_at)"
        " SELECT group_key, year, version, parts, '', '{}', submitted_by, submitted_at FROM statements"
    )


def downgrade() -> None:
    op.drop_table("group_leads")
    op.drop_table("statement_versions")
    with op.batch_alter_table("statements") as batch:
        for column in ("approved_at", "approved_by", "statuses", "reason", "assessment"):
            batch.drop_column(column)
