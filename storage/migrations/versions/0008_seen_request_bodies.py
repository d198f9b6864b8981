"""seen requests keep a hash of their body, so that a request Slack retries is handled once

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seen_requests") as batch:
        batch.add_column(sa.Column("body_sha256", sa.String(length=64), nullable=True))
        batch.create_index("ix_seen_requests_body_sha256", ["body_sha256"])


def downgrade() -> None:
    with op.batch_alter_table("seen_requests") as batch:
        batch.drop_index("ix_seen_requests_body_sha256")
        batch.drop_column("body_sha256")
