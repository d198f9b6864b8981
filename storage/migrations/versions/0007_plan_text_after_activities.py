"""a plan's text after its numbered activities; Migration & integration closed on 2016-12-31

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.add_column(sa.Column("after_activities", sa.Text(), nullable=False, server_default=""))
    # The shipped groups file closed Migration & integration without a date; the plan says it closed in 2016.
    # A database seeded from that file gets the day the groups file now gives it, so that its 2016 entries
    # are accepted and later ones refused.
    groups = sa.table(
        "groups", sa.column("key", sa.String), sa.column("active", sa.Boolean), sa.column("closed_on", sa.Date)
    )
    op.execute(
        groups.update()
        .where(groups.c.key == "migration", groups.c.active == sa.false(), groups.c.closed_on.is_(None))
        .values(closed_on=date(2016, 12, 31))
    )


def downgrade() -> None:
    with op.batch_alter_table("plans") as batch:
        batch.drop_column("after_activities")
