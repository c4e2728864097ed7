"""`python -m bot demo`: the whole loop offline, against the Slack stand-in, on SQLite.

Simulated people send signed requests to the real HTTP app exactly as Slack would: Bob (in
English) runs the assessment, makes a mistake the modal refuses, adds a KPI and shares the
result; Alice (in French) starts one, closes it midway, resumes it from the bot's DM and gets
her recommendation; Dana's result meets a Slack that refuses it twice (a 429 with a long
Retry-After, then a 5xx) and arrives on the clock's next ticks. Every modal and message the bot
produced goes into a markdown transcript.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bot import ids
from bot.compose import build_clock, build_web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.serving import serve_wsgi
from bot.sandbox.signed_client import (
    checkboxes,
    conversations_select,
    datepicker,
    plain_text_input,
    radio_buttons,
    static_select,
)
from bot.sandbox.simulated import goals, kpi_values, means, organisation
from bot.sandbox.transcript import render_message, render_view
from bot.scheduler import run_tick
from bot.settings import Settings
from bot.store.migrate import upgrade

OUTPUT = Path("demo-output")
SIGNING_SECRET = "demo-signing-secret"
BOB, ALICE = "U0BOB", "U0ALICE"  # the stand-in's people: Bob writes in English, Alice in French
DANA = "U0DANA"  # added for the demo: her result meets a Slack having a bad minute
SLACK_WAIT_SECONDS = 90  # the Retry-After of Slack's 429 in Dana's scene
WAIT_SECONDS = 5.0


@dataclass
class Scene:
    """Drives one simulated person and writes what they saw into the transcript."""

    slack: SignedSlackClient
    standin: SlackStandIn
    user: str
    who: str
    sections: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.sections.append(f"*{self.who}: {line}*\n")

    def command(self, text: str) -> dict[str, Any]:
        """Type `/smm <text>`; return the JSON the acknowledgement carried, if any."""
        response = self.slack.slash_command(self.user, text)
        self.say(f"types `/smm {text}`")
        return response.json() if response.body else {}

    def opened_view(self, before: int) -> str:
        """The id of the modal the app opened after `before` earlier views.open calls."""
        call = self.standin.wait_for_calls("views.open", before + 1, timeout=WAIT_SECONDS)[-1]
        if not call.response.get("ok"):
            raise RuntimeError(f"views.open refused: {call.response}")
        view = call.response["view"]
        self.sections.append(render_view("The bot opens a modal", view))
        return str(view["id"])

    def submit(self, view_id: str, values: dict[str, Any], what: str) -> dict[str, Any]:
        """Submit the modal; show the inline errors or the view that replaces it."""
        self.say(f"fills in {what} and submits")
        response = self.slack.view_submission(self.user, view_id, values)
        body: dict[str, Any] = response.json() if response.body else {}
        if body.get("response_action") == "errors":
            errors = "\n".join(f"> ⚠ `{block}`: {text}" for block, text in body["errors"].items())
            self.sections.append(f"#### The modal answers inline\n\n{errors}\n")
        elif body.get("response_action") == "update":
            self.sections.append(render_view("The modal moves on", body["view"]))
        return body

    def click(self, action_id: str, value: str, **where: Any) -> None:
        self.say(f"clicks `{action_id}`")
        self.slack.block_action(self.user, action_id, value=value, **where)

    def dm(self, count: int, title: str) -> dict[str, Any]:
        """Wait for the bot's `count`-th DM to this person and show it."""
        deadline = time.monotonic() + WAIT_SECONDS
        while len(self.standin.messages(self.user)) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        message = self.standin.messages(self.user)[count - 1]
        self.sections.append(render_message(title, message))
        return message


