"""assessment_draft.stage: how far the wizard got, so a replayed step cannot rewind a draft

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # Existing drafts get 0 (any step may still move them), then the default goes: the app
    # always writes the stage itself.
    with op.batch_alter_table("assessment_draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("assessment_draft", schema=None) as batch_op:
        batch_op.alter_column("stage", server_default=None)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("assessment_draft", schema=None) as batch_op:
        batch_op.drop_column("stage")
