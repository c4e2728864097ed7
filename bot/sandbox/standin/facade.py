"""SlackStandIn: the parts put together behind one object, and the one lock they share."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

from ..workspace import Channel, Team, UploadedFile, User, zone_fields
from .api import WebApi
from .chat import Chat
from .common import Identity, Ids
from .directory import Directory, default_channels, default_users
from .files import Files
from .recorder import Call, CallRecorder
from .scripting import Script
from .server import Served
from .views import Views


class SlackStandIn(Served):
    """A loopback Slack Web API: point `WebClient(base_url=standin.api_url)` at it.

    Every method here and every request takes one re-entrant lock while it reads or
    changes state; no one sleeps or does I/O while holding it.
    """

    def __init__(
        self,
        *,
        bot_token: str = "xoxb-standin",
        team: Team | None = None,
        bot_user_id: str = "U0BOT",
        bot_id: str = "B0BOT",
        app_id: str = "A0STANDIN",
        trigger_ttl: float = 3.0,
        users: Iterable[User] | None = None,
        channels: Iterable[Channel] | None = None,
    ) -> None:
        self.bot_token = bot_token
        self._identity = Identity(team or Team(), bot_user_id, bot_id, app_id)
        self._lock = threading.RLock()
        ids = Ids()
        self._ids = ids
        self._script = Script({bot_token})
        self._recorder = CallRecorder(self._lock)
        self._directory = Directory(
            self._identity,
            users if users is not None else default_users(bot_user_id),
            channels if channels is not None else default_channels(),
        )
        self._chat = Chat(self._identity, self._directory, ids)
        self._views = Views(self._identity, self._directory, ids, trigger_ttl=trigger_ttl)
        self._files = Files(self._directory, self._chat, ids, base_url=lambda: self.base_url)
        handlers = {
            **self._directory.handlers(),
            **self._chat.handlers(),
            **self._views.handlers(),
            **self._files.handlers(),
        }
        self._api = WebApi(self._lock, self._script, self._recorder, handlers, self._files)
        super().__init__(self._api)

    # -- identity ------------------------------------------------------------------------

    @property
    def team(self) -> Team:
        """The workspace the stand-in pretends to be."""
        return self._identity.team

    @property
    def team_id(self) -> str:
        """The workspace id (T…)."""
        return self._identity.team.id

    @property
    def bot_user_id(self) -> str:
        """The bot's user id (U…)."""
        return self._identity.bot_user_id

    @property
    def bot_id(self) -> str:
        """The bot id (B…)."""
        return self._identity.bot_id

    @property
    def app_id(self) -> str:
        """The app id (A…)."""
        return self._identity.app_id

    @property
    def trigger_ttl(self) -> float:
        """Seconds a trigger_id stays usable."""
        return self._views.trigger_ttl

    @trigger_ttl.setter
    def trigger_ttl(self, seconds: float) -> None:
        with self._lock:
            self._views.trigger_ttl = seconds

    # -- scripting -----------------------------------------------------------------------

    def fail(
        self,
        method: str,
        error: str = "internal_error",
        *,
        status: int = 200,
        retry_after: int | None = None,
        times: int | None = 1,
        body: str | None = None,
    ) -> None:
        """Make the next `times` calls to `method` fail (None: until `clear_scripts`).

        `method` is a Web API method, or `files.upload` for the post of a file's bytes.

        Args:
            error: the Slack error code put in `{"ok": false, "error": ...}`.
            status: HTTP status (429 for rate limits, 5xx for outages, 200 for `ok: false`).
            retry_after: seconds for the `Retry-After` header.
            body: a raw body to send instead of JSON (e.g. an HTML 503 page).
        """
        with self._lock:
            self._script.fail(
                method, error, status=status, retry_after=retry_after, times=times, body=body
            )

    def in_flight(self, method: str) -> int:
        """How many calls to `method` are being held by a scripted delay right now."""
        return self._api.in_flight(method)

    def slow(self, method: str, seconds: float, *, times: int | None = None) -> None:
        """Delay answers to `method` (or `files.upload`) by `seconds` (`times` calls, None: all)."""
        with self._lock:
            self._script.slow(method, seconds, times=times)

    def clear_scripts(self) -> None:
        """Forget every scripted failure and delay."""
        with self._lock:
            self._script.clear()

    def add_token(self, token: str) -> None:
        """Accept another token (e.g. a second workspace's bot token)."""
        with self._lock:
            self._script.add_token(token)

    def revoke_token(self, token: str) -> None:
        """Stop accepting a token: calls with it get `invalid_auth`."""
        with self._lock:
            self._script.revoke_token(token)

    # -- workspace -----------------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        name: str,
        *,
        real_name: str = "",
        tz: str = "UTC",
        locale: str = "en-US",
        is_bot: bool = False,
        deleted: bool = False,
        is_admin: bool = False,
        is_owner: bool = False,
    ) -> User:
        """Add (or replace) a member; `tz_offset`/`tz_label` follow from the IANA `tz` now."""
        offset, label = zone_fields(tz)
        user = User(
            user_id,
            name,
            real_name,
            tz=tz,
            tz_offset=offset,
            tz_label=label,
            locale=locale,
            is_bot=is_bot,
            deleted=deleted,
            is_admin=is_admin,
            is_owner=is_owner,
        )
        with self._lock:
            self._directory.put_user(user)
        return user

    def update_user(self, user_id: str, **changes: Any) -> User:
        """Change fields of a member (a new `tz` also refreshes `tz_offset` and `tz_label`)."""
        with self._lock:
            return self._directory.update_user(user_id, **changes)

    def user(self, user_id: str) -> User:
        """A member by id (KeyError if unknown)."""
        with self._lock:
            return self._directory.user(user_id)

    def add_channel(
        self,
        channel_id: str,
        name: str,
        *,
        is_member: bool = True,
        is_private: bool = False,
        is_archived: bool = False,
    ) -> Channel:
        """Add (or replace) a channel; `is_member` says whether the bot is in it."""
        channel = Channel(
            channel_id, name, is_member=is_member, is_private=is_private, is_archived=is_archived
        )
        with self._lock:
            self._directory.put_channel(channel)
        return channel

    def channel(self, channel_id: str) -> Channel:
        """A conversation by id (KeyError if unknown)."""
        with self._lock:
            return self._directory.channel(channel_id)

    def dm_id(self, user_id: str) -> str:
        """The stable D… id of the bot's DM with a user (opened on first use)."""
        with self._lock:
            return self._directory.open_dm(user_id).id

    # -- what happened -------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Every call received so far, oldest first, optionally only one method's."""
        return self._recorder.calls(method)

    def count(self, method: str | None = None) -> int:
        """How many calls (to `method`) arrived so far, without copying any list."""
        return self._recorder.count(method)

    def wait_for_calls(self, method: str, count: int = 1, *, timeout: float = 2.0) -> list[Call]:
        """Wait until `count` calls to `method` arrived (lazy listeners answer after the ack)."""
        return self._recorder.wait_for_calls(method, count, timeout=timeout)

    def wait_for_count(self, method: str, count: int, *, timeout: float = 2.0) -> int:
        """Wait until `count` calls to `method` arrived; how many did, copying no list."""
        return self._recorder.wait_for_count(method, count, timeout=timeout)

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages in a channel, oldest first (a U… id means that user's DM)."""
        with self._lock:
            return self._chat.messages(channel)

    def message_count(self, channel: str) -> int:
        """How many messages a channel holds (a U… id means that user's DM), copying none."""
        with self._lock:
            return self._chat.message_count(channel)

    def message_counts(self) -> dict[str, int]:
        """Messages per channel id (DMs by their D… id), for every channel that has any."""
        with self._lock:
            return self._chat.message_counts()

    def ephemerals(self, channel: str, user: str) -> list[dict[str, Any]]:
        """Ephemeral messages shown to `user` in `channel`, oldest first."""
        with self._lock:
            return self._chat.ephemerals(channel, user)

    def view(self, view_id: str) -> dict[str, Any]:
        """The current view as Slack would send it (id, hash, state, …); KeyError if unknown."""
        with self._lock:
            return self._views.view(view_id)

    def view_stack(self, view_id: str) -> list[str]:
        """Ids of the open modal views in `view_id`'s stack, bottom first ([] once closed)."""
        with self._lock:
            return self._views.view_stack(view_id)

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The App Home view published for a user, if any."""
        with self._lock:
            return self._views.home_view(user_id)

    def file(self, file_id: str) -> UploadedFile:
        """A file uploaded through files upload v2 (KeyError if unknown)."""
        with self._lock:
            return self._files.file(file_id)

    # -- what Slack does on the user's side ----------------------------------------------

    def new_trigger_id(self, *, user_id: str | None = None, view_id: str | None = None) -> str:
        """Issue a trigger_id as an interaction would; it expires after `trigger_ttl` seconds."""
        with self._lock:
            return self._views.new_trigger_id(user_id=user_id, view_id=view_id)

    def set_view_state(self, view_id: str, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """Record what the user typed in a view (its `state.values`); returns the view."""
        with self._lock:
            return self._views.set_state(view_id, values)

    def close_view(self, view_id: str, *, clear: bool = False) -> None:
        """Close a modal view as the user would (`clear`: the whole stack)."""
        with self._lock:
            self._views.close(view_id, clear=clear)

    def apply_submission_response(self, view_id: str, ack_body: str) -> None:
        """Do to the modal what Slack does with a view_submission ack body."""
        with self._lock:
            self._views.apply_submission_response(view_id, ack_body)

    def response_url(self, name: str = "") -> str:
        """A response_url on the stand-in; posts to it are recorded as `response_url` calls."""
        number = self._ids.number()
        return f"{self.base_url}/response_url/{self.team.id}/{number}/{name or 'hook'}"
