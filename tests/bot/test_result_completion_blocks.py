"""What completes a result: the missing cost figures, "Add your costs", the verdict modal and
what an edit changed; every surface within Slack's limits in both languages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import scoring
from bot import ids
from bot.blocks.assessment import build_wizard_done_view, done_external_id
from bot.blocks.recommendation import (
    MAX_MODAL_REASONS,
    build_recommendation_message,
    build_result_modal,
    missing_figures,
)
from bot.i18n import Translator
from bot.sandbox.validation import check_message_blocks, check_view
from scoring.model import Reason, Recommendation

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
LOCALES = ("en", "fr")


def recommend(**means: Any) -> Recommendation:
    raw = json.loads((EXAMPLES / "stalled-in-house.json").read_text())
    raw["means"] = {"currency": "EUR", **means}
    return scoring.recommend(scoring.parse_profile(raw))


def first_button(blocks: list[dict[str, Any]]) -> dict[str, Any]:
    element: dict[str, Any] = next(b for b in blocks if b["type"] == "actions")["elements"][0]
    return element


@pytest.mark.parametrize(
    "means, missing",
    [
        pytest.param({}, ["in_house_pay", "agency_price"], id="no-cost-at-all"),
        pytest.param({"in_house": {"hourly": 20}}, ["hours", "agency_price"], id="a-wage-without-hours"),
        pytest.param({"in_house": {"annual_salary": 30000}}, ["agency_price"], id="only-the-salary"),
        pytest.param({"in_house": {"hourly": 20}, "agency": {"hourly": 50}}, ["hours"], id="both-rates-without-hours"),
        pytest.param({"in_house": {"annual_salary": 30000}, "agency": {"retainer_monthly": 3000}}, [], id="complete"),
    ],
)  # fmt: skip
def test_the_missing_figures_are_the_ones_that_complete_the_comparison(
    means: dict[str, Any], missing: list[str]
) -> None:
    assert missing_figures(recommend(**means).costs) == missing


@pytest.mark.parametrize("locale", LOCALES)
def test_a_result_without_costs_says_so_in_one_line_and_offers_add_your_costs_first(
    locale: str,
) -> None:
    t = Translator(locale)
    message = build_recommendation_message(recommend(), t, assessment_id=7, recommendation_id=42)
    assert check_message_blocks(message.blocks) is None
    lines = [b for b in message.blocks if b["type"] == "context"]
    assert any(
        t("result.costs_missing", figures="")[:12] in json.dumps(b, ensure_ascii=False)
        for b in lines
    )
    button = first_button(message.blocks)
    assert (button["action_id"], button["value"], button["style"]) == (
        ids.ACTION_ADD_COSTS,
        "7",
        "primary",
    )
    primaries = [
        e for b in message.blocks if b["type"] == "actions" for e in b["elements"] if "style" in e
    ]
    assert len(primaries) == 1


@pytest.mark.parametrize("locale", LOCALES)
def test_a_complete_result_keeps_add_kpis_as_its_next_step_and_no_missing_line(
    locale: str,
) -> None:
    t = Translator(locale)
    rec = recommend(in_house={"annual_salary": 30000}, agency={"retainer_monthly": 3000})
    message = build_recommendation_message(rec, t, assessment_id=7, recommendation_id=42)
    assert first_button(message.blocks)["action_id"] == ids.ACTION_ADD_KPI
    assert ids.ACTION_ADD_COSTS not in json.dumps(message.blocks)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_channel_copy_never_carries_the_missing_line_nor_the_changes(locale: str) -> None:
    t = Translator(locale)
    message = build_recommendation_message(
        recommend(),
        t,
        assessment_id=7,
        recommendation_id=42,
        for_channel=True,
        changes=(Reason("verdict_changed", (("from", "agency"), ("to", "in_house"))),),
    )
    text = json.dumps(message.blocks, ensure_ascii=False)
    assert t("result.changed_title") not in text and ids.ACTION_ADD_COSTS not in text


@pytest.mark.parametrize("locale", LOCALES)
def test_the_verdict_modal_shows_the_verdict_and_at_most_three_reasons(locale: str) -> None:
    t = Translator(locale)
    for rec in (recommend(), recommend(in_house={"hourly": 20}, agency={"hourly": 50})):
        view = build_result_modal(rec, t)
        assert check_view(view) is None
        assert view["blocks"][0]["type"] == "header"
        bullets = sum(b.get("text", {}).get("text", "").count("\n• ") for b in view["blocks"])
        assert 1 <= bullets + 1 <= MAX_MODAL_REASONS + 1


@pytest.mark.parametrize("locale", LOCALES)
def test_the_closing_view_carries_the_external_id_the_verdict_updates(locale: str) -> None:
    view = build_wizard_done_view(Translator(locale), external_id=done_external_id("V1", "h.1"))
    assert check_view(view) is None
    assert view["external_id"] == "assessment_done:V1:h.1"


@pytest.mark.parametrize("locale", LOCALES)
def test_an_edit_dm_lists_what_changed_with_the_factor_as_it_reads_now(locale: str) -> None:
    t = Translator(locale)
    rec = recommend(in_house={"hourly": 20}, agency={"hourly": 50}, hours_per_month=40)
    changes = (
        Reason("verdict_changed", (("from", "agency"), ("to", rec.verdict.value))),
        Reason("factor_changed", (("factor", "cost"), ("from", "cost_unknown"), ("to", "x"))),
    )
    message = build_recommendation_message(
        rec, t, assessment_id=7, recommendation_id=42, changes=changes
    )
    assert check_message_blocks(message.blocks) is None
    [section] = [
        b["text"]["text"]
        for b in message.blocks
        if b["type"] == "section" and b["text"]["text"].startswith(t("result.changed_title"))
    ]
    cost = next(c for c in rec.contributions if c.factor == "cost").reason
    assert t.reason(changes[0].code, changes[0].params) in section
    assert f"{t.label('factor.cost')} — {t.reason(cost.code, cost.params)}" in section


@pytest.mark.parametrize("locale", LOCALES)
def test_an_edit_that_changed_nothing_says_so(locale: str) -> None:
    t = Translator(locale)
    message = build_recommendation_message(
        recommend(), t, assessment_id=7, recommendation_id=42, changes=()
    )
    assert t("result.nothing_changed") in json.dumps(message.blocks, ensure_ascii=False)