def run_demo(output: Path = OUTPUT) -> int:
    """Run the demo, write `transcript.md` under `output`, print a summary; 0 when all went well."""
    output.mkdir(parents=True, exist_ok=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # the demo's own summary is enough
    sections = ["# SMM Advisor — demo transcript\n", __doc__ or "", ""]
    with tempfile.TemporaryDirectory() as tmp, SlackStandIn() as standin:
        database_url = f"sqlite:///{tmp}/demo.db"
        upgrade(database_url)
        settings = Settings(
            _env_file=None,
            slack_bot_token=standin.bot_token,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=standin.api_url,
            database_url=database_url,
        )
        web = build_web(settings)
        try:
            with serve_wsgi(web.wsgi) as url:
                slack = SignedSlackClient(f"{url}/slack/events", SIGNING_SECRET, standin)
                bob = Scene(slack, standin, BOB, "Bob (en)")
                _bob_assesses_adds_a_kpi_and_shares(bob)
                alice = Scene(slack, standin, ALICE, "Alice (fr)")
                _alice_resumes_a_draft(alice)
                dana = Scene(slack, standin, DANA, "Dana (en)")
                before = standin.count()
                _dana_gets_her_result_through_a_bad_minute(dana, settings)
                scripted = standin.calls()[before:]
                sections += ["## Bob, in English\n", *bob.sections]
                sections += ["## Alice, en français\n", *alice.sections]
                sections += ["## Dana: Slack refuses her result twice\n", *dana.sections]
        finally:
            web.close()
        calls = [c for c in standin.calls() if not _scripted_refusal(c, scripted)]
    transcript = output / "transcript.md"
    transcript.write_text("\n".join(sections), encoding="utf-8")
    refused = [c for c in calls if c.status >= 400 or not c.response.get("ok", True)]
    modals = sum(1 for c in calls if c.method in ("views.open", "views.update"))
    messages = sum(1 for c in calls if c.method in ("chat.postMessage", "chat.update"))
    print(
        f"Demo: {len(calls)} Slack Web API calls ({modals} modals, {messages} messages), "
        f"{len(refused)} refused by the stand-in."
    )
    for call in refused:
        print(f"  refused: {call.method} {json.dumps(call.response)[:200]}")
    print(f"Transcript: {transcript.resolve()}")
    return 1 if refused else 0


def _deadline(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


def _bob_assesses_adds_a_kpi_and_shares(bob: Scene) -> None:
    bob.command("help")
    bob.sections.append(
        render_message(
            "The bot answers (only Bob sees it)",
            bob.standin.wait_for_calls("response_url", 1, timeout=WAIT_SECONDS)[-1].params,
        )
    )
    bob.command("assess")
    view_id = bob.opened_view(0)
    bob.submit(view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(_deadline(180))}), "his objectives")
    bob.submit(
        view_id,
        means(**{ids.BLOCK_BUDGET: plain_text_input("a lot")}),
        "his means (with a budget in words)",
    )
    bob.submit(view_id, means(), "his means again, budget 4 000 €")
    bob.submit(view_id, organisation(), "his organisation")
    result = bob.dm(1, "The recommendation arrives by DM")

    bob.click(
        ids.ACTION_ADD_KPI, _button_value(result, ids.ACTION_ADD_KPI), message_ts=result["ts"]
    )
    kpi_view = bob.opened_view(1)
    objective = _first_objective(bob.standin.view(kpi_view))
    bob.submit(
        kpi_view,
        kpi_values(objective, BOB, start=date.today().isoformat(), deadline=_deadline(180)),
        "a KPI",
    )
    bob.dm(2, "The bot lists the assessment's KPIs")

    bob.click(ids.ACTION_SHARE, _button_value(result, ids.ACTION_SHARE), message_ts=result["ts"])
    share_view = bob.opened_view(2)
    channel = {
        ids.BLOCK_SHARE_CHANNEL: {
            ids.input_action(ids.BLOCK_SHARE_CHANNEL): conversations_select("C0GENERAL")
        }
    }
    bob.submit(share_view, channel, "#general")
    bob.dm(3, "The bot confirms")
    posted = bob.standin.messages("C0GENERAL")[-1]
    bob.sections.append(render_message("In #general", posted))


