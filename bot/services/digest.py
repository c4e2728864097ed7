"""The weekly digest in the review channel: when it is due, what it says, and its charts.

Each workspace with a review channel gets one digest per ISO week of its local calendar, at its
digest weekday and local time (DST gaps and folds as `bot.schedule` handles them). The week's
`Job` row, UNIQUE (team, kind, subject, occurrence = the week's Monday), is inserted by whichever
clock sees the slot first; any other clock's insert is a no-op, so concurrent clocks never send
it twice. Only the latest slot is looked for: after downtime the missed week's digest is sent
once, late, saying which week it covers, and older missed weeks are not sent.

The digest job then freezes the parent message and the charts' values into a DIGEST_POST job
(a message like any other); once Slack took it, delivery adds one DIGEST_CHART job per
objective, into its thread. A chart that fails never holds the parent back: the parent is
changed to say which chart is missing, and that chart's job is tried again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

import scoring
from bot.blocks import Message
from bot.blocks.charts import KpiSeries, ObjectiveChart, chart_to_dict
from bot.blocks.digest import (
    Digest,
    DigestAssessment,
    DigestKpi,
    DigestObjective,
    build_digest,
)
from bot.deps import Deps
from bot.domain import Cadence, JobKind
from bot.i18n import Translator
from bot.schedule import Schedule
from bot.services.assessment import frozen
from bot.services.delivery import message_payload
from bot.services.kpi_specs import spec_of
from bot.services.review import CHANNEL_FAULTS
from bot.store import outbox, repo
from bot.store.db import Session, session_scope
from bot.store.models import Workspace

logger = logging.getLogger(__name__)

SUBJECT: Final = "week"
# A digest sent this long after its time says it is late, and which week it covers.
LATE_AFTER: Final = timedelta(minutes=30)
# Digests already queued are looked up this far back (a week and a day: the latest slot).
_LOOKBACK: Final = timedelta(days=8)


@dataclass(frozen=True, slots=True)
class Slot:
    """A workspace's digest slot: the instant (UTC) and the ISO week it belongs to."""

    at: datetime
    week_monday: date  # the Monday of the slot's local ISO week

    @property
    def occurrence(self) -> datetime:
        """The job's idempotency key: the week's Monday, as midnight UTC."""
        return datetime.combine(self.week_monday, time(0, 0), tzinfo=UTC)

    @property
    def label(self) -> str:
        """The ISO week, e.g. "2026-W07"."""
        year, week, _ = self.week_monday.isocalendar()
        return f"{year}-W{week:02d}"


def latest_slot(ws: repo.DigestWorkspace, now: datetime) -> Slot | None:
    """The workspace's latest digest slot at or before `now` (none before it was installed)."""
    zone = ws.tz if ws.tz else "UTC"
    try:
        tz = ZoneInfo(zone)
    except (ValueError, KeyError):
        tz, zone = ZoneInfo("UTC"), "UTC"
    installed = ws.created_at.astimezone(tz).date()
    schedule = Schedule(Cadence.WEEKLY, ws.weekday % 7, None, ws.local_time, zone, installed)
    at = schedule.latest_slot(now)
    if at is None or at < ws.created_at:
        return None
    local_day = at.astimezone(tz).date()
    return Slot(at, local_day - timedelta(days=local_day.weekday()))


def schedule_digests(deps: Deps, *, now: datetime) -> int:
    """Queue each workspace's digest whose slot has come (in a transaction of its own); how
    many this clock queued (concurrent clocks: exactly one of them queues each)."""
    with session_scope(deps.session_factory) as session:
        return schedule_due(session, now=now)


def schedule_due(session: Session, *, now: datetime) -> int:
    """Queue the digests whose slot has come, once per (workspace, ISO week)."""
    queued = repo.digests_since(session=session, since=now - _LOOKBACK - timedelta(days=7))
    added = 0
    for ws in repo.digest_workspaces(session=session):
        slot = latest_slot(ws, now)
        if slot is None or (ws.team_id, slot.occurrence) in queued:
            continue
        job_id = outbox.enqueue_job(
            session=session,
            team_id=ws.team_id,
            kind=JobKind.DIGEST,
            subject_id=SUBJECT,
            occurrence=slot.occurrence,
            payload={"week": slot.label, "slot": slot.at.isoformat()},
            due_at=slot.at,
            at=now,
        )
        added += job_id is not None
    return added


