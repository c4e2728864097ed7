"""`/smm`: answer help in the acknowledgement when the user's language is known, else lazily."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks.archive import build_my_assessments
from bot.blocks.checkin import build_my_kpis
from bot.blocks.help import build_help
from bot.blocks.recommendation import build_reevaluated
from bot.deps import Deps
from bot.forms.command import parse_command
from bot.i18n import Translator
from bot.listeners.commands.away import answer_away
from bot.listeners.commands.settings import open_settings
from bot.listeners.common.wizard import open_wizard_view
from bot.services import archive, checkins, reevaluation
from bot.services.people import cached_locale, locale_or_default
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender

_LOCALE = "smm_locale"  # context key: the locale the matcher found


def help_in_a_known_language(body: dict[str, Any], context: BoltContext) -> bool:
    """Match help requests from people whose locale is cached (one indexed read)."""
    if parse_command(body.get("text", "")).name != "help":
        return False
    deps: Deps = context["deps"]
    locale = cached_locale(deps, team_id=context.team_id or "", user_id=context.user_id or "")
    context[_LOCALE] = locale
    return locale is not None


def answer_help_at_once(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    """Answer help in the acknowledgement itself: no Slack call, nothing left to do later."""
    request = parse_command(body.get("text", ""))
    message = build_help(
        Translator(context[_LOCALE]), unknown=request.unknown, suggestion=request.suggestion
    )
    ack(text=message.text, blocks=message.blocks, response_type="ephemeral")


def ack_smm_command(ack: Ack) -> None:
    """Acknowledge within Slack's 3 seconds; the answer follows from the lazy listener."""
    ack()


def answer_smm_command(
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    logger: Logger,
    deps: Deps,
) -> None:
    """Look the user up (users.info, cached), then answer `/smm <text>` in their language."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    request = parse_command(body.get("text", ""))
    fetch = user_fetcher(Sender(client))
    locale = locale_or_default(deps, team_id=team_id, user_id=user_id, fetch=fetch)
    trigger_id = body.get("trigger_id")
    if request.name == "kpis":
        mine = checkins.my_kpis(deps, team_id=team_id, user_id=user_id)
        listed = build_my_kpis(Translator(locale), mine.kpis, mine.open_cards)
        respond(text=listed.text, blocks=listed.blocks, response_type="ephemeral")
        return
    if request.name == "reevaluate":
        done = reevaluation.on_demand(
            deps, team_id=team_id, user_id=user_id, sender_for=lambda _team: Sender(client)
        )
        told = build_reevaluated(
            Translator(locale),
            [(r.created, verdict, confidence) for r, verdict, confidence in done],
            archived=archive.archived_count(deps, team_id=team_id, user_id=user_id),
        )
        respond(text=told.text, blocks=told.blocks, response_type="ephemeral")
        return
    if request.name == "archive":
        lines = archive.my_assessments(deps, team_id=team_id, user_id=user_id)
        listed = build_my_assessments(Translator(locale), lines)
        respond(text=listed.text, blocks=listed.blocks, response_type="ephemeral")
        return
    if request.name in ("away", "back"):
        answer_away(
            deps,
            client,
            respond,
            logger,
            request.args,
            locale,
            trigger_id,
            back=request.name == "back",
            team_id=team_id,
            user_id=user_id,
        )
        return
    if request.name == "assess" and isinstance(trigger_id, str):
        open_wizard_view(
            deps,
            client,
            logger,
            team_id=team_id,
            user_id=user_id,
            locale=locale,
            trigger_id=trigger_id,
        )
        return
    if request.name == "settings" and isinstance(trigger_id, str):
        open_settings(
            deps,
            client,
            respond,
            logger,
            team_id=team_id,
            user_id=user_id,
            locale=locale,
            trigger_id=trigger_id,
        )
        return
    message = build_help(Translator(locale), unknown=request.unknown, suggestion=request.suggestion)
    respond(text=message.text, blocks=message.blocks, response_type="ephemeral")
