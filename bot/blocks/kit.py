"""Block Kit primitives the builders share: one way to write each piece, and Slack's limits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import time
from typing import Any, Final

from bot import ids

Block = dict[str, Any]

# Slack refuses longer texts and lists (Block Kit reference, research/slack-platform.md §4).
MAX_OPTION_TEXT: Final = 75  # option object text: 75 characters
MAX_OPTIONS: Final = 100  # static_select options: 100
MAX_OPTION_GROUP_LABEL: Final = 75  # option group label: 75 characters
MAX_MESSAGE_BLOCKS: Final = 50  # blocks in a message: 50 (slack_sdk does not check it)
MAX_MODAL_BLOCKS: Final = 100  # blocks in a modal: 100
MAX_MODAL_TITLE: Final = 24  # modal title, submit and close texts: 24 characters each
MAX_SECTION_TEXT: Final = 3000  # section text: 3000 characters
MAX_HEADER_TEXT: Final = 150  # header text: 150 characters
MAX_BUTTON_TEXT: Final = 75  # button text: 75 characters
MAX_BUTTON_VALUE: Final = 2000  # button value: 2000 characters
MAX_PRIVATE_METADATA: Final = 3000  # view private_metadata: 3000 characters
MAX_CONFIRM_TITLE: Final = 100  # confirmation dialog title: 100 characters
MAX_CONFIRM_TEXT: Final = 300  # its text: 300 characters
MAX_CONFIRM_BUTTON: Final = 30  # its confirm and deny buttons: 30 characters each


def clip(text: str, limit: int) -> str:
    """The text, cut with an ellipsis when it is longer than `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plain_text(text: str) -> Block:
    return {"type": "plain_text", "text": text}


def mrkdwn_section(text: str) -> Block:
    """A section of mrkdwn, as given: clipping could cut an escape such as `&amp;` in half."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def header(text: str) -> Block:
    return {"type": "header", "text": plain_text(clip(text, MAX_HEADER_TEXT))}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def actions(*elements: Block) -> Block:
    return {"type": "actions", "elements": list(elements)}


def button(
    text: str,
    action_id: str,
    *,
    value: str | None = None,
    primary: bool = False,
    danger: bool = False,
    confirm: Block | None = None,
) -> Block:
    element: Block = {
        "type": "button",
        "action_id": action_id,
        "text": plain_text(clip(text, MAX_BUTTON_TEXT)),
    }
    if value is not None:
        element["value"] = value
    if primary:
        element["style"] = "primary"
    elif danger:
        element["style"] = "danger"
    if confirm is not None:
        element["confirm"] = confirm
    return element


def confirm_dialog(
    title: str, text: str, confirm: str, deny: str, *, danger: bool = False
) -> Block:
    """Slack's confirmation dialog before a button acts (`danger`: a red confirm button)."""
    dialog: Block = {
        "title": plain_text(clip(title, MAX_CONFIRM_TITLE)),
        "text": plain_text(clip(text, MAX_CONFIRM_TEXT)),
        "confirm": plain_text(clip(confirm, MAX_CONFIRM_BUTTON)),
        "deny": plain_text(clip(deny, MAX_CONFIRM_BUTTON)),
    }
    if danger:
        dialog["style"] = "danger"
    return dialog


def option(text: str, value: str) -> Block:
    return {"text": plain_text(clip(text, MAX_OPTION_TEXT)), "value": value}


def input_block(
    block_id: str,
    label: str,
    element: Block,
    *,
    optional: bool = False,
    hint: str | None = None,
) -> Block:
    """An input block; its element's action_id is derived from the block's id."""
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain_text(label),
        "element": {**element, "action_id": ids.input_action(block_id)},
    }
    if hint:
        block["hint"] = plain_text(hint)
    return block


# Slack accepts an initial option only if it is identical, text and value alike, to one of the
# options: pick it there rather than build it again.
def _initial(options: Sequence[Block], value: object) -> Block | None:
    return next((o for o in options if o["value"] == value), None)


def static_select(
    options: Sequence[Block], initial: object = None, *, placeholder: str | None = None
) -> Block:
    """A select of at most 100 options, `initial` (an option's value) selected when offered."""
    element: Block = {"type": "static_select", "options": list(options[:MAX_OPTIONS])}
    if placeholder is not None:
        element["placeholder"] = plain_text(placeholder)
    chosen = _initial(element["options"], initial)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def grouped_select(
    groups: Sequence[tuple[str, Sequence[Block]]],
    initial: object = None,
    *,
    placeholder: str | None = None,
) -> Block:
    """A select of labelled option groups, cut to 100 options in all (Slack's limit on a select,
    grouped or not), `initial` (an option's value) selected when offered."""
    kept: list[Block] = []
    room = MAX_OPTIONS
    for label, options in groups:
        if room <= 0:
            break
        if options:
            kept.append(
                {
                    "label": plain_text(clip(label, MAX_OPTION_GROUP_LABEL)),
                    "options": list(options[:room]),
                }
            )
            room -= len(kept[-1]["options"])
    element: Block = {"type": "static_select", "option_groups": kept}
    if placeholder is not None:
        element["placeholder"] = plain_text(placeholder)
    chosen = _initial([o for group in kept for o in group["options"]], initial)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def radio_buttons(options: Sequence[Block], initial: object = None) -> Block:
    element: Block = {"type": "radio_buttons", "options": list(options)}
    chosen = _initial(options, initial)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def checkboxes(options: Sequence[Block], initial: Collection[object] = ()) -> Block:
    """Checkboxes, those whose value is in `initial` ticked."""
    element: Block = {"type": "checkboxes", "options": list(options)}
    ticked = [o for o in options if o["value"] in initial]
    if ticked:  # Slack refuses an empty initial_options
        element["initial_options"] = ticked
    return element


def plain_text_input(
    initial: str | None = None, *, placeholder: str | None = None, max_length: int | None = None
) -> Block:
    element: Block = {"type": "plain_text_input"}
    if max_length is not None:
        element["max_length"] = max_length
    if initial:
        element["initial_value"] = initial
    if placeholder is not None:
        element["placeholder"] = plain_text(placeholder)
    return element


def datepicker(initial: str | None = None, *, placeholder: str | None = None) -> Block:
    """A date picker, on `initial` (an ISO date) when there is one."""
    element: Block = {"type": "datepicker"}
    if initial:
        element["initial_date"] = initial
    if placeholder is not None:
        element["placeholder"] = plain_text(placeholder)
    return element


def timepicker(initial: time | None = None) -> Block:
    """A time picker ("HH:MM"), on `initial` when there is one."""
    element: Block = {"type": "timepicker"}
    if initial is not None:
        element["initial_time"] = initial.strftime("%H:%M")
    return element
