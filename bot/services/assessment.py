"""The assessment use cases: open the wizard, keep drafts, finish (or edit) and score."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import scoring
from bot import ids
from bot.deps import Deps
from bot.store import repo
from bot.store.db import read_scope, session_scope
from bot.store.models import (
    AssessmentStatus,
    RecommendationState,
    RecommendationTrigger,
)
from scoring.model import Profile

# Months are converted to a start date for `mode_since` with the average month length.
_DAYS_PER_MONTH = 365.25 / 12


class NotYours(Exception):
    """The assessment belongs to someone else (or to another workspace)."""


@dataclass(frozen=True)
class WizardStart:
    """Where the wizard opens: its step, the answers it is pre-filled with, what it edits."""

    step: str
    answers: dict[str, Any]
    assessment_id: int | None
    resumed: bool


@dataclass(frozen=True)
class Finished:
    """A stored, scored assessment and the recommendation to show."""

    assessment_id: int
    recommendation_id: int
    recommendation: scoring.Recommendation


def _answers_of(profile_dict: dict[str, Any]) -> dict[str, Any]:
    # The wizard's answers are the profile without its date: "today" is the submission's.
    return {key: value for key, value in profile_dict.items() if key != "as_of"}


def open_wizard(
    deps: Deps, *, team_id: str, user_id: str, edit_assessment_id: int | None = None
) -> WizardStart:
    """Resume the member's draft, or start fresh, or pre-fill an edit of their assessment."""
    with read_scope(deps.session_factory) as session:
        draft = repo.get_draft(session=session, team_id=team_id, user_id=user_id)
        if edit_assessment_id is None:
            # One draft per person: `/smm assess` and "Resume" reopen it, new or edit alike.
            if draft is not None:
                return WizardStart(draft.step, dict(draft.answers), draft.assessment_id, True)
            return WizardStart(ids.STEP_GOALS, {}, None, resumed=False)
        assessment = repo.get_assessment(
            session=session, team_id=team_id, assessment_id=edit_assessment_id
        )
        if assessment is None or assessment.owner_user_id != user_id:
            raise NotYours(edit_assessment_id)
        if draft is not None and draft.assessment_id == edit_assessment_id:
            return WizardStart(draft.step, dict(draft.answers), edit_assessment_id, resumed=True)
        return WizardStart(ids.STEP_GOALS, _answers_of(assessment.answers), assessment.id, False)


def save_draft(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    step: str,
    answers: dict[str, Any],
    assessment_id: int | None,
) -> None:
    """Keep the wizard's progress so a closed modal can resume where it stopped."""
    with session_scope(deps.session_factory) as session:
        repo.save_draft(
            session=session,
            team_id=team_id,
            user_id=user_id,
            step=step,
            answers=answers,
            assessment_id=assessment_id,
            at=deps.clock(),
        )


def has_draft(deps: Deps, *, team_id: str, user_id: str) -> bool:
    """Whether the member has saved wizard progress."""
    with read_scope(deps.session_factory) as session:
        return repo.get_draft(session=session, team_id=team_id, user_id=user_id) is not None


def discard_draft(deps: Deps, *, team_id: str, user_id: str) -> None:
    """Forget the member's draft."""
    with session_scope(deps.session_factory) as session:
        repo.delete_draft(session=session, team_id=team_id, user_id=user_id)


