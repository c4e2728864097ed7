"""The check-in DM's Snooze menu, and the silent-KPI note's Reassign button."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks.checkin import build_reassign_modal
from bot.deps import Deps
from bot.forms import button_id
from bot.forms.reminders import parse_snooze
from bot.i18n import Translator
from bot.listeners.actions.checkin import _refused
from bot.services import kpis, reminders
from bot.services.checkins import CheckInClosed
from bot.services.errors import NotAllowed, NotYours
from bot.services.people import quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def snooze_checkin(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Put the check-in off (in 2 hours, tomorrow morning, the next working day): the DM says
    until when."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    chosen = parse_snooze(body)
    sender = Sender(client)
    try:
        if chosen is None:
            raise NotYours(None)
        reminders.snooze(
            deps,
            team_id=team_id,
            user_id=user_id,
            checkin_id=chosen[1],
            choice=reminders.Snooze(chosen[0]),
            sender_for=lambda _team: sender,
        )
    except (NotYours, CheckInClosed) as error:
        _refused(error, respond, t)


def open_reassign(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Open the reassign modal for a team lead (anyone else is told who may)."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    kpi_id, trigger_id = button_id(body), body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    try:
        if kpi_id is None:
            raise NotYours(None)
        found = kpis.reassign_form(deps, team_id=team_id, user_id=user_id, kpi_id=kpi_id)
    except NotYours:
        respond(text=t("reassign.gone"), response_type="ephemeral", replace_original=False)
        return
    except NotAllowed:
        respond(text=t("reassign.not_allowed"), response_type="ephemeral", replace_original=False)
        return
    view = build_reassign_modal(
        t, kpi_name=found.kpi_name, owner=found.owner_user_id, kpi_id=kpi_id
    )
    open_modal(
        Sender(client),
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )
