"""Benchmark of the digest's charts: `python -m bench.bench_charts` (not a test).

Rendering one objective's chart (one KPI, a year of weekly check-ins, a forecast band): target
under 150 ms of CPU (median of 15, after a warm-up that pays matplotlib's import and font cache); a
digest of 20 objectives (one to three KPIs each, 0 to 52 check-ins): target under 5 s of CPU
(process time, so a busy shared machine does not count against it). The baseline printed next to
them is an empty 1200 × 675 figure saved as PNG in the same run: the floor of any chart.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Sequence
from datetime import date, timedelta

from bot.blocks.charts import (
    DPI,
    HEIGHT_PX,
    WIDTH_PX,
    KpiSeries,
    ObjectiveChart,
    render_objective_chart,
)
from bot.i18n import Translator

TARGET_ONE_MS = 150.0
TARGET_DIGEST_CPU_S = 5.0
OBJECTIVES = 20
ROUNDS = 15
START = date(2025, 1, 6)


def _kpi(index: int, points: int) -> KpiSeries:
    decreasing = index % 2 == 1
    baseline, target = (900.0, 400.0) if decreasing else (100.0, 1000.0)
    step = (target - baseline) / 60
    values = tuple(
        (START + timedelta(weeks=w), baseline + step * w * (0.9 + 0.2 * ((w * 7919) % 10) / 10))
        for w in range(points)
    )
    forecast = (target, target - 80, target + 80) if points >= 3 else None
    return KpiSeries(
        f"KPI {index}", "leads", baseline, target, START, START + timedelta(weeks=60), values,
        "at_risk", baseline + step * points, forecast,
    )  # fmt: skip


def objective(index: int, *, kpis: int = 1, points: int = 52) -> ObjectiveChart:
    return ObjectiveChart(
        index, f"Objective {index}", tuple(_kpi(index + k, points) for k in range(kpis)),
        START + timedelta(weeks=points),
    )  # fmt: skip


def digest_charts() -> list[ObjectiveChart]:
    sizes = (0, 1, 3, 12, 26, 52)
    return [objective(i, kpis=1 + i % 3, points=sizes[i % len(sizes)]) for i in range(OBJECTIVES)]


def _empty_png() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    figure.savefig(io.BytesIO(), format="png")


def _median_ms(run: object, rounds: int = ROUNDS) -> float:
    """Median CPU time of a call, in ms (process time: other processes' load does not count)."""
    times = []
    for _ in range(rounds):
        started = time.process_time()
        run()  # type: ignore[operator]
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main(argv: Sequence[str] | None = None) -> int:  # noqa: ARG001 - the common signature
    """Time one chart and a 20-objective digest; exit 1 if a target is missed."""
    t = Translator("fr")
    one = objective(1)
    render_objective_chart(one, t)  # warm-up: matplotlib's import, fonts
    _empty_png()
    floor = _median_ms(_empty_png)
    one_ms = _median_ms(lambda: render_objective_chart(one, t))
    charts = digest_charts()
    cpu_started, wall_started = time.process_time(), time.perf_counter()
    sizes = [len(render_objective_chart(c, t)) for c in charts]
    cpu = time.process_time() - cpu_started
    wall = time.perf_counter() - wall_started
    ok_one = one_ms < TARGET_ONE_MS
    ok_digest = cpu < TARGET_DIGEST_CPU_S
    print(f"empty 1200×675 PNG (baseline): {floor:.1f} ms CPU")
    print(
        f"one objective's chart, 52 check-ins: {one_ms:.1f} ms CPU, median of {ROUNDS}"
        f" ({one_ms / floor:.2f}× the empty figure; target < {TARGET_ONE_MS:.0f} ms):"
        f" {'met' if ok_one else 'MISSED'}"
    )
    print(
        f"digest of {OBJECTIVES} objectives ({sum(len(c.kpis) for c in charts)} KPI panels,"
        f" {sum(sizes) / 1e6:.1f} MB of PNG): {cpu:.2f} s CPU, {wall:.2f} s wall"
        f" (target < {TARGET_DIGEST_CPU_S:.0f} s CPU): {'met' if ok_digest else 'MISSED'}"
    )
    return 0 if ok_one and ok_digest else 1


if __name__ == "__main__":
    raise SystemExit(main())
