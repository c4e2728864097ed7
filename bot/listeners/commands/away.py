"""`/smm away until DATE`, `/smm away` (a date picker), `/smm back`."""

from __future__ import annotations

from logging import Logger

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.blocks.checkin import build_away_modal
from bot.deps import Deps
from bot.forms import local_today
from bot.i18n import Translator
from bot.services import away
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def answer_away(
    deps: Deps,
    client: WebClient,
    respond: Respond,
    logger: Logger,
    args: tuple[str, ...],
    locale: str,
    trigger_id: object,
    *,
    back: bool,
    team_id: str,
    user_id: str,
) -> None:
    """Mark the person away (or back), or open the date picker; answered ephemerally."""
    t = Translator(locale)
    if back:
        was_away = away.come_back(deps, team_id=team_id, user_id=user_id)
        respond(text=t("away.back" if was_away else "away.not_away"), response_type="ephemeral")
        return
    if not args:
        if isinstance(trigger_id, str):
            zone = away.local_zone(deps, team_id=team_id, user_id=user_id)
            today = local_today(deps.clock(), zone).isoformat()
            view = build_away_modal(t, today=today)
            open_modal(
                Sender(client), trigger_id=trigger_id, view=view, user_id=user_id,
                too_slow=t("modal.too_slow"),
            )  # fmt: skip
        return
    last_day = away.parse_until(args)
    if last_day is None:
        respond(text=t("away.bad_date"), response_type="ephemeral")
        return
    try:
        away.go_away(deps, team_id=team_id, user_id=user_id, last_day=last_day)
    except away.AwayDateInPast:
        respond(text=t("away.past"), response_type="ephemeral")
        return
    logger.info("%s is away until %s", user_id, last_day.isoformat())
    respond(text=t("away.set", day=t.date(last_day)), response_type="ephemeral")
