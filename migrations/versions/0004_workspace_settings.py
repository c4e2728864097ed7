"""workspace.post_cost_figures and settings_user_id: what `/smm settings` saves, and who saved it

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # The server default stays (unlike 0002's): channel posts showed costs before this setting
    # existed, so every workspace, old or new, starts with them shown.
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("post_cost_figures", sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column(
                "settings_user_id", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True
            )
        )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("workspace", schema=None) as batch_op:
        batch_op.drop_column("settings_user_id")
        batch_op.drop_column("post_cost_figures")
