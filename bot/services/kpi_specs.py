"""A stored KPI as the engine reads it: its spec and its check-in points."""

from __future__ import annotations

from collections.abc import Sequence

import scoring
from bot.store import repo


def spec_of(kpi: repo.OwnedKpi) -> scoring.KpiSpec | None:
    """The KPI's spec, or None for one the form could not have accepted (it says nothing)."""
    try:
        return scoring.KpiSpec(
            scoring.Direction(kpi.direction), kpi.baseline, kpi.target, kpi.start, kpi.deadline,
            name=kpi.name, aspirational=kpi.aspirational,
        )  # fmt: skip
    except ValueError:
        return None


def points_of(kpi: repo.OwnedKpi) -> list[scoring.CheckInPoint]:
    """The KPI's answered values, oldest first."""
    return [scoring.CheckInPoint(day, value) for day, value in kpi.history]


def with_points(
    kpis: Sequence[repo.OwnedKpi],
) -> list[tuple[scoring.KpiSpec, list[scoring.CheckInPoint]]]:
    """(spec, points) of each KPI the engine can read, as `scoring.reevaluate` takes them."""
    return [(spec, points_of(kpi)) for kpi in kpis if (spec := spec_of(kpi)) is not None]
