"""KPIs of an assessment's objectives: the form's context, owner checks, saving, listing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from bot.deps import Deps
from bot.domain import Cadence, KpiInput, KpiSummary, ObjectiveChoice, SlackUser, WorkingHours
from bot.services import checkins
from bot.services.errors import NotAllowed, NotYours
from bot.services.people import PERSON_CACHE_TTL, remember_user
from bot.store import repo
from bot.store.db import read_scope, session_scope
from bot.store.models import Workspace


class OwnerStatus(StrEnum):
    """Whether a chosen KPI owner can answer check-ins."""

    PERSON = "person"
    BOT = "bot"
    DEACTIVATED = "deactivated"
    UNKNOWN = "unknown"  # not cached yet: ask Slack after the acknowledgement


@dataclass(frozen=True)
class KpiForm:
    """What the KPI modal needs: the objectives to pick from, defaults, the KPI being edited."""

    assessment_id: int
    objectives: list[ObjectiveChoice]
    default_weekday: int
    default_time: time
    kpi_id: int | None = None
    kpi: KpiInput | None = None
    hours: WorkingHours = WorkingHours()


def _hours(workspace: Workspace | None) -> WorkingHours:
    if workspace is None:
        return WorkingHours()
    return WorkingHours(
        days=tuple(workspace.working_days),
        start=workspace.working_hours_start,
        end=workspace.working_hours_end,
    )


def working_hours(deps: Deps, *, team_id: str) -> WorkingHours:
    """The workspace's working days and hours, which a KPI's own schedule must fall in."""
    with read_scope(deps.session_factory) as session:
        return _hours(repo.get_workspace(session=session, team_id=team_id))


def kpi_form(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    assessment_id: int | None = None,
    kpi_id: int | None = None,
) -> KpiForm:
    """The context of the add (by assessment) or edit (by KPI) form; the owner of the
    assessment only, else `NotYours`."""
    with read_scope(deps.session_factory) as session:
        kpi = repo.get_kpi(session=session, team_id=team_id, kpi_id=kpi_id) if kpi_id else None
        if kpi_id is not None and (kpi is None or kpi.archived_at is not None):
            raise NotYours(kpi_id)  # a deleted KPI is edited no more
        if kpi is not None:
            objective = repo.get_objective(
                session=session, team_id=team_id, objective_id=kpi.objective_id
            )
            assessment_id = objective.assessment_id if objective else None
        assessment = (
            repo.get_assessment(session=session, team_id=team_id, assessment_id=assessment_id)
            if assessment_id is not None
            else None
        )
        if assessment is None or assessment.id is None or assessment.owner_user_id != user_id:
            raise NotYours(assessment_id)
        objectives = [
            ObjectiveChoice(id=o.id, kind=o.kind, title=o.title, primary=o.is_primary)
            for o in repo.list_objectives(
                session=session, team_id=team_id, assessment_id=assessment.id
            )
            if o.id is not None
        ]
        workspace = repo.get_workspace(session=session, team_id=team_id)
        weekday = workspace.checkin_weekday if workspace else 0
        local_time = workspace.checkin_local_time if workspace else time(9, 0)
        return KpiForm(
            assessment_id=assessment.id,
            objectives=objectives,
            default_weekday=weekday,
            default_time=local_time,
            kpi_id=kpi.id if kpi else None,
            kpi=repo.kpi_input(kpi) if kpi else None,
            hours=_hours(workspace),
        )


def owner_status(deps: Deps, *, team_id: str, user_id: str) -> OwnerStatus:
    """What the person table says of a would-be owner (one indexed read); a profile older
    than the cache lifetime counts as unknown, so Slack is asked again."""
    with read_scope(deps.session_factory) as session:
        person = repo.get_person(session=session, team_id=team_id, user_id=user_id)
    if person is None or person.refreshed_at < deps.clock() - PERSON_CACHE_TTL:
        return OwnerStatus.UNKNOWN
    if person.is_bot:
        return OwnerStatus.BOT
    if person.deleted:
        return OwnerStatus.DEACTIVATED
    return OwnerStatus.PERSON


def check_owner(
    deps: Deps, *, team_id: str, user_id: str, fetch: Callable[[str], SlackUser | None]
) -> OwnerStatus:
    """The owner's status, asking Slack (`fetch`, cached) when the person table cannot say."""
    status = owner_status(deps, team_id=team_id, user_id=user_id)
    if status is not OwnerStatus.UNKNOWN:
        return status
    user = fetch(user_id)
    if user is None:
        return OwnerStatus.UNKNOWN
    remember_user(deps, team_id=team_id, user=user)
    return owner_status(deps, team_id=team_id, user_id=user_id)


