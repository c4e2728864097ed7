"""`python -m bot demo`: the whole loop offline, against the Slack stand-in, on SQLite.

Simulated people send signed requests to the real HTTP app exactly as Slack would: Bob (in
English) runs the assessment, makes a mistake the modal refuses, adds a KPI and shares the
result; Alice (in French) starts one, closes it midway, resumes it from the bot's DM and gets
her recommendation; Dana's result meets a Slack that refuses it twice (a 429 with a long
Retry-After, then a 5xx) and arrives on the clock's next ticks. Then eighteen weeks pass: Bob in
New York and Alice in Paris are asked for their KPIs at their own local time, across both
cities' daylight-saving changes, and answer with the buttons (updates, a "no change", a skip, a
check-in left unanswered); Slack rate-limits one question, which is asked again a minute later.
Last, in a workspace of its own (Harbor Coffee), a simulated year: Erin sets the review channel
and herself as team lead in `/smm settings`; Frank's team has worked in-house for three months,
with two KPIs (his and Grace's) that stall far below their pace line week after week; once the
team has been in-house for a year, the daily re-evaluation turns In-house into Hybrid and posts it
in the review channel; Frank presses Accept and is told only the team leads decide; Erin
accepts, and the post shows who decided and when. Then a summer in Paris (Atelier Lumière):
Inès snoozes a check-in and it comes back two hours later; Bastille Day excuses her Wednesday
slot; she is away for a fortnight and gets one summary when she returns; then she leaves two
check-ins unanswered, each reminded twice (in place, with a short new line) and missed, and Hugo,
the team lead, gets a private note with a button to reassign the KPI. Every modal and message the
bot produced goes into a markdown transcript.
"""

from __future__ import annotations

import json
import logging
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time as dtime, timedelta
from pathlib import Path
from typing import Any, Final
from zoneinfo import ZoneInfo

from bot import ids
from bot.compose import Clock, build_clock, build_web
from bot.sandbox import Channel, SignedSlackClient, SlackStandIn, Team, User
from bot.sandbox.serving import serve_wsgi
from bot.sandbox.signed_client import (
    checkboxes,
    conversations_select,
    datepicker,
    multi_users_select,
    plain_text_input,
    radio_buttons,
    static_select,
    timepicker,
    users_select,
)
from bot.sandbox.simulated import goals, kpi_values, means, organisation, state_values
from bot.sandbox.transcript import button_label, render_answers, render_message, render_view
from bot.sandbox.workspace import zone_fields
from bot.scheduler import run_tick
from bot.services import checkins
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
        """Submit the modal, showing each answer by its label; then the inline errors or the
        view that replaces it."""
        answers = render_answers(self.standin.view(view_id), values)
        self.say(f"fills in {what} and submits")
        if answers:
            self.sections.append("\n".join(f"> {line}" for line in answers) + "\n")
        response = self.slack.view_submission(self.user, view_id, values)
        body: dict[str, Any] = response.json() if response.body else {}
        if body.get("response_action") == "errors":
            errors = "\n".join(f"> ⚠ `{block}`: {text}" for block, text in body["errors"].items())
            self.sections.append(f"#### The modal answers inline\n\n{errors}\n")
        elif body.get("response_action") == "update":
            self.sections.append(render_view("The modal moves on", body["view"]))
        return body

    def click(self, action_id: str, value: str, **where: Any) -> None:
        """Click a button, named in the transcript by its label (the id if it cannot be found)."""
        self.say(f"clicks [{self._label(action_id, value, where)}]")
        self.slack.block_action(self.user, action_id, value=value, **where)

    def _label(self, action_id: str, value: str, where: dict[str, Any]) -> str:
        blocks: list[dict[str, Any]] = []
        if where.get("view_id"):
            blocks = self.standin.view(where["view_id"]).get("blocks", [])
        else:
            channel = where.get("channel_id") or self.standin.dm_id(self.user)
            ts = where.get("message_ts")
            found = [m for m in self.standin.messages(channel) if ts is None or m["ts"] == ts]
            blocks = found[-1].get("blocks") or [] if found else []
        return button_label(blocks, action_id, value) or action_id

    def verdict_in_the_modal(self, updates: int) -> None:
        """The wizard's last step turns into the verdict (a views.update after the answers
        are scored): show it."""
        for call in self.standin.wait_for_calls("views.update", updates + 1, timeout=WAIT_SECONDS):
            view = call.response.get("view") or {}
            if view.get("callback_id") == ids.CALLBACK_WIZARD_DONE:
                self.sections.append(render_view("The modal turns into the verdict", view))
                return

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
                weeks = Scene(slack, standin, BOB, "Bob (en)")
                _check_ins_over_weeks(weeks, settings)
                scripted = standin.calls()[before:]
                sections += ["## Bob, in English\n", *bob.sections]
                sections += ["## Alice, en français\n", *alice.sections]
                sections += ["## Dana: Slack refuses her result twice\n", *dana.sections]
                sections += ["## Eighteen weeks of check-ins\n", *weeks.sections]
                sections += ["## The weekly digest, with its charts\n"]
                sections += _weekly_digest(standin, settings, output)
        finally:
            web.close()
        calls = [c for c in standin.calls() if not _scripted_refusal(c, scripted)]
    calls += _year_in_house(sections)
    calls += _summer_of_check_ins(sections)
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
    updates = bob.standin.count("views.update")
    bob.submit(view_id, organisation(), "his organisation")
    bob.verdict_in_the_modal(updates)
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
            **{
                ids.BLOCK_LIMIT_MEANS: radio_buttons("best_chance"),
                ids.BLOCK_AGENCY_HOURLY: plain_text_input("90"),
            }
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


# Bob's and Alice's answers, week by week: (button, value typed, confidence, comment).
_BOB_ANSWERS: Final[dict[int, tuple[str, str | None, str | None, str | None]]] = {
    0: (ids.ACTION_CHECKIN_UPDATE, "26", "medium", None),
    1: (ids.ACTION_CHECKIN_NO_CHANGE, None, None, None),
    2: (ids.ACTION_CHECKIN_SKIP, None, None, "the CRM export is late"),
    # week 3 is left unanswered: it is missed when week 4 comes
    4: (ids.ACTION_CHECKIN_UPDATE, "31", "low", "Two campaigns paused by legal"),
}
_WEEKS: Final = 18
_RATE_LIMITED_WEEK: Final = 5  # Slack answers 429 to one check-in that week


def _check_ins_over_weeks(scene: Scene, settings: Settings) -> None:
    """Bob adds Alice's KPI; then the clock runs at every slot for eighteen weeks, and both
    owners answer through the DM's buttons."""
    standin = scene.standin
    [result] = [m for m in standin.messages(BOB) if _has_button(m, ids.ACTION_ADD_KPI)][:1]
    before = len(standin.calls("views.open"))
    scene.click(
        ids.ACTION_ADD_KPI, _button_value(result, ids.ACTION_ADD_KPI), message_ts=result["ts"]
    )
    kpi_view = scene.opened_view(before)
    objective = _first_objective(standin.view(kpi_view))
    community = kpi_values(
        objective,
        ALICE,
        start=date.today().isoformat(),
        deadline=_deadline(200),
        **{
            ids.BLOCK_KPI_NAME: plain_text_input("Community members"),
            ids.BLOCK_KPI_UNIT: plain_text_input("members"),
            ids.BLOCK_KPI_BASELINE: plain_text_input("120"),
            ids.BLOCK_KPI_TARGET: plain_text_input("400"),
            ids.BLOCK_KPI_WEEKDAY: static_select("3"),
            ids.BLOCK_KPI_TIME: timepicker("10:00"),
        },
    )
    scene.submit(kpi_view, community, "a second KPI, owned by Alice (Thursdays at 10:00, Paris)")
    time.sleep(0.3)
    clock = build_clock(settings)
    asked: dict[str, int] = {BOB: 0, ALICE: 0}
    shown: set[str] = set()
    try:
        end = clock.deps.clock() + timedelta(weeks=_WEEKS)
        while (due := checkins.next_slot_due(clock.deps)) is not None and due <= end:
            week = (due - clock.deps.clock()).days // 7
            if week == _RATE_LIMITED_WEEK and "429" not in shown:
                shown.add("429")
                standin.fail("chat.postMessage", "ratelimited", status=429, retry_after=60, times=1)
                run_tick(clock.deps, sender_for=clock.sender_for, now=due + timedelta(minutes=1))
                scene.sections.append(
                    f"> Week {week + 1}: Slack answers a check-in with HTTP 429 (`Retry-After: 60`); "
                    "the next tick, a minute later, asks it.\n"
                )
                later = due + timedelta(minutes=1, seconds=61)
                run_tick(clock.deps, sender_for=clock.sender_for, now=later)
            else:
                run_tick(clock.deps, sender_for=clock.sender_for, now=due + timedelta(minutes=1))
            for owner in (BOB, ALICE):
                prompts = [
                    m for m in standin.messages(owner) if _has_button(m, ids.ACTION_CHECKIN_UPDATE)
                ]
                for prompt in prompts[asked[owner] :]:
                    _answer(scene, owner, prompt, asked[owner], shown, slot=due)
                    asked[owner] += 1
    finally:
        clock.close()
    scene.say("types `/smm kpis`")
    listed = standin.count("response_url")
    scene.slack.slash_command(ALICE, "kpis")
    scene.sections.append(
        render_message(
            "Alice types `/smm kpis`: her KPIs, and the check-in she can still answer",
            standin.wait_for_calls("response_url", listed + 1, timeout=WAIT_SECONDS)[-1].params,
        )
    )


def _has_button(message: dict[str, Any], action_id: str) -> bool:
    return action_id in json.dumps(message.get("blocks", []))


def _answer(
    scene: Scene, owner: str, prompt: dict[str, Any], n: int, shown: set[str], *, slot: datetime
) -> None:
    standin, slack = scene.standin, scene.slack
    who = "Bob" if owner == BOB else "Alice"
    # The slot in the owner's own time: the hour holds across their daylight-saving change.
    local = slot.astimezone(ZoneInfo(standin.user(owner).tz or "UTC"))
    asked_at = f"asked {local:%a %d %b %Y, %H:%M} {local.tzname()} ({slot:%H:%M} UTC)"
    if owner not in shown:
        shown.add(owner)
        scene.sections.append(render_message(f"{who} is asked ({asked_at})", prompt))
    if owner == BOB:
        action, typed, confidence, comment = _BOB_ANSWERS.get(
            n, (ids.ACTION_CHECKIN_UPDATE, str(32 + 3 * n), "high", None)
        )
        if n == 3:
            scene.sections.append(f"> {who}, {asked_at}: no answer this week.\n")
            return
    else:
        typed = str(150 + 25 * n) if n < 12 else None  # then the community stops growing
        action, confidence, comment = (
            (ids.ACTION_CHECKIN_UPDATE, "high", None)
            if typed
            else (ids.ACTION_CHECKIN_NO_CHANGE, None, None)
        )
    value = _button_value(prompt, action)
    updates = standin.count("chat.update")
    if action == ids.ACTION_CHECKIN_NO_CHANGE:
        slack.block_action(owner, action, value=value, message_ts=prompt["ts"])
        what = "clicks *No change*"
    else:
        opened = standin.count("views.open")
        slack.block_action(owner, action, value=value, message_ts=prompt["ts"])
        view = standin.wait_for_calls("views.open", opened + 1, timeout=WAIT_SECONDS)[-1].response[
            "view"
        ]
        if action == ids.ACTION_CHECKIN_SKIP:
            values = {
                ids.BLOCK_CHECKIN_REASON: {
                    ids.input_action(ids.BLOCK_CHECKIN_REASON): plain_text_input(comment)
                }
            }
            what = f"clicks *Skip*, because {comment}"
        else:
            values = {
                ids.BLOCK_CHECKIN_VALUE: {
                    ids.input_action(ids.BLOCK_CHECKIN_VALUE): plain_text_input(typed)
                },
                ids.BLOCK_CHECKIN_CONFIDENCE: {
                    ids.input_action(ids.BLOCK_CHECKIN_CONFIDENCE): radio_buttons(confidence)
                },
                ids.BLOCK_CHECKIN_COMMENT: {
                    ids.input_action(ids.BLOCK_CHECKIN_COMMENT): plain_text_input(comment)
                },
            }
            what = f"clicks *Update*: {typed}, confidence {confidence}" + (
                f", “{comment}”" if comment else ""
            )
        slack.view_submission(owner, view["id"], values)
    updated = standin.wait_for_calls("chat.update", updates + 1, timeout=WAIT_SECONDS)[-1].params
    scene.sections.append(f"> {who}, {asked_at}: {what} → {_status_of(updated)}\n")
    if f"{owner}:answered" not in shown:
        shown.add(f"{owner}:answered")
        scene.sections.append(render_message(f"{who}'s check-in, changed in place", updated))


