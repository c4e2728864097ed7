"""The wizard's views pass Slack's checks in both languages and give back what they were given."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from bot import ids
from bot.answers import Answers
from bot.blocks.assessment import build_resume_offer, build_wizard_done_view, build_wizard_view
from bot.forms import FieldErrors
from bot.forms.assessment import WizardState, parse_metadata, parse_step
from bot.i18n import Translator
from bot.sandbox.validation import check_message_blocks, check_view
from tests.bot.wizard_values import FULL_ANSWERS

TODAY = date(2026, 11, 28)
LANGS = ("en", "fr")

# The other side of every either-or: a salary, a retainer, no "limit means", other choices.
OTHER_FULL_ANSWERS: dict[str, Any] = {
    "objectives": {"primary": "financial_comm", "secondary": ["csr", "employer_brand"]},
    "audience": "restricted",
    "capabilities": ["copywriting", "retargeting", "search_ads"],
    "speed": "steady",
    "progress": 0.07,
    "smo_sma_mix": 0.333,
    "deadline": TODAY.isoformat(),
    "means": {
        "currency": "XOF",
        "limit_means": False,
        "budget_monthly": 1200.5,
        "hours_per_month": 35.5,
        "in_house": {"annual_salary": 38000.0, "load_factor": 1.3},
        "agency": {"retainer_monthly": 2500.0},
    },
    "organisation": {
        "current_mode": "none",
        "months_in_mode": 0.0,
        "results": "unknown",
        "manager_checked": False,
        "vertical": None,
        "constraints_liftable": True,
        "interlocutor": None,
    },
}
ANSWERS = {"empty": {}, "full": FULL_ANSWERS, "other-full": OTHER_FULL_ANSWERS}
NONE = Answers()


def all_views() -> list[Any]:
    return [
        pytest.param(
            WizardState(step, lang, Answers.from_json(answers), assessment_id=5, resumed=resumed),
            id=f"{lang}-{step}-{name}-resumed={resumed}",
        )
        for lang in LANGS
        for step in ids.STEPS
        for name, answers in ANSWERS.items()
        for resumed in (False, True)
    ]


def view_of(state: WizardState) -> dict[str, Any]:
    return build_wizard_view(state, Translator(state.locale), today=TODAY)


def inputs(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [b for b in view["blocks"] if b["type"] == "input"]


def echo(view: dict[str, Any]) -> dict[str, Any]:
    """The `view.state.values` Slack sends when the user submits the view without touching it."""
    values: dict[str, Any] = {}
    for block in inputs(view):
        element = block["element"]
        kind = element["type"]
        if kind == "plain_text_input":
            state = {"value": element.get("initial_value")}
        elif kind in ("static_select", "radio_buttons"):
            state = {"selected_option": element.get("initial_option")}
        elif kind == "checkboxes":
            state = {"selected_options": element.get("initial_options", [])}
        elif kind == "datepicker":
            state = {"selected_date": element.get("initial_date")}
        else:
            raise AssertionError(f"no echo for {kind}")
        values[block["block_id"]] = {element["action_id"]: {"type": kind, **state}}
    return values


def texts(node: Any, key: str) -> Iterator[str]:
    """Every plain text under `key` anywhere in a view (labels, hints, placeholders…)."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key and isinstance(value, dict) and "text" in value:
                yield value["text"]
            yield from texts(value, key)
    elif isinstance(node, list):
        for item in node:
            yield from texts(item, key)


