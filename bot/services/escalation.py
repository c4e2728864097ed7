"""A KPI gone silent (two missed periods in a row): one private note to the team leads.

Until leads are set, the assessment's owner gets it. The note is a `Job` per recipient, added
in the transaction that found the second miss, keyed on the run's first missed slot: one note
per silent run, whatever the number of clocks, and a later miss of the same run adds nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.blocks.checkin import build_silent_kpi_note
from bot.blocks.kpi import objective_title
from bot.domain import JobKind
from bot.i18n import Translator, resolve_locale
from bot.services.delivery import message_payload
from bot.store import outbox, repo
from bot.store.db import Session
from bot.working_time import WorkingTime, holidays_country


def recipients(silent: repo.SilentKpi) -> tuple[str, ...]:
    """The team leads, else the assessment's owner."""
    return silent.team_lead_user_ids or (silent.assessment_owner_id,)


def note_silent_kpis(session: Session, *, kpi_ids: Sequence[int], now: datetime) -> int:
    """Add the note for each of `kpi_ids` that just went silent, in the caller's transaction;
    how many notes were added."""
    added = 0
    for silent in repo.silent_kpis(session=session, kpi_ids=kpi_ids):
        t = Translator(resolve_locale(None, silent.workspace_locale or "en"))
        objective = objective_title(t, title=silent.objective_title, kind=silent.objective_kind)
        note = build_silent_kpi_note(
            t,
            kpi_name=silent.kpi_name,
            objective=objective,
            owner=silent.owner_user_id,
            missed=repo.SILENT_AFTER,
            kpi_id=silent.kpi_id,
        )
        # The leads' working time is the workspace's: a quiet word, not a ping at night.
        hours = WorkingTime.of(
            tz=silent.workspace_tz or "UTC",
            start=silent.working_hours_start,
            end=silent.working_hours_end,
            days=silent.working_days,
            country=holidays_country(silent.holidays_country, silent.workspace_tz),
        )
        for lead in recipients(silent):
            job = outbox.enqueue_job(
                session=session,
                team_id=silent.team_id,
                kind=JobKind.ESCALATION,
                subject_id=f"kpi:{silent.kpi_id}:{lead}",
                occurrence=silent.streak_start,
                payload=message_payload(note, channel=lead),
                due_at=hours.next_working(now),
                at=now,
            )
            added += job is not None
    return added


__all__ = ["note_silent_kpis", "recipients"]
