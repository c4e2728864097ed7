"""The reassign modal (a lead gives a silent KPI to someone else) and the away modal."""

from __future__ import annotations

from logging import Logger
from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.deps import Deps
from bot.forms import local_today, submitted_view
from bot.forms.reminders import (
    parse_away_metadata,
    parse_away_until,
    parse_new_owner,
    parse_reassign_metadata,
)
from bot.i18n import Translator
from bot.services import away, kpis
from bot.services.errors import NotAllowed, NotYours
from bot.slack.sender import Sender


def ack_reassign(ack: Ack, body: dict[str, Any]) -> None:
    """A new owner other than today's, else the error inline."""
    view = submitted_view(body)
    try:
        form = parse_reassign_metadata(view.private_metadata)
    except ValueError:
        ack(response_action="clear")
        return
    if parse_new_owner(view.values) is None:
        t = Translator(form.locale)
        ack(response_action="errors", errors={ids.BLOCK_REASSIGN_OWNER: t("reassign.same_owner")})
        return
    ack()


def save_reassign(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Give the KPI to its new owner and tell the lead it is done."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    view = submitted_view(body)
    form = parse_reassign_metadata(view.private_metadata)
    t = Translator(form.locale)
    owner = parse_new_owner(view.values) or ""
    try:
        found = kpis.reassign(
            deps, team_id=team_id, user_id=user_id, kpi_id=form.kpi_id, new_owner=owner
        )
        text = t("reassign.done", kpi=found.kpi_name, owner=owner)
    except NotYours:
        text = t("reassign.gone")
    except NotAllowed:
        text = t("reassign.not_allowed")
    Sender(client).post_message(channel=user_id, text=text)
    logger.info("KPI %s reassigned by %s", form.kpi_id, user_id)


def ack_away(ack: Ack, body: dict[str, Any], context: BoltContext, deps: Deps) -> None:
    """A day from today on (in the person's zone: one indexed read), else the error inline."""
    view = submitted_view(body)
    try:
        t = Translator(parse_away_metadata(view.private_metadata))
    except ValueError:
        ack(response_action="clear")
        return
    last_day = parse_away_until(view.values)
    zone = away.local_zone(deps, team_id=context.team_id or "", user_id=context.user_id or "")
    if last_day is None or last_day < local_today(deps.clock(), zone):
        ack(response_action="errors", errors={ids.BLOCK_AWAY_UNTIL: t("away.past")})
        return
    ack()


def save_away(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Mark the person away and confirm it by DM."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    view = submitted_view(body)
    t = Translator(parse_away_metadata(view.private_metadata))
    last_day = parse_away_until(view.values)
    if last_day is None:
        return
    try:
        away.go_away(deps, team_id=team_id, user_id=user_id, last_day=last_day)
        text = t("away.set", day=t.date(last_day))
    except away.AwayDateInPast:
        text = t("away.past")
    Sender(client).post_message(channel=user_id, text=text)