def options(view: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for block in inputs(view):
        yield from block["element"].get("options", [])


@pytest.mark.parametrize("state", all_views())
def test_every_step_passes_slacks_checks_in_both_languages(state: WizardState) -> None:
    assert check_view(view_of(state)) is None


@pytest.mark.parametrize("state", all_views())
def test_texts_stay_within_the_limits_slack_sdk_does_not_check(state: WizardState) -> None:
    view = view_of(state)
    assert all(len(o["text"]["text"]) <= 75 for o in options(view))
    assert all(len(o["value"]) <= 150 for o in options(view))
    assert all(len(text) <= 150 for text in texts(view, "placeholder"))
    assert all(len(text) <= 2000 for text in [*texts(view, "label"), *texts(view, "hint")])
    assert all(len(b["block_id"]) <= 255 for b in inputs(view))
    assert len(view["blocks"]) <= 100


@pytest.mark.parametrize("state", all_views())
def test_initial_options_are_identical_to_one_of_the_options(state: WizardState) -> None:
    for block in inputs(view_of(state)):
        element = block["element"]
        offered = element.get("options", [])
        if "initial_option" in element:
            assert element["initial_option"] in offered
        assert all(o in offered for o in element.get("initial_options", []))
        assert element.get("initial_options", [None]) != []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("answers", ["full", "other-full"])
def test_a_pre_filled_view_submitted_untouched_gives_back_the_same_answers(
    lang: str, answers: str
) -> None:
    state = WizardState(ids.STEP_GOALS, lang, Answers.from_json(ANSWERS[answers]))
    rebuilt = WizardState(ids.STEP_GOALS, lang, NONE)
    for step in ids.STEPS:
        view = view_of(replace(state, step=step))
        result = parse_step(replace(rebuilt, step=step), echo(view), Translator(lang), today=TODAY)
        assert not isinstance(result, FieldErrors), result
        rebuilt = result.state
    assert rebuilt.answers.to_json() == ANSWERS[answers]


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_view_submitted_asks_for_the_required_choices_only(lang: str) -> None:
    required = {
        ids.STEP_GOALS: {ids.BLOCK_PRIMARY_OBJECTIVE, ids.BLOCK_AUDIENCE},
        ids.STEP_MEANS: {ids.BLOCK_LIMIT_MEANS},  # the decisive choice is asked, not assumed
        ids.STEP_ORGANISATION: {ids.BLOCK_CURRENT_MODE},
    }
    for step in ids.STEPS:
        view = view_of(WizardState(step, lang, NONE))
        result = parse_step(
            WizardState(step, lang, NONE), echo(view), Translator(lang), today=TODAY
        )
        errors = result.errors if isinstance(result, FieldErrors) else {}
        assert set(errors) == required[step]
        assert {b["block_id"] for b in inputs(view) if not b["optional"]} >= required[step]


@pytest.mark.parametrize(
    "lang, titles, next_label, last_label, close",
    [
        ("en", ["Assessment 1/3", "Assessment 2/3", "Assessment 3/3"], "Next",
         "Get my recommendation", "Cancel"),
        ("fr", ["Diagnostic 1/3", "Diagnostic 2/3", "Diagnostic 3/3"], "Suivant",
         "Voir ma recommandation", "Annuler"),
    ],
)  # fmt: skip
def test_titles_count_the_steps_and_the_last_submit_asks_for_the_recommendation(
    lang: str, titles: list[str], next_label: str, last_label: str, close: str
) -> None:
    views = [view_of(WizardState(step, lang, NONE)) for step in ids.STEPS]
    assert [v["title"]["text"] for v in views] == titles
    assert [v["submit"]["text"] for v in views] == [next_label, next_label, last_label]
    assert {v["close"]["text"] for v in views} == {close}


def test_every_step_is_the_wizard_callback_notifies_on_close_and_carries_its_state() -> None:
    state = WizardState(ids.STEP_MEANS, "fr", Answers.from_json(FULL_ANSWERS), assessment_id=12)
    view = view_of(state)
    assert view["callback_id"] == ids.CALLBACK_WIZARD
    assert view["notify_on_close"] is True
    assert parse_metadata(view["private_metadata"]) == state


@pytest.mark.parametrize("step", ids.STEPS)
def test_each_step_opens_with_why_its_questions_matter(step: str) -> None:
    t = Translator("en")
    first = view_of(WizardState(step, "en", NONE))["blocks"][0]
    assert first == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": t(f"wizard.{step}.intro")},
    }


