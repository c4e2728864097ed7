"""The Details modal of a review post: read from the frozen row and the KPIs."""

from __future__ import annotations

from typing import Any

from bot.blocks.review import HistoryLine, build_details_modal
from bot.deps import Deps
from bot.i18n import Translator
from bot.services import review
from bot.services.assessment import frozen
from bot.store import repo
from bot.store.db import read_scope


def details_view(
    deps: Deps, *, team_id: str, recommendation_id: int, t: Translator
) -> dict[str, Any] | None:
    """The modal, or None for a recommendation this workspace does not have."""
    now = deps.clock()
    with read_scope(deps.session_factory) as session:
        row = repo.get_recommendation(
            session=session, team_id=team_id, recommendation_id=recommendation_id
        )
        workspace = repo.get_workspace(session=session, team_id=team_id)
        if row is None or workspace is None:
            return None
        kpis = repo.assessment_kpis(
            session=session, team_id=team_id, assessment_id=row.assessment_id
        )
        history = [
            HistoryLine(d.created_at.date(), d.user_id, d.action, d.note)
            for d in repo.decisions_of(
                session=session, team_id=team_id, assessment_id=row.assessment_id
            )
        ]
        figures = workspace.post_cost_figures
        rec = frozen(row)
    return build_details_modal(
        rec, t, kpis=review.kpi_lines(kpis, now.date()), history=history, figures=figures
    )
