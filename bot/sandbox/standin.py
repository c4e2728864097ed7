"""A Slack Web API stand-in on loopback: records every call and refuses what Slack refuses."""

from __future__ import annotations

import contextlib
import copy
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from .validation import MAX_MESSAGE_TEXT, Rejection, check_message_blocks, check_view
from .workspace import Channel, Team, UploadedFile, User, zone_fields

logger = logging.getLogger(__name__)

# Form fields slack_sdk (or an app) may send as JSON strings; Slack decodes them, so do we.
_JSON_FIELDS = frozenset({"blocks", "attachments", "view", "files", "metadata"})
_BOT_SCOPES = "commands,chat:write,im:write,users:read,files:write,channels:read"
MAX_VIEW_STACK = 3  # "A modal can hold up to 3 views at a time in a view stack"

Params = dict[str, Any]
Handler = Callable[[Params], dict[str, Any]]


@dataclass(frozen=True)
class Call:
    """One request the stand-in received, with the JSON it answered."""

    method: str
    params: dict[str, Any]
    token: str | None
    at: float
    response: dict[str, Any]
    status: int = 200


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: int | None
    remaining: int | None  # None: every call until cleared
    body: str | None


@dataclass
class _Delay:
    seconds: float
    remaining: int | None


@dataclass
class _Trigger:
    issued_at: float
    user_id: str | None
    view_id: str | None
    used: bool = False


class _Refused(Exception):
    def __init__(self, error: str, *messages: str) -> None:
        super().__init__(error)
        self.rejection = Rejection(error, messages)


@dataclass
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


def _default_users(bot_user_id: str) -> list[User]:
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


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in ("1", "true")


def _decode_params(content_type: str, raw: bytes, query: str) -> Params:
    params: Params = dict(parse_qsl(query, keep_blank_values=True))
    if not raw:
        return params
    if "json" in content_type:
        body = json.loads(raw.decode("utf-8"))
        if isinstance(body, dict):
            params.update(body)
        return params
    params.update(parse_qsl(raw.decode("utf-8"), keep_blank_values=True))
    for key in _JSON_FIELDS & params.keys():
        value = params[key]
        if isinstance(value, str) and value[:1] in ("[", "{"):
            # Left as sent when it does not parse: the method's own checks refuse it.
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(value)
    return params