def test_a_resumed_draft_says_so_and_offers_to_start_over() -> None:
    blocks = view_of(
        WizardState(ids.STEP_GOALS, "fr", Answers.from_json(FULL_ANSWERS), resumed=True)
    )["blocks"]
    assert blocks[0]["text"]["text"] == Translator("fr")("wizard.resumed.text")
    assert blocks[0]["accessory"]["action_id"] == ids.ACTION_START_OVER
    assert blocks[0]["accessory"]["text"]["text"] == "Recommencer"


def test_a_fresh_wizard_has_no_start_over_button() -> None:
    view = view_of(WizardState(ids.STEP_GOALS, "en", NONE))
    assert ids.ACTION_START_OVER not in json.dumps(view)


def test_choices_are_labelled_by_the_scoring_catalogue() -> None:
    t = Translator("fr")
    view = view_of(WizardState(ids.STEP_GOALS, "fr", NONE))
    primary = next(b for b in inputs(view) if b["block_id"] == ids.BLOCK_PRIMARY_OBJECTIVE)
    leads = primary["element"]["options"][0]
    assert leads == {"text": {"type": "plain_text", "text": "Leads"}, "value": "leads"}
    assert leads["text"]["text"].lower() == t.label("objective.leads").lower()


@pytest.mark.parametrize("lang, expected", [("en", ("1.3", "1.42")), ("fr", ("1,3", "1,42"))])
def test_money_fields_explain_their_unit_and_the_load_factor_its_default(
    lang: str, expected: tuple[str, str]
) -> None:
    view = view_of(WizardState(ids.STEP_MEANS, lang, NONE))
    hints = {b["block_id"]: b.get("hint", {}).get("text", "") for b in inputs(view)}
    assert all(number in hints[ids.BLOCK_LOAD_FACTOR] for number in expected)
    money = [ids.BLOCK_BUDGET, ids.BLOCK_IN_HOUSE_HOURLY, ids.BLOCK_IN_HOUSE_SALARY]
    money += [ids.BLOCK_AGENCY_HOURLY, ids.BLOCK_AGENCY_RETAINER]
    assert all(hints[block] for block in money)


def test_numbers_are_pre_filled_the_way_the_reader_writes_them() -> None:
    view = view_of(WizardState(ids.STEP_MEANS, "fr", Answers.from_json(OTHER_FULL_ANSWERS)))
    initial = {b["block_id"]: b["element"].get("initial_value") for b in inputs(view)}
    assert initial[ids.BLOCK_BUDGET] == "1200,5"
    assert initial[ids.BLOCK_IN_HOUSE_SALARY] == "38000"


def test_an_answer_in_an_unlisted_currency_is_still_offered_and_selected() -> None:
    answers = {"means": {"currency": "JPY", "limit_means": False}}
    view = view_of(WizardState(ids.STEP_MEANS, "en", Answers.from_json(answers)))
    currency = next(b for b in inputs(view) if b["block_id"] == ids.BLOCK_CURRENCY)
    assert currency["element"]["initial_option"]["value"] == "JPY"
    assert check_view(view) is None


@pytest.mark.parametrize("lang", LANGS)
def test_the_closing_view_says_the_recommendation_is_coming_and_only_closes(lang: str) -> None:
    t = Translator(lang)
    view = build_wizard_done_view(t)
    assert check_view(view) is None
    assert "submit" not in view
    assert view["close"]["text"] == t("wizard.done.close")
    assert view["blocks"][0]["text"]["text"] == t("wizard.done.text")


@pytest.mark.parametrize("lang", LANGS)
def test_the_resume_offer_has_resume_and_discard_buttons(lang: str) -> None:
    t = Translator(lang)
    message = build_resume_offer(t)
    assert message.text == t("wizard.draft.text")
    assert check_message_blocks(message.blocks) is None
    buttons = message.blocks[-1]["elements"]
    assert [b["action_id"] for b in buttons] == [ids.ACTION_RESUME_DRAFT, ids.ACTION_DISCARD_DRAFT]
    assert all(len(b["text"]["text"]) <= 75 for b in buttons)