def _alice_resumes_a_draft(alice: Scene) -> None:
    before = len(alice.standin.calls("views.open"))
    alice.command("assess")
    view_id = alice.opened_view(before)
    investor_relations = goals(
        **{
            ids.BLOCK_PRIMARY_OBJECTIVE: static_select("financial_comm"),
            ids.BLOCK_SECONDARY_OBJECTIVES: checkboxes("employer_brand"),
            ids.BLOCK_AUDIENCE: radio_buttons("restricted"),
            ids.BLOCK_CAPABILITIES: checkboxes(),
            ids.BLOCK_SPEED: radio_buttons("steady"),
            ids.BLOCK_DEADLINE: datepicker(None),
        }
    )
    alice.submit(view_id, investor_relations, "ses objectifs (communication financière)")
    time.sleep(0.2)  # the draft is saved by the lazy listener
    alice.say("ferme la fenêtre")
    alice.slack.view_closed(ALICE, view_id)
    offer = alice.dm(1, "Le bot propose de reprendre")
    alice.click(ids.ACTION_RESUME_DRAFT, "resume", message_ts=offer["ts"])
    resumed = alice.opened_view(before + 1)
    alice.submit(
        resumed,
        means(
            **{ids.BLOCK_LIMIT_MEANS: checkboxes(), ids.BLOCK_AGENCY_HOURLY: plain_text_input("90")}
        ),
        "ses moyens",
    )
    alice.submit(
        resumed,
        organisation(
            **{
                ids.BLOCK_RESULTS: static_select("convincing"),
                ids.BLOCK_INTERLOCUTOR: radio_buttons("yes"),
            }
        ),
        "son organisation",
    )
    alice.dm(2, "La recommandation arrive en message privé")


def _button_value(message: dict[str, Any], action_id: str) -> str:
    for block in message.get("blocks", []):
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise LookupError(action_id)


def _first_objective(view: dict[str, Any]) -> int:
    block = next(b for b in view["blocks"] if b.get("block_id") == ids.BLOCK_KPI_OBJECTIVE)
    return int(block["element"]["options"][0]["value"])


def _scripted_refusal(call: Any, scripted: list[Any]) -> bool:
    # The refusals Dana's scene asked the stand-in for are the demo's point, not its failure.
    return call in scripted and call.method == "chat.postMessage" and call.status in (429, 500)


def _dana_gets_her_result_through_a_bad_minute(dana: Scene, settings: Settings) -> None:
    standin = dana.standin
    standin.add_user(DANA, "dana", real_name="Dana Reyes", tz="Europe/London", locale="en-GB")
    before = len(standin.calls("views.open"))
    dana.command("assess")
    view_id = dana.opened_view(before)
    standin.fail(
        "chat.postMessage", "ratelimited", status=429, retry_after=SLACK_WAIT_SECONDS, times=1
    )
    dana.submit(view_id, goals(**{ids.BLOCK_DEADLINE: datepicker(_deadline(120))}), "her goals")
    dana.submit(view_id, means(), "her means")
    dana.submit(view_id, organisation(), "her organisation")
    _wait_for(lambda: standin.count("chat.postMessage") >= 1)
    dana.sections.append(
        f"> Slack answers the result DM with HTTP 429, `Retry-After: {SLACK_WAIT_SECONDS}`: "
        "the web process records when to try again and moves on (nobody sleeps on it). "
        f"Messages Dana has from the bot so far: {len(standin.messages(DANA))}.\n"
    )
    clock = build_clock(settings)
    try:
        start = clock.deps.clock()
        for offset, note in (
            (0, "the day's housekeeping (old idempotency keys forgotten); Dana's DM is not due"),
            (30, "too early: Slack asked for 90 s, nothing is sent"),
            (SLACK_WAIT_SECONDS + 1, "Slack answers 500 twice: a transient fault, retried later"),
            (SLACK_WAIT_SECONDS + 61, "Slack takes it"),
        ):
            at = start + timedelta(seconds=offset)
            if offset == SLACK_WAIT_SECONDS + 1:
                # Twice: the client retries a 5xx once by itself, then the outbox backs off.
                standin.fail("chat.postMessage", "internal_error", status=500, times=2)
            report = run_tick(clock.deps, sender_for=clock.sender_for, now=at).delivered
            dana.sections.append(
                f"> `python -m bot tick --now {at.isoformat(timespec='seconds')}`: "
                f"{report.claimed} claimed, {report.done} delivered, {report.retrying} to retry "
                f"— {note}.\n"
            )
    finally:
        clock.close()
    dana.dm(1, "The recommendation arrives, once")


def _wait_for(condition: Any) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.02)
