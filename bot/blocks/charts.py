"""The digest's charts: one PNG per objective, pure (values and a Translator in, bytes out).

Each KPI of the objective gets a panel: the values answered, the linear pace from baseline to
target, the target, the deadline and, once `scoring` can forecast (it needs
MIN_POINTS_FOR_FORECAST check-ins), its 80% band at the deadline. Sized for a phone
(1200 × 675 px, large type), labels in the workspace's language with its number formats.

matplotlib is imported when a chart is drawn, never at import time: the web process, which
acknowledges Slack within 3 s, never pays for it. The Agg canvas needs no display, and a
`Figure` built directly (not through pyplot) holds no global state, so threads may draw at once.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Final

from bot.i18n import Translator

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

WIDTH_PX: Final = 1200
HEIGHT_PX: Final = 675
DPI: Final = 100
MAX_PANELS: Final = 3  # more KPIs than this in one objective: the first ones, and "+N more"
MAX_ALT_TEXT: Final = 1000  # files.getUploadURLExternal's alt_txt
_FONT: Final = 17
_EPOCH: Final = date(1970, 1, 1)  # x positions are days since then
_COLOURS: Final = {
    "actual": "#1d3557",
    "pace": "#8d99ae",
    "target": "#2a9d8f",
    "forecast": "#e76f51",
    "deadline": "#6c757d",
}


@dataclass(frozen=True, slots=True)
class KpiSeries:
    """One KPI as its panel draws it."""

    name: str
    unit: str
    baseline: float
    target: float
    start: date
    deadline: date
    points: tuple[tuple[date, float], ...]
    status: str  # scoring.KpiStatus value
    expected_value: float  # where the linear pace puts it today
    forecast: tuple[float, float, float] | None  # (value, low, high) at the deadline


@dataclass(frozen=True, slots=True)
class ObjectiveChart:
    """One objective's picture: its KPIs, as of a day."""

    objective_id: int
    title: str
    kpis: tuple[KpiSeries, ...]
    as_of: date
    progress_only: bool = False  # the workspace shows no figures: % of the way to the target


def _progress(kpi: KpiSeries) -> KpiSeries:
    """The KPI in % of the way from baseline (0) to target (100): no figure of its own."""
    span = kpi.target - kpi.baseline

    def pct(value: float) -> float:
        return 100.0 * (value - kpi.baseline) / span

    forecast = kpi.forecast
    if forecast is not None:
        low, high = sorted((pct(forecast[1]), pct(forecast[2])))
        forecast = (pct(forecast[0]), low, high)
    return KpiSeries(
        kpi.name, "%", 0.0, 100.0, kpi.start, kpi.deadline,
        tuple((d, pct(v)) for d, v in kpi.points), kpi.status, pct(kpi.expected_value), forecast,
    )  # fmt: skip


def shown_kpis(chart: ObjectiveChart) -> tuple[KpiSeries, ...]:
    """The KPIs the picture draws, as it draws them."""
    kpis = chart.kpis[:MAX_PANELS]
    return tuple(_progress(k) for k in kpis) if chart.progress_only else kpis


def chart_title(chart: ObjectiveChart, t: Translator) -> str:
    """The picture's title (also the uploaded file's title)."""
    if len(chart.kpis) == 1:
        return t("chart.title", objective=chart.title, kpi=chart.kpis[0].name)
    hidden = len(chart.kpis) - MAX_PANELS
    if hidden > 0:
        return t("chart.title_more", objective=chart.title, count=hidden)
    return chart.title


def chart_alt_text(chart: ObjectiveChart, t: Translator) -> str:
    """What the picture says, in words (the status of each KPI first), for screen readers."""
    parts = []
    for kpi in chart.kpis:
        status = t(f"chart.alt_status.{kpi.status}")
        deadline = t.date(kpi.deadline)
        if chart.progress_only:
            parts.append(
                t("chart.alt_plain", objective=chart.title, kpi=kpi.name, status=status,
                  deadline=deadline)
            )  # fmt: skip
            continue
        value = t.number(kpi.points[-1][1]) if kpi.points else t("digest.no_value")
        parts.append(
            t("chart.alt", objective=chart.title, kpi=kpi.name, status=status, value=value,
              target=t.number(kpi.target), expected=t.number(kpi.expected_value),
              deadline=deadline)
        )  # fmt: skip
    text = " ".join(parts) or chart.title
    return text if len(text) <= MAX_ALT_TEXT else text[: MAX_ALT_TEXT - 1] + "…"


def chart_filename(chart: ObjectiveChart) -> str:
    """The uploaded file's name."""
    return f"objective-{chart.objective_id}-{chart.as_of.isoformat()}.png"


def build_objective_figure(chart: ObjectiveChart, t: Translator) -> Figure:
    """The objective's figure (its artists are what the tests read; `render_…` draws it)."""
    from matplotlib.figure import Figure

    kpis = shown_kpis(chart)
    # Fixed margins: a constrained layout would cost a third of the drawing time.
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    figure.subplots_adjust(left=0.09, right=0.98, bottom=0.12, top=0.88, wspace=0.28)
    panels = figure.subplots(1, max(1, len(kpis)), squeeze=False)[0]
    figure.suptitle(chart_title(chart, t), fontsize=_FONT + 5, fontweight="bold")
    for axes, kpi in zip(panels, kpis, strict=False):
        _draw_kpi(axes, kpi, chart, t, several=len(kpis) > 1)
    if not kpis:
        axes = panels[0]
        axes.set_axis_off()
        axes.text(0.5, 0.5, t("digest.objective_no_kpi", title=chart.title), ha="center",
                  va="center", fontsize=_FONT + 2, transform=axes.transAxes)  # fmt: skip
    return figure


