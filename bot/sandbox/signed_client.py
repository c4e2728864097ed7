"""Send Slack's requests to the app: commands, interactivity and events, encoded and signed like Slack."""

from __future__ import annotations

import json
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from .signing import compute_signature
from .standin import SlackStandIn

StateValues = Mapping[str, Mapping[str, Mapping[str, Any]]]


@dataclass(frozen=True)
class SignedResponse:
    """What the app answered: status, headers, body text, and the payload that was sent."""

    status: int
    headers: dict[str, str]
    body: str
    sent: dict[str, Any] = field(default_factory=dict)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


# -- state.values entries, shaped as Slack puts them in view_submission / block_actions -----------


def _option(value: str, text: str | None) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text or value, "emoji": True}, "value": value}


def plain_text_input(value: str | None) -> dict[str, Any]:
    """A plain_text_input's state (None: left empty)."""
    return {"type": "plain_text_input", "value": value}


def number_input(value: str | int | float | None) -> dict[str, Any]:
    """A number_input's state; Slack sends the number as a string."""
    return {"type": "number_input", "value": None if value is None else str(value)}


def static_select(value: str | None, text: str | None = None) -> dict[str, Any]:
    """A static_select's state (None: nothing chosen)."""
    return {
        "type": "static_select",
        "selected_option": None if value is None else _option(value, text),
    }


def multi_static_select(*values: str) -> dict[str, Any]:
    """A multi_static_select's state."""
    return {"type": "multi_static_select", "selected_options": [_option(v, None) for v in values]}


def radio_buttons(value: str | None, text: str | None = None) -> dict[str, Any]:
    """A radio_buttons group's state (None: nothing chosen)."""
    return {
        "type": "radio_buttons",
        "selected_option": None if value is None else _option(value, text),
    }


def checkboxes(*values: str) -> dict[str, Any]:
    """A checkboxes group's state: the ticked values."""
    return {"type": "checkboxes", "selected_options": [_option(v, None) for v in values]}


def datepicker(date: str | None) -> dict[str, Any]:
    """A datepicker's state, "YYYY-MM-DD"."""
    return {"type": "datepicker", "selected_date": date}


def timepicker(at: str | None) -> dict[str, Any]:
    """A timepicker's state, "HH:MM"."""
    return {"type": "timepicker", "selected_time": at}


def users_select(user_id: str | None) -> dict[str, Any]:
    """A users_select's state."""
    return {"type": "users_select", "selected_user": user_id}


def multi_users_select(*user_ids: str) -> dict[str, Any]:
    """A multi_users_select's state: the chosen members."""
    return {"type": "multi_users_select", "selected_users": list(user_ids)}


def channels_select(channel_id: str | None) -> dict[str, Any]:
    """A channels_select's state."""
    return {"type": "channels_select", "selected_channel": channel_id}


def conversations_select(conversation_id: str | None) -> dict[str, Any]:
    """A conversations_select's state."""
    return {"type": "conversations_select", "selected_conversation": conversation_id}


