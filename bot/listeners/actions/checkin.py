"""The check-in DM's buttons: Update and Skip open their modal, No change records at once."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks.checkin import build_my_kpis, build_skip_modal, build_update_modal
from bot.deps import Deps
from bot.forms import button_id
from bot.i18n import Translator
from bot.services import checkins
from bot.services.checkins import Answer, CheckInClosed
from bot.services.errors import NotYours
from bot.services.people import quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def _refused(error: Exception, respond: Respond, t: Translator) -> None:
    # Said only to the person who clicked, where they clicked.
    if isinstance(error, NotYours) and error.args and error.args[0]:
        text = t("checkin.not_yours", owner=error.args[0])
    elif isinstance(error, CheckInClosed):
        text = t("checkin.closed")
    else:
        text = t("error.not_found")
    respond(text=text, response_type="ephemeral", replace_original=False)


def _open(
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    deps: Deps,
    *,
    skip: bool,
) -> None:
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    checkin_id, trigger_id = button_id(body), body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    try:
        if checkin_id is None:
            raise NotYours(None)
        opened = checkins.open_for_answer(
            deps, team_id=team_id, user_id=user_id, checkin_id=checkin_id
        )
    except (NotYours, CheckInClosed) as error:
        _refused(error, respond, t)
        return
    owner_t = Translator(opened.locale)
    view = (
        build_skip_modal(owner_t, opened.card) if skip else build_update_modal(owner_t, opened.card)
    )
    open_modal(
        Sender(client),
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )


def open_update(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Open the update modal (value, confidence, comment) for the check-in's owner."""
    _open(body, client, context, respond, deps, skip=False)


def open_skip(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Open the skip modal (an optional reason) for the check-in's owner."""
    _open(body, client, context, respond, deps, skip=True)


def record_no_change(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Record "no change" (the last value again); the DM shows it, and so does the list
    `/smm kpis` showed when the button was clicked there."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    checkin_id = button_id(body)
    sender = Sender(client)
    try:
        if checkin_id is None:
            raise NotYours(None)
        checkins.answer(
            deps,
            team_id=team_id,
            user_id=user_id,
            checkin_id=checkin_id,
            how=Answer.NO_CHANGE,
            sender_for=lambda _team: sender,
        )
    except (NotYours, CheckInClosed) as error:
        _refused(error, respond, t)
        return
    if (body.get("container") or {}).get("is_ephemeral"):
        refresh_my_kpis(deps, respond, t, team_id=team_id, user_id=user_id)


def refresh_my_kpis(
    deps: Deps, respond: Respond, t: Translator, *, team_id: str, user_id: str
) -> None:
    """Replace the `/smm kpis` list the person is looking at with its current state."""
    mine = checkins.my_kpis(deps, team_id=team_id, user_id=user_id)
    message = build_my_kpis(t, mine.kpis, mine.open_cards)
    respond(
        text=message.text, blocks=message.blocks, response_type="ephemeral", replace_original=True
    )