def save_kpi(
    deps: Deps,
    *,
    team_id: str,
    user_id: str,
    assessment_id: int,
    kpi_id: int | None,
    kpi: KpiInput,
    delivery_key: str,
) -> int | None:
    """Add or update a KPI of one of the assessment's objectives; None for a repeat delivery.

    Raises `NotYours` when the assessment, the objective or the KPI is not the member's.
    """
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        if not repo.remember_request(session=session, team_id=team_id, key=delivery_key, at=now):
            return None
        assessment = repo.get_assessment(
            session=session, team_id=team_id, assessment_id=assessment_id, for_update=True
        )
        objective = repo.get_objective(
            session=session, team_id=team_id, objective_id=kpi.objective_id
        )
        if (
            assessment is None
            or assessment.owner_user_id != user_id
            or objective is None
            or objective.assessment_id != assessment_id
        ):
            raise NotYours(assessment_id)
        if kpi_id is not None:
            row = repo.get_kpi(session=session, team_id=team_id, kpi_id=kpi_id)
            current = (
                repo.get_objective(session=session, team_id=team_id, objective_id=row.objective_id)
                if row is not None
                else None
            )
            if current is None or current.assessment_id != assessment_id:
                raise NotYours(kpi_id)  # an edit may only touch a KPI of this very assessment
            if row is not None and row.archived_at is not None:
                raise NotYours(kpi_id)  # deleted meanwhile: saving must not revive its asking
        saved = repo.save_kpi(session=session, team_id=team_id, kpi_id=kpi_id, kpi=kpi, at=now)
        assert saved.id is not None
        # Its next check-in from now on: a new KPI, a changed schedule or a new owner (one
        # who replaces an owner who left, too) all start from the next slot.
        checkins.reschedule(session=session, team_id=team_id, kpi_id=saved.id, now=now)
        return saved.id


@dataclass(frozen=True)
class Archived:
    """A KPI just archived: its assessment (to list what is left), its name, and whether
    this request did it (False: it was archived already)."""

    assessment_id: int
    name: str
    now: bool


def archive_kpi(deps: Deps, *, team_id: str, user_id: str, kpi_id: int) -> Archived:
    """Archive a KPI at its owner's or its assessment owner's request: it asks no more and
    leaves the list; its check-ins stay. `NotYours` for anyone else (nothing written)."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        kpi = repo.get_kpi(session=session, team_id=team_id, kpi_id=kpi_id)
        objective = (
            repo.get_objective(session=session, team_id=team_id, objective_id=kpi.objective_id)
            if kpi is not None
            else None
        )
        assessment = (
            repo.get_assessment(
                session=session, team_id=team_id, assessment_id=objective.assessment_id
            )
            if objective is not None
            else None
        )
        if kpi is None or assessment is None or assessment.id is None:
            raise NotYours(kpi_id)
        if user_id not in (kpi.owner_user_id, assessment.owner_user_id):
            raise NotYours(kpi_id)
        if kpi.archived_at is not None:
            return Archived(assessment.id, kpi.name, now=False)
        repo.archive_kpi(session=session, kpi=kpi, at=now)
        return Archived(assessment.id, kpi.name, now=True)


def kpi_summaries(deps: Deps, *, team_id: str, assessment_id: int) -> list[KpiSummary]:
    """An assessment's KPIs, ready to list."""
    with read_scope(deps.session_factory) as session:
        rows = repo.list_kpis(session=session, team_id=team_id, assessment_id=assessment_id)
    return [
        KpiSummary(
            id=kpi.id,
            objective_title=objective.title,
            objective_kind=objective.kind,
            name=kpi.name,
            unit=kpi.unit,
            baseline=kpi.baseline,
            target=kpi.target,
            deadline=kpi.deadline,
            owner_user_id=kpi.owner_user_id,
            cadence=Cadence(kpi.cadence),
        )
        for kpi, objective in rows
        if kpi.id is not None
    ]


def reassign_form(deps: Deps, *, team_id: str, user_id: str, kpi_id: int) -> repo.KpiDeciders:
    """The KPI a lead is about to give to someone else; `NotYours` when it is not this
    workspace's, `NotAllowed` for anyone but the leads (else the assessment's owner)."""
    with read_scope(deps.session_factory) as session:
        deciders = repo.kpi_deciders(session=session, team_id=team_id, kpi_id=kpi_id)
    if deciders is None:
        raise NotYours(None)
    if not deciders.may_decide(user_id):
        raise NotAllowed("not_a_lead", deciders.team_lead_user_ids)
    return deciders


def reassign(
    deps: Deps, *, team_id: str, user_id: str, kpi_id: int, new_owner: str
) -> repo.KpiDeciders:
    """Give the KPI to `new_owner` (checked again in the writing transaction); the new owner
    is asked from its next slot."""
    now = deps.clock()
    with session_scope(deps.session_factory) as session:
        deciders = repo.kpi_deciders(session=session, team_id=team_id, kpi_id=kpi_id)
        if deciders is None:
            raise NotYours(None)
        if not deciders.may_decide(user_id):
            raise NotAllowed("not_a_lead", deciders.team_lead_user_ids)
        repo.reassign_kpi(
            session=session, team_id=team_id, kpi_id=kpi_id, owner_user_id=new_owner, at=now
        )
        checkins.reschedule(session=session, team_id=team_id, kpi_id=kpi_id, now=now)
    return deciders