class SignedSlackClient:
    """Posts to the app's request URL exactly as Slack does, with trigger ids from the stand-in."""

    def __init__(
        self,
        app_url: str,
        signing_secret: str,
        standin: SlackStandIn,
        *,
        api_app_id: str = "A0STANDIN",
        enterprise: tuple[str, str] | None = None,
        verification_token: str = "legacy-verification-token",
        clock: Callable[[], float] = time.time,
        timeout: float = 10.0,
    ) -> None:
        self.app_url = app_url
        self.signing_secret = signing_secret
        self.standin = standin
        self.api_app_id = api_app_id
        self.enterprise = enterprise  # (id, name) for an Enterprise Grid workspace
        self.verification_token = verification_token
        self.clock = clock
        self.timeout = timeout
        self._events = 0

    # -- the transport -----------------------------------------------------------------------

    def post(
        self,
        body: bytes,
        content_type: str,
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        extra_headers: Mapping[str, str] | None = None,
        sent: dict[str, Any] | None = None,
    ) -> SignedResponse:
        """Sign and POST raw bytes; `timestamp`/`signature` override the real ones for 401 tests."""
        ts = int(self.clock()) if timestamp is None else timestamp
        headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(ts),
            "X-Slack-Signature": signature or compute_signature(self.signing_secret, ts, body),
            "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
            **(extra_headers or {}),
        }
        request = urllib.request.Request(self.app_url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return SignedResponse(
                    response.status,
                    dict(response.headers.items()),
                    response.read().decode("utf-8"),
                    sent or {},
                )
        except urllib.error.HTTPError as error:
            with error:  # the error owns an open response; close it or it leaks a socket
                return SignedResponse(
                    error.code,
                    dict(error.headers.items()),
                    error.read().decode("utf-8"),
                    sent or {},
                )

    def _post_form(
        self,
        fields: Mapping[str, str],
        sent: dict[str, Any],
        *,
        bad_signature: bool,
        timestamp: int | None,
        headers: Mapping[str, str] | None = None,
    ) -> SignedResponse:
        body = urlencode(fields).encode()
        return self.post(
            body,
            "application/x-www-form-urlencoded",
            timestamp=timestamp,
            signature=_forged() if bad_signature else None,
            extra_headers=headers,
            sent=sent,
        )

    def _post_interactive(
        self, payload: dict[str, Any], *, bad_signature: bool, timestamp: int | None
    ) -> SignedResponse:
        # Interactivity is a form with one field, `payload`, holding the JSON.
        return self._post_form(
            {"payload": json.dumps(payload)},
            payload,
            bad_signature=bad_signature,
            timestamp=timestamp,
        )

    # -- shapes Slack repeats in every payload --------------------------------------------------

    def _team(self) -> dict[str, Any]:
        team: dict[str, Any] = {"id": self.standin.team_id, "domain": self.standin.team.domain}
        if self.enterprise is not None:
            team["enterprise_id"], team["enterprise_name"] = self.enterprise
        return team

    def _enterprise(self) -> dict[str, Any] | None:
        if self.enterprise is None:
            return None
        return {"id": self.enterprise[0], "name": self.enterprise[1]}

    def _user(self, user_id: str) -> dict[str, Any]:
        try:
            name = self.standin.user(user_id).name
        except KeyError:
            name = user_id.lower()
        return {"id": user_id, "username": name, "name": name, "team_id": self.standin.team_id}

    def _interactive_envelope(self, kind: str, user_id: str) -> dict[str, Any]:
        return {
            "type": kind,
            "team": self._team(),
            "user": self._user(user_id),
            "api_app_id": self.api_app_id,
            "token": self.verification_token,
            "enterprise": self._enterprise(),
            "is_enterprise_install": False,
        }

    # -- slash commands ----------------------------------------------------------------------

    def slash_command(
        self,
        user_id: str,
        text: str = "",
        *,
        command: str = "/smm",
        channel_id: str | None = None,
        bad_signature: bool = False,
        timestamp: int | None = None,
    ) -> SignedResponse:
        """Send a slash command typed by `user_id` (in their DM with the app unless `channel_id`)."""
        channel = channel_id or self.standin.dm_id(user_id)
        try:
            found = self.standin.channel(channel)
            channel_name = "directmessage" if found.is_im else found.name
        except KeyError:
            channel_name = "unknown"
        fields: dict[str, str] = {
            "token": self.verification_token,
            "team_id": self.standin.team_id,
            "team_domain": self.standin.team.domain,
        }
        if self.enterprise is not None:
            fields["enterprise_id"], fields["enterprise_name"] = self.enterprise
        fields.update(
            {
                "channel_id": channel,
                "channel_name": channel_name,
                "user_id": user_id,
                "user_name": self._user(user_id)["name"],
                "command": command,
                "text": text,
                "api_app_id": self.api_app_id,
                "is_enterprise_install": "false",
                "response_url": self.standin.response_url("commands"),
                "trigger_id": self.standin.new_trigger_id(user_id=user_id),
            }
        )
        return self._post_form(
            fields, dict(fields), bad_signature=bad_signature, timestamp=timestamp
        )

    # -- modals ---------------------------------------------------------------------------------

    def view_submission(
        self,
        user_id: str,
        view_id: str,
        values: StateValues,
        *,
        apply_response: bool = True,
        bad_signature: bool = False,
        timestamp: int | None = None,
    ) -> SignedResponse:
        """Submit the stand-in's view `view_id` with `values` ({block_id: {action_id: state}}).

        With `apply_response`, the ack then closes, updates or pushes the modal in the stand-in
        as Slack would.
        """
        view = self.standin.set_view_state(view_id, {b: dict(a) for b, a in values.items()})
        payload = self._interactive_envelope("view_submission", user_id)
        payload.update(
            trigger_id=self.standin.new_trigger_id(user_id=user_id, view_id=view_id),
            view=view,
            response_urls=[],
        )
        response = self._post_interactive(payload, bad_signature=bad_signature, timestamp=timestamp)
        if apply_response and response.status == 200:
            self.standin.apply_submission_response(view_id, response.body)
        return response

    def view_closed(
        self,
        user_id: str,
        view_id: str,
        *,
        is_cleared: bool = False,
        bad_signature: bool = False,
        timestamp: int | None = None,
    ) -> SignedResponse:
        """Tell the app the user closed a modal (sent only when the view had notify_on_close)."""
        view = self.standin.view(view_id)
        payload = self._interactive_envelope("view_closed", user_id)
        payload.update(view=view, is_cleared=is_cleared, response_urls=[])
        self.standin.close_view(view_id, clear=is_cleared)
        return self._post_interactive(payload, bad_signature=bad_signature, timestamp=timestamp)

    # -- block actions ------------------------------------------------------------------------

    def block_action(
        self,
        user_id: str,
        action_id: str,
        *,
        value: str | None = None,
        block_id: str = "actions",
        element: Mapping[str, Any] | None = None,
        text: str = "Button",
        container: str = "message",
        channel_id: str | None = None,
        message_ts: str | None = None,
        view_id: str | None = None,
        ephemeral: bool = False,
        bad_signature: bool = False,
        timestamp: int | None = None,
    ) -> SignedResponse:
        """Click a button (or change `element`, e.g. `static_select("x")`) in a message or a modal.

        Args:
            container: "message" (channel_id defaults to the user's DM, message_ts to its
                latest message) or "view" (view_id required).
            ephemeral: the button is in an ephemeral message (a response_url answer): Slack
                then sends no `message`, and says `is_ephemeral`.
        """
        action: dict[str, Any] = {"action_id": action_id, "block_id": block_id}
        if element is None:
            action.update(type="button", text={"type": "plain_text", "text": text, "emoji": True})
            if value is not None:
                action["value"] = value
        else:
            action.update(element)
        action["action_ts"] = f"{self.clock():.6f}"
        payload = self._interactive_envelope("block_actions", user_id)
        if container == "view":
            if view_id is None:
                raise ValueError("a block action in a modal needs view_id")
            view = self.standin.view(view_id)
            payload.update(
                container={"type": "view", "view_id": view_id},
                trigger_id=self.standin.new_trigger_id(user_id=user_id, view_id=view_id),
                view=view,
                actions=[action],
            )
        elif container == "message":
            channel = channel_id or self.standin.dm_id(user_id)
            messages = [] if ephemeral else self.standin.messages(channel)
            chosen = [m for m in messages if message_ts is None or m["ts"] == message_ts]
            message = chosen[-1] if chosen else None
            ts = message_ts or (message["ts"] if message else f"{self.clock():.6f}")
            try:
                found = self.standin.channel(channel)
                name = "directmessage" if found.is_im else found.name
            except KeyError:
                name = "unknown"
            payload.update(
                container={
                    "type": "message",
                    "message_ts": ts,
                    "channel_id": channel,
                    "is_ephemeral": ephemeral,
                },
                trigger_id=self.standin.new_trigger_id(user_id=user_id),
                channel={"id": channel, "name": name},
                state={"values": {}},
                response_url=self.standin.response_url("actions"),
                actions=[action],
            )
            if not ephemeral:  # Slack leaves an ephemeral message out of the payload
                payload["message"] = message
        else:
            raise ValueError(f"container must be 'message' or 'view', not {container!r}")
        return self._post_interactive(payload, bad_signature=bad_signature, timestamp=timestamp)

    # -- Events API ---------------------------------------------------------------------------

    def event(
        self,
        event: Mapping[str, Any],
        *,
        event_id: str | None = None,
        retry_num: int | None = None,
        retry_reason: str = "http_timeout",
        bad_signature: bool = False,
        timestamp: int | None = None,
    ) -> SignedResponse:
        """Deliver an event_callback; pass the same `event_id` with `retry_num` for a redelivery."""
        self._events += 1
        now = self.clock()
        envelope: dict[str, Any] = {
            "token": self.verification_token,
            "team_id": self.standin.team_id,
            "enterprise_id": self.enterprise[0] if self.enterprise else None,
            "api_app_id": self.api_app_id,
            "event": {"event_ts": f"{now:.6f}", **event},
            "type": "event_callback",
            "event_id": event_id or f"Ev{self._events:04d}{secrets.token_hex(4).upper()}",
            "event_time": int(now),
            "authorizations": [
                {
                    "enterprise_id": self.enterprise[0] if self.enterprise else None,
                    "team_id": self.standin.team_id,
                    "user_id": self.standin.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
            "context_team_id": self.standin.team_id,
            "context_enterprise_id": self.enterprise[0] if self.enterprise else None,
        }
        headers: dict[str, str] = {}
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": retry_reason}
        return self.post(
            json.dumps(envelope).encode(),
            "application/json",
            timestamp=timestamp,
            signature=_forged() if bad_signature else None,
            extra_headers=headers,
            sent=envelope,
        )

    def app_home_opened(self, user_id: str, *, tab: str = "home") -> SignedResponse:
        """The user opened the app's Home (or Messages) tab."""
        event: dict[str, Any] = {
            "type": "app_home_opened",
            "user": user_id,
            "channel": self.standin.dm_id(user_id),
            "tab": tab,
        }
        home = self.standin.home_view(user_id)
        if tab == "home" and home is not None:
            event["view"] = home  # Slack includes it only once a Home view was published
        return self.event(event)

    def user_change(self, user_id: str, *, event_id: str | None = None) -> SignedResponse:
        """A member's profile changed: the event carries their user object as it is now (as
        Slack sends it, without `locale`)."""
        user = self.standin.user(user_id).to_slack(self.standin.team_id, include_locale=False)
        return self.event({"type": "user_change", "user": user}, event_id=event_id)

    def url_verification(
        self, challenge: str = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    ) -> SignedResponse:
        """Send the handshake Slack makes when the Events request URL is saved."""
        payload = {
            "token": self.verification_token,
            "challenge": challenge,
            "type": "url_verification",
        }
        return self.post(json.dumps(payload).encode(), "application/json", sent=payload)


def _forged() -> str:
    return "v0=" + secrets.token_hex(32)