def _status_of(message: dict[str, Any]) -> str:
    for block in message.get("blocks", []):
        for item in block.get("fields", []):
            text = str(item.get("text", ""))
            if "\n" in text and ":" in text.split("\n", 1)[1]:
                return text.split("\n", 1)[1]
    return ""


def _weekly_digest(standin: SlackStandIn, settings: Settings, output: Path) -> list[str]:
    """The review channel is set; at the next digest slot after the eighteen weeks the clock
    posts the digest, its charts go in the thread: they are written next to the transcript."""
    from bot.domain import Cadence
    from bot.schedule import Schedule
    from bot.store import repo
    from bot.store.db import session_scope

    channel = "C0GENERAL"
    clock = build_clock(settings)
    sections: list[str] = []
    try:
        with session_scope(clock.deps.session_factory) as session:
            [workspace] = [
                w
                for w in (repo.get_workspace(session=session, team_id=standin.team_id),)
                if w is not None
            ]
            workspace.review_channel_id = channel
            weekday, at, tz = workspace.digest_weekday, workspace.digest_local_time, workspace.tz
        after = clock.deps.clock() + timedelta(weeks=_WEEKS + 1)
        slot = Schedule(Cadence.WEEKLY, weekday, None, at, tz, after.date()).next_slot(after)
        assert slot is not None
        before = len(standin.messages(channel))
        run_tick(clock.deps, sender_for=clock.sender_for, now=slot + timedelta(minutes=1))
    finally:
        clock.close()
    for message in standin.messages(channel)[before:]:
        if not message.get("files"):
            sections.append(render_message("The clock posts in the review channel", message))
            continue
        for shared in message["files"]:
            stored = standin.file(shared["id"])
            if stored.content is None:
                continue
            name = f"chart-{shared['id']}.png"
            (output / name).write_bytes(stored.content)
            alt = (stored.alt_txt or shared.get("title") or name).replace("]", ")")
            sections.append(f"In the thread, `{shared.get('title')}`:\n\n![{alt}]({name})\n")
    return sections


# ------------------------------------------------------------- a year in-house, then a review

ERIN, FRANK, GRACE = "U0ERIN", "U0FRANK", "U0GRACE"  # Harbor Coffee's people, all in London
REVIEW_CHANNEL = "C0REVIEW"
_MONTHS_BEFORE: Final = 3  # Frank's team went in-house three months before the demo's day
_LONGEST: Final = 500  # days: the change comes after a year in-house, or the demo has failed
# The two KPIs: (name, unit, baseline, target in a year, owner, weekday of the check-in).
_KPIS: Final = (
    ("Qualified leads", "leads", 20, 80, FRANK, "0"),
    ("Newsletter sign-ups", "sign-ups", 400, 1600, GRACE, "3"),
)


class SimulatedTime:
    """The web app's clock in the review scene: a simulated instant, running on at the real pace
    from when it was set (so two answers a second apart are a second apart)."""

    def __init__(self, at: datetime) -> None:
        self.set(at)

    def set(self, at: datetime) -> None:
        self._at, self._since = at, time.monotonic()

    def __call__(self) -> datetime:
        return self._at + timedelta(seconds=time.monotonic() - self._since)


def _harbor_standin() -> SlackStandIn:
    """Another workspace: Erin (its admin), Frank (the social media manager) and Grace."""
    return _workspace_standin(
        Team("T0HARBOR", "Harbor Coffee", "harbor"),
        "Europe/London",
        [
            (ERIN, "erin", "Erin Walsh"),
            (FRANK, "frank", "Frank Okafor"),
            (GRACE, "grace", "Grace Lee"),
        ],
        admin=ERIN,
        channel=Channel(REVIEW_CHANNEL, "smm-review"),
    )


def _workspace_standin(
    team: Team, zone: str, people: list[tuple[str, str, str]], *, admin: str, channel: Channel
) -> SlackStandIn:
    """A workspace of a scene of its own: its people in one time zone (`admin` its admin and
    owner), #general and `channel`."""
    offset, label = zone_fields(zone)
    users = [
        User(user_id, name, real_name, tz=zone, tz_offset=offset, tz_label=label,
             locale="en-GB", is_admin=user_id == admin, is_owner=user_id == admin)
        for user_id, name, real_name in people
    ]  # fmt: skip
    return SlackStandIn(
        team=team,
        users=[User("U0BOT", "smm-advisor", "SMM Advisor", is_bot=True), *users],
        channels=[Channel("C0GENERAL", "general"), channel],
    )


