"""Buttons that open the KPI form (add from the result or the list, edit from the list)."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks.kpi import build_kpi_modal
from bot.deps import Deps
from bot.forms import button_id, local_today
from bot.forms.kpi import KpiFormState
from bot.i18n import Translator
from bot.services import kpis
from bot.services.errors import NotYours
from bot.services.people import person_tz, quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def open_kpi_form(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """Open the KPI modal: to add (the button carries an assessment id) or edit (a KPI id)."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    action_id, target = body["actions"][0]["action_id"], button_id(body)
    trigger_id = body.get("trigger_id")
    if not isinstance(trigger_id, str):
        return
    locale = quick_locale(deps, team_id=team_id, user_id=user_id)
    t = Translator(locale)
    editing = action_id == ids.ACTION_EDIT_KPI
    try:
        if target is None:  # not an id we could have written
            raise NotYours(target)
        form = kpis.kpi_form(
            deps,
            team_id=team_id,
            user_id=user_id,
            assessment_id=None if editing else target,
            kpi_id=target if editing else None,
        )
    except NotYours:
        Sender(client).post_message(channel=user_id, text=t("kpi.not_yours"))
        return
    tz = person_tz(deps, team_id=team_id, user_id=user_id)
    state = KpiFormState(assessment_id=form.assessment_id, kpi_id=form.kpi_id, locale=locale, tz=tz)
    view = build_kpi_modal(
        t,
        state=state,
        objectives=form.objectives,
        today=local_today(deps.clock(), tz),
        default_owner=user_id,
        default_weekday=form.default_weekday,
        default_time=form.default_time,
        kpi=form.kpi,
    )
    open_modal(
        Sender(client),
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )
