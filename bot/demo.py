"""`python -m bot demo`: the whole loop offline, against the Slack stand-in, on SQLite."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from bot.compose import build_web
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.serving import serve_wsgi
from bot.sandbox.transcript import render_message
from bot.settings import Settings
from bot.store.migrate import upgrade

OUTPUT = Path("demo-output")
SIGNING_SECRET = "demo-signing-secret"
# The stand-in's people: Bob writes in English, Alice in French.
PEOPLE = {"U0BOB": "Bob (en-US)", "U0ALICE": "Alice (fr-FR)"}


def run_demo(output: Path = OUTPUT) -> int:
    """Run the demo, write `transcript.md` under `output`, print a summary; 0 when all went well."""
    output.mkdir(parents=True, exist_ok=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # the demo's own summary is enough
    sections: list[str] = ["# SMM Advisor — demo transcript\n"]
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
                sections += _help_scenes(slack, standin)
        finally:
            web.close()
        calls = standin.calls()
    transcript = output / "transcript.md"
    transcript.write_text("\n".join(sections), encoding="utf-8")
    refused = [c for c in calls if c.status >= 400 or not c.response.get("ok", True)]
    print(f"Demo: {len(calls)} Slack Web API calls, {len(refused)} refused by the stand-in.")
    print(f"Transcript: {transcript.resolve()}")
    return 1 if refused else 0


def _help_scenes(slack: SignedSlackClient, standin: SlackStandIn) -> list[str]:
    sections = ["## `/smm help`, in each person's language\n"]
    for user_id, who in PEOPLE.items():
        for text in ("help", "asess"):
            before = len(standin.calls("response_url"))
            slack.slash_command(user_id, text)
            call = standin.wait_for_calls("response_url", before + 1, timeout=5)[-1]
            sections.append(render_message(f"{who} types `/smm {text}`", call.params))
    return sections