def _year_in_house(sections: list[str]) -> list[Any]:
    """The review loop, in a workspace of its own (its own Slack, database and simulated year,
    so the other scenes' assessments are not re-decided in it); the Web API calls it made."""
    with tempfile.TemporaryDirectory() as tmp, _harbor_standin() as standin:
        database_url = f"sqlite:///{tmp}/harbor.db"
        upgrade(database_url)
        settings = Settings(
            _env_file=None,
            slack_bot_token=standin.bot_token,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=standin.api_url,
            database_url=database_url,
        )
        now = SimulatedTime(datetime.now(UTC))
        web = build_web(settings, clock=now)
        clock = build_clock(settings, clock=now)
        try:
            with serve_wsgi(web.wsgi) as url:
                slack = SignedSlackClient(f"{url}/slack/events", SIGNING_SECRET, standin)
                erin = Scene(slack, standin, ERIN, "Erin (en, admin)")
                _erin_sets_the_review_channel_and_the_lead(erin)
                frank = Scene(slack, standin, FRANK, "Frank (en, social media manager)")
                _frank_assesses_with_two_kpis(frank)
                year = Scene(slack, standin, FRANK, "Harbor Coffee")
                post = _a_stalled_year(year, clock, now)
                decide = Scene(slack, standin, FRANK, "Frank")
                _frank_is_refused_erin_accepts(decide, post, now)
        finally:
            clock.close()
            web.close()
        sections += ["## Harbor Coffee: a year in-house, then the review channel\n"]
        sections += [*erin.sections, *frank.sections, *year.sections, *decide.sections]
        return standin.calls()


def _erin_sets_the_review_channel_and_the_lead(erin: Scene) -> None:
    erin.command("settings")
    view_id = erin.opened_view(0)
    values = state_values(
        **{
            ids.BLOCK_SETTINGS_CHANNEL: conversations_select(REVIEW_CHANNEL),
            ids.BLOCK_SETTINGS_LEADS: multi_users_select(ERIN),
            ids.BLOCK_SETTINGS_TZ: static_select("Europe/London"),
            ids.BLOCK_SETTINGS_WORKING_DAYS: checkboxes("0", "1", "2", "3", "4"),
            ids.BLOCK_SETTINGS_HOURS_START: timepicker("09:00"),
            ids.BLOCK_SETTINGS_HOURS_END: timepicker("17:30"),
            ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY: static_select("0"),
            ids.BLOCK_SETTINGS_CHECKIN_TIME: timepicker("10:00"),
            ids.BLOCK_SETTINGS_DIGEST_WEEKDAY: static_select("4"),
            ids.BLOCK_SETTINGS_DIGEST_TIME: timepicker("16:00"),
            ids.BLOCK_SETTINGS_CURRENCY: static_select("EUR"),
            ids.BLOCK_SETTINGS_LOCALE: static_select("en"),
            ids.BLOCK_SETTINGS_HOLIDAYS: static_select(ids.SETTINGS_HOLIDAYS_FROM_TZ),
            ids.BLOCK_SETTINGS_COST_FIGURES: checkboxes(ids.SETTINGS_COST_FIGURES_SHOWN),
        }
    )
    erin.submit(view_id, values, "the review channel, #smm-review, and herself as the team lead")
    erin.dm(1, "The bot confirms")


def _frank_assesses_with_two_kpis(frank: Scene) -> None:
    """Frank's team has worked in-house for three months: his result, then a KPI each for him
    and Grace over the coming year."""
    standin = frank.standin
    before = len(standin.calls("views.open"))
    frank.command("assess")
    view_id = frank.opened_view(before)
    objectives = goals(
        **{
            ids.BLOCK_SECONDARY_OBJECTIVES: checkboxes("awareness"),
            ids.BLOCK_AUDIENCE: radio_buttons("niche"),
            ids.BLOCK_CAPABILITIES: checkboxes(),
            ids.BLOCK_PROGRESS: plain_text_input("30"),
            ids.BLOCK_SPEED: radio_buttons("steady"),
            ids.BLOCK_DEADLINE: datepicker(None),
        }
    )
    frank.submit(view_id, objectives, "his objectives (leads, a niche audience, a steady pace)")
    frank.submit(
        view_id,
        means(
            **{
                ids.BLOCK_BUDGET: plain_text_input("5000"),
                ids.BLOCK_LIMIT_MEANS: radio_buttons("best_chance"),
            }
        ),
        "his means (€22.50/h in-house, €65/h for an agency)",
    )
    team = organisation(
        **{
            ids.BLOCK_MONTHS_IN_MODE: plain_text_input(str(_MONTHS_BEFORE)),
            ids.BLOCK_RESULTS: static_select("unknown"),
            ids.BLOCK_VERTICAL: radio_buttons("no"),
            ids.BLOCK_INTERLOCUTOR: radio_buttons("yes"),
        }
    )
    frank.submit(view_id, team, f"his organisation (in-house for {_MONTHS_BEFORE} months)")
    result = frank.dm(1, "Frank's recommendation arrives by DM")
    today = date.fromtimestamp(float(result["ts"]))  # noqa: DTZ012 (only its day is read)
    for n, (name, unit, baseline, target, owner, weekday) in enumerate(_KPIS):
        opened = len(standin.calls("views.open"))
        frank.click(
            ids.ACTION_ADD_KPI, _button_value(result, ids.ACTION_ADD_KPI), message_ts=result["ts"]
        )
        kpi_view = frank.opened_view(opened)
        values = kpi_values(
            _first_objective(standin.view(kpi_view)),
            owner,
            start=today.isoformat(),
            deadline=(today + timedelta(days=365)).isoformat(),
            **{
                ids.BLOCK_KPI_NAME: plain_text_input(name),
                ids.BLOCK_KPI_UNIT: plain_text_input(unit),
                ids.BLOCK_KPI_BASELINE: plain_text_input(str(baseline)),
                ids.BLOCK_KPI_TARGET: plain_text_input(str(target)),
                ids.BLOCK_KPI_WEEKDAY: static_select(weekday),
                ids.BLOCK_KPI_TIME: timepicker("10:00"),
            },
        )
        who = "himself" if owner == FRANK else "Grace"
        frank.submit(kpi_view, values, f"a KPI: {name}, {baseline} → {target} in a year, {who}")
        frank.dm(2 + n, "The bot lists the assessment's KPIs")


