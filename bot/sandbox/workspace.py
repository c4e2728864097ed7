"""The stand-in's small workspace model: team, users, channels, messages, views, files."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@dataclass(frozen=True)
class Team:
    """The workspace the stand-in pretends to be."""

    id: str = "T0STANDIN"
    name: str = "Stand-in Workspace"
    domain: str = "standin"


@dataclass(frozen=True)
class User:
    """A workspace member as users.info describes it."""

    id: str
    name: str
    real_name: str = ""
    tz: str = "UTC"
    tz_offset: int = 0
    tz_label: str = "Coordinated Universal Time"
    locale: str = "en-US"
    is_bot: bool = False
    deleted: bool = False
    is_admin: bool = False
    is_owner: bool = False

    def to_slack(self, team_id: str, *, include_locale: bool) -> dict[str, Any]:
        """The `user` object of users.info (locale only when asked for, as Slack does)."""
        out: dict[str, Any] = {
            "id": self.id,
            "team_id": team_id,
            "name": self.name,
            "deleted": self.deleted,
            "color": "9f69e7",
            "real_name": self.real_name or self.name,
            "tz": self.tz,
            "tz_label": self.tz_label,
            "tz_offset": self.tz_offset,
            "profile": {
                "real_name": self.real_name or self.name,
                "display_name": self.name,
                "real_name_normalized": self.real_name or self.name,
                "display_name_normalized": self.name,
                "team": team_id,
            },
            "is_admin": self.is_admin,
            "is_owner": self.is_owner,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": 1_700_000_000,
        }
        if include_locale:
            out["locale"] = self.locale
        return out


def zone_fields(tz: str, *, at: datetime | None = None) -> tuple[int, str]:
    """Slack's `tz_offset` (seconds) and a `tz_label` for an IANA zone, at `at` (default now)."""
    when = at or datetime.now(UTC)
    try:
        local = when.astimezone(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return 0, "Coordinated Universal Time"
    offset = local.utcoffset()
    return int(offset.total_seconds()) if offset else 0, local.tzname() or tz


@dataclass(frozen=True)
class Channel:
    """A conversation: a channel (C…) the bot may or may not be in, or a DM (D…) with one user."""

    id: str
    name: str
    is_member: bool = True
    is_private: bool = False
    user: str | None = None  # set for DMs only
    is_archived: bool = False

    @property
    def is_im(self) -> bool:
        """True for a direct message with one user."""
        return self.user is not None

    def to_slack(self) -> dict[str, Any]:
        """The `channel` object of conversations.info."""
        if self.is_im:
            return {
                "id": self.id,
                "created": 1_700_000_000,
                "is_im": True,
                "is_org_shared": False,
                "user": self.user,
                "is_user_deleted": False,
                "priority": 0,
            }
        return {
            "id": self.id,
            "name": self.name,
            "is_channel": not self.is_private,
            "is_group": self.is_private,
            "is_im": False,
            "is_mpim": False,
            "is_private": self.is_private,
            "is_archived": self.is_archived,
            "is_general": self.name == "general",
            "is_member": self.is_member,
            "created": 1_700_000_000,
            "name_normalized": self.name,
        }


@dataclass
class UploadedFile:
    """A file sent through files upload v2: reserved, then its bytes, then completed."""

    id: str
    filename: str
    length: int
    content: bytes | None = None
    title: str | None = None
    completed: bool = False
    channels: list[str] = field(default_factory=list)
    alt_txt: str | None = None  # the image description given to files.getUploadURLExternal