class SlackStandIn:
    """A loopback Slack Web API: point `WebClient(base_url=standin.api_url)` at it."""

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
        self.team = team or Team()
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.app_id = app_id
        self.trigger_ttl = trigger_ttl
        self._lock = threading.RLock()
        self._tokens = {bot_token}
        self._users: dict[str, User] = {
            u.id: u for u in (users if users is not None else _default_users(bot_user_id))
        }
        default_channels = [Channel("C0GENERAL", "general"), Channel("C0RANDOM", "random", False)]
        self._channels: dict[str, Channel] = {
            c.id: c for c in (channels if channels is not None else default_channels)
        }
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._ephemerals: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._views: dict[str, dict[str, Any]] = {}
        self._stacks: dict[str, list[str]] = {}  # root view id -> open views, bottom first
        self._stack_owners: dict[str, str | None] = {}  # root view id -> user who opened it
        self._homes: dict[str, str] = {}  # user id -> home view id
        self._triggers: dict[str, _Trigger] = {}
        self._files: dict[str, UploadedFile] = {}
        self._calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._delays: dict[str, list[_Delay]] = {}
        self._counter = 0
        self._last_ts_us = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Handler] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "views.open": self._views_open,
            "views.push": self._views_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "conversations.open": self._conversations_open,
            "conversations.info": self._conversations_info,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> SlackStandIn:
        """Serve on 127.0.0.1 (a free port) from a daemon thread."""
        if self._server is not None:
            return self
        server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        server.daemon_threads = True
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the socket."""
        if self._server is None:
            return
        self._server.shutdown()
        self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> SlackStandIn:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """Root URL of the running server, e.g. http://127.0.0.1:54321."""
        if self._server is None:
            raise RuntimeError("the stand-in is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        """The Web API base URL for `WebClient(base_url=...)`, ending in /api/."""
        return f"{self.base_url}/api/"

    @property
    def team_id(self) -> str:
        """The workspace id (T…)."""
        return self.team.id

    # -- scripting ---------------------------------------------------------------------------

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

        Args:
            error: the Slack error code put in `{"ok": false, "error": ...}`.
            status: HTTP status (429 for rate limits, 5xx for outages, 200 for `ok: false`).
            retry_after: seconds for the `Retry-After` header.
            body: a raw body to send instead of JSON (e.g. an HTML 503 page).
        """
        with self._lock:
            self._failures.setdefault(method, []).append(
                _Failure(error, status, retry_after, times, body)
            )

    def slow(self, method: str, seconds: float, *, times: int | None = None) -> None:
        """Delay answers to `method` by `seconds` (for `times` calls, None: until cleared)."""
        with self._lock:
            self._delays.setdefault(method, []).append(_Delay(seconds, times))

    def clear_scripts(self) -> None:
        """Forget every scripted failure and delay."""
        with self._lock:
            self._failures.clear()
            self._delays.clear()

    def add_token(self, token: str) -> None:
        """Accept another token (e.g. a second workspace's bot token)."""
        with self._lock:
            self._tokens.add(token)

    def revoke_token(self, token: str) -> None:
        """Stop accepting a token: calls with it get `invalid_auth`."""
        with self._lock:
            self._tokens.discard(token)

    # -- workspace -------------------------------------------------------------------------

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
            self._users[user_id] = user
        return user

    def update_user(self, user_id: str, **changes: Any) -> User:
        """Change fields of a member (a new `tz` also refreshes `tz_offset` and `tz_label`)."""
        with self._lock:
            user = self._users[user_id]
            if "tz" in changes and "tz_offset" not in changes:
                changes["tz_offset"], changes["tz_label"] = zone_fields(changes["tz"])
            updated = replace(user, **changes)
            self._users[user_id] = updated
            return updated

    def user(self, user_id: str) -> User:
        """A member by id (KeyError if unknown)."""
        with self._lock:
            return self._users[user_id]

    def add_channel(
        self, channel_id: str, name: str, *, is_member: bool = True, is_private: bool = False
    ) -> Channel:
        """Add (or replace) a channel; `is_member` says whether the bot is in it."""
        channel = Channel(channel_id, name, is_member=is_member, is_private=is_private)
        with self._lock:
            self._channels[channel_id] = channel
        return channel

    def channel(self, channel_id: str) -> Channel:
        """A conversation by id (KeyError if unknown)."""
        with self._lock:
            return self._channels[channel_id]

    def dm_id(self, user_id: str) -> str:
        """The stable D… id of the bot's DM with a user (opened on first use)."""
        with self._lock:
            return self._open_dm(user_id).id

    # -- what happened -----------------------------------------------------------------------

    def calls(self, method: str | None = None) -> list[Call]:
        """Every call received so far, oldest first, optionally only one method's."""
        with self._lock:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for_calls(self, method: str, count: int = 1, *, timeout: float = 2.0) -> list[Call]:
        """Poll until `count` calls to `method` arrived (lazy listeners answer after the ack)."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.calls(method)
            if len(found) >= count or time.monotonic() >= deadline:
                return found
            time.sleep(0.01)

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Messages in a channel, oldest first (a U… id means that user's DM)."""
        with self._lock:
            channel_id = self._dm_for(channel) if channel[:1] in ("U", "W") else channel
            return copy.deepcopy(self._messages.get(channel_id, []))

    def ephemerals(self, channel: str, user: str) -> list[dict[str, Any]]:
        """Ephemeral messages shown to `user` in `channel`, oldest first."""
        with self._lock:
            channel_id = self._dm_for(channel) if channel[:1] in ("U", "W") else channel
            return copy.deepcopy(self._ephemerals.get((channel_id, user), []))

    def view(self, view_id: str) -> dict[str, Any]:
        """The current view as Slack would send it (id, hash, state, …); KeyError if unknown."""
        with self._lock:
            return copy.deepcopy(self._views[view_id])

    def view_stack(self, view_id: str) -> list[str]:
        """Ids of the open modal views in `view_id`'s stack, bottom first ([] once closed)."""
        with self._lock:
            root = self._views[view_id]["root_view_id"]
            return list(self._stacks.get(root, []))

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """The App Home view published for a user, if any."""
        with self._lock:
            view_id = self._homes.get(user_id)
            return copy.deepcopy(self._views[view_id]) if view_id else None

    def file(self, file_id: str) -> UploadedFile:
        """A file uploaded through files upload v2 (KeyError if unknown)."""
        with self._lock:
            return copy.deepcopy(self._files[file_id])

    # -- what Slack does on the user's side ----------------------------------------------------

    def new_trigger_id(self, *, user_id: str | None = None, view_id: str | None = None) -> str:
        """Issue a trigger_id as an interaction would; it expires after `trigger_ttl` seconds."""
        with self._lock:
            self._counter += 1
            trigger_id = (
                f"{int(time.time() * 1000)}{self._counter:03d}."
                f"{secrets.randbelow(10**10):010d}.{secrets.token_hex(16)}"
            )
            self._triggers[trigger_id] = _Trigger(time.monotonic(), user_id, view_id)
            return trigger_id

    def set_view_state(self, view_id: str, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """Record what the user typed in a view (its `state.values`); returns the view."""
        with self._lock:
            self._views[view_id]["state"] = {"values": copy.deepcopy(values)}
            return copy.deepcopy(self._views[view_id])

    def close_view(self, view_id: str, *, clear: bool = False) -> None:
        """Close a modal view as the user would (`clear`: the whole stack)."""
        with self._lock:
            root = self._views[view_id]["root_view_id"]
            stack = self._stacks.get(root, [])
            if clear:
                stack.clear()
            elif view_id in stack:
                del stack[stack.index(view_id) :]

    def apply_submission_response(self, view_id: str, ack_body: str) -> None:
        """Do to the modal what Slack does with a view_submission ack body."""
        if not ack_body.strip():
            self.close_view(view_id)
            return
        try:
            answer = json.loads(ack_body)
        except json.JSONDecodeError:
            return
        action = answer.get("response_action") if isinstance(answer, dict) else None
        with self._lock:
            if action == "clear":
                self.close_view(view_id, clear=True)
            elif action == "update" and isinstance(answer.get("view"), dict):
                if check_view(answer["view"]) is None:
                    self._replace_view(view_id, answer["view"])
            elif action == "push" and isinstance(answer.get("view"), dict):
                stack = self._stacks.get(self._views[view_id]["root_view_id"], [])
                if check_view(answer["view"]) is None and len(stack) < MAX_VIEW_STACK:
                    self._push_view(view_id, answer["view"])
            # "errors" leaves the view open and unchanged

    # -- HTTP edge ---------------------------------------------------------------------------

    def _handle_api(self, method: str, params: Params, header_token: str | None) -> _Reply:
        token = header_token or (params.pop("token", None) or None)
        params.pop("token", None)
        self._wait_if_slow(method)
        with self._lock:
            reply, body = self._answer(method, params, token)
            self._calls.append(Call(method, params, token, time.time(), body, reply.status))
        return reply

    def _answer(
        self, method: str, params: Params, token: str | None
    ) -> tuple[_Reply, dict[str, Any]]:
        failure = self._take_failure(method)
        if failure is not None:
            body = {"ok": False, "error": failure.error}
            headers = {}
            if failure.retry_after is not None:
                headers["Retry-After"] = str(failure.retry_after)
            if failure.body is not None:
                return _Reply(failure.status, failure.body.encode(), "text/html", headers), body
            return _Reply(failure.status, json.dumps(body).encode(), headers=headers), body
        handler = self._handlers.get(method)
        if handler is None:
            body = {"ok": False, "error": "unknown_method"}
            return _Reply(200, json.dumps(body).encode()), body
        try:
            if not token:
                raise _Refused("not_authed")
            if token not in self._tokens:
                raise _Refused("invalid_auth")
            body = {"ok": True, **handler(params)}
        except _Refused as refused:
            body = refused.rejection.body()
        headers = {"x-oauth-scopes": _BOT_SCOPES} if method == "auth.test" else {}
        return _Reply(200, json.dumps(body).encode(), headers=headers), body

    def _take_failure(self, method: str) -> _Failure | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        if failure.remaining is not None:
            failure.remaining -= 1
            if failure.remaining <= 0:
                queue.pop(0)
        return failure

    def _wait_if_slow(self, method: str) -> None:
        with self._lock:
            queue = self._delays.get(method)
            if not queue:
                return
            delay = queue[0]
            if delay.remaining is not None:
                delay.remaining -= 1
                if delay.remaining <= 0:
                    queue.pop(0)
        time.sleep(delay.seconds)  # outside the lock: other calls keep flowing meanwhile

    def _handle_upload(self, file_id: str, data: bytes) -> _Reply:
        with self._lock:
            upload = self._files.get(file_id)
            if upload is None:
                status, text = 404, "not found"
            else:
                upload.content = data
                status, text = 200, f"OK - {len(data)}"
            self._calls.append(
                Call(
                    "files.upload",
                    {"file_id": file_id, "length": len(data)},
                    None,
                    time.time(),
                    {"ok": status == 200},
                    status,
                )
            )
        return _Reply(status, text.encode(), "text/plain; charset=utf-8")

    def _handle_response_url(self, path: str, params: Params) -> _Reply:
        # Slack checks a response_url message like chat.postMessage and answers 400 with the
        # error name as plain text.
        rejection = check_message_blocks(params.get("blocks"))
        if rejection is None and not (params.get("text") or params.get("blocks")):
            rejection = Rejection("no_text")
        status, text = (400, rejection.error) if rejection else (200, "ok")
        with self._lock:
            self._calls.append(
                Call(
                    "response_url",
                    {"path": path, **params},
                    None,
                    time.time(),
                    {"ok": rejection is None, **({"error": text} if rejection else {})},
                    status,
                )
            )
        return _Reply(status, text.encode(), "text/plain; charset=utf-8")

    def response_url(self, name: str = "") -> str:
        """A response_url on the stand-in; posts to it are recorded as `response_url` calls."""
        with self._lock:
            self._counter += 1
            return f"{self.base_url}/response_url/{self.team.id}/{self._counter}/{name or 'hook'}"

    # -- helpers on state (lock held) ------------------------------------------------------------

    def _next_id(self, prefix: str) -> str:
        self._counter += 1
        return f"{prefix}0{self._counter:08d}"

    def _next_ts(self) -> str:
        now_us = int(time.time() * 1_000_000)
        self._last_ts_us = max(now_us, self._last_ts_us + 1)  # unique and increasing, like Slack
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    def _dm_for(self, user_id: str) -> str:
        return "D" + user_id[1:]

    def _open_dm(self, user_id: str) -> Channel:
        if user_id not in self._users:
            raise _Refused("user_not_found")
        dm_id = self._dm_for(user_id)
        if dm_id not in self._channels:
            self._channels[dm_id] = Channel(dm_id, user_id, user=user_id)
        return self._channels[dm_id]

    def _resolve_channel(self, value: Any) -> Channel:
        if not isinstance(value, str) or not value:
            raise _Refused("channel_not_found")
        if value[:1] in ("U", "W"):
            # Slack delivers a post to a user id into the bot's DM with that user.
            try:
                return self._open_dm(value)
            except _Refused:
                raise _Refused("channel_not_found") from None
        channel = self._channels.get(value)
        if channel is None:
            raise _Refused("channel_not_found")
        return channel

    def _checked_text_and_blocks(self, params: Params) -> tuple[str, list[Any] | None]:
        text = params.get("text")
        blocks = params.get("blocks")
        if isinstance(blocks, str):  # a form body whose blocks did not parse as JSON
            raise _Refused("invalid_blocks_format")
        has_text = isinstance(text, str) and text.strip() != ""
        if not has_text and not blocks and not params.get("attachments"):
            raise _Refused("no_text")
        rejection = check_message_blocks(blocks)
        if rejection is not None:
            raise _Refused(rejection.error, *rejection.messages)
        if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
            raise _Refused("msg_too_long")
        return (text if isinstance(text, str) else ""), blocks

    def _bot_message(self, text: str, blocks: list[Any] | None, ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "text": text,
            "user": self.bot_user_id,
            "bot_id": self.bot_id,
            "app_id": self.app_id,
            "team": self.team.id,
            "ts": ts,
        }
        if blocks:
            message["blocks"] = copy.deepcopy(blocks)
        return message

    # -- Web API methods (lock held) -------------------------------------------------------------

    def _auth_test(self, _params: Params) -> dict[str, Any]:
        return {
            "url": f"https://{self.team.domain}.slack.com/",
            "team": self.team.name,
            "user": self._users[self.bot_user_id].name
            if self.bot_user_id in self._users
            else "bot",
            "team_id": self.team.id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _chat_post_message(self, params: Params) -> dict[str, Any]:
        channel = self._resolve_channel(params.get("channel"))
        if not channel.is_im and not channel.is_member:
            raise _Refused("not_in_channel")
        text, blocks = self._checked_text_and_blocks(params)
        ts = self._next_ts()
        message = self._bot_message(text, blocks, ts)
        for key in ("thread_ts", "metadata", "attachments"):
            if params.get(key):
                message[key] = copy.deepcopy(params[key])
        self._messages.setdefault(channel.id, []).append(message)
        return {"channel": channel.id, "ts": ts, "message": copy.deepcopy(message)}

    def _chat_update(self, params: Params) -> dict[str, Any]:
        channel = self._resolve_channel(params.get("channel"))
        ts = params.get("ts")
        found = [m for m in self._messages.get(channel.id, []) if m["ts"] == ts]
        if not found:
            raise _Refused("message_not_found")
        message = found[0]
        if message.get("user") != self.bot_user_id:
            raise _Refused("cant_update_message")
        text, blocks = self._checked_text_and_blocks(params)
        message["text"] = text
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        message["edited"] = {"user": self.bot_user_id, "ts": self._next_ts()}
        return {"channel": channel.id, "ts": ts, "text": text, "message": copy.deepcopy(message)}

    def _chat_post_ephemeral(self, params: Params) -> dict[str, Any]:
        user_id = params.get("user")
        if not isinstance(user_id, str) or user_id not in self._users:
            raise _Refused("user_not_found")
        channel = self._resolve_channel(params.get("channel"))
        if not channel.is_im and not channel.is_member:
            raise _Refused("not_in_channel")
        text, blocks = self._checked_text_and_blocks(params)
        ts = self._next_ts()
        message = self._bot_message(text, blocks, ts)
        self._ephemerals.setdefault((channel.id, user_id), []).append(message)
        return {"message_ts": ts}

    def _take_trigger(self, params: Params) -> _Trigger:
        trigger_id = params.get("trigger_id")
        trigger = self._triggers.get(trigger_id) if isinstance(trigger_id, str) else None
        if trigger is None:
            raise _Refused("invalid_trigger_id")
        if trigger.used:
            raise _Refused("exchanged_trigger_id")
        if time.monotonic() - trigger.issued_at > self.trigger_ttl:
            raise _Refused("expired_trigger_id")
        return trigger

    def _checked_view(self, params: Params, kind: str) -> dict[str, Any]:
        raw = params.get("view")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError:
                raise _Refused("invalid_arguments", "view must be JSON") from None
        rejection = check_view(raw, kind=kind)
        if rejection is not None:
            raise _Refused(rejection.error, *rejection.messages)
        assert isinstance(raw, dict)  # check_view refuses anything else
        external_id = raw.get("external_id")
        if external_id and any(v.get("external_id") == external_id for v in self._views.values()):
            raise _Refused("duplicate_external_id")
        return raw

    def _new_hash(self) -> str:
        return f"{int(time.time())}.{secrets.token_hex(4)}"

    def _build_view(
        self, raw: dict[str, Any], *, view_id: str, root_view_id: str, previous_view_id: str | None
    ) -> dict[str, Any]:
        def text_object(value: Any) -> Any:
            return {"type": "plain_text", "text": value} if isinstance(value, str) else value

        blocks = copy.deepcopy(raw.get("blocks", []))
        for block in blocks:
            # Slack gives every block an id; state.values is keyed by it.
            block.setdefault("block_id", secrets.token_urlsafe(4)[:5])
        return {
            "id": view_id,
            "team_id": self.team.id,
            "type": raw["type"],
            "blocks": blocks,
            "private_metadata": raw.get("private_metadata", ""),
            "callback_id": raw.get("callback_id", ""),
            "state": {"values": {}},
            "hash": self._new_hash(),
            "title": text_object(raw.get("title")),
            "clear_on_close": bool(raw.get("clear_on_close", False)),
            "notify_on_close": bool(raw.get("notify_on_close", False)),
            "close": text_object(raw.get("close")),
            "submit": text_object(raw.get("submit")),
            "previous_view_id": previous_view_id,
            "root_view_id": root_view_id,
            "app_id": self.app_id,
            "external_id": raw.get("external_id", ""),
            "app_installed_team_id": self.team.id,
            "bot_id": self.bot_id,
        }

    def _push_view(self, below_id: str, raw: dict[str, Any]) -> dict[str, Any]:
        root = self._views[below_id]["root_view_id"]
        stack = self._stacks.setdefault(root, [])
        view_id = self._next_id("V")
        view = self._build_view(
            raw, view_id=view_id, root_view_id=root, previous_view_id=stack[-1] if stack else None
        )
        self._views[view_id] = view
        stack.append(view_id)
        return view

    def _replace_view(self, view_id: str, raw: dict[str, Any]) -> dict[str, Any]:
        old = self._views[view_id]
        view = self._build_view(
            raw,
            view_id=view_id,
            root_view_id=old["root_view_id"],
            previous_view_id=old["previous_view_id"],
        )
        # Slack keeps what the user typed in inputs whose block_id survives the update.
        kept = {b["block_id"] for b in view["blocks"]}
        values = old["state"]["values"]
        view["state"] = {"values": {k: v for k, v in values.items() if k in kept}}
        self._views[view_id] = view
        return view

    def _views_open(self, params: Params) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked_view(params, "modal")
        trigger.used = True
        view_id = self._next_id("V")
        view = self._build_view(raw, view_id=view_id, root_view_id=view_id, previous_view_id=None)
        self._views[view_id] = view
        self._stacks[view_id] = [view_id]
        self._stack_owners[view_id] = trigger.user_id
        return {"view": copy.deepcopy(view)}

    def _open_stack_for(self, trigger: _Trigger) -> list[str] | None:
        if trigger.view_id is not None and trigger.view_id in self._views:
            stack = self._stacks.get(self._views[trigger.view_id]["root_view_id"])
            return stack if stack else None
        # A trigger from outside a modal: the user's most recently opened modal, if still open.
        for root in reversed(list(self._stacks)):
            stack = self._stacks[root]
            owner = self._stack_owners.get(root)
            if stack and (trigger.user_id is None or owner in (None, trigger.user_id)):
                return stack
        return None

    def _views_push(self, params: Params) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked_view(params, "modal")
        stack = self._open_stack_for(trigger)
        if stack is None:
            raise _Refused("not_found", "no open modal to push onto")
        if len(stack) >= MAX_VIEW_STACK:
            raise _Refused("push_limit_reached")
        trigger.used = True
        return {"view": copy.deepcopy(self._push_view(stack[-1], raw))}

    def _views_update(self, params: Params) -> dict[str, Any]:
        view_id = params.get("view_id")
        external_id = params.get("external_id")
        if not view_id and external_id:
            matches = [v["id"] for v in self._views.values() if v.get("external_id") == external_id]
            view_id = matches[0] if matches else None
        if not isinstance(view_id, str) or view_id not in self._views:
            raise _Refused("not_found")
        current = self._views[view_id]
        raw = self._checked_view(params, current["type"])
        expected = params.get("hash")
        if expected and expected != current["hash"]:
            raise _Refused("hash_conflict")
        return {"view": copy.deepcopy(self._replace_view(view_id, raw))}

    def _views_publish(self, params: Params) -> dict[str, Any]:
        user_id = params.get("user_id")
        if not isinstance(user_id, str) or user_id not in self._users:
            raise _Refused("invalid_arguments", "invalid `user_id`")
        raw = self._checked_view(params, "home")
        current_id = self._homes.get(user_id)
        expected = params.get("hash")
        if current_id is not None:
            if expected and expected != self._views[current_id]["hash"]:
                raise _Refused("hash_conflict")
            return {"view": copy.deepcopy(self._replace_view(current_id, raw))}
        view_id = self._next_id("V")
        view = self._build_view(raw, view_id=view_id, root_view_id=view_id, previous_view_id=None)
        self._views[view_id] = view
        self._homes[user_id] = view_id
        return {"view": copy.deepcopy(view)}

    def _users_info(self, params: Params) -> dict[str, Any]:
        user = self._users.get(str(params.get("user", "")))
        if user is None:
            raise _Refused("user_not_found")
        include_locale = _truthy(params.get("include_locale", False))
        return {"user": user.to_slack(self.team.id, include_locale=include_locale)}

    def _conversations_open(self, params: Params) -> dict[str, Any]:
        channel_id = params.get("channel")
        if channel_id:
            channel = self._channels.get(str(channel_id))
            if channel is None or not channel.is_im:
                raise _Refused("channel_not_found")
            return {"no_op": True, "already_open": True, "channel": {"id": channel.id}}
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            raise _Refused("users_list_not_supplied")
        if len(users) > 1:
            raise _Refused("not_supported", "the stand-in opens one-to-one DMs only")
        existed = self._dm_for(users[0]) in self._channels
        channel = self._open_dm(users[0])
        body: dict[str, Any] = {
            "channel": channel.to_slack()
            if _truthy(params.get("return_im"))
            else {"id": channel.id}
        }
        if existed:
            body.update(no_op=True, already_open=True)
        return body

    def _conversations_info(self, params: Params) -> dict[str, Any]:
        channel = self._channels.get(str(params.get("channel", "")))
        if channel is None:
            raise _Refused("channel_not_found")
        return {"channel": channel.to_slack()}

    def _files_get_upload_url(self, params: Params) -> dict[str, Any]:
        filename = params.get("filename")
        try:
            length = int(params.get("length", ""))
        except ValueError:
            raise _Refused("invalid_arguments", "missing required field: length") from None
        if not filename:
            raise _Refused("invalid_arguments", "missing required field: filename")
        file_id = self._next_id("F")
        self._files[file_id] = UploadedFile(file_id, str(filename), length)
        return {"upload_url": f"{self.base_url}/upload/v1/{file_id}", "file_id": file_id}

    def _files_complete_upload(self, params: Params) -> dict[str, Any]:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            raise _Refused("invalid_arguments", "missing required field: files")
        targets: list[Channel] = []
        channel_ids = [params["channel_id"]] if params.get("channel_id") else []
        channel_ids += [c for c in str(params.get("channels") or "").split(",") if c]
        for channel_id in channel_ids:
            targets.append(self._resolve_channel(channel_id))
        done: list[dict[str, Any]] = []
        for item in files:
            upload = self._files.get(item.get("id", "")) if isinstance(item, dict) else None
            if upload is None or upload.content is None:
                raise _Refused("file_not_found")
            upload.title = item.get("title") or upload.filename
            upload.completed = True
            upload.channels = [c.id for c in targets]
            done.append(
                {
                    "id": upload.id,
                    "title": upload.title,
                    "name": upload.filename,
                    "size": len(upload.content),
                }
            )
        for channel in targets:
            message = self._bot_message(
                str(params.get("initial_comment") or ""), None, self._next_ts()
            )
            message["files"] = copy.deepcopy(done)
            message["upload"] = True
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            self._messages.setdefault(channel.id, []).append(message)
        return {"files": done}


def _make_handler(standin: SlackStandIn) -> type[BaseHTTPRequestHandler]:
    class StandInRequestHandler(BaseHTTPRequestHandler):
        server_version = "SlackStandIn/1.0"

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            self._dispatch()

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._dispatch()

        def _dispatch(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                reply = self._route(url.path, url.query, raw)
            except Exception:  # a stand-in bug must show up as a 500, not a hung client
                logger.exception("stand-in failed on %s", self.path)
                reply = _Reply(500, b'{"ok": false, "error": "internal_error"}')
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(reply.body)

        def _route(self, path: str, query: str, raw: bytes) -> _Reply:
            if path.startswith("/api/"):
                params = _decode_params(self.headers.get("Content-Type") or "", raw, query)
                auth = self.headers.get("Authorization") or ""
                token = auth[len("Bearer ") :] if auth.startswith("Bearer ") else None
                return standin._handle_api(path[len("/api/") :], params, token)
            if path.startswith("/upload/v1/"):
                return standin._handle_upload(path[len("/upload/v1/") :], raw)
            if path.startswith("/response_url/"):
                params = _decode_params(self.headers.get("Content-Type") or "", raw, query)
                return standin._handle_response_url(path, params)
            if path == "/_standin/calls":
                # For a stand-in in another process (benchmarks): what it was asked, in order.
                summary = [
                    {"method": c.method, "status": c.status, "ok": bool(c.response.get("ok"))}
                    for c in standin.calls()
                ]
                return _Reply(200, json.dumps(summary).encode())
            return _Reply(404, b'{"ok": false, "error": "unknown_method"}')

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - base signature
            logger.debug("stand-in: " + format, *args)

    return StandInRequestHandler
