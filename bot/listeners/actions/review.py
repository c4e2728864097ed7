"""The review post's buttons: Accept, Keep (a modal asks why), Snooze, Details."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks.review import build_accept_modal, build_keep_modal
from bot.deps import Deps
from bot.domain import DecisionAction
from bot.forms import button_id
from bot.forms.review import decision_metadata
from bot.i18n import Translator
from bot.services import decisions, review_details
from bot.services.decisions import Decided, Refusal
from bot.services.people import quick_locale
from bot.slack.modals import open_modal
from bot.slack.sender import Sender


def refusal_text(t: Translator, decided: Decided, leads: list[str]) -> str | None:
    """Why a press did nothing, or None when it decided."""
    if decided.refusal is None:
        return None
    if decided.refusal is Refusal.ALREADY:
        return t(
            "review.refused.already",
            user=decided.by or "",
            action=t(f"review.action.{decided.action}"),
            date=t.date(decided.at.date()) if decided.at else "",
        )
    if decided.refusal is Refusal.NOT_A_LEAD:
        return t("review.refused.not_a_lead", leads=", ".join(f"<@{u}>" for u in leads))
    return t(f"review.refused.{decided.refusal.value}")


def tell_refusal(t: Translator, respond: Respond, decided: Decided, leads: list[str]) -> None:
    """Why nothing happened, to the person who pressed only."""
    text = refusal_text(t, decided, leads)
    if text is not None:
        respond(text=text, response_type="ephemeral", replace_original=False)


def _press(
    action: DecisionAction,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    deps: Deps,
) -> None:
    recommendation_id = button_id(body)
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    if recommendation_id is None:
        tell_refusal(t, respond, Decided(Refusal.GONE), [])
        return
    sender = Sender(client)
    decided = decisions.decide(
        deps,
        team_id=team_id,
        user_id=user_id,
        recommendation_id=recommendation_id,
        action=action,
        sender_for=lambda _team: sender,
    )
    tell_refusal(t, respond, decided, decisions.leads(deps, team_id=team_id))


def accept(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Accept: the recommended mode starts today; toward an agency or a hybrid, a modal first
    asks for the period agreed with it."""
    recommendation_id, trigger_id = button_id(body), body.get("trigger_id")
    team_id, user_id = context.team_id or "", context.user_id or ""
    verdict = (
        decisions.period_verdict(deps, team_id=team_id, recommendation_id=recommendation_id)
        if recommendation_id is not None
        and isinstance(trigger_id, str)
        and decisions.check(deps, team_id=team_id, user_id=user_id) is None
        else None
    )
    if verdict is not None and recommendation_id is not None and isinstance(trigger_id, str):
        locale = quick_locale(deps, team_id=team_id, user_id=user_id)
        t = Translator(locale)
        metadata = decision_metadata(recommendation_id=recommendation_id, locale=locale)
        open_modal(
            Sender(client),
            trigger_id=trigger_id,
            view=build_accept_modal(t, metadata=metadata, verdict=verdict),
            user_id=user_id,
            too_slow=t("modal.too_slow"),
        )
        return
    _press(DecisionAction.ACCEPTED, body, client, context, respond, deps)


def snooze(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Snooze: asked again in two weeks if still in force."""
    _press(DecisionAction.SNOOZED, body, client, context, respond, deps)


def open_keep(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Keep: a lead says why in a modal (anyone else is told who decides)."""
    recommendation_id, trigger_id = button_id(body), body.get("trigger_id")
    team_id, user_id = context.team_id or "", context.user_id or ""
    locale = quick_locale(deps, team_id=team_id, user_id=user_id)
    t = Translator(locale)
    refused = decisions.check(deps, team_id=team_id, user_id=user_id)
    if refused is not None or recommendation_id is None or not isinstance(trigger_id, str):
        decided = Decided(refused or Refusal.GONE)
        tell_refusal(t, respond, decided, decisions.leads(deps, team_id=team_id))
        return
    view = build_keep_modal(
        t, metadata=decision_metadata(recommendation_id=recommendation_id, locale=locale)
    )
    open_modal(
        Sender(client),
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )


def open_details(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Details: factors, flips, the KPI table and the decisions, for anyone in the workspace."""
    recommendation_id, trigger_id = button_id(body), body.get("trigger_id")
    team_id, user_id = context.team_id or "", context.user_id or ""
    t = Translator(quick_locale(deps, team_id=team_id, user_id=user_id))
    view = (
        review_details.details_view(deps, team_id=team_id, recommendation_id=recommendation_id, t=t)
        if recommendation_id is not None
        else None
    )
    if view is None or not isinstance(trigger_id, str):
        tell_refusal(t, respond, Decided(Refusal.GONE), [])
        return
    open_modal(
        Sender(client),
        trigger_id=trigger_id,
        view=view,
        user_id=user_id,
        too_slow=t("modal.too_slow"),
    )
