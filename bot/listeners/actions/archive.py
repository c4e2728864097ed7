"""Archive and Restore: in the result DM (Archive behind a confirmation) and `/smm archive`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks.archive import build_my_assessments
from bot.deps import Deps
from bot.forms import button_id, in_ephemeral
from bot.i18n import Translator
from bot.services import archive
from bot.services.archive import Changed, Refusal
from bot.services.people import locale_or_default
from bot.slack.people import user_fetcher
from bot.slack.sender import Sender


def refusal_text(t: Translator, changed: Changed) -> str | None:
    """Why a press did nothing, or None when it archived (or restored)."""
    if changed.refusal is None:
        return None
    day = t.date(changed.day) if changed.day else ""
    return t(f"archive.refused.{changed.refusal.value}", date=day)


def _press(
    change: Callable[..., Changed],
    done_key: str,
    body: dict[str, Any],
    client: WebClient,
    context: BoltContext,
    respond: Respond,
    deps: Deps,
) -> None:
    assessment_id = button_id(body)
    team_id, user_id = context.team_id or "", context.user_id or ""
    sender = Sender(client)
    # No modal to open in time: the presser's language may be asked of Slack.
    fetch = user_fetcher(sender)
    t = Translator(locale_or_default(deps, team_id=team_id, user_id=user_id, fetch=fetch))
    changed = (
        change(
            deps,
            team_id=team_id,
            user_id=user_id,
            assessment_id=assessment_id,
            sender_for=lambda _team: sender,
        )
        if assessment_id is not None
        else Changed(Refusal.GONE)
    )
    text = refusal_text(t, changed)
    if text is not None:
        respond(text=text, response_type="ephemeral", replace_original=False)
    elif in_ephemeral(body):  # pressed in `/smm archive`'s list: the list shows the change
        lines = archive.my_assessments(deps, team_id=team_id, user_id=user_id)
        listed = build_my_assessments(t, lines, note=t(done_key))
        respond(text=listed.text, blocks=listed.blocks, replace_original=True)


def archive_assessment(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Archive: the owner's assessment stops its check-ins and reviews."""
    _press(archive.archive, "archive.done.archived", body, client, context, respond, deps)


def restore_assessment(
    body: dict[str, Any], client: WebClient, context: BoltContext, respond: Respond, deps: Deps
) -> None:
    """Restore: the owner's archived assessment asks again from its next check-in."""
    _press(archive.restore, "archive.done.restored", body, client, context, respond, deps)
