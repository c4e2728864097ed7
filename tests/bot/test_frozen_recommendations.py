"""A recommendation is frozen as shown: every copy is rendered from its row, never scored
again, and a newer one replaces the old DM in place."""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

import pytest

import scoring
from bot import ids
from bot.compose import Web
from bot.domain import MessagePurpose
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import datepicker, plain_text_input
from bot.sandbox.validation import check_message_blocks
from bot.store.models import Recommendation, RecommendationMessage
from tests.bot.flows import ALICE, BOB, DEADLINE, assessed, rows, submit, text_of, wait_for_dm
from tests.bot.test_assessment_over_http import result_ts, share
from tests.bot.wizard_values import goals, means, organisation


def _wait(condition: Any, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert condition()


def test_the_dm_is_recorded_where_it_landed(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessed(slack, standin, web, BOB)
    [row] = rows(web, Recommendation)
    _wait(lambda: rows(web, RecommendationMessage))
    [posted] = rows(web, RecommendationMessage)
    [dm] = standin.messages(BOB)
    assert (posted.recommendation_id, posted.purpose) == (row.id, MessagePurpose.DM)
    assert posted.ts == dm["ts"]


def test_a_share_shows_the_frozen_recommendation_even_after_the_model_changed(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    assessed(slack, standin, web, BOB)
    [dm] = standin.messages(BOB)
    real = scoring.recommend

    def changed_model(*args: Any, **kwargs: Any) -> scoring.Recommendation:
        rec = real(*args, **kwargs)  # a model that now says the opposite, with other reasons
        return dataclasses.replace(rec, verdict=scoring.Verdict.AGENCY, top_reasons=())

    monkeypatch.setattr(scoring, "recommend", changed_model)
    share(slack, standin, web, BOB, "C0GENERAL")
    _wait(lambda: standin.messages("C0GENERAL"))
    [posted] = standin.messages("C0GENERAL")
    assert check_message_blocks(posted["blocks"]) is None
    # The channel copy is the DM without its buttons, plus who shared it.
    assert posted["blocks"][0] == dm["blocks"][0]  # "Recommendation: In-house"
    dm_sections = [b for b in dm["blocks"] if b["type"] == "section"]
    shared_sections = [b for b in posted["blocks"] if b["type"] == "section"]
    # Confidence, deciding rule, what pulls the other way, costs: as the DM showed them, but
    # for pay (the hourly figures), which a channel copy leaves out unless the sharer chose.
    assert shared_sections[0] == dm_sections[0]
    assert "/h" not in json.dumps(shared_sections)
    without_pay = [b for b in dm_sections[:4] if "/h" not in json.dumps(b)]
    assert without_pay and all(b in shared_sections for b in without_pay)
    _wait(lambda: len(rows(web, RecommendationMessage)) == 2)
    purposes = sorted(m.purpose for m in rows(web, RecommendationMessage))
    assert purposes == [MessagePurpose.DM, MessagePurpose.SHARE]


def test_a_newer_recommendation_replaces_the_old_dm_in_place(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    _wait(lambda: rows(web, RecommendationMessage))
    [first_dm] = standin.messages(BOB)
    slack.block_action(
        BOB, ids.ACTION_EDIT_ANSWERS, value=str(assessment_id), message_ts=result_ts(standin, BOB)
    )
    view = standin.wait_for_calls("views.open", 2, timeout=5)[-1].response["view"]
    submit(slack, BOB, view["id"], goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    submit(slack, BOB, view["id"], means(**{ids.BLOCK_AGENCY_HOURLY: plain_text_input("20")}))
    submit(slack, BOB, view["id"], organisation())
    wait_for_dm(standin, BOB, 2)
    _wait(lambda: standin.calls("chat.update"))
    [update] = standin.calls("chat.update")
    assert update.params["ts"] == first_dm["ts"]
    old = standin.messages(BOB)[0]
    assert old["ts"] == first_dm["ts"]
    assert check_message_blocks(old["blocks"]) is None
    assert old["blocks"][0]["type"] == "context"
    first, second = rows(web, Recommendation)
    assert "Replaced on" in text_of(old["blocks"][:1])
    assert "actions" not in [b["type"] for b in old["blocks"]]  # its buttons are gone
    # The old message still says what it said: its verdict, as frozen.
    assert old["blocks"][1] == first_dm["blocks"][0]
    assert second.previous_id == first.id and first.state == "superseded"


def _edit_and_resubmit(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, assessment_id: int
) -> None:
    """The owner edits their answers (a cheaper agency): a newer recommendation, a new DM."""
    slack.block_action(
        user, ids.ACTION_EDIT_ANSWERS, value=str(assessment_id), message_ts=result_ts(standin, user)
    )
    view = standin.wait_for_calls("views.open", 2, timeout=5)[-1].response["view"]
    submit(slack, user, view["id"], goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    submit(slack, user, view["id"], means(**{ids.BLOCK_AGENCY_HOURLY: plain_text_input("20")}))
    submit(slack, user, view["id"], organisation())


@pytest.mark.parametrize(
    "user, words",
    [
        pytest.param(BOB, "the new recommendation", id="en"),
        pytest.param(ALICE, "la nouvelle recommandation", id="fr"),
    ],
)
def test_the_replaced_dm_links_to_the_new_one(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, user: str, words: str
) -> None:
    assessment_id = assessed(slack, standin, web, user)
    _wait(lambda: rows(web, RecommendationMessage))
    _edit_and_resubmit(slack, standin, user, assessment_id)
    wait_for_dm(standin, user, 2)
    _wait(lambda: standin.calls("chat.update"))
    old, new = standin.messages(user)
    # The link is Slack's own permalink of the new DM, asked once it had landed.
    [asked] = standin.calls("chat.getPermalink")
    assert (asked.params["channel"], asked.params["message_ts"]) == (standin.dm_id(user), new["ts"])
    permalink = asked.response["permalink"]
    assert permalink == (
        f"https://standin.slack.com/archives/{standin.dm_id(user)}/p{new['ts'].replace('.', '')}"
    )
    note = old["blocks"][0]
    assert note["type"] == "context"
    assert f"<{permalink}|{words}>" in note["elements"][0]["text"]
    assert check_message_blocks(old["blocks"]) is None
    assert "actions" not in [b["type"] for b in old["blocks"]]


def test_a_replaced_dm_whose_permalink_slack_refuses_is_updated_without_the_link(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    _wait(lambda: rows(web, RecommendationMessage))
    standin.fail("chat.getPermalink", "message_not_found")
    _edit_and_resubmit(slack, standin, BOB, assessment_id)
    wait_for_dm(standin, BOB, 2)
    _wait(lambda: standin.calls("chat.update"))
    old = standin.messages(BOB)[0]
    assert "Replaced on" in text_of(old["blocks"][:1])
    assert "posted below" in text_of(old["blocks"][:1])
    assert "slack.com/archives" not in text_of(old["blocks"])
    assert check_message_blocks(old["blocks"]) is None
