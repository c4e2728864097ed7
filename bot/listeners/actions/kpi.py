"""The KPI form's buttons: open it (add from the result or the list, edit from the list),
follow its cadence, delete (archive) the KPI from it or from `/smm kpis`."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot import ids
from bot.blocks import mrkdwn_escape
from bot.blocks.checkin import build_my_kpis
from bot.blocks.kpi import (
    build_kpi_archived,
    build_kpi_list_message,
    build_kpi_modal,
    with_cadence,
)
from bot.deps import Deps
from bot.forms import button_id, in_ephemeral, local_today, submitted_view
from bot.forms.kpi import KpiFormState, chosen_cadence, chosen_schedule_days, parse_kpi_metadata
from bot.i18n import Translator
from bot.services import checkins, delivery, kpis
from bot.services.errors import NotYours
from bot.services.people import locale_or_default, person_tz, quick_locale
from bot.slack.modals import open_modal
from bot.slack.people import user_fetcher
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
        hours=form.hours,
    )
    open_modal(
        Sender(client),
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )


def follow_cadence(
    body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps
) -> None:
    """A cadence was chosen in the KPI form: show that cadence's day field only."""
    view = submitted_view(body)
    try:
        state = parse_kpi_metadata(view.private_metadata)
    except ValueError:
        return
    cadence = chosen_cadence(view.values)
    if cadence is None:
        return
    team_id, user_id = context.team_id or "", context.user_id or ""
    try:
        form = kpis.kpi_form(
            deps,
            team_id=team_id,
            user_id=user_id,
            assessment_id=state.assessment_id if state.kpi_id is None else None,
            kpi_id=state.kpi_id,
        )
    except NotYours:
        return
    weekday, day = chosen_schedule_days(view.values)
    kept = form.kpi
    updated = with_cadence(
        body.get("view") or {},
        Translator(state.locale),
        cadence,
        weekday=weekday if weekday is not None else _kpi_weekday(form),
        day_of_month=day
        or (kept.checkin_day_of_month if kept else None)
        or local_today(deps.clock(), state.tz).day,
        weekdays=form.hours.weekdays,
    )
    # The hash: a view changed meanwhile is not overwritten.
    Sender(client).call("views.update", view_id=view.id, hash=view.hash, view=updated)


def _kpi_weekday(form: kpis.KpiForm) -> int:
    kept = form.kpi
    return (
        kept.checkin_weekday if kept and kept.checkin_weekday is not None else form.default_weekday
    )


def archive_kpi(body: dict[str, Any], client: WebClient, context: BoltContext, deps: Deps) -> None:
    """Delete (archive) a KPI after the confirmation: the modal says so, the list follows."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    kpi_id, view = button_id(body), submitted_view(body)
    try:
        locale = parse_kpi_metadata(view.private_metadata).locale
    except ValueError:
        locale = quick_locale(deps, team_id=team_id, user_id=user_id)
    t, sender = Translator(locale), Sender(client)
    try:
        if kpi_id is None:
            raise NotYours(kpi_id)
        done = kpis.archive_kpi(deps, team_id=team_id, user_id=user_id, kpi_id=kpi_id)
    except NotYours:
        sender.post_message(channel=user_id, text=t("kpi.not_yours"))
        return
    sender.call("views.update", view_id=view.id, view=build_kpi_archived(t, name=done.name))
    if done.now:
        summaries = kpis.kpi_summaries(deps, team_id=team_id, assessment_id=done.assessment_id)
        listed = build_kpi_list_message(t, assessment_id=done.assessment_id, kpis=summaries)
        delivery.notify(deps, team_id=team_id, user_id=user_id, message=listed, sender=sender)


def delete_listed_kpi(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Delete (archive) a KPI from `/smm kpis` after the confirmation: its owner's or its
    assessment owner's press replaces the list, a short note on top; anyone else's (a forged
    press) is refused in a message only they see, nothing written."""
    team_id, user_id = context.team_id or "", context.user_id or ""
    kpi_id = button_id(body)
    # No modal to open in time: the presser's language may be asked of Slack.
    fetch = user_fetcher(Sender(client))
    t = Translator(locale_or_default(deps, team_id=team_id, user_id=user_id, fetch=fetch))
    try:
        if kpi_id is None:  # not an id we could have written
            raise NotYours(kpi_id)
        done = kpis.archive_kpi(deps, team_id=team_id, user_id=user_id, kpi_id=kpi_id)
    except NotYours:
        respond(
            text=t("checkin.mine.delete_refused"),
            response_type="ephemeral",
            replace_original=False,
        )
        return
    note = t("checkin.mine.deleted", name=mrkdwn_escape(done.name))
    if not in_ephemeral(body):  # not the list (the button is only there): say it apart
        respond(text=note, response_type="ephemeral", replace_original=False)
        return
    mine = checkins.my_kpis(deps, team_id=team_id, user_id=user_id)
    listed = build_my_kpis(t, mine.kpis, mine.open_cards, note=note)
    respond(
        text=listed.text, blocks=listed.blocks, response_type="ephemeral", replace_original=True
    )
