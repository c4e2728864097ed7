"""The KPI form: validate (and check the owner) in the acknowledgement, save lazily."""

from __future__ import annotations

from logging import Logger
from typing import Any, Final

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot import ids
from bot.blocks import Message
from bot.blocks.kpi import build_kpi_list_message, build_kpi_owner_refused
from bot.deps import Deps
from bot.domain import KpiInput
from bot.forms import FieldErrors, local_today, submitted_view
from bot.forms.kpi import KpiFormState, offered_objectives, parse_kpi, parse_kpi_metadata
from bot.i18n import Translator
from bot.services import delivery, kpis
from bot.services.errors import NotYours
from bot.services.kpis import OwnerStatus
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender, SlackCallError

# Context keys: the acknowledgement's checked form, copied by Bolt for the lazy listener.
_STATE: Final = "smm_kpi_state"
_KPI: Final = "smm_kpi_input"


def _parsed(
    body: dict[str, Any], deps: Deps, team_id: str
) -> tuple[KpiFormState, KpiInput | FieldErrors]:
    view = submitted_view(body)
    state = parse_kpi_metadata(view.private_metadata)
    t = Translator(state.locale)
    objectives = offered_objectives(view.blocks)
    today = local_today(deps.clock(), state.tz)
    # Read at submission: settings changed since the form opened are the ones that count.
    hours = kpis.working_hours(deps, team_id=team_id)
    return state, parse_kpi(view.values, t, objectives=objectives, today=today, hours=hours)


def ack_kpi_form(ack: Ack, body: dict[str, Any], context: BoltContext, deps: Deps) -> None:
    """Errors inline (fields, or an owner who is a bot or deactivated), else close the modal."""
    try:
        state, parsed = _parsed(body, deps, context.team_id or "")
    except ValueError:
        ack(response_action="clear")
        return
    if isinstance(parsed, FieldErrors):
        ack(response_action="errors", errors=parsed.errors)
        return
    status = kpis.owner_status(deps, team_id=context.team_id or "", user_id=parsed.owner_user_id)
    if status in (OwnerStatus.BOT, OwnerStatus.DEACTIVATED):
        t = Translator(state.locale)
        ack(response_action="errors", errors={ids.BLOCK_KPI_OWNER: t(f"kpi.owner_error.{status}")})
        return
    context[_STATE], context[_KPI] = state, parsed
    ack()


def save_kpi_form(
    body: dict[str, Any], client: WebClient, context: BoltContext, logger: Logger, deps: Deps
) -> None:
    """Check an owner the cache did not know, save the KPI, and DM the updated KPI list."""
    state: KpiFormState | None = context.get(_STATE)
    parsed: KpiInput | None = context.get(_KPI)
    if state is None or parsed is None:
        return  # the acknowledgement refused the form
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(state.locale)
    status = kpis.owner_status(deps, team_id=team_id, user_id=parsed.owner_user_id)
    if status in (OwnerStatus.BOT, OwnerStatus.DEACTIVATED):
        return  # the acknowledgement refused this owner inline
    if status is OwnerStatus.UNKNOWN:
        try:
            status = kpis.check_owner(
                deps,
                team_id=team_id,
                user_id=parsed.owner_user_id,
                fetch=user_fetcher(Sender(client)),
            )
        except SlackCallError:
            # Slack did not answer: keep the KPI rather than lose the whole form.
            logger.warning("Could not check KPI owner %s", parsed.owner_user_id, exc_info=True)
            status = OwnerStatus.PERSON
    if status is not OwnerStatus.PERSON:
        refused = build_kpi_owner_refused(
            t, owner_user_id=parsed.owner_user_id, reason=status.value
        )
        _notify(deps, client, team_id=team_id, user_id=user_id, message=refused)
        return
    view = submitted_view(body)
    try:
        saved = kpis.save_kpi(
            deps,
            team_id=team_id,
            user_id=user_id,
            assessment_id=state.assessment_id,
            kpi_id=state.kpi_id,
            kpi=parsed,
            delivery_key=f"kpi:{view.id}:{view.hash}",
        )
    except NotYours:
        Sender(client).post_message(channel=user_id, text=t("kpi.not_yours"))
        return
    if saved is None:
        return  # a double submission: the first one answered
    summaries = kpis.kpi_summaries(deps, team_id=team_id, assessment_id=state.assessment_id)
    message = build_kpi_list_message(t, assessment_id=state.assessment_id, kpis=summaries)
    _notify(deps, client, team_id=team_id, user_id=user_id, message=message)


def _notify(deps: Deps, client: WebClient, *, team_id: str, user_id: str, message: Message) -> None:
    # Through the outbox: tried at once, and by the clock until Slack takes it.
    delivery.notify(deps, team_id=team_id, user_id=user_id, message=message, sender=Sender(client))