def _stalled(owner: str, n: int) -> str | None:
    """The `n`-th answer of a KPI that barely moves (None: "No change")."""
    if n % 3 == 2:
        return None
    return str(20 + min(n, 12) // 4) if owner == FRANK else str(400 + 5 * min(n, 12))


def _a_stalled_year(scene: Scene, clock: Clock, now: SimulatedTime) -> dict[str, Any]:
    """The clock ticks day after day (the daily re-evaluation at 00:05 UTC, each check-in at its
    slot, answered at once, its re-evaluation a minute later) until a post in the review channel
    says the recommendation changed; that post."""
    standin, deps = scene.standin, clock.deps
    start = now().date()
    asked = {FRANK: 0, GRACE: 0}
    month: dict[str, list[str]] = {FRANK: [], GRACE: []}
    shown = 0  # posts of the review channel already in the transcript
    results = 1  # Frank's result DMs

    def tick(at: datetime) -> None:
        now.set(at)
        run_tick(deps, sender_for=clock.sender_for, now=at)

    scene.sections.append(
        "> The clock now runs as in production, on a simulated calendar: every day at 00:05 UTC "
        "the daily re-evaluation of every active assessment, and each KPI's check-in at its "
        "slot (the weekly digest goes to #smm-review too; it is left out here). The KPIs stall "
        "far below their pace line.\n"
    )
    for day in range(1, _LONGEST):
        today = start + timedelta(days=day)
        if today.day == 1:
            scene.sections.append(_month_line(today - timedelta(days=1), start, month))
            month = {FRANK: [], GRACE: []}
        tick(datetime.combine(today, dtime(0, 5), tzinfo=UTC))
        if len(dms := _result_dms(standin)) > results and "In-house" in dms[-1]["text"]:
            results = len(dms)
            scene.sections.append(
                f"> {today.day} {today:%B %Y}: the daily re-evaluation finds the results *mixed* "
                f"now; Frank gets a new result DM ({dms[-1]['text']}), his first one is marked "
                "replaced.\n"
            )
        # The review posts (they carry the decision buttons); the weekly digests that the
        # clock also posts there are left out of the story.
        posts = [
            m
            for m in standin.messages(REVIEW_CHANNEL)
            if "thread_ts" not in m and _has_button(m, ids.ACTION_REVIEW_ACCEPT)
        ]
        for post in posts[shown:]:
            changed = "→" in post["text"]
            title = (
                f"{today.day} {today:%B %Y}, after {_months_in_house(start, today):.1f} months in-house: "
                + ("the daily re-evaluation posts a change in #smm-review" if changed else
                   "the daily re-evaluation posts in #smm-review")
            )  # fmt: skip
            scene.sections.append(render_message(title, post))
            shown += 1
            if changed:
                return post
        end = datetime.combine(today + timedelta(days=1), dtime(0, 0), tzinfo=UTC)
        while (due := checkins.next_slot_due(deps)) is not None and due < end:
            tick(due + timedelta(minutes=1))
            for owner in (FRANK, GRACE):
                prompts = [
                    m for m in standin.messages(owner) if _has_button(m, ids.ACTION_CHECKIN_UPDATE)
                ]
                for prompt in prompts[asked[owner] :]:
                    typed = _stalled(owner, asked[owner])
                    _answer_stalled(scene, owner, prompt, typed, first=not asked[owner])
                    month[owner].append(typed or "no change")
                    asked[owner] += 1
            tick(due + timedelta(minutes=2))  # the answers' re-evaluation
    raise RuntimeError(f"no change posted in {_LONGEST} simulated days")


def _months_in_house(start: date, today: date) -> float:
    return _MONTHS_BEFORE + (today - start).days / 30.44


def _month_line(today: date, start: date, month: dict[str, list[str]]) -> str:
    """One line for a month of answers, against where the pace line stands at its end."""
    parts = []
    for name, unit, baseline, target, owner, _ in _KPIS:
        expected = baseline + (target - baseline) * min(1.0, (today - start).days / 365)
        answers = ", ".join(month[owner]) or "not asked yet"
        who = "Frank" if owner == FRANK else "Grace"
        parts.append(f"{who}'s {name.lower()}: {answers} (the pace line: {expected:.0f} {unit})")
    in_house = _months_in_house(start, today)
    return f"> {today:%B %Y}, {in_house:.1f} months in-house — " + "; ".join(parts) + ".\n"


def _answer_stalled(
    scene: Scene, owner: str, prompt: dict[str, Any], typed: str | None, *, first: bool
) -> None:
    """Answer a check-in: Update with `typed` (modal), or No change; show the first ones."""
    standin, slack = scene.standin, scene.slack
    who = "Frank" if owner == FRANK else "Grace"
    if first:
        scene.sections.append(render_message(f"{who} is asked for the first time", prompt))
    updates = standin.count("chat.update")
    if typed is None:
        action = ids.ACTION_CHECKIN_NO_CHANGE
        slack.block_action(
            owner, action, value=_button_value(prompt, action), message_ts=prompt["ts"]
        )
    else:
        action, opened = ids.ACTION_CHECKIN_UPDATE, standin.count("views.open")
        slack.block_action(
            owner, action, value=_button_value(prompt, action), message_ts=prompt["ts"]
        )
        view = standin.wait_for_calls("views.open", opened + 1, timeout=WAIT_SECONDS)[-1]
        values = state_values(
            **{
                ids.BLOCK_CHECKIN_VALUE: plain_text_input(typed),
                ids.BLOCK_CHECKIN_CONFIDENCE: radio_buttons("medium"),
                ids.BLOCK_CHECKIN_COMMENT: plain_text_input(None),
            }
        )
        slack.view_submission(owner, view.response["view"]["id"], values)
    updated = standin.wait_for_calls("chat.update", updates + 1, timeout=WAIT_SECONDS)[-1]
    if first:
        scene.sections.append(render_message(f"{who}'s check-in, changed in place", updated.params))


def _frank_is_refused_erin_accepts(scene: Scene, post: dict[str, Any], now: SimulatedTime) -> None:
    """The thread, Frank's DMs, then Frank's press (refused) and Erin's (accepted)."""
    standin = scene.standin
    [thread, *_] = [m for m in standin.messages(REVIEW_CHANNEL) if m.get("thread_ts") == post["ts"]]
    scene.sections.append(render_message("In the post's thread", thread))
    *_, replaced, new = _result_dms(standin)
    scene.sections.append(render_message("Frank's new result DM", new))
    scene.sections.append(render_message("His previous result DM, replaced in place", replaced))
    now.set(datetime.combine(now().date(), dtime(9, 15), tzinfo=UTC))  # that morning, in London
    scene.say("reads the post in #smm-review; it is his assessment, so he presses Accept")
    value = _button_value(post, ids.ACTION_REVIEW_ACCEPT)
    where = {"channel_id": REVIEW_CHANNEL, "message_ts": post["ts"]}
    told = standin.count("response_url")
    scene.click(ids.ACTION_REVIEW_ACCEPT, value, **where)
    refusal = standin.wait_for_calls("response_url", told + 1, timeout=WAIT_SECONDS)[-1].params
    scene.sections.append(render_message("The bot answers Frank (only he sees it)", refusal))
    updates = standin.count("chat.update")
    erin = Scene(scene.slack, standin, ERIN, "Erin (en, team lead)", scene.sections)
    erin.say("reads it too and presses Accept")
    opened = standin.count("views.open")
    erin.click(ids.ACTION_REVIEW_ACCEPT, value, **where)
    # A hybrid brings an agency in: Accept asks for the period agreed with it.
    period = ids.input_action(ids.BLOCK_ACCEPT_PERIOD)
    erin.submit(
        erin.opened_view(opened),
        {ids.BLOCK_ACCEPT_PERIOD: {period: plain_text_input("12")}},
        "the period agreed with the agency: 12 months",
    )
    standin.wait_for_calls("chat.update", updates + 1, timeout=WAIT_SECONDS)
    [decided] = [m for m in standin.messages(REVIEW_CHANNEL) if m["ts"] == post["ts"]]
    scene.sections.append(render_message("The post in #smm-review, changed in place", decided))


def _result_dms(standin: SlackStandIn) -> list[dict[str, Any]]:
    """Frank's result DMs, oldest first."""
    return [m for m in standin.messages(FRANK) if m["text"].startswith("Recommendation:")]


# ------------------------------------------------- check-ins that respect people: Atelier Lumière

HUGO, INES, LEA = "U0HUGO", "U0INES", "U0LEA"  # Atelier Lumière's people, all in Paris
TEAM_CHANNEL = "C0TEAM"
_PARIS: Final = ZoneInfo("Europe/Paris")
_SUMMER: Final = date(2027, 6, 28)  # a Monday: the scene's simulated calendar starts here


def _atelier_standin() -> SlackStandIn:
    """A workspace in Paris: Hugo (its admin and team lead), Inès (who owns a KPI) and Léa."""
    return _workspace_standin(
        Team("T0ATELIER", "Atelier Lumière", "atelier"),
        "Europe/Paris",
        [(HUGO, "hugo", "Hugo Bernard"), (INES, "ines", "Inès Moreau"), (LEA, "lea", "Léa Girard")],
        admin=HUGO,
        channel=Channel(TEAM_CHANNEL, "smm-team"),
    )


def _day(day: date | datetime) -> str:
    """ "Wednesday 7 July" (a datetime read in Paris)."""
    if isinstance(day, datetime):
        day = day.astimezone(_PARIS).date()
    return f"{day:%A} {day.day} {day:%B}"


def _paris(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, dtime(hour, minute), tzinfo=_PARIS).astimezone(UTC)


def _summer_of_check_ins(sections: list[str]) -> list[Any]:
    """Check-ins that respect people, in a workspace of its own on a simulated summer in Paris:
    a snooze, Bastille Day, an away fortnight and its return summary, then a KPI left silent
    (both reminders, missed twice) and the quiet note to the team lead; the Web API calls."""
    with tempfile.TemporaryDirectory() as tmp, _atelier_standin() as standin:
        database_url = f"sqlite:///{tmp}/atelier.db"
        upgrade(database_url)
        settings = Settings(
            _env_file=None,
            slack_bot_token=standin.bot_token,
            slack_signing_secret=SIGNING_SECRET,
            slack_api_url=standin.api_url,
            database_url=database_url,
        )
        now = SimulatedTime(_paris(_SUMMER, 10))
        web = build_web(settings, clock=now)
        clock = build_clock(settings, clock=now)
        try:
            with serve_wsgi(web.wsgi) as url:
                slack = SignedSlackClient(f"{url}/slack/events", SIGNING_SECRET, standin)
                hugo = Scene(slack, standin, HUGO, "Hugo (en, admin and team lead)")
                _hugo_sets_up_a_kpi_for_ines(hugo)
                ines = Scene(slack, standin, INES, "Inès (en)")
                _ines_through_the_summer(ines, hugo, clock, now)
        finally:
            clock.close()
            web.close()
        sections += ["## Atelier Lumière: a summer of check-ins that respect people\n"]
        sections += [*hugo.sections[:1], *ines.sections]
        return standin.calls()


def _hugo_sets_up_a_kpi_for_ines(hugo: Scene) -> None:
    """Settings (Paris, 9:00–18:00, Monday–Friday, French holidays, Hugo the lead), an
    assessment, and a weekly KPI owned by Inès, Wednesdays at 10:00."""
    standin = hugo.standin
    hugo.sections.append(
        f"> {_day(_SUMMER)} {_SUMMER.year}, 10:00 in Paris. Hugo sets the workspace up in "
        "`/smm settings` (Europe/Paris, working hours 9:00–18:00 Monday to Friday, the public "
        "holidays of the time zone's country — France — and himself as the team lead), runs "
        "the assessment, and adds a KPI owned by Inès: weekly, on Wednesdays at 10:00.\n"
    )
    hugo.slack.slash_command(HUGO, "settings")
    view = standin.wait_for_calls("views.open", 1, timeout=WAIT_SECONDS)[-1].response["view"]
    values = state_values(
        **{
            ids.BLOCK_SETTINGS_CHANNEL: conversations_select(TEAM_CHANNEL),
            ids.BLOCK_SETTINGS_LEADS: multi_users_select(HUGO),
            ids.BLOCK_SETTINGS_TZ: static_select("Europe/Paris"),
            ids.BLOCK_SETTINGS_WORKING_DAYS: checkboxes("0", "1", "2", "3", "4"),
            ids.BLOCK_SETTINGS_HOURS_START: timepicker("09:00"),
            ids.BLOCK_SETTINGS_HOURS_END: timepicker("18:00"),
            ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY: static_select("2"),
            ids.BLOCK_SETTINGS_CHECKIN_TIME: timepicker("10:00"),
            ids.BLOCK_SETTINGS_DIGEST_WEEKDAY: static_select("4"),
            ids.BLOCK_SETTINGS_DIGEST_TIME: timepicker("16:00"),
            ids.BLOCK_SETTINGS_CURRENCY: static_select("EUR"),
            ids.BLOCK_SETTINGS_LOCALE: static_select("en"),
            ids.BLOCK_SETTINGS_HOLIDAYS: static_select(ids.SETTINGS_HOLIDAYS_FROM_TZ),
            ids.BLOCK_SETTINGS_COST_FIGURES: checkboxes(ids.SETTINGS_COST_FIGURES_SHOWN),
        }
    )
    _require(hugo.slack.view_submission(HUGO, view["id"], values).status == 200, "settings")
    _wait_for(lambda: len(standin.messages(HUGO)) >= 1)
    before = len(standin.calls("views.open"))
    hugo.slack.slash_command(HUGO, "assess")
    wizard = standin.wait_for_calls("views.open", before + 1, timeout=WAIT_SECONDS)[-1]
    wizard_id = wizard.response["view"]["id"]
    for step in (goals(**{ids.BLOCK_DEADLINE: datepicker(None)}), means(), organisation()):
        hugo.slack.view_submission(HUGO, wizard_id, step)
    _wait_for(lambda: any(_has_button(m, ids.ACTION_ADD_KPI) for m in standin.messages(HUGO)))
    [result] = [m for m in standin.messages(HUGO) if _has_button(m, ids.ACTION_ADD_KPI)][:1]
    opened = len(standin.calls("views.open"))
    hugo.slack.block_action(
        HUGO,
        ids.ACTION_ADD_KPI,
        value=_button_value(result, ids.ACTION_ADD_KPI),
        message_ts=result["ts"],
    )
    kpi_view = standin.wait_for_calls("views.open", opened + 1, timeout=WAIT_SECONDS)[-1]
    kpi_id = kpi_view.response["view"]["id"]
    listed = len(standin.messages(HUGO))
    values = kpi_values(
        _first_objective(standin.view(kpi_id)),
        INES,
        start=_SUMMER.isoformat(),
        deadline=date(2027, 12, 31).isoformat(),
        **{
            ids.BLOCK_KPI_NAME: plain_text_input("Instagram followers"),
            ids.BLOCK_KPI_UNIT: plain_text_input("followers"),
            ids.BLOCK_KPI_BASELINE: plain_text_input("1200"),
            ids.BLOCK_KPI_TARGET: plain_text_input("2000"),
            ids.BLOCK_KPI_WEEKDAY: static_select("2"),
            ids.BLOCK_KPI_TIME: timepicker("10:00"),
        },
    )
    _require(hugo.slack.view_submission(HUGO, kpi_id, values).status == 200, "the KPI form")
    _wait_for(lambda: len(standin.messages(HUGO)) > listed)


def _require(condition: bool, what: str) -> None:
    if not condition:
        raise RuntimeError(f"the summer scene went wrong: {what}")


def _snooze_option(prompt: dict[str, Any], prefix: str) -> str:
    for block in prompt.get("blocks", []):
        for element in block.get("elements", []):
            if element.get("action_id") == ids.ACTION_CHECKIN_SNOOZE:
                return next(
                    str(o["value"]) for o in element["options"] if o["value"].startswith(prefix)
                )
    raise LookupError(prefix)


def _checkin_prompts(standin: SlackStandIn, user: str) -> list[dict[str, Any]]:
    return [m for m in standin.messages(user) if _has_button(m, ids.ACTION_CHECKIN_UPDATE)]


def _ines_through_the_summer(ines: Scene, hugo: Scene, clock: Clock, now: SimulatedTime) -> None:
    standin, slack, deps = ines.standin, ines.slack, clock.deps

    def tick(at: datetime) -> None:
        now.set(at)
        run_tick(deps, sender_for=clock.sender_for, now=at)

    def dms() -> int:
        return len(standin.messages(INES))

    def update(prompt: dict[str, Any], typed: str, at: datetime) -> None:
        now.set(at)
        what = f"{_day(at)}, {at.astimezone(_PARIS):%H:%M}"
        opened, updates = standin.count("views.open"), standin.count("chat.update")
        value = _button_value(prompt, ids.ACTION_CHECKIN_UPDATE)
        slack.block_action(INES, ids.ACTION_CHECKIN_UPDATE, value=value, message_ts=prompt["ts"])
        view = standin.wait_for_calls("views.open", opened + 1, timeout=WAIT_SECONDS)[-1]
        values = state_values(
            **{
                ids.BLOCK_CHECKIN_VALUE: plain_text_input(typed),
                ids.BLOCK_CHECKIN_CONFIDENCE: radio_buttons("high"),
                ids.BLOCK_CHECKIN_COMMENT: plain_text_input(None),
            }
        )
        slack.view_submission(INES, view.response["view"]["id"], values)
        updated = standin.wait_for_calls("chat.update", updates + 1, timeout=WAIT_SECONDS)[-1]
        ines.sections.append(
            f"> {what}: Inès clicks *Update*: {typed} → {_status_of(updated.params)}\n"
        )

    # 1. A snooze from the DM's menu, and the question coming back.
    wednesday = _SUMMER + timedelta(days=2)
    tick(_paris(wednesday, 10, 1))
    [prompt] = _checkin_prompts(standin, INES)
    ines.sections.append(render_message(f"{_day(wednesday)}, 10:01: Inès is asked", prompt))
    now.set(_paris(wednesday, 10, 5))
    ines.say("is in a meeting: she picks *In 2 hours* in the DM's Snooze menu")
    updates = standin.count("chat.update")
    slack.block_action(
        INES,
        ids.ACTION_CHECKIN_SNOOZE,
        element=static_select(_snooze_option(prompt, "2h:")),
        message_ts=prompt["ts"],
    )
    snoozed = standin.wait_for_calls("chat.update", updates + 1, timeout=WAIT_SECONDS)[-1]
    ines.sections.append(render_message("Her check-in, changed in place", snoozed.params))
    before = dms()
    tick(_paris(wednesday, 11, 30))
    _require(dms() == before, "a snoozed question came back early")
    tick(_paris(wednesday, 12, 6))
    ines.sections.append(
        "> 11:30: a tick, nothing for Inès (the snooze runs until 12:05). 12:06: the question is "
        "put again — the prompt changed in place, and one short new line so Slack notifies:\n"
    )
    ines.sections.append(render_message("The new line", standin.messages(INES)[-1]))
    update(prompt, "1260", _paris(wednesday, 12, 10))

    # 2. Bastille Day: a weekly slot on a public holiday is excused, not missed.
    update_week = wednesday + timedelta(weeks=1)
    tick(_paris(update_week, 10, 1))
    update(_checkin_prompts(standin, INES)[-1], "1310", _paris(update_week, 10, 20))
    bastille = wednesday + timedelta(weeks=2)
    before = dms()
    for hour in (10, 15):
        tick(_paris(bastille, hour, 1))
    tick(_paris(bastille + timedelta(days=1), 9, 1))
    _require(dms() == before, "a DM on Bastille Day")
    ines.sections.append(
        f"> {_day(bastille)} {bastille.year} is Bastille Day, a public holiday in France: the clock ticks "
        f"at 10:01 and 15:01 and the next morning, and Inès gets nothing "
        f"({dms() - before} new messages). A weekly slot on a holiday is *excused*, not missed "
        "(a monthly one would move to the next working day instead).\n"
    )

    # 3. Away for a fortnight, and one summary on the way back.
    friday = bastille + timedelta(days=2)
    now.set(_paris(friday, 11))
    last_day = friday + timedelta(days=14)
    told = standin.count("response_url")
    ines.command(f"away until {last_day.isoformat()}")
    answer = standin.wait_for_calls("response_url", told + 1, timeout=WAIT_SECONDS)[-1].params
    ines.sections.append(render_message("The bot answers (only Inès sees it)", answer))
    before = dms()
    skipped = [bastille + timedelta(weeks=week) for week in (1, 2)]
    for day in skipped:
        tick(_paris(day, 10, 1))
    _require(dms() == before, "a DM while away")
    saturday = last_day + timedelta(days=1)
    tick(_paris(saturday, 10))
    _require(dms() == before, "a DM on a Saturday")
    monday = saturday + timedelta(days=2)
    tick(_paris(monday, 9, 1))
    ines.sections.append(
        f"> Wednesdays {skipped[0].day} and {skipped[1].day} {skipped[1]:%B}: "
        "Inès is away, both check-ins are excused and "
        f"nothing is sent. Her time away ends on {_day(saturday)}, not a working day: "
        f"the summary waits for {_day(monday)}, 9:00.\n"
    )
    back = _checkin_prompts(standin, INES)[-1]
    _require("skipped" in json.dumps(back["blocks"]), "the return summary")
    ines.sections.append(
        render_message("Back on Monday: the summary, and the latest check-in", back)
    )
    update(back, "1330", _paris(monday, 9, 20))

    # 4. A KPI left silent: two reminders each time, missed, twice in a row; the note to the lead.
    for n, asked_on in enumerate((monday + timedelta(days=2), monday + timedelta(days=9))):
        tick(_paris(asked_on, 10, 1))
        prompt = _checkin_prompts(standin, INES)[-1]
        in_place = [c for c in standin.calls("chat.update") if c.params["ts"] == prompt["ts"]]
        ines.sections.append(
            f"> {_day(asked_on)}, 10:01: Inès is asked, and this time she does not answer.\n"
        )
        mornings = [asked_on + timedelta(days=1), asked_on + timedelta(days=2)]
        for step, morning in enumerate(mornings, start=1):
            tick(_paris(morning, 9, 1))
            if n == 0:
                changed = standin.calls("chat.update")[-1].params
                _require(changed["ts"] == prompt["ts"], "the reminder did not change the prompt")
                ines.sections.append(
                    render_message(
                        f"{_day(morning)}, 9:01: reminder {step} of 2 — the prompt, changed "
                        "in place",
                        changed,
                    )
                )
                ines.sections.append(
                    render_message("…and the short new line", standin.messages(INES)[-1])
                )
        tick(_paris(asked_on + timedelta(days=5), 9, 1))  # the next Monday: missed
        changes = [c for c in standin.calls("chat.update") if c.params["ts"] == prompt["ts"]]
        _require(len(changes) == len(in_place) + 3, f"the ladder: {len(changes)} changes")
        missed = changes[-1].params
        if n == 0:
            ines.sections.append(
                render_message(
                    f"{_day(asked_on + timedelta(days=5))}, 9:01: no third reminder; the "
                    "prompt shows the check-in missed",
                    missed,
                )
            )
        else:
            ines.sections.append(
                f"> {_day(asked_on)}: the same again — two reminders, each changing the prompt "
                f"in place, then missed on {_day(asked_on + timedelta(days=5))}. Two missed "
                "periods in a row: the KPI has gone silent.\n"
            )
    [note] = [m for m in standin.messages(HUGO) if _has_button(m, ids.ACTION_REASSIGN_KPI)]
    ines.sections.append(render_message("Hugo, the team lead, gets a private note", note))
    lead = Scene(slack, standin, HUGO, hugo.who, ines.sections)
    lead.say("gives the KPI to Léa")
    opened = standin.count("views.open")
    lead.click(
        ids.ACTION_REASSIGN_KPI, _button_value(note, ids.ACTION_REASSIGN_KPI), message_ts=note["ts"]
    )
    view_id = lead.opened_view(opened)
    said = len(standin.messages(HUGO))
    owner = ids.input_action(ids.BLOCK_REASSIGN_OWNER)
    lead.submit(view_id, {ids.BLOCK_REASSIGN_OWNER: {owner: users_select(LEA)}}, "Léa")
    lead.dm(said + 1, "The bot confirms")
