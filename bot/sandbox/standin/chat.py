"""Messages: chat.postMessage, chat.update, chat.postEphemeral, chat.getPermalink and posts to
a response_url."""

from __future__ import annotations

import copy
from typing import Any

from ..validation import MAX_MESSAGE_TEXT, Rejection, check_message_blocks
from .common import Handler, Identity, Ids, Params, Refused, is_user_id
from .directory import Directory


def checked_text_and_blocks(params: Params) -> tuple[str, list[Any] | None]:
    """A message's text and blocks, refused as Slack refuses them (no_text, invalid_blocks…)."""
    text = params.get("text")
    blocks = params.get("blocks")
    if isinstance(blocks, str):  # a form body whose blocks did not parse as JSON
        raise Refused("invalid_blocks_format")
    has_text = isinstance(text, str) and text.strip() != ""
    if not has_text and not blocks and not params.get("attachments"):
        raise Refused("no_text")
    rejection = check_message_blocks(blocks)
    if rejection is not None:
        raise Refused(rejection.error, *rejection.messages)
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        raise Refused("msg_too_long")
    return (text if isinstance(text, str) else ""), blocks


def check_response_url_post(params: Params) -> Rejection | None:
    """Slack checks a response_url message like chat.postMessage (answered as plain text)."""
    rejection = check_message_blocks(params.get("blocks"))
    if rejection is None and not (params.get("text") or params.get("blocks")):
        rejection = Rejection("no_text")
    return rejection


class Chat:
    """Every conversation's messages and ephemerals; the caller holds the stand-in's lock."""

    def __init__(self, identity: Identity, directory: Directory, ids: Ids) -> None:
        self._identity = identity
        self._directory = directory
        self._ids = ids
        self._messages: dict[str, list[dict[str, Any]]] = {}
        self._by_ts: dict[tuple[str, str], dict[str, Any]] = {}  # chat.update finds it at once
        self._ephemerals: dict[tuple[str, str], list[dict[str, Any]]] = {}

    def handlers(self) -> dict[str, Handler]:
        """The Web API methods this part answers."""
        return {
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.postEphemeral": self._post_ephemeral,
            "chat.getPermalink": self._get_permalink,
        }

    def messages(self, channel: str) -> list[dict[str, Any]]:
        """Copies of a conversation's messages, oldest first (a user id means their DM)."""
        found = self._messages.get(self._directory.conversation_id(channel), [])
        return copy.deepcopy(found)

    def message_count(self, channel: str) -> int:
        """How many messages a conversation holds (a user id means their DM)."""
        return len(self._messages.get(self._directory.conversation_id(channel), ()))

    def message_counts(self) -> dict[str, int]:
        """Messages per conversation id, for every conversation that has any."""
        return {channel: len(found) for channel, found in self._messages.items() if found}

    def ephemerals(self, channel: str, user: str) -> list[dict[str, Any]]:
        """Copies of the ephemerals shown to `user` in a conversation, oldest first."""
        key = (self._directory.conversation_id(channel), user)
        return copy.deepcopy(self._ephemerals.get(key, []))

    def bot_message(self, text: str, blocks: list[Any] | None) -> dict[str, Any]:
        """A new message from the bot, as Slack stores it (with a fresh ts)."""
        me = self._identity
        message: dict[str, Any] = {
            "type": "message",
            "text": text,
            "user": me.bot_user_id,
            "bot_id": me.bot_id,
            "app_id": me.app_id,
            "team": me.team.id,
            "ts": self._ids.ts(),
        }
        if blocks:
            message["blocks"] = copy.deepcopy(blocks)
        return message

    def store(self, channel_id: str, message: dict[str, Any]) -> None:
        """Append a message to a conversation."""
        self._messages.setdefault(channel_id, []).append(message)
        self._by_ts[(channel_id, message["ts"])] = message

    # -- Web API methods -----------------------------------------------------------------

    def _post_message(self, params: Params) -> dict[str, Any]:
        channel = self._directory.postable(params.get("channel"))
        text, blocks = checked_text_and_blocks(params)
        message = self.bot_message(text, blocks)
        for key in ("thread_ts", "metadata", "attachments"):
            if params.get(key):
                message[key] = copy.deepcopy(params[key])
        self.store(channel.id, message)
        return {"channel": channel.id, "ts": message["ts"], "message": copy.deepcopy(message)}

    def _update(self, params: Params) -> dict[str, Any]:
        channel = self._directory.resolve(params.get("channel"))
        ts = params.get("ts")
        message = self._by_ts.get((channel.id, ts)) if isinstance(ts, str) else None
        if message is None:
            raise Refused("message_not_found")
        if message.get("user") != self._identity.bot_user_id:
            raise Refused("cant_update_message")
        text, blocks = checked_text_and_blocks(params)
        message["text"] = text
        if blocks is not None:
            message["blocks"] = copy.deepcopy(blocks)
        message["edited"] = {"user": self._identity.bot_user_id, "ts": self._ids.ts()}
        return {"channel": channel.id, "ts": ts, "text": text, "message": copy.deepcopy(message)}

    def _post_ephemeral(self, params: Params) -> dict[str, Any]:
        user_id = params.get("user")
        if not isinstance(user_id, str) or not self._directory.has_user(user_id):
            raise Refused("user_not_found")
        channel = self._directory.postable(params.get("channel"))
        text, blocks = checked_text_and_blocks(params)
        message = self.bot_message(text, blocks)
        self._ephemerals.setdefault((channel.id, user_id), []).append(message)
        return {"message_ts": message["ts"]}

    def _get_permalink(self, params: Params) -> dict[str, Any]:
        channel_id = params.get("channel")
        # Like conversations.info, it wants the conversation's id: a user id is no DM here.
        if not isinstance(channel_id, str) or not channel_id or is_user_id(channel_id):
            raise Refused("channel_not_found")
        channel = self._directory.resolve(channel_id)
        ts = params.get("message_ts")
        message = self._by_ts.get((channel.id, ts)) if isinstance(ts, str) else None
        if message is None:
            raise Refused("message_not_found")
        # Slack's form: the ts without its dot, and a reply names its thread and conversation.
        link = f"https://{self._identity.team.domain}.slack.com/archives/{channel.id}/p"
        link += message["ts"].replace(".", "")
        thread_ts = message.get("thread_ts")
        if isinstance(thread_ts, str) and thread_ts != message["ts"]:
            link += f"?thread_ts={thread_ts}&cid={channel.id}"
        return {"channel": channel.id, "permalink": link}
