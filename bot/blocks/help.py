"""The `/smm help` message."""

from __future__ import annotations

from bot import ids
from bot.blocks import Message, mrkdwn_escape
from bot.blocks.kit import actions, button, context, header, mrkdwn_section
from bot.forms.command import SUBCOMMANDS
from bot.i18n import Translator


def build_help(
    t: Translator, *, unknown: str | None = None, suggestion: str | None = None
) -> Message:
    """Help in the reader's language; for an unknown word, say so and suggest the nearest command."""
    lines = [t("help.intro")]
    if unknown is not None:
        lines.insert(0, t("help.unknown", word=mrkdwn_escape(unknown)))
        if suggestion is not None:
            lines.insert(1, t("help.did_you_mean", suggestion=f"{ids.COMMAND} {suggestion}"))
    commands = "\n".join(
        t("help.command_line", command=f"{ids.COMMAND} {name}", description=t(f"help.cmd.{name}"))
        for name in SUBCOMMANDS
    )
    return Message(
        text=t("help.fallback"),
        blocks=[
            header(t("help.header")),
            mrkdwn_section("\n\n".join(lines)),
            mrkdwn_section(f"{t('help.commands_title')}\n{commands}"),
            actions(button(t("help.assess_button"), ids.ACTION_ASSESS, primary=True)),
            context(t("help.footer")),
        ],
    )
