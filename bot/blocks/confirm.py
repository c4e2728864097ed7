"""The confirmation dialogs of buttons whose action cannot be undone."""

from __future__ import annotations

from bot.blocks.kit import Block, confirm_dialog
from bot.i18n import Translator


def confirm_for(t: Translator, what: str) -> Block:
    """The dialog of `what` ("discard_draft", "start_over", "archive_kpi") in the reader's
    language, within Slack's limits."""
    return confirm_dialog(
        title=t(f"confirm.{what}.title"),
        text=t(f"confirm.{what}.text"),
        confirm=t(f"confirm.{what}.confirm"),
        deny=t("confirm.deny"),
        danger=True,
    )
