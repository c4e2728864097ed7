"""Who and where: members, channels and DMs, with auth.test, users.info and conversations.*."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from ..workspace import Channel, User, zone_fields
from .common import Handler, Identity, Params, Refused, is_user_id, truthy


def default_users(bot_user_id: str) -> list[User]:
    """The bot, Alice (Paris, fr-FR, admin) and Bob (New York, en-US)."""
    paris_offset, paris_label = zone_fields("Europe/Paris")
    ny_offset, ny_label = zone_fields("America/New_York")
    return [
        User(bot_user_id, "smm-advisor", "SMM Advisor", is_bot=True),
        User(
            "U0ALICE",
            "alice",
            "Alice Martin",
            tz="Europe/Paris",
            tz_offset=paris_offset,
            tz_label=paris_label,
            locale="fr-FR",
            is_admin=True,
            is_owner=True,
        ),
        User(
            "U0BOB",
            "bob",
            "Bob Stone",
            tz="America/New_York",
            tz_offset=ny_offset,
            tz_label=ny_label,
            locale="en-US",
        ),
    ]


def default_channels() -> list[Channel]:
    """#general, which the bot is in, and #random, which it is not."""
    return [Channel("C0GENERAL", "general"), Channel("C0RANDOM", "random", False)]


class Directory:
    """The workspace's members and conversations; the caller holds the stand-in's lock."""

    def __init__(
        self, identity: Identity, users: Iterable[User], channels: Iterable[Channel]
    ) -> None:
        self._identity = identity
        self._users: dict[str, User] = {u.id: u for u in users}
        self._channels: dict[str, Channel] = {c.id: c for c in channels}

    def handlers(self) -> dict[str, Handler]:
        """The Web API methods this part answers."""
        return {
            "auth.test": self._auth_test,
            "users.info": self._users_info,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
        }

    # -- members and conversations -------------------------------------------------------

    def put_user(self, user: User) -> None:
        """Add or replace a member."""
        self._users[user.id] = user

    def update_user(self, user_id: str, **changes: Any) -> User:
        """Change fields of a member (a new `tz` also refreshes `tz_offset` and `tz_label`)."""
        user = self._users[user_id]
        if "tz" in changes and "tz_offset" not in changes:
            changes["tz_offset"], changes["tz_label"] = zone_fields(changes["tz"])
        updated = replace(user, **changes)
        self._users[user_id] = updated
        return updated

    def user(self, user_id: str) -> User:
        """A member by id (KeyError if unknown)."""
        return self._users[user_id]

    def has_user(self, user_id: Any) -> bool:
        """True if `user_id` is a known member's id."""
        return isinstance(user_id, str) and user_id in self._users

    def put_channel(self, channel: Channel) -> None:
        """Add or replace a conversation."""
        self._channels[channel.id] = channel

    def channel(self, channel_id: str) -> Channel:
        """A conversation by id (KeyError if unknown)."""
        return self._channels[channel_id]

    def dm_for(self, user_id: str) -> str:
        """The D… id the bot's DM with a user has (whether or not it is open yet)."""
        return "D" + user_id[1:]

    def conversation_id(self, channel: str) -> str:
        """A conversation id as given, or the DM's for a user id."""
        return self.dm_for(channel) if is_user_id(channel) else channel

    def open_dm(self, user_id: str) -> Channel:
        """The bot's DM with a member, opened on first use (`user_not_found` if unknown)."""
        if user_id not in self._users:
            raise Refused("user_not_found")
        dm_id = self.dm_for(user_id)
        if dm_id not in self._channels:
            self._channels[dm_id] = Channel(dm_id, user_id, user=user_id)
        return self._channels[dm_id]

    def resolve(self, value: Any) -> Channel:
        """The conversation a post goes to: an id, or a user id for that user's DM."""
        if not isinstance(value, str) or not value:
            raise Refused("channel_not_found")
        if is_user_id(value):
            # Slack delivers a post to a user id into the bot's DM with that user.
            try:
                return self.open_dm(value)
            except Refused:
                raise Refused("channel_not_found") from None
        channel = self._channels.get(value)
        if channel is None:
            raise Refused("channel_not_found")
        return channel

    def postable(self, value: Any) -> Channel:
        """The conversation a post goes to, refused with `not_in_channel` if the bot is out."""
        channel = self.resolve(value)
        if channel.is_archived:
            raise Refused("is_archived")
        if not channel.is_im and not channel.is_member:
            raise Refused("not_in_channel")
        return channel

    # -- Web API methods -----------------------------------------------------------------

    def _auth_test(self, _params: Params) -> dict[str, Any]:
        me = self._identity
        bot = self._users.get(me.bot_user_id)
        return {
            "url": f"https://{me.team.domain}.slack.com/",
            "team": me.team.name,
            "user": bot.name if bot is not None else "bot",
            "team_id": me.team.id,
            "user_id": me.bot_user_id,
            "bot_id": me.bot_id,
            "is_enterprise_install": False,
        }

    def _users_info(self, params: Params) -> dict[str, Any]:
        user = self._users.get(str(params.get("user", "")))
        if user is None:
            raise Refused("user_not_found")
        include_locale = truthy(params.get("include_locale", False))
        return {"user": user.to_slack(self._identity.team.id, include_locale=include_locale)}

    def _conversations_open(self, params: Params) -> dict[str, Any]:
        channel_id = params.get("channel")
        if channel_id:
            channel = self._channels.get(str(channel_id))
            if channel is None or not channel.is_im:
                raise Refused("channel_not_found")
            return {"no_op": True, "already_open": True, "channel": {"id": channel.id}}
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            raise Refused("users_list_not_supplied")
        if len(users) > 1:
            raise Refused("not_supported", "the stand-in opens one-to-one DMs only")
        existed = self.dm_for(users[0]) in self._channels
        channel = self.open_dm(users[0])
        body: dict[str, Any] = {
            "channel": channel.to_slack() if truthy(params.get("return_im")) else {"id": channel.id}
        }
        if existed:
            body.update(no_op=True, already_open=True)
        return body

    def _conversations_info(self, params: Params) -> dict[str, Any]:
        channel_id = str(params.get("channel", ""))
        # Unlike chat.postMessage, conversations.info takes no user id for the DM: Slack
        # answers channel_not_found, and an app must call conversations.open for the D… id.
        channel = None if is_user_id(channel_id) else self._channels.get(channel_id)
        if channel is None:
            raise Refused("channel_not_found")
        return {"channel": channel.to_slack()}