# ---- what the digest says ---------------------------------------------------------------------


def _series(kpi: repo.OwnedKpi, today: date) -> tuple[KpiSeries, DigestKpi, int] | None:
    spec = spec_of(kpi)
    if spec is None:  # a KPI the form could not have accepted: it says nothing
        return None
    points = [p for p in kpi.history if p[0] <= today]
    found = scoring.assess_kpi(spec, [scoring.CheckInPoint(d, v) for d, v in points], today)
    expected = kpi.baseline + found.expected * (kpi.target - kpi.baseline)
    forecast = found.forecast
    band = (forecast.value, forecast.low, forecast.high) if forecast is not None else None
    series = KpiSeries(
        kpi.name, kpi.unit, kpi.baseline, kpi.target, kpi.start, kpi.deadline, tuple(points),
        found.status.value, expected, band,
    )  # fmt: skip
    line = DigestKpi(kpi.name, found.actual_value, kpi.target, expected, found.status.value, 0, 0)
    return series, line, kpi.kpi_id


@dataclass(frozen=True, slots=True)
class Prepared:
    """A digest ready to post: the parent message and the charts for its thread."""

    message: Message
    charts: tuple[ObjectiveChart, ...]
    digest: Digest


def prepare(
    session: Session, *, workspace: Workspace, slot_at: datetime, now: datetime
) -> Prepared:
    """The digest of the week that ends at `slot_at`, as of `now` (read-only)."""
    tz = ZoneInfo(workspace.tz or "UTC")
    end_day = slot_at.astimezone(tz).date()
    start_day = end_day - timedelta(days=6)
    since = datetime.combine(start_day, time(0, 0), tzinfo=tz).astimezone(UTC)
    today = now.astimezone(tz).date()
    figures = workspace.post_cost_figures
    t = Translator(workspace.default_locale)
    assessments: list[DigestAssessment] = []
    charts: list[ObjectiveChart] = []
    for assessment in repo.team_assessments(session=session, team_id=workspace.team_id):
        assert assessment.id is not None
        row = repo.latest_recommendation(
            session=session, team_id=workspace.team_id, assessment_id=assessment.id
        )
        try:
            rec = frozen(row) if row is not None else None
        except (KeyError, TypeError, ValueError):  # a row an older model froze differently
            rec = None
        kind = str(row.inputs.get("objectives", {}).get("primary", "other")) if row else "other"
        kpis = repo.assessment_kpis(
            session=session, team_id=workspace.team_id, assessment_id=assessment.id
        )
        completion = repo.checkin_completion(
            session=session,
            team_id=workspace.team_id,
            kpi_ids=[k.kpi_id for k in kpis],
            since=since,
            until=slot_at,
        )
        objectives = []
        for objective in repo.list_objectives(
            session=session, team_id=workspace.team_id, assessment_id=assessment.id
        ):
            title = objective.title or t.label(f"objective.{objective.kind}")
            series: list[KpiSeries] = []
            lines: list[DigestKpi] = []
            for kpi in kpis:
                if kpi.objective_id != objective.id:
                    continue
                made = _series(kpi, today)
                if made is None:
                    continue
                answered, asked = completion.get(made[2], (0, 0))
                series.append(made[0])
                line = made[1]
                lines.append(
                    DigestKpi(line.name, line.value, line.target, line.expected_value,
                              line.status, answered, asked)
                )  # fmt: skip
            objectives.append(DigestObjective(title, tuple(lines)))
            if series and objective.id is not None:
                charts.append(
                    ObjectiveChart(objective.id, title, tuple(series), today, not figures)
                )
        assessments.append(DigestAssessment(kind, assessment.owner_user_id, rec, tuple(objectives)))
    digest = Digest(
        start=start_day,
        end=end_day,
        late=now - slot_at > LATE_AFTER,
        assessments=tuple(assessments),
        figures=figures,
        charts=len(charts),
    )
    return Prepared(build_digest(digest, t), tuple(charts), digest)


