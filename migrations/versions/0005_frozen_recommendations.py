"""Frozen recommendations: the whole scoring output on the row, and where each was posted

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 19:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import scoring

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "recommendation_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("channel_id", sa.String(length=32), nullable=False),
        sa.Column("ts", sa.String(length=32), nullable=False),
        sa.Column("posted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["recommendation_id"],
            ["recommendation.id"],
            name=op.f("fk_recommendation_message_recommendation_id_recommendation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendation_message")),
        sa.UniqueConstraint(
            "recommendation_id",
            "purpose",
            "channel_id",
            name=op.f("uq_recommendation_message_recommendation_id_purpose_channel_id"),
        ),
    )
    with op.batch_alter_table("recommendation_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recommendation_message_recommendation_id"),
            ["recommendation_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_recommendation_message_team_id"), ["team_id"], unique=False
        )
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("output", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("model_version", sa.String(length=32), nullable=True))
    _freeze_existing()
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.alter_column("evaluated_at", nullable=False)
        batch_op.alter_column("output", nullable=False)
        batch_op.alter_column("model_version", nullable=False)
        for column in ("reasons", "contributions", "flips", "channel_id", "message_ts"):
            batch_op.drop_column(column)


def _freeze_existing() -> None:
    """Rows written before this revision kept only parts of what they showed: scored once more
    from their inputs, then frozen like every later row (and their posts kept)."""
    bind = op.get_bind()
    table = sa.table(
        "recommendation",
        sa.column("id", sa.Integer()),
        sa.column("team_id", sa.String()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("inputs", sa.JSON()),
        sa.column("channel_id", sa.String()),
        sa.column("message_ts", sa.String()),
        sa.column("evaluated_at", sa.DateTime(timezone=True)),
        sa.column("output", sa.JSON()),
        sa.column("model_version", sa.String()),
    )
    posted = sa.table(
        "recommendation_message",
        sa.column("team_id", sa.String()),
        sa.column("recommendation_id", sa.Integer()),
        sa.column("purpose", sa.String()),
        sa.column("channel_id", sa.String()),
        sa.column("ts", sa.String()),
        sa.column("posted_at", sa.DateTime(timezone=True)),
    )
    rows = bind.execute(
        sa.select(
            table.c.id,
            table.c.team_id,
            table.c.created_at,
            table.c.inputs,
            table.c.channel_id,
            table.c.message_ts,
        )
    ).all()
    for row in rows:
        try:
            output = scoring.recommendation_to_dict(
                scoring.recommend(scoring.parse_profile(row.inputs or {}))
            )
        except scoring.ProfileError:
            output = {}  # unreadable inputs: nothing can be shown again; kept for the history
        bind.execute(
            table.update()
            .where(table.c.id == row.id)
            .values(
                evaluated_at=row.created_at or datetime.now(UTC),
                output=output,
                model_version=scoring.MODEL_VERSION,
            )
        )
        if row.channel_id and row.message_ts:
            bind.execute(
                posted.insert().values(
                    team_id=row.team_id,
                    recommendation_id=row.id,
                    purpose="review",
                    channel_id=row.channel_id,
                    ts=row.message_ts,
                    posted_at=row.created_at or datetime.now(UTC),
                )
            )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_ts", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("channel_id", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("flips", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("contributions", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("reasons", sa.JSON(), nullable=True))
    bind = op.get_bind()
    table = sa.table(
        "recommendation",
        sa.column("output", sa.JSON()),
        sa.column("reasons", sa.JSON()),
        sa.column("contributions", sa.JSON()),
        sa.column("flips", sa.JSON()),
    )
    bind.execute(table.update().values(reasons=[], contributions=[], flips=[]))
    with op.batch_alter_table("recommendation", schema=None) as batch_op:
        batch_op.alter_column("reasons", nullable=False)
        batch_op.alter_column("contributions", nullable=False)
        batch_op.alter_column("flips", nullable=False)
        batch_op.drop_column("model_version")
        batch_op.drop_column("output")
        batch_op.drop_column("evaluated_at")
    with op.batch_alter_table("recommendation_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendation_message_team_id"))
        batch_op.drop_index(batch_op.f("ix_recommendation_message_recommendation_id"))
    op.drop_table("recommendation_message")
