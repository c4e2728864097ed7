"""The result message shows the whole decision, fits Slack's limits, and loses its buttons in channels."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import scoring
from bot import ids
from bot.blocks.archive import build_my_assessments
from bot.blocks.privacy import PAY_FIELDS
from bot.blocks.recommendation import (
    MAX_FLIPS,
    build_all_flips_modal,
    build_recommendation_message,
)
from bot.domain import AssessmentLine
from bot.i18n import Translator
from bot.sandbox.validation import check_message_blocks, check_view
from scoring.model import Flip, Reason, Recommendation, Verdict

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def recommend(name: str, **means: Any) -> Recommendation:
    raw = json.loads((EXAMPLES / name).read_text())
    raw["means"].update(means)
    return scoring.recommend(scoring.parse_profile(raw))


def all_text(node: Any) -> str:
    """Every text of a block tree, one per line."""
    if isinstance(node, dict):
        own = [node["text"]] if isinstance(node.get("text"), str) else []
        return "\n".join(own + [all_text(v) for v in node.values() if isinstance(v, dict | list)])
    if isinstance(node, list):
        return "\n".join(all_text(item) for item in node)
    return ""


def buttons(blocks: list[dict[str, Any]]) -> dict[str, str]:
    return {
        element["action_id"]: element["value"]
        for block in blocks
        if block["type"] == "actions"
        for element in block["elements"]
    }


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_result_shows_verdict_confidence_reasons_costs_flips_and_actions(locale: str) -> None:
    t = Translator(locale)
    rec = recommend("stalled-in-house.json")
    assert rec.flips and rec.actions and rec.top_reasons
    message = build_recommendation_message(rec, t, assessment_id=7, recommendation_id=42)
    text = all_text(message.blocks)

    assert message.blocks[0]["type"] == "header"
    assert t.label(f"verdict_inline.{rec.verdict.value}") in message.blocks[0]["text"]["text"]
    assert t.label(f"confidence.{rec.confidence_label.value}") in text
    assert t.percent(rec.confidence) in text
    for reason in (*rec.top_reasons, *rec.against):
        assert t.reason(reason.code, reason.params) in text
    for option in (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY):
        amount = rec.costs.monthly(option)
        assert amount is not None
        assert t.money(amount, rec.costs.currency) in text
    for flip in rec.flips[:MAX_FLIPS]:
        assert t.reason(flip.code, flip.params) in text
    for flip in rec.flips[MAX_FLIPS:]:  # behind the "Show all" button
        assert t.reason(flip.code, flip.params) not in text
    for action in rec.actions:
        assert t.reason(action.code, action.params) in text
    assert t("result.cost_recommended") in text


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_four_buttons_carry_the_assessment_and_recommendation_ids(locale: str) -> None:
    message = build_recommendation_message(
        recommend("ecommerce-growth.json"),
        Translator(locale),
        assessment_id=7,
        recommendation_id=42,
    )
    assert buttons(message.blocks) == {
        ids.ACTION_ADD_KPI: "7",
        ids.ACTION_EDIT_ANSWERS: "7",
        ids.ACTION_SHARE: "42",
        ids.ACTION_ARCHIVE: "7",
    }


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_archive_asks_for_confirmation_within_slacks_limits(locale: str) -> None:
    t = Translator(locale)
    message = build_recommendation_message(
        recommend("ecommerce-growth.json"), t, assessment_id=7, recommendation_id=42
    )
    [archive] = [
        e
        for b in message.blocks
        if b["type"] == "actions"
        for e in b["elements"]
        if e["action_id"] == ids.ACTION_ARCHIVE
    ]
    confirm = archive["confirm"]
    assert confirm["title"]["text"] == t("archive.confirm.title")
    assert confirm["text"]["text"] == t("archive.confirm.text")  # whole: never clipped
    assert len(confirm["title"]["text"]) <= 100 and len(confirm["text"]["text"]) <= 300
    assert len(confirm["confirm"]["text"]) <= 30 and len(confirm["deny"]["text"]) <= 30
    assert confirm["style"] == "danger"
    assert check_message_blocks(message.blocks) is None


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_an_archived_dm_says_since_when_and_offers_only_restore(locale: str) -> None:
    t = Translator(locale)
    note = t("archive.dm.archived", date=t.date(date(2026, 12, 3)))
    message = build_recommendation_message(
        recommend("stalled-in-house.json"), t, assessment_id=7, recommendation_id=42, archived=note
    )
    assert message.blocks[0] == {"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}
    assert buttons(message.blocks) == {ids.ACTION_RESTORE: "7"}
    assert check_message_blocks(message.blocks) is None


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_archive_list_has_one_button_per_assessment_and_fits_in_a_message(
    locale: str,
) -> None:
    t = Translator(locale)
    lines = [
        AssessmentLine(
            i, "leads", "agency", 0.8, date(2026, 1, 1), date(2026, 2, 1) if i % 2 else None
        )
        for i in range(1, 80)
    ]
    message = build_my_assessments(t, lines, note=t("archive.done.archived"))
    assert check_message_blocks(message.blocks) is None
    accessories = [b["accessory"] for b in message.blocks if "accessory" in b]
    assert accessories[0]["action_id"] == ids.ACTION_ARCHIVE  # active ones first
    assert accessories[-1]["action_id"] == ids.ACTION_RESTORE
    assert all("confirm" in a for a in accessories if a["action_id"] == ids.ACTION_ARCHIVE)
    assert t("result.more", count=79 - len(accessories)) in all_text(message.blocks)
    assert build_my_assessments(t, []).text == t("archive.list.none")


def test_the_notification_text_is_one_line_with_verdict_and_confidence() -> None:
    message = build_recommendation_message(
        recommend("ecommerce-growth.json"), Translator("en"), assessment_id=1, recommendation_id=1
    )
    assert message.text == "Recommendation: Agency (confidence high)"


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_channel_copy_has_no_buttons_and_says_who_shared_it(locale: str) -> None:
    t = Translator(locale)
    message = build_recommendation_message(
        recommend("ecommerce-growth.json"),
        t,
        assessment_id=1,
        recommendation_id=2,
        for_channel=True,
        shared_by="U123ABC",
    )
    assert buttons(message.blocks) == {}
    assert message.blocks[-1]["type"] == "context"
    assert "<@U123ABC>" in message.blocks[-1]["elements"][0]["text"]
    assert check_message_blocks(message.blocks) is None


@pytest.mark.parametrize(
    "locale, plainly",
    [
        pytest.param("en", "The recommended option, Agency, costs €4,800 a month", id="en"),
        pytest.param("fr", "L'option recommandée, Agence, coûte 4\u202f800\xa0€ par mois", id="fr"),
    ],
)
def test_an_over_budget_recommendation_says_so_plainly_and_marks_the_option(
    locale: str, plainly: str
) -> None:
    t = Translator(locale)
    rec = recommend("ecommerce-growth.json", budget_monthly=1000)
    assert rec.over_budget
    message = build_recommendation_message(rec, t, assessment_id=1, recommendation_id=1)
    text = all_text(message.blocks)
    assert plainly in text
    assert t("result.cost_over_budget") in text
    # Said once, plainly, not a second time as a reason.
    assert t.reason("over_budget", rec.against[0].params) not in text


def test_an_option_within_budget_is_not_marked_over_budget() -> None:
    t = Translator("en")
    message = build_recommendation_message(
        recommend("ecommerce-growth.json"), t, assessment_id=1, recommendation_id=1
    )
    assert "over budget" not in all_text(message.blocks)


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_dm_lists_the_strongest_flips_and_a_button_opens_them_all(locale: str) -> None:
    t = Translator(locale)
    rec = recommend("stalled-in-house.json")
    every = (*rec.flips, *rec.other_flips)
    assert len(every) > MAX_FLIPS
    message = build_recommendation_message(rec, t, assessment_id=1, recommendation_id=42)
    flips = next(b for b in message.blocks if b.get("accessory"))
    assert flips["text"]["text"].count("•") == MAX_FLIPS
    assert flips["accessory"]["action_id"] == ids.ACTION_ALL_FLIPS
    assert flips["accessory"]["value"] == "42"
    assert flips["accessory"]["text"]["text"] == t("result.button.all_flips", count=len(every))
    # The channel copy has no button: it says how many more there are.
    shared = build_recommendation_message(
        rec, t, assessment_id=1, recommendation_id=42, for_channel=True, show_pay=True
    )
    assert not any(b.get("accessory") for b in shared.blocks)
    assert t("result.more", count=len(every) - MAX_FLIPS) in all_text(shared.blocks)
    # Without the sharer's choice, the flips that name pay are left out of the count too.
    private = build_recommendation_message(
        rec, t, assessment_id=1, recommendation_id=42, for_channel=True
    )
    unpaid = [f for f in every if f.field not in PAY_FIELDS]
    assert t("result.more", count=len(unpaid) - MAX_FLIPS) in all_text(private.blocks)


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_all_flips_modal_lists_every_flip_within_slacks_limits(locale: str) -> None:
    t = Translator(locale)
    for rec in (recommend("stalled-in-house.json"), worst_case(recommend("stalled-in-house.json"))):
        view = build_all_flips_modal(rec, t)
        assert check_view(view) is None
        assert len(view["title"]["text"]) <= 24 and len(view["close"]["text"]) <= 24
        assert len(view["blocks"]) <= 100
        assert all(len(b["text"]["text"]) <= 3000 for b in view["blocks"] if b["type"] == "section")
    rec = recommend("stalled-in-house.json")
    text = all_text(build_all_flips_modal(rec, t)["blocks"])
    for flip in (*rec.flips, *rec.other_flips):
        assert t.reason(flip.code, flip.params) in text


@pytest.mark.parametrize(
    "locale, deciding, against",
    [
        ("en", "*Deciding rule:* Lowest cost wanted", "*What pulls the other way*"),
        ("fr", "*Règle décisive\u00a0:* Coût le plus bas voulu", "*Ce qui tire dans l'autre sens*"),
    ],
)
def test_a_rule_decided_verdict_names_the_rule_on_top_and_what_pulls_against_it(
    locale: str, deciding: str, against: str
) -> None:
    # limit-means: the cheaper hourly cost decides in-house while the commercial need and the
    # awareness objective lean toward the agency.
    rec = recommend("limit-means.json")
    assert rec.verdict is Verdict.IN_HOUSE and rec.rules_fired[0] == "limit_means"
    message = build_recommendation_message(
        rec, Translator(locale), assessment_id=1, recommendation_id=1
    )
    texts = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    assert texts[1].startswith(deciding)  # right under the confidence
    pulls = next(x for x in texts if x.startswith(against))
    assert Translator(locale).reason(rec.against[0].code, rec.against[0].params) in pulls


def worst_case(rec: Recommendation) -> Recommendation:
    """Dozens of long reasons, flips and actions: more than any section can hold."""
    long_reason = Reason(
        "over_budget", (("option", "agency"), ("cost", 9e9), ("gap", 9e9), ("budget", 1.0))
    )
    flip = Flip(
        "flip_budget",
        "means.budget_monthly",
        1.0,
        Verdict.IN_HOUSE,
        (("current", 1e12), ("shown", 9e12), ("value", 9e12), ("verdict", "in_house")),
    )
    return dataclasses.replace(
        rec,
        top_reasons=(long_reason,) * 60,
        against=(long_reason,) * 60,
        flips=(flip,) * 60,
        other_flips=(flip,) * 200,
        actions=rec.actions * 60,
    )  # fmt: skip


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("for_channel", [False, True], ids=["dm", "channel"])
@pytest.mark.parametrize(
    "example", ["ecommerce-growth.json", "stalled-in-house.json", "limit-means.json"]
)
def test_every_result_message_passes_slacks_checks(
    locale: str, for_channel: bool, example: str
) -> None:
    for rec in (recommend(example), worst_case(recommend("stalled-in-house.json"))):
        message = build_recommendation_message(
            rec,
            Translator(locale),
            assessment_id=10**12,
            recommendation_id=10**12,
            for_channel=for_channel,
            shared_by="U1",
        )
        assert check_message_blocks(message.blocks) is None
        assert len(message.blocks) <= 50
        for block in message.blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= 3000
            for element in block.get("elements", []):
                if element.get("type") == "button":
                    assert len(element["text"]["text"]) <= 75
        assert "\n" not in message.text
