"""The digest's charts: a PNG of 1200 × 675 for 0, 1, 3 and 52 check-ins and a decreasing KPI;
labels, title and legend read from the figure's artists (never from pixels)."""

from __future__ import annotations

import struct
from datetime import date, timedelta

import pytest

from bot.blocks.charts import (
    HEIGHT_PX,
    WIDTH_PX,
    KpiSeries,
    ObjectiveChart,
    build_objective_figure,
    chart_alt_text,
    chart_from_dict,
    chart_to_dict,
    render_objective_chart,
)
from bot.i18n import Translator
from scoring.kpi import MIN_POINTS_FOR_FORECAST

START = date(2026, 1, 5)


def chart(points: int, *, decreasing: bool = False, progress_only: bool = False) -> ObjectiveChart:
    baseline, target = (1000.0, 500.0) if decreasing else (20.0, 80.0)
    step = (target - baseline) / 60
    values = tuple((START + timedelta(weeks=i), baseline + step * i) for i in range(points))
    forecast = (target, target - 40, target + 40) if points >= MIN_POINTS_FOR_FORECAST else None
    kpi = KpiSeries(
        "Cost per lead" if decreasing else "Qualified leads", "€" if decreasing else "leads",
        baseline, target, START, START + timedelta(weeks=60), values,
        "on_track" if points >= 2 else "too_early", baseline + step * points, forecast,
    )  # fmt: skip
    return ObjectiveChart(7, "Leads", (kpi,), START + timedelta(weeks=points), progress_only)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("points", [0, 1, 3, 52])
@pytest.mark.parametrize("decreasing", [False, True], ids=["increasing", "decreasing"])
def test_a_chart_is_a_phone_sized_png_for_any_number_of_points(
    points: int, decreasing: bool
) -> None:
    data = render_objective_chart(chart(points, decreasing=decreasing), Translator("en"))
    assert png_size(data) == (WIDTH_PX, HEIGHT_PX)
    assert len(data) > 10_000  # something was drawn


@pytest.mark.parametrize("points", [0, 1, 3, 52])
def test_the_figure_has_its_title_axis_labels_and_a_band_only_once_it_can_forecast(
    points: int,
) -> None:
    figure = build_objective_figure(chart(points), Translator("en"))
    assert figure.get_suptitle() == "Leads — Qualified leads"
    [axes] = figure.axes
    assert (axes.get_xlabel(), axes.get_ylabel()) == ("Date", "leads")
    legend = axes.get_legend()
    assert legend is not None
    labels = [text.get_text() for text in legend.get_texts()]
    assert {"Linear pace", "Target", "Deadline"} <= set(labels)
    assert ("Actual" in labels) == (points > 0)
    assert ("Forecast at the deadline (80%)" in labels) == (points >= MIN_POINTS_FOR_FORECAST)
    texts = [t.get_text() for t in axes.texts]
    assert ("No check-in yet" in texts) == (points == 0)


def test_a_french_chart_speaks_french_with_french_numbers() -> None:
    figure = build_objective_figure(chart(52, decreasing=True), Translator("fr"))
    [axes] = figure.axes
    figure.canvas.draw()  # tick labels exist once drawn
    legend = axes.get_legend()
    assert legend is not None
    labels = [text.get_text() for text in legend.get_texts()]
    assert "Rythme linéaire" in labels and "Échéance" in labels
    assert axes.get_xlabel() == "Date"
    ticks = [t.get_text() for t in axes.get_yticklabels() if t.get_text()]
    assert any("\u202f" in t or "\xa0" in t for t in ticks)  # "1 000": French grouping


def test_a_decreasing_kpi_draws_its_pace_down_to_the_target() -> None:
    figure = build_objective_figure(chart(3, decreasing=True), Translator("en"))
    [axes] = figure.axes
    pace = next(line for line in axes.get_lines() if line.get_label() == "Linear pace")
    assert [float(y) for y in pace.get_ydata()] == [1000.0, 500.0]  # type: ignore[arg-type,union-attr]


def test_without_figures_the_chart_is_in_percent_of_the_way_to_the_target() -> None:
    figure = build_objective_figure(chart(3, progress_only=True), Translator("en"))
    [axes] = figure.axes
    assert axes.get_ylabel() == "% of the way to the target"
    pace = next(line for line in axes.get_lines() if line.get_label() == "Linear pace")
    assert [float(y) for y in pace.get_ydata()] == [0.0, 100.0]  # type: ignore[arg-type,union-attr]
    assert "80" not in chart_alt_text(chart(3, progress_only=True), Translator("en"))


def test_the_alt_text_says_the_status_in_words_and_the_chart_survives_json() -> None:
    c = chart(3)
    assert "on track" in chart_alt_text(c, Translator("en"))
    assert "dans les temps" in chart_alt_text(c, Translator("fr"))
    assert chart_from_dict(chart_to_dict(c)) == c
