"""Slack's server-side checks on Block Kit, as the stand-in applies them before accepting a call."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_BLOCKS = 50
MAX_VIEW_BLOCKS = 100
MAX_VIEW_TEXT_LENGTH = 24  # modal title, submit and close
MAX_PRIVATE_METADATA = 3000
MAX_CALLBACK_ID = 255
MAX_VIEW_BYTES = 250_000  # "view_too_large: greater than 250kb"
MAX_MESSAGE_TEXT = 40_000
# Table block: one per message, at most 100 rows of at most 20 cells (raw_text, raw_number or
# rich_text), and at most 20 column settings.
MAX_TABLES = 1
MAX_TABLE_ROWS = 100
MAX_TABLE_CELLS = 20
TABLE_CELL_TYPES = frozenset(
    {"raw_text", "raw_number", "rich_text"}
)  # chat.postMessage truncates longer text; msg_too_long beyond it


@dataclass(frozen=True)
class Rejection:
    """What Slack answers for a refused payload: the error code and its detail messages."""

    error: str
    messages: tuple[str, ...] = ()

    def body(self) -> dict[str, Any]:
        """The JSON body Slack returns for this rejection."""
        out: dict[str, Any] = {"ok": False, "error": self.error}
        if self.messages:
            out["response_metadata"] = {"messages": list(self.messages)}
        return out


def _block_problems(blocks: Sequence[Any], pointer: str) -> list[str]:
    problems: list[str] = []
    seen_ids: set[str] = set()
    for index, raw in enumerate(blocks):
        where = f"[json-pointer:{pointer}/{index}]"
        if not isinstance(raw, dict):
            problems.append(f"expected an object {where}")
            continue
        # Block.parse skips unknown types (returns None); Slack refuses them.
        block = Block.parse(raw)
        if block is None:
            problems.append(f"unsupported type: {raw.get('type')!r} {where}")
            continue
        try:
            block.to_dict()
        except SlackObjectFormationError as error:
            problems.append(f"{error} {where}")
        block_id = raw.get("block_id")
        if isinstance(block_id, str):
            if block_id in seen_ids:
                problems.append(f"duplicate block_id: {block_id!r} {where}")
            seen_ids.add(block_id)
    return problems


def _table_problems(blocks: Sequence[Any], pointer: str) -> list[str]:
    problems: list[str] = []
    tables = [
        (i, b) for i, b in enumerate(blocks) if isinstance(b, dict) and b.get("type") == "table"
    ]
    if len(tables) > MAX_TABLES:
        problems.append(f"only_one_table_allowed [json-pointer:{pointer}/{tables[1][0]}]")
    for index, table in tables:
        where = f"{pointer}/{index}"
        rows = table.get("rows")
        if not isinstance(rows, list) or not rows:
            problems.append(f"missing required field: rows [json-pointer:{where}/rows]")
            continue
        if len(rows) > MAX_TABLE_ROWS:
            problems.append(
                f"no more than {MAX_TABLE_ROWS} items allowed [json-pointer:{where}/rows]"
            )
        for r, row in enumerate(rows):
            if not isinstance(row, list) or not 1 <= len(row) <= MAX_TABLE_CELLS:
                problems.append(
                    f"must have 1 to {MAX_TABLE_CELLS} cells [json-pointer:{where}/rows/{r}]"
                )
                continue
            for c, cell in enumerate(row):
                kind = cell.get("type") if isinstance(cell, dict) else None
                empty = kind == "raw_text" and not str(cell.get("text") or "")
                if kind not in TABLE_CELL_TYPES or empty:
                    problems.append(f"invalid cell [json-pointer:{where}/rows/{r}/{c}]")
        settings = table.get("column_settings")
        if isinstance(settings, list) and len(settings) > MAX_TABLE_CELLS:
            problems.append(
                f"no more than {MAX_TABLE_CELLS} items allowed [json-pointer:{where}/column_settings]"
            )
    return problems


def check_message_blocks(blocks: Any) -> Rejection | None:
    """Check a message's `blocks` as chat.postMessage / chat.update do (`invalid_blocks`)."""
    if blocks is None:
        return None
    if not isinstance(blocks, list):
        return Rejection("invalid_blocks_format", ("blocks must be an array",))
    if len(blocks) > MAX_MESSAGE_BLOCKS:
        return Rejection(
            "invalid_blocks",
            (f"no more than {MAX_MESSAGE_BLOCKS} items allowed [json-pointer:/blocks]",),
        )
    problems = _block_problems(blocks, "/blocks") + _table_problems(blocks, "/blocks")
    return Rejection("invalid_blocks", tuple(problems)) if problems else None


def _text_of(value: Any) -> str | None:
    if isinstance(value, dict):
        text = value.get("text")
        return text if isinstance(text, str) else None
    return value if isinstance(value, str) else None


def check_view(view: Any, *, kind: str = "modal") -> Rejection | None:
    """Check a view as views.open/push/update/publish do (`invalid_arguments`, `view_too_large`)."""
    if not isinstance(view, dict):
        return Rejection("invalid_arguments", ("view must be an object [json-pointer:/view]",))
    if len(json.dumps(view).encode()) > MAX_VIEW_BYTES:
        return Rejection("view_too_large")
    view_type = view.get("type")
    if view_type not in ("modal", "home"):
        return Rejection("invalid_arguments", ("invalid `type` [json-pointer:/view/type]",))
    if kind == "home" and view_type != "home":
        return Rejection("invalid_arguments", ("must be a home view [json-pointer:/view/type]",))
    if kind == "modal" and view_type != "modal":
        return Rejection("invalid_arguments", ("must be a modal view [json-pointer:/view/type]",))
    problems: list[str] = []
    blocks = view.get("blocks")
    if not isinstance(blocks, list):
        return Rejection("invalid_arguments", ("missing required field: blocks",))
    if len(blocks) > MAX_VIEW_BLOCKS:
        problems.append(f"no more than {MAX_VIEW_BLOCKS} items allowed [json-pointer:/view/blocks]")
    if view_type == "modal":
        if view.get("title") is None:
            problems.append("missing required field: title")
        for field in ("title", "submit", "close"):
            text = _text_of(view.get(field))
            if text is not None and not 1 <= len(text) <= MAX_VIEW_TEXT_LENGTH:
                problems.append(
                    f"must be between 1 and {MAX_VIEW_TEXT_LENGTH} characters "
                    f"[json-pointer:/view/{field}/text]"
                )
        has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
        if has_input and view.get("submit") is None:
            problems.append("submit is required when the view has input blocks")
    metadata = view.get("private_metadata")
    if isinstance(metadata, str) and len(metadata) > MAX_PRIVATE_METADATA:
        problems.append(
            f"must be less than {MAX_PRIVATE_METADATA + 1} characters "
            "[json-pointer:/view/private_metadata]"
        )
    if problems:
        return Rejection("invalid_arguments", tuple(problems))
    problems = _block_problems(blocks, "/view/blocks")
    if not problems:
        try:
            View(**view).to_dict()
        except SlackObjectFormationError as error:
            problems.append(f"{error} [json-pointer:/view]")
        except TypeError as error:  # a field View() does not know at all
            problems.append(f"{error} [json-pointer:/view]")
    return Rejection("invalid_arguments", tuple(problems)) if problems else None
