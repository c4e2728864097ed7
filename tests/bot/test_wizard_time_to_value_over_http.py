"""Time to value, through the real HTTP app: the fewest answers to a full cost comparison, the
verdict in the modal, "Add your costs" when a figure is missing, and what an edit changed."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot import ids
from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import datepicker, plain_text_input, radio_buttons, static_select
from bot.sandbox.validation import check_message_blocks, check_view
from bot.store.models import Assessment, Recommendation
from tests.bot.flows import (
    ALICE,
    BOB,
    DEADLINE,
    assessed,
    complete_assessment,
    open_wizard,
    rows,
    submit,
    text_of,
    wait_for_dm,
)
from tests.bot.wizard_values import goals, means, organisation, state_values

MAX_ANSWERS = 10
MAX_STEPS = 3

# Only what a hurried marketing director answers: the rest keeps its default or stays empty.
SHORT_PATH: tuple[dict[str, Any], ...] = (
    state_values(
        **{
            ids.BLOCK_PRIMARY_OBJECTIVE: static_select("leads"),
            ids.BLOCK_AUDIENCE: radio_buttons("broad"),
        }
    ),
    state_values(
        **{
            ids.BLOCK_LIMIT_MEANS: radio_buttons("best_chance"),
            ids.BLOCK_HOURS: plain_text_input("40"),
            ids.BLOCK_IN_HOUSE_HOURLY: plain_text_input("25"),
            ids.BLOCK_AGENCY_HOURLY: plain_text_input("60"),
        }
    ),
    state_values(**{ids.BLOCK_CURRENT_MODE: static_select("in_house")}),
)
NO_COSTS: tuple[dict[str, Any], ...] = (
    SHORT_PATH[0],
    state_values(**{ids.BLOCK_LIMIT_MEANS: radio_buttons("best_chance")}),
    SHORT_PATH[2],
)


def answered(steps: tuple[dict[str, Any], ...]) -> int:
    """How many questions the person answered (one element per answered block)."""
    return sum(len(step) for step in steps)


def run(slack: SignedSlackClient, standin: SlackStandIn, user: str, steps: Any) -> str:
    view_id = open_wizard(slack, standin, user)
    for values in steps:
        body = submit(slack, user, view_id, values)
        assert body.get("response_action") == "update", body
    return view_id


def cost_lines(message: dict[str, Any], title: str) -> list[str]:
    [section] = [
        str(b["text"]["text"])
        for b in message["blocks"]
        if b["type"] == "section" and b["text"]["text"].startswith(title)
    ]
    return section.split("\n")[1:]


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def modal_after_verdict(standin: SlackStandIn, view_id: str) -> dict[str, Any]:
    [update] = standin.wait_for_calls("views.update", 1, timeout=5)
    assert update.response["ok"], update.response
    return standin.view(view_id)


def test_ten_answers_in_three_steps_at_most_give_all_three_monthly_costs(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    assert len(SHORT_PATH) <= MAX_STEPS and answered(SHORT_PATH) <= MAX_ANSWERS
    run(slack, standin, BOB, SHORT_PATH)
    [result] = wait_for_dm(standin, BOB)
    assert check_message_blocks(result["blocks"]) is None
    lines = cost_lines(result, "*Monthly cost*")
    assert [line.lstrip("• *").split(":")[0] for line in lines] == [
        "In-house",
        "Hybrid (in-house + agency)",
        "Agency",
    ]
    assert all("€" in line and "unknown" not in line for line in lines), lines
    assert "To compare all three monthly costs" not in text_of(result["blocks"])
    assert buttons(result)[0]["action_id"] == ids.ACTION_ADD_KPI
    assert buttons(result)[0]["style"] == "primary"


@pytest.mark.parametrize(
    "user, verdict_word, more",
    [(BOB, "Recommendation:", "in your DMs"), (ALICE, "Recommandation", "messages privés")],
)
def test_after_the_last_step_the_modal_shows_the_verdict_and_its_first_reasons_then_the_dm(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, verdict_word: str, more: str
) -> None:
    view_id = complete_assessment(slack, standin, user)
    view = modal_after_verdict(standin, view_id)
    assert check_view(view) is None
    assert view["callback_id"] == ids.CALLBACK_WIZARD_DONE
    assert view["blocks"][0]["type"] == "header"
    assert view["blocks"][0]["text"]["text"].startswith(verdict_word)
    reasons = [b for b in view["blocks"] if b["type"] == "section" and "•" in b["text"]["text"]]
    assert 1 <= reasons[0]["text"]["text"].count("•") <= 3
    assert more in text_of(view["blocks"])
    [result] = wait_for_dm(standin, user)
    assert check_message_blocks(result["blocks"]) is None
    calls = [c.method for c in standin.calls() if c.method in ("views.update", "chat.postMessage")]
    assert calls.index("views.update") < calls.index("chat.postMessage")  # the DM follows


@pytest.mark.parametrize(
    "user, line, button",
    [
        (
            BOB,
            "To compare all three monthly costs, add the in-house pay (hourly wage or annual "
            "salary) and the agency's price (hourly rate or monthly retainer).",
            "Add your costs",
        ),
        (
            ALICE,
            "Pour comparer les trois coûts mensuels, ajoutez le salaire interne (horaire ou "
            "annuel) et le prix de l'agence (tarif horaire ou forfait mensuel).",
            "Ajouter vos coûts",
        ),
    ],
)
def test_without_costs_the_result_names_the_missing_figures_and_add_your_costs_opens_the_means(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, user: str, line: str, button: str
) -> None:
    view_id = run(slack, standin, user, NO_COSTS)
    [result] = wait_for_dm(standin, user)
    assert check_message_blocks(result["blocks"]) is None
    assert line in text_of(result["blocks"])
    first, *others = buttons(result)
    assert (first["action_id"], first["text"]["text"], first["style"]) == (
        ids.ACTION_ADD_COSTS,
        button,
        "primary",
    )
    assert all("style" not in b for b in others)  # one primary button: the next step
    assert line in text_of(modal_after_verdict(standin, view_id)["blocks"])

    [assessment] = rows(web, Assessment)
    slack.block_action(user, ids.ACTION_ADD_COSTS, value=first["value"], message_ts=result["ts"])
    opened = standin.wait_for_calls("views.open", 2, timeout=5)[-1]
    assert opened.response["ok"], opened.response
    metadata = json.loads(opened.response["view"]["private_metadata"])
    assert (metadata["step"], metadata["assessment_id"]) == (ids.STEP_MEANS, assessment.id)
    # The decisive choice already made stays made.
    assert '"initial_option"' in text_of(opened.response["view"]["blocks"])


@pytest.mark.parametrize(
    "user, title, line",
    [
        (BOB, "*What changed since the last recommendation*", "No longer applies: lowest cost"),
        (
            ALICE,
            "*Ce qui a changé depuis la dernière recommandation*",
            "Ne s'applique plus\u00a0: coût le plus bas",
        ),
    ],
)
def test_an_edit_that_changes_the_recommendation_lists_what_changed_in_the_new_dm(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, user: str, title: str, line: str
) -> None:
    assessment_id = assessed(slack, standin, web, user)
    [first_dm] = standin.messages(user)
    assert title not in text_of(first_dm["blocks"])  # a first recommendation replaces none
    slack.block_action(
        user, ids.ACTION_EDIT_ANSWERS, value=str(assessment_id), message_ts=first_dm["ts"]
    )
    view_id = standin.wait_for_calls("views.open", 2, timeout=5)[-1].response["view"]["id"]
    # Slack sends the pre-filled answers back; the stand-in sends what the test gives.
    submit(slack, user, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    submit(slack, user, view_id, means(**{ids.BLOCK_LIMIT_MEANS: radio_buttons("best_chance")}))
    submit(slack, user, view_id, organisation())
    messages = wait_for_dm(standin, user, 2)
    new = messages[-1]
    assert check_message_blocks(new["blocks"]) is None
    assert title in text_of(new["blocks"]) and line in text_of(new["blocks"])
    first, second = rows(web, Recommendation)
    assert second.previous_id == first.id and second.changes