def run_job(session: Session, *, team_id: str, payload: dict[str, Any], now: datetime) -> None:
    """Do a claimed digest job: the parent message and its charts' values, frozen into a
    DIGEST_POST job due now (none when the workspace no longer has a review channel)."""
    workspace = repo.get_workspace(session=session, team_id=team_id)
    channel = workspace.review_channel_id if workspace is not None else None
    if workspace is None or not channel:
        logger.info("Digest for %s dropped: no review channel any more", team_id)
        return
    try:
        slot_at = datetime.fromisoformat(str(payload["slot"]))
    except (KeyError, ValueError):
        logger.error("A digest job without its slot")
        return
    prepared = prepare(session, workspace=workspace, slot_at=slot_at, now=now)
    if not prepared.digest.assessments:  # a weekly "nothing to review" would only be noise
        logger.info("Digest for %s skipped: no active assessment", team_id)
        return
    t = Translator(workspace.default_locale)
    fixer = workspace.settings_user_id or workspace.installer_user_id
    after = (
        {
            code: (fixer, Message(text=t("digest.fault", channel=channel, code=code)))
            for code in CHANNEL_FAULTS
        }
        if fixer
        else None
    )
    week = str(payload.get("week", ""))
    outbox.enqueue_job(
        session=session,
        team_id=team_id,
        kind=JobKind.DIGEST_POST,
        subject_id=f"digest:{week}",
        occurrence=slot_at,
        payload=message_payload(
            prepared.message,
            channel=channel,
            after=after,
            extra={
                "digest": {
                    "week": week,
                    "locale": workspace.default_locale,
                    "charts": [chart_to_dict(c) for c in prepared.charts],
                }
            },
        ),
        due_at=now,
        at=now,
    )


def enqueue_charts(
    session: Session, *, team_id: str, post_job_id: int, payload: dict[str, Any],
    channel: str, ts: str, now: datetime,
) -> list[int]:  # fmt: skip
    """Once Slack took a digest's parent: one chart job per objective, into its thread."""
    digest = payload.get("digest") or {}
    parent = payload.get("message") or {}
    jobs = []
    for chart in digest.get("charts") or []:
        job_id = outbox.enqueue_job(
            session=session,
            team_id=team_id,
            kind=JobKind.DIGEST_CHART,
            subject_id=f"chart:{post_job_id}:{chart.get('objective_id')}",
            occurrence=datetime(2000, 1, 1, tzinfo=UTC),
            payload={
                "chart": chart,
                "locale": digest.get("locale", "en"),
                "channel": channel,
                "thread_ts": ts,
                "post_job_id": post_job_id,
                "parent": {
                    "channel": channel,
                    "ts": ts,
                    "text": parent.get("text", ""),
                    "blocks": parent.get("blocks") or [],
                },
            },
            due_at=now,
            at=now,
        )
        if job_id is not None:
            jobs.append(job_id)
    return jobs


def note_missing_charts(
    session: Session, *, team_id: str, payload: dict[str, Any], now: datetime
) -> int | None:
    """The digest's parent changed to say which of its charts are missing (or, once they all
    arrived, back as it was posted): a message job, due now."""
    from bot.blocks.digest import with_missing_charts

    post_job_id, parent = payload.get("post_job_id"), payload.get("parent") or {}
    if not isinstance(post_job_id, int) or not parent.get("ts"):
        return None
    missing = repo.missing_digest_charts(session=session, team_id=team_id, post_job_id=post_job_id)
    retrying = [_title(j.payload) for j in missing if j.state != "failed"]
    failed = [_title(j.payload) for j in missing if j.state == "failed"]
    t = Translator(str(payload.get("locale") or "en"))
    message = with_missing_charts(
        Message(text=str(parent.get("text", "")), blocks=list(parent.get("blocks") or [])),
        t,
        retrying=retrying,
        failed=failed,
    )
    return outbox.enqueue_job(
        session=session,
        team_id=team_id,
        kind=JobKind.RESULT_UPDATE,
        subject_id=f"digest-note:{post_job_id}",
        occurrence=now,
        payload=message_payload(
            message, channel=str(parent.get("channel", "")), extra={"ts": parent["ts"]}
        ),
        due_at=now,
        at=now,
    )


def _title(payload: dict[str, Any]) -> str:
    chart = payload.get("chart") or {}
    return str(chart.get("title", "?"))