def render_objective_chart(chart: ObjectiveChart, t: Translator) -> bytes:
    """The objective's chart as PNG bytes (WIDTH_PX × HEIGHT_PX)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = build_objective_figure(chart, t)
    FigureCanvasAgg(figure)  # attaches itself: savefig draws with Agg, no display needed
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)
    return out.getvalue()


def _x(day: date) -> float:
    return float((day - _EPOCH).days)


def _draw_kpi(
    axes: Axes, kpi: KpiSeries, chart: ObjectiveChart, t: Translator, *, several: bool
) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    start, deadline = _x(kpi.start), _x(kpi.deadline)
    axes.plot(
        [start, deadline], [kpi.baseline, kpi.target], linestyle="--", linewidth=2.5,
        color=_COLOURS["pace"], label=t("chart.pace"),
    )  # fmt: skip
    axes.axhline(kpi.target, color=_COLOURS["target"], linewidth=2.5, label=t("chart.target"))
    axes.axvline(
        deadline, color=_COLOURS["deadline"], linestyle=":", linewidth=2.5,
        label=t("chart.deadline"),
    )  # fmt: skip
    if kpi.points:
        xs = [_x(d) for d, _ in kpi.points]
        ys = [v for _, v in kpi.points]
        axes.plot(
            xs, ys, marker="o" if len(xs) <= 20 else None, markersize=7, linewidth=3,
            color=_COLOURS["actual"], label=t("chart.actual"),
        )  # fmt: skip
        if kpi.forecast is not None:
            value, low, high = kpi.forecast
            last_x, last_y = xs[-1], ys[-1]
            axes.fill_between(
                [last_x, deadline], [last_y, low], [last_y, high], color=_COLOURS["forecast"],
                alpha=0.22, linewidth=0, label=t("chart.forecast"),
            )  # fmt: skip
            axes.plot([last_x, deadline], [last_y, value], color=_COLOURS["forecast"], linewidth=2)
            axes.errorbar(
                [deadline], [value], yerr=[[value - low], [high - value]], fmt="o",
                color=_COLOURS["forecast"], capsize=8, linewidth=2.5, markersize=8,
            )  # fmt: skip
    else:
        axes.text(
            0.5, 0.55, t("chart.no_data"), ha="center", va="center", fontsize=_FONT + 1,
            color=_COLOURS["deadline"], transform=axes.transAxes,
        )  # fmt: skip
    span = max(1.0, deadline - start)
    axes.set_xlim(start - span * 0.03, deadline + span * 0.05)
    if several:
        axes.set_title(kpi.name, fontsize=_FONT + 1)
    axes.set_xlabel(t("chart.x_label"), fontsize=_FONT)
    y_label = (
        t("chart.y_progress")
        if chart.progress_only
        else (t("chart.y_label", unit=kpi.unit) if kpi.unit else t("chart.y_value"))
    )
    axes.set_ylabel(y_label, fontsize=_FONT)
    axes.tick_params(labelsize=_FONT - 2)
    axes.xaxis.set_major_locator(MaxNLocator(nbins=4 if several else 6))
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _pos: t.day_month(_EPOCH + timedelta(days=round(x))))
    )
    axes.yaxis.set_major_locator(MaxNLocator(nbins=6))
    axes.yaxis.set_major_formatter(FuncFormatter(lambda y, _pos: t.number(y)))
    axes.grid(True, alpha=0.3)
    axes.legend(loc="best", fontsize=_FONT - 4 if several else _FONT - 3, framealpha=0.85)


# ---- the chart as a job's payload (JSON) -------------------------------------------------------


def chart_to_dict(chart: ObjectiveChart) -> dict[str, Any]:
    """The chart's values as JSON, to travel in a job's payload."""
    return {
        "objective_id": chart.objective_id,
        "title": chart.title,
        "as_of": chart.as_of.isoformat(),
        "progress_only": chart.progress_only,
        "kpis": [
            {
                "name": k.name,
                "unit": k.unit,
                "baseline": k.baseline,
                "target": k.target,
                "start": k.start.isoformat(),
                "deadline": k.deadline.isoformat(),
                "points": [[d.isoformat(), v] for d, v in k.points],
                "status": k.status,
                "expected_value": k.expected_value,
                "forecast": list(k.forecast) if k.forecast is not None else None,
            }
            for k in chart.kpis
        ],
    }


def _forecast(raw: Any) -> tuple[float, float, float] | None:
    if not isinstance(raw, Sequence) or len(raw) != 3:
        return None
    return float(raw[0]), float(raw[1]), float(raw[2])


def chart_from_dict(raw: Mapping[str, Any]) -> ObjectiveChart:
    """A chart back from its JSON (ValueError/KeyError/TypeError when it is not one)."""
    return ObjectiveChart(
        objective_id=int(raw["objective_id"]),
        title=str(raw["title"]),
        as_of=date.fromisoformat(str(raw["as_of"])),
        progress_only=bool(raw.get("progress_only")),
        kpis=tuple(
            KpiSeries(
                name=str(k["name"]),
                unit=str(k.get("unit") or ""),
                baseline=float(k["baseline"]),
                target=float(k["target"]),
                start=date.fromisoformat(str(k["start"])),
                deadline=date.fromisoformat(str(k["deadline"])),
                points=tuple((date.fromisoformat(str(d)), float(v)) for d, v in k["points"]),
                status=str(k["status"]),
                expected_value=float(k["expected_value"]),
                forecast=_forecast(k.get("forecast")),
            )
            for k in raw["kpis"]
        ),
    )
