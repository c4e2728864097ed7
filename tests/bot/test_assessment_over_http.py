"""The assessment end to end: signed requests in, Web API calls out (the stand-in), rows stored."""

from __future__ import annotations

import json
import time
from datetime import date
from typing import Any

import pytest

from bot import ids
from bot.compose import Web
from bot.sandbox import SignedSlackClient, SlackStandIn, simulated
from bot.sandbox.signed_client import (
    conversations_select,
    datepicker,
    plain_text_input,
    static_select,
)
from bot.sandbox.validation import check_message_blocks, check_view
from bot.store.models import (
    Assessment,
    AssessmentDraft,
    AssessmentVersion,
    Kpi,
    Objective,
    Recommendation,
)
from tests.bot.flows import (
    ALICE,
    BOB,
    DEADLINE,
    assessed,
    complete_assessment,
    count,
    open_wizard,
    rows,
    step_of,
    submit,
    text_of,
    wait_for_dm,
)
from tests.bot.wizard_values import goals, means, organisation

# ---------------------------------------------------------------- the wizard


def test_smm_assess_opens_the_first_step_with_the_fresh_trigger(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    response = slack.slash_command(BOB, "assess")
    assert response.status == 200 and response.body == ""
    [call] = standin.wait_for_calls("views.open", 1, timeout=5)
    assert call.params["trigger_id"] == response.sent["trigger_id"]
    assert call.response["ok"]
    view = call.response["view"]
    assert view["callback_id"] == ids.CALLBACK_WIZARD and view["notify_on_close"] is True
    assert ids.BLOCK_PRIMARY_OBJECTIVE in text_of(view["blocks"])


def test_the_wizard_speaks_the_users_language_and_knows_their_time_zone(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_wizard(slack, standin, ALICE)
    view = standin.view(view_id)
    assert view["submit"]["text"] == "Suivant"
    assert json.loads(view["private_metadata"])["tz"] == "Europe/Paris"


def test_every_step_moves_forward_and_the_result_arrives_by_dm(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    assert step_of(standin, view_id) == ids.STEP_MEANS
    submit(slack, BOB, view_id, means())
    assert step_of(standin, view_id) == ids.STEP_ORGANISATION
    submit(slack, BOB, view_id, organisation())
    assert standin.view(view_id)["callback_id"] == ids.CALLBACK_WIZARD_DONE

    [result] = wait_for_dm(standin, BOB)
    assert check_message_blocks(result["blocks"]) is None
    assert result["text"].startswith("Recommendation:")
    actions = [
        e["action_id"] for b in result["blocks"] if b["type"] == "actions" for e in b["elements"]
    ]
    assert actions == [
        ids.ACTION_ADD_KPI,
        ids.ACTION_EDIT_ANSWERS,
        ids.ACTION_SHARE,
        ids.ACTION_ARCHIVE,
    ]

    [assessment] = rows(web, Assessment)
    assert (assessment.owner_user_id, assessment.status, assessment.version) == (BOB, "active", 1)
    assert assessment.answers["organisation"]["constraints_liftable"] is None  # "don't know" kept
    assert [o.kind for o in rows(web, Objective)] == ["leads", "awareness", "community"]
    [rec] = rows(web, Recommendation)
    assert (rec.trigger, rec.state, rec.previous_id) == ("assessment", "open", None)
    assert count(web, AssessmentDraft) == 0


def test_the_result_message_is_in_french_for_a_french_speaker(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    complete_assessment(slack, standin, ALICE)
    [result] = wait_for_dm(standin, ALICE)
    assert result["text"].startswith("Recommandation")
    assert "Ajouter des KPI" in text_of(result["blocks"])
    assert check_message_blocks(result["blocks"]) is None


@pytest.mark.parametrize(
    "step_values, block",
    [
        pytest.param(lambda: goals(**{ids.BLOCK_DEADLINE: datepicker("2020-01-01")}), ids.BLOCK_DEADLINE, id="deadline-in-the-past"),
        pytest.param(lambda: goals(**{ids.BLOCK_PRIMARY_OBJECTIVE: static_select(None)}), ids.BLOCK_PRIMARY_OBJECTIVE, id="no-primary-objective"),
    ],
)  # fmt: skip
def test_a_bad_goals_step_is_answered_inline_and_stores_nothing(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, step_values: Any, block: str
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    body = submit(slack, BOB, view_id, step_values())
    assert body["response_action"] == "errors" and block in body["errors"]
    time.sleep(0.2)
    assert count(web, AssessmentDraft) == 0
    assert step_of(standin, view_id) == ids.STEP_GOALS


@pytest.mark.parametrize(
    "overrides, block",
    [
        pytest.param({ids.BLOCK_BUDGET: plain_text_input("a lot")}, ids.BLOCK_BUDGET, id="non-numeric-money"),
        pytest.param({ids.BLOCK_AGENCY_HOURLY: plain_text_input("-65")}, ids.BLOCK_AGENCY_HOURLY, id="negative-money"),
        pytest.param({ids.BLOCK_IN_HOUSE_HOURLY: plain_text_input("")}, ids.BLOCK_IN_HOUSE_HOURLY, id="limit-means-needs-the-in-house-hourly-cost"),
        pytest.param({ids.BLOCK_HOURS: plain_text_input("900")}, ids.BLOCK_HOURS, id="more-hours-than-a-month-has"),
    ],
)  # fmt: skip
def test_a_bad_means_step_is_answered_inline_and_keeps_the_draft_where_it_was(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web, overrides: dict[str, Any], block: str
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    time.sleep(0.2)
    body = submit(slack, BOB, view_id, means(**overrides))
    assert body["response_action"] == "errors" and list(body["errors"]) == [block]
    time.sleep(0.2)
    [draft] = rows(web, AssessmentDraft)
    assert draft.step == ids.STEP_MEANS and "means" not in draft.answers


def test_more_than_600_months_in_the_current_mode_is_refused_in_french(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = open_wizard(slack, standin, ALICE)
    submit(slack, ALICE, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    submit(slack, ALICE, view_id, means())
    body = submit(
        slack, ALICE, view_id, organisation(**{ids.BLOCK_MONTHS_IN_MODE: plain_text_input("601")})
    )
    assert body["response_action"] == "errors"
    assert "600" in body["errors"][ids.BLOCK_MONTHS_IN_MODE]
    time.sleep(0.2)
    assert count(web, Assessment) == 0


# ---------------------------------------------------------------- drafts


def test_closing_midway_offers_to_resume_and_the_wizard_reopens_where_it_stopped(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    time.sleep(0.2)
    assert slack.view_closed(BOB, view_id).status == 200
    [offer] = wait_for_dm(standin, BOB)
    assert check_message_blocks(offer["blocks"]) is None
    assert ids.ACTION_RESUME_DRAFT in text_of(offer["blocks"])

    slack.block_action(BOB, ids.ACTION_RESUME_DRAFT, value="resume")
    [_, reopened] = standin.wait_for_calls("views.open", 2, timeout=5)
    view = reopened.response["view"]
    assert json.loads(view["private_metadata"])["step"] == ids.STEP_MEANS
    assert ids.ACTION_START_OVER in text_of(view["blocks"])


def test_closing_before_anything_was_saved_sends_nothing(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    slack.view_closed(BOB, view_id)
    time.sleep(0.3)
    assert standin.messages(BOB) == []


def test_start_over_empties_the_wizard_and_forgets_the_draft(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    time.sleep(0.2)
    slack.view_closed(BOB, view_id)
    resumed = open_wizard(slack, standin, BOB)
    slack.block_action(
        BOB, ids.ACTION_START_OVER, container="view", view_id=resumed, value="start_over"
    )
    [update] = standin.wait_for_calls("views.update", 1, timeout=5)
    assert update.response["ok"], update.response
    assert step_of(standin, resumed) == ids.STEP_GOALS
    assert count(web, AssessmentDraft) == 0


def test_discarding_the_draft_replaces_the_offer(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = open_wizard(slack, standin, ALICE)
    submit(slack, ALICE, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    time.sleep(0.2)
    slack.view_closed(ALICE, view_id)
    wait_for_dm(standin, ALICE)
    slack.block_action(ALICE, ids.ACTION_DISCARD_DRAFT, value="discard")
    [update] = standin.wait_for_calls("chat.update", 1, timeout=5)
    assert update.response["ok"], update.response
    assert count(web, AssessmentDraft) == 0


# ---------------------------------------------------------------- edit


def test_editing_prefills_every_field_and_stores_a_new_version_keeping_the_kpis(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    add_kpi(slack, standin, BOB, assessment_id)

    slack.block_action(
        BOB, ids.ACTION_EDIT_ANSWERS, value=str(assessment_id), message_ts=result_ts(standin, BOB)
    )
    opened = standin.wait_for_calls("views.open", 3, timeout=5)[-1]
    view = opened.response["view"]
    assert json.loads(view["private_metadata"])["assessment_id"] == assessment_id
    assert '"initial_option"' in text_of(view["blocks"])  # pre-filled
    view_id = view["id"]
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    submit(slack, BOB, view_id, means(**{ids.BLOCK_AGENCY_HOURLY: plain_text_input("20")}))
    submit(slack, BOB, view_id, organisation())
    messages = wait_for_dm(standin, BOB, 3)
    assert messages[-1]["text"].startswith("Recommendation:")

    [edited] = rows(web, Assessment)
    assert edited.version == 2 and edited.answers["means"]["agency"]["hourly"] == 20.0
    assert [v.version for v in rows(web, AssessmentVersion)] == [1, 2]
    first, second = rows(web, Recommendation)
    assert (second.trigger, second.previous_id, first.state) == ("edit", first.id, "superseded")
    assert count(web, Kpi) == 1


def test_someone_else_cannot_edit_an_assessment(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    slack.block_action(ALICE, ids.ACTION_EDIT_ANSWERS, value=str(assessment_id))
    [refusal] = wait_for_dm(standin, ALICE)
    assert len(standin.calls("views.open")) == 1  # only Bob's wizard
    assert refusal["text"]


# ---------------------------------------------------------------- KPIs


def result_ts(standin: SlackStandIn, user: str) -> str:
    """The ts of the result message (the one with the Share button) in the user's DM."""
    return str(
        next(m["ts"] for m in standin.messages(user) if ids.ACTION_SHARE in text_of(m["blocks"]))
    )


def kpi_values(objective_id: int, owner: str, **overrides: Any) -> dict[str, Any]:
    return simulated.kpi_values(
        objective_id, owner, start=date.today().isoformat(), deadline=DEADLINE, **overrides
    )


def open_kpi_form(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, assessment_id: int
) -> dict[str, Any]:
    before = len(standin.calls("views.open"))
    slack.block_action(
        user, ids.ACTION_ADD_KPI, value=str(assessment_id), message_ts=result_ts(standin, user)
    )
    call = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1]
    assert call.response["ok"], call.response
    return dict(call.response["view"])


def add_kpi(
    slack: SignedSlackClient, standin: SlackStandIn, user: str, assessment_id: int, **overrides: Any
) -> dict[str, Any]:
    view = open_kpi_form(slack, standin, user, assessment_id)
    objective = next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_OBJECTIVE)
    objective_id = int(objective["element"]["options"][0]["value"])
    body = submit(
        slack, user, view["id"], kpi_values(objective_id, overrides.pop("owner", user), **overrides)
    )
    return body


def test_a_kpi_is_added_from_the_result_and_listed_by_dm(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, ALICE)
    view = open_kpi_form(slack, standin, ALICE, assessment_id)
    assert check_view(view) is None and view["title"]["text"] == "Ajouter un KPI"
    objective = next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_OBJECTIVE)
    body = submit(
        slack, ALICE, view["id"], kpi_values(int(objective["element"]["options"][0]["value"]), BOB)
    )
    assert body == {}
    listing = wait_for_dm(standin, ALICE, 2)[-1]
    assert check_message_blocks(listing["blocks"]) is None
    assert "Qualified leads" in text_of(listing["blocks"]) and f"<@{BOB}>" in text_of(
        listing["blocks"]
    )
    [kpi] = rows(web, Kpi)
    assert (kpi.owner_user_id, kpi.baseline, kpi.target, kpi.checkin_local_time.isoformat()) == (
        BOB,
        20.0,
        80.0,
        "09:30:00",
    )


def test_a_kpi_whose_target_equals_its_baseline_is_refused_inline(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    body = add_kpi(
        slack, standin, BOB, assessment_id, **{ids.BLOCK_KPI_TARGET: plain_text_input("20")}
    )
    assert body["response_action"] == "errors" and ids.BLOCK_KPI_TARGET in body["errors"]
    time.sleep(0.2)
    assert count(web, Kpi) == 0


def test_a_bot_owner_is_refused_after_the_lookup_then_inline_once_known(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    assert add_kpi(slack, standin, BOB, assessment_id, owner="U0BOT") == {}  # not cached yet
    refusal = wait_for_dm(standin, BOB, 2)[-1]
    assert "U0BOT" in refusal["text"] + text_of(refusal["blocks"])
    assert count(web, Kpi) == 0
    body = add_kpi(slack, standin, BOB, assessment_id, owner="U0BOT")  # now cached: inline
    assert body["response_action"] == "errors" and ids.BLOCK_KPI_OWNER in body["errors"]


def test_a_deactivated_owner_is_refused(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    standin.add_user("U0GONE", "gone", deleted=True)
    assessment_id = assessed(slack, standin, web, BOB)
    add_kpi(slack, standin, BOB, assessment_id, owner="U0GONE")
    wait_for_dm(standin, BOB, 2)
    assert count(web, Kpi) == 0


def test_a_kpi_is_edited_from_the_list(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    add_kpi(slack, standin, BOB, assessment_id)
    listing = wait_for_dm(standin, BOB, 2)[-1]
    [kpi] = rows(web, Kpi)
    slack.block_action(BOB, ids.ACTION_EDIT_KPI, value=str(kpi.id), message_ts=listing["ts"])
    view = standin.wait_for_calls("views.open", 3, timeout=5)[-1].response["view"]
    assert '"initial_value": "20"' in text_of(view["blocks"])
    objective_id = kpi.objective_id
    submit(
        slack,
        BOB,
        view["id"],
        kpi_values(objective_id, BOB, **{ids.BLOCK_KPI_TARGET: plain_text_input("120")}),
    )
    wait_for_dm(standin, BOB, 3)
    [edited] = rows(web, Kpi)
    assert (edited.id, edited.target) == (kpi.id, 120.0)


# ---------------------------------------------------------------- sharing


def share(
    slack: SignedSlackClient,
    standin: SlackStandIn,
    web: Web,
    user: str,
    channel: str,
    *,
    refused: bool = False,
) -> dict[str, Any]:
    [rec] = rows(web, Recommendation)
    before = len(standin.calls("views.open"))
    slack.block_action(
        user, ids.ACTION_SHARE, value=str(rec.id), message_ts=result_ts(standin, user)
    )
    view = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1].response["view"]
    assert check_view(view) is None
    values = {
        ids.BLOCK_SHARE_CHANNEL: {
            ids.input_action(ids.BLOCK_SHARE_CHANNEL): conversations_select(channel)
        }
    }
    answer = submit(slack, user, view["id"], values)
    assert (answer != {}) is refused
    return answer


def test_sharing_posts_the_result_in_the_chosen_channel(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)
    share(slack, standin, web, BOB, "C0GENERAL")
    deadline = time.monotonic() + 5
    while not standin.messages("C0GENERAL") and time.monotonic() < deadline:
        time.sleep(0.02)
    [posted] = standin.messages("C0GENERAL")
    assert check_message_blocks(posted["blocks"]) is None
    assert f"<@{BOB}>" in text_of(posted["blocks"])
    assert "actions" not in [b["type"] for b in posted["blocks"]]


def test_sharing_in_a_channel_the_bot_is_not_in_explains_how_to_invite_it(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)
    # Said in the form itself, before it closes (the channel is checked with Slack first).
    answer = share(slack, standin, web, BOB, "C0RANDOM", refused=True)
    assert "/invite" in answer["errors"][ids.BLOCK_SHARE_CHANNEL]
    assert standin.messages("C0RANDOM") == []


# ---------------------------------------------------------------- delivered twice, done once


def test_the_last_step_submitted_twice_stores_one_assessment_and_sends_one_dm(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    view_id = open_wizard(slack, standin, BOB)
    submit(slack, BOB, view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(DEADLINE)}))
    submit(slack, BOB, view_id, means())
    # A double click: the same view (same id and hash) arrives twice.
    slack.view_submission(BOB, view_id, organisation(), apply_response=False)
    slack.view_submission(BOB, view_id, organisation())
    wait_for_dm(standin, BOB)
    time.sleep(0.3)
    assert len(standin.messages(BOB)) == 1
    assert (count(web, Assessment), count(web, Recommendation)) == (1, 1)


def test_a_kpi_form_submitted_twice_adds_one_kpi(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    view = open_kpi_form(slack, standin, BOB, assessment_id)
    objective = next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_OBJECTIVE)
    values = kpi_values(int(objective["element"]["options"][0]["value"]), BOB)
    slack.view_submission(BOB, view["id"], values, apply_response=False)
    slack.view_submission(BOB, view["id"], values)
    wait_for_dm(standin, BOB, 2)
    time.sleep(0.3)
    assert count(web, Kpi) == 1 and len(standin.messages(BOB)) == 2


def test_an_expired_trigger_is_explained_by_dm_instead_of_a_modal_that_never_comes(
    slack: SignedSlackClient, standin: SlackStandIn
) -> None:
    standin.fail("views.open", error="expired_trigger_id")
    slack.slash_command(BOB, "assess")
    [notice] = wait_for_dm(standin, BOB)
    assert "/smm assess" in notice["text"]


def test_someone_elses_share_button_opens_nothing(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    complete_assessment(slack, standin, BOB)
    wait_for_dm(standin, BOB)
    [rec] = rows(web, Recommendation)
    slack.block_action(ALICE, ids.ACTION_SHARE, value=str(rec.id))
    [refusal] = wait_for_dm(standin, ALICE)
    assert refusal["text"].startswith("Only the person")  # Alice is not cached: the default
    assert len(standin.calls("views.open")) == 1  # only Bob's wizard


def test_an_owner_refused_inline_gets_no_second_message(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    add_kpi(slack, standin, BOB, assessment_id, owner="U0BOT")  # cached as a bot after this
    wait_for_dm(standin, BOB, 2)
    body = add_kpi(slack, standin, BOB, assessment_id, owner="U0BOT")
    assert body["response_action"] == "errors"
    time.sleep(0.3)
    assert len(standin.messages(BOB)) == 2  # the inline error was enough


def test_a_kpi_is_kept_when_slack_cannot_say_who_its_owner_is(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    standin.add_user("U0NEW", "newcomer")
    standin.fail("users.info", error="internal_error", status=500, times=2)
    add_kpi(slack, standin, BOB, assessment_id, owner="U0NEW")
    wait_for_dm(standin, BOB, 2)
    assert count(web, Kpi) == 1


def test_buttons_pressed_twice_create_no_row_and_no_message(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    [rec] = rows(web, Recommendation)
    ts = result_ts(standin, BOB)
    for action, value in (
        (ids.ACTION_ADD_KPI, assessment_id),
        (ids.ACTION_EDIT_ANSWERS, assessment_id),
        (ids.ACTION_SHARE, rec.id),
    ):
        for _ in range(2):
            assert slack.block_action(BOB, action, value=str(value), message_ts=ts).status == 200
    standin.wait_for_calls("views.open", 7, timeout=5)
    time.sleep(0.3)
    assert len(standin.messages(BOB)) == 1  # only the result
    assert (count(web, Kpi), count(web, Recommendation), count(web, AssessmentVersion)) == (0, 1, 1)
