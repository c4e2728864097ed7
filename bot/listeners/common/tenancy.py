"""One workspace per token: a request from any other workspace is refused before it writes."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, BoltResponse

from bot.deps import Deps
from bot.i18n import Translator

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Home:
    """The workspace (or Enterprise Grid organisation) the bot token was issued for."""

    team_id: str | None
    enterprise_id: str | None = None
    is_enterprise_install: bool = False

    @classmethod
    def from_auth_test(cls, data: dict[str, Any]) -> Home:
        """What `auth.test` says of the token."""
        return cls(
            team_id=data.get("team_id") or None,
            enterprise_id=data.get("enterprise_id") or None,
            is_enterprise_install=bool(data.get("is_enterprise_install")),
        )

    def admits(self, *, team_id: str | None, enterprise_id: str | None) -> bool:
        """Whether a request from this team (and organisation) is for this token's workspace."""
        if self.is_enterprise_install:
            return enterprise_id is not None and enterprise_id == self.enterprise_id
        return team_id is not None and team_id == self.team_id


def refuse_other_workspaces(home: Home) -> Callable[..., BoltResponse]:
    """A Bolt middleware answering requests from other workspaces without handling them."""

    def guard(
        body: dict[str, Any], context: BoltContext, next: Callable[[], BoltResponse]
    ) -> BoltResponse:
        if home.admits(team_id=context.team_id, enterprise_id=context.enterprise_id):
            return next()
        logger.warning(
            "Refused a request from workspace %s: the bot token is for %s",
            context.team_id,
            home.team_id or home.enterprise_id,
        )
        if body.get("command"):  # a slash command: say why, only to the person who typed it
            deps: Deps = context["deps"]
            text = Translator(deps.settings.default_locale)("error.not_installed")
            return BoltResponse(status=200, body={"response_type": "ephemeral", "text": text})
        return BoltResponse(status=200, body="")

    return guard