def finish(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    answers: dict[str, Any],
    assessment_id: int | None,
    delivery_key: str,
    today: date | None = None,
) -> Finished | None:
    """Store the answers (a new assessment or a new version), score them, record the result.

    Returns None when `delivery_key` was already handled (a double submission). Raises
    `scoring.ProfileError` for answers the wizard should have refused, `NotYours` for an edit
    of someone else's assessment; either way nothing is written.
    """
    now = deps.clock()
    # Stored as answered (a "don't know" stays unknown for the next edit), with the date scored.
    inputs = {**answers, "as_of": (today or now.date()).isoformat()}
    profile = scoring.parse_profile(inputs)
    rec = scoring.recommend(profile)
    with session_scope(deps.session_factory) as session:
        if not repo.remember_request(session=session, team_id=team_id, key=delivery_key, at=now):
            return None
        repo.get_or_create_workspace(
            session=session, team_id=team_id, at=now, default_locale=deps.settings.default_locale
        )
        if assessment_id is None:
            assessment = repo.Assessment(
                team_id=team_id,
                owner_user_id=user_id,
                status=AssessmentStatus.ACTIVE,
                version=0,
                created_at=now,
                updated_at=now,
            )
            session.add(assessment)
            trigger = RecommendationTrigger.ASSESSMENT
        else:
            # Locked: two edits at once must not both write version N+1.
            found = repo.get_assessment(
                session=session, team_id=team_id, assessment_id=assessment_id, for_update=True
            )
            if found is None or found.owner_user_id != user_id:
                raise NotYours(assessment_id)
            assessment = found
            trigger = RecommendationTrigger.EDIT
        _apply_profile(assessment, profile, inputs, now=now)
        session.flush()
        assert assessment.id is not None
        session.add(
            repo.AssessmentVersion(
                team_id=team_id,
                assessment_id=assessment.id,
                version=assessment.version,
                answers=assessment.answers,
                created_by_user_id=user_id,
                created_at=now,
            )
        )
        _sync_objectives(
            session, team_id=team_id, assessment_id=assessment.id, profile=profile, now=now
        )
        previous = repo.latest_recommendation(
            session=session, team_id=team_id, assessment_id=assessment.id
        )
        if previous is not None and previous.state == RecommendationState.OPEN:
            previous.state = RecommendationState.SUPERSEDED
        row = repo.Recommendation(
            team_id=team_id,
            assessment_id=assessment.id,
            previous_id=previous.id if previous else None,
            created_at=now,
            trigger=trigger,
            verdict=rec.verdict.value,
            confidence=rec.confidence,
            score=rec.score,
            **_explanation(rec),
            inputs=assessment.answers,
        )
        session.add(row)
        repo.delete_draft(session=session, team_id=team_id, user_id=user_id)
        session.flush()
        assert row.id is not None
        return Finished(assessment.id, row.id, rec)


def recommendation(
    deps: Deps, *, team_id: str, user_id: str, recommendation_id: int
) -> tuple[int, scoring.Recommendation] | None:
    """A member's own stored recommendation (rebuilt from its inputs: scoring is
    deterministic), with its assessment id; None when it is not theirs."""
    with read_scope(deps.session_factory) as session:
        row = repo.get_recommendation(
            session=session, team_id=team_id, recommendation_id=recommendation_id
        )
        owner = (
            repo.get_assessment(session=session, team_id=team_id, assessment_id=row.assessment_id)
            if row is not None
            else None
        )
    if row is None or owner is None or owner.owner_user_id != user_id:
        return None
    return row.assessment_id, scoring.recommend(scoring.parse_profile(row.inputs))


def _apply_profile(
    assessment: repo.Assessment, profile: Profile, inputs: dict[str, Any], *, now: datetime
) -> None:
    mode = profile.organisation.current_mode.value
    if assessment.current_mode != mode or assessment.mode_since is None:
        months = profile.organisation.months_in_mode
        assessment.mode_since = now - timedelta(days=months * _DAYS_PER_MONTH)
    assessment.current_mode = mode
    assessment.answers = inputs
    assessment.version += 1
    assessment.updated_at = now


def _sync_objectives(
    session: repo.Session, *, team_id: str, assessment_id: int, profile: Profile, now: datetime
) -> None:
    # Objectives that carry KPIs are never deleted: an edit keeps the KPIs and their history.
    wanted = [profile.objectives.primary, *profile.objectives.secondary]
    kinds = [kind.value for kind in dict.fromkeys(wanted)]
    existing = {
        o.kind: o
        for o in repo.list_objectives(session=session, team_id=team_id, assessment_id=assessment_id)
    }
    for kind, objective in existing.items():
        objective.is_primary = kind == kinds[0]
        objective.deadline = profile.deadline if objective.is_primary else objective.deadline
        unused = objective.id is not None and not repo.count_kpis(
            session=session, objective_id=objective.id
        )
        if kind not in kinds and unused:
            session.delete(objective)
    for kind in kinds:
        if kind not in existing:
            session.add(
                repo.Objective(
                    team_id=team_id,
                    assessment_id=assessment_id,
                    kind=kind,
                    is_primary=kind == kinds[0],
                    title="",  # untitled: shown by its kind's label, in the reader's language
                    deadline=profile.deadline if kind == kinds[0] else None,
                    created_at=now,
                )
            )


def _explanation(rec: scoring.Recommendation) -> dict[str, Any]:
    full = scoring.recommendation_to_dict(rec)
    return {
        "reasons": full["top_reasons"],
        "contributions": full["contributions"],
        "flips": full["flips"],
    }
