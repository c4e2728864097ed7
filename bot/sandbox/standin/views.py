"""Modals and App Home: trigger ids, views.open/push/update/publish and the modal stack."""

from __future__ import annotations

import copy
import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

from ..validation import check_view
from .common import Handler, Identity, Ids, Params, Refused
from .directory import Directory

MAX_VIEW_STACK = 3  # "A modal can hold up to 3 views at a time in a view stack"


@dataclass
class _Trigger:
    issued_at: float
    user_id: str | None
    view_id: str | None
    used: bool = False


def _text_object(value: Any) -> Any:
    return {"type": "plain_text", "text": value} if isinstance(value, str) else value


class Views:
    """Every view, each modal stack and each user's home; the caller holds the stand-in's lock."""

    def __init__(
        self, identity: Identity, directory: Directory, ids: Ids, *, trigger_ttl: float
    ) -> None:
        self._identity = identity
        self._directory = directory
        self._ids = ids
        self.trigger_ttl = trigger_ttl
        self._views: dict[str, dict[str, Any]] = {}
        self._stacks: dict[str, list[str]] = {}  # root view id -> open views, bottom first
        self._stack_owners: dict[str, str | None] = {}  # root view id -> user who opened it
        self._homes: dict[str, str] = {}  # user id -> home view id
        self._triggers: dict[str, _Trigger] = {}

    def handlers(self) -> dict[str, Handler]:
        """The Web API methods this part answers."""
        return {
            "views.open": self._open,
            "views.push": self._push,
            "views.update": self._update,
            "views.publish": self._publish,
        }

    # -- what tests and the signed client read and do ------------------------------------

    def view(self, view_id: str) -> dict[str, Any]:
        """A copy of the current view (KeyError if unknown)."""
        return copy.deepcopy(self._views[view_id])

    def view_stack(self, view_id: str) -> list[str]:
        """Ids of the open modal views in `view_id`'s stack, bottom first."""
        return list(self._stacks.get(self._views[view_id]["root_view_id"], []))

    def home_view(self, user_id: str) -> dict[str, Any] | None:
        """A copy of the App Home view published for a user, if any."""
        view_id = self._homes.get(user_id)
        return copy.deepcopy(self._views[view_id]) if view_id else None

    def new_trigger_id(self, *, user_id: str | None, view_id: str | None) -> str:
        """Issue a trigger_id as an interaction would."""
        number = self._ids.number()
        trigger_id = (
            f"{int(time.time() * 1000)}{number:03d}."
            f"{secrets.randbelow(10**10):010d}.{secrets.token_hex(16)}"
        )
        self._triggers[trigger_id] = _Trigger(time.monotonic(), user_id, view_id)
        return trigger_id

    def set_state(self, view_id: str, values: dict[str, dict[str, Any]]) -> dict[str, Any]:
        """Record what the user typed in a view; a copy of the view."""
        self._views[view_id]["state"] = {"values": copy.deepcopy(values)}
        return copy.deepcopy(self._views[view_id])

    def close(self, view_id: str, *, clear: bool = False) -> None:
        """Close a modal view as the user would (`clear`: the whole stack)."""
        stack = self._stacks.get(self._views[view_id]["root_view_id"], [])
        if clear:
            stack.clear()
        elif view_id in stack:
            del stack[stack.index(view_id) :]

    def apply_submission_response(self, view_id: str, ack_body: str) -> None:
        """Do to the modal what Slack does with a view_submission ack body."""
        if not ack_body.strip():
            self.close(view_id)
            return
        try:
            answer = json.loads(ack_body)
        except json.JSONDecodeError:
            return
        action = answer.get("response_action") if isinstance(answer, dict) else None
        if action == "clear":
            self.close(view_id, clear=True)
        elif action == "update" and isinstance(answer.get("view"), dict):
            if check_view(answer["view"]) is None:
                self._replace(view_id, answer["view"])
        elif action == "push" and isinstance(answer.get("view"), dict):
            stack = self._stacks.get(self._views[view_id]["root_view_id"], [])
            if check_view(answer["view"]) is None and len(stack) < MAX_VIEW_STACK:
                self._push_onto(view_id, answer["view"])
        # "errors" leaves the view open and unchanged

    # -- building and storing views ------------------------------------------------------

    def _take_trigger(self, params: Params) -> _Trigger:
        trigger_id = params.get("trigger_id")
        trigger = self._triggers.get(trigger_id) if isinstance(trigger_id, str) else None
        if trigger is None:
            raise Refused("invalid_trigger_id")
        if trigger.used:
            raise Refused("exchanged_trigger_id")
        if time.monotonic() - trigger.issued_at > self.trigger_ttl:
            raise Refused("expired_trigger_id")
        return trigger

    def _checked(self, params: Params, kind: str) -> dict[str, Any]:
        raw = params.get("view")
        if isinstance(raw, str):
            try:
                raw = json.loads(raw)
            except json.JSONDecodeError:
                raise Refused("invalid_arguments", "view must be JSON") from None
        rejection = check_view(raw, kind=kind)
        if rejection is not None:
            raise Refused(rejection.error, *rejection.messages)
        assert isinstance(raw, dict)  # check_view refuses anything else
        external_id = raw.get("external_id")
        if external_id and any(v.get("external_id") == external_id for v in self._views.values()):
            raise Refused("duplicate_external_id")
        return raw

    def _build(
        self, raw: dict[str, Any], *, view_id: str, root_view_id: str, previous_view_id: str | None
    ) -> dict[str, Any]:
        me = self._identity
        blocks = copy.deepcopy(raw.get("blocks", []))
        for block in blocks:
            # Slack gives every block an id; state.values is keyed by it.
            block.setdefault("block_id", secrets.token_urlsafe(4)[:5])
        return {
            "id": view_id,
            "team_id": me.team.id,
            "type": raw["type"],
            "blocks": blocks,
            "private_metadata": raw.get("private_metadata", ""),
            "callback_id": raw.get("callback_id", ""),
            "state": {"values": {}},
            "hash": f"{int(time.time())}.{secrets.token_hex(4)}",
            "title": _text_object(raw.get("title")),
            "clear_on_close": bool(raw.get("clear_on_close", False)),
            "notify_on_close": bool(raw.get("notify_on_close", False)),
            "close": _text_object(raw.get("close")),
            "submit": _text_object(raw.get("submit")),
            "previous_view_id": previous_view_id,
            "root_view_id": root_view_id,
            "app_id": me.app_id,
            "external_id": raw.get("external_id", ""),
            "app_installed_team_id": me.team.id,
            "bot_id": me.bot_id,
        }

    def _new_root(self, raw: dict[str, Any]) -> dict[str, Any]:
        view_id = self._ids.new("V")
        view = self._build(raw, view_id=view_id, root_view_id=view_id, previous_view_id=None)
        self._views[view_id] = view
        return view

    def _push_onto(self, below_id: str, raw: dict[str, Any]) -> dict[str, Any]:
        root = self._views[below_id]["root_view_id"]
        stack = self._stacks.setdefault(root, [])
        view_id = self._ids.new("V")
        view = self._build(
            raw, view_id=view_id, root_view_id=root, previous_view_id=stack[-1] if stack else None
        )
        self._views[view_id] = view
        stack.append(view_id)
        return view

    def _replace(self, view_id: str, raw: dict[str, Any]) -> dict[str, Any]:
        old = self._views[view_id]
        view = self._build(
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

    # -- Web API methods -----------------------------------------------------------------

    def _open(self, params: Params) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked(params, "modal")
        trigger.used = True
        view = self._new_root(raw)
        self._stacks[view["id"]] = [view["id"]]
        self._stack_owners[view["id"]] = trigger.user_id
        return {"view": copy.deepcopy(view)}

    def _push(self, params: Params) -> dict[str, Any]:
        trigger = self._take_trigger(params)
        raw = self._checked(params, "modal")
        stack = self._open_stack_for(trigger)
        if stack is None:
            raise Refused("not_found", "no open modal to push onto")
        if len(stack) >= MAX_VIEW_STACK:
            raise Refused("push_limit_reached")
        trigger.used = True
        return {"view": copy.deepcopy(self._push_onto(stack[-1], raw))}

    def _update(self, params: Params) -> dict[str, Any]:
        view_id = params.get("view_id")
        external_id = params.get("external_id")
        if not view_id and external_id:
            matches = [v["id"] for v in self._views.values() if v.get("external_id") == external_id]
            view_id = matches[0] if matches else None
        if not isinstance(view_id, str) or view_id not in self._views:
            raise Refused("not_found")
        current = self._views[view_id]
        raw = self._checked(params, current["type"])
        expected = params.get("hash")
        if expected and expected != current["hash"]:
            raise Refused("hash_conflict")
        return {"view": copy.deepcopy(self._replace(view_id, raw))}

    def _publish(self, params: Params) -> dict[str, Any]:
        user_id = params.get("user_id")
        if not self._directory.has_user(user_id):
            raise Refused("invalid_arguments", "invalid `user_id`")
        assert isinstance(user_id, str)  # has_user is true of strings only
        raw = self._checked(params, "home")
        current_id = self._homes.get(user_id)
        expected = params.get("hash")
        if current_id is not None:
            if expected and expected != self._views[current_id]["hash"]:
                raise Refused("hash_conflict")
            return {"view": copy.deepcopy(self._replace(current_id, raw))}
        view = self._new_root(raw)
        self._homes[user_id] = view["id"]
        return {"view": copy.deepcopy(view)}
