"""Readable markdown of what the bot showed people: messages and modals, as Slack would render."""

from __future__ import annotations

from typing import Any


def _text(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return "" if obj is None else str(obj)


def _element(element: dict[str, Any]) -> str:
    kind = element.get("type", "")
    if kind == "button":
        return f"[{_text(element.get('text'))}]"
    # What the person sees in the field: a pre-filled value, else the placeholder.
    chosen = element.get("initial_option") or {}
    several = element.get("initial_options") or []
    shown = (
        element.get("initial_value")
        or _text(chosen.get("text"))
        or ", ".join(_text(o.get("text")) for o in several)
        or element.get("initial_date")
        or element.get("initial_time")
        or element.get("initial_user")
        or ""
    )
    if shown:
        return f"⟨{kind} = {shown}⟩"
    placeholder = _text(element.get("placeholder"))
    return f"⟨{kind}{': ' + placeholder if placeholder else ''}⟩"


def render_blocks(blocks: list[dict[str, Any]]) -> list[str]:
    """One markdown line (or a few) per block."""
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "header":
            lines.append(f"**{_text(block.get('text'))}**")
        elif kind == "section":
            if block.get("text"):
                lines.append(_text(block["text"]))
            lines.extend(f"  · {_text(field)}" for field in block.get("fields", []))
            if block.get("accessory"):
                lines.append(f"  {_element(block['accessory'])}")
        elif kind == "context":
            lines.append("_" + " ".join(_text(e) for e in block.get("elements", [])) + "_")
        elif kind == "actions":
            lines.append(" ".join(_element(e) for e in block.get("elements", [])))
        elif kind == "input":
            optional = " (optional)" if block.get("optional") else ""
            lines.append(
                f"- {_text(block.get('label'))}{optional}: {_element(block.get('element', {}))}"
            )
        elif kind == "divider":
            lines.append("---")
        else:
            lines.append(f"({kind})")
    return lines


def _quote(lines: list[str]) -> str:
    return "\n".join(f"> {part}".rstrip() for line in lines for part in line.split("\n")) + "\n"


def render_message(title: str, message: dict[str, Any]) -> str:
    """A message as a quoted markdown section under `title`."""
    body = render_blocks(message.get("blocks") or []) or [_text(message.get("text"))]
    return f"#### {title}\n\n" + _quote(body)


def render_view(title: str, view: dict[str, Any]) -> str:
    """A modal as a markdown section: its title, fields and buttons."""
    head = f"**[{_text(view.get('title'))}]**"
    buttons = " ".join(f"[{_text(view[key])}]" for key in ("close", "submit") if view.get(key))
    lines = [head, *render_blocks(view.get("blocks", [])), buttons]
    return f"#### {title}\n\n" + _quote([line for line in lines if line])


def _options_of(element: dict[str, Any]) -> list[dict[str, Any]]:
    groups = element.get("option_groups") or []
    return list(element.get("options") or []) + [o for g in groups for o in g.get("options", [])]


def _option_label(element: dict[str, Any], option: Any) -> str:
    """An option's text as the modal showed it (the submitted one may carry only its value)."""
    value = option.get("value") if isinstance(option, dict) else None
    shown = next((o for o in _options_of(element) if o.get("value") == value), None)
    return _text((shown or option or {}).get("text")) or str(value or "")


def _answer(element: dict[str, Any], state: dict[str, Any]) -> str:
    if state.get("selected_option") is not None:
        return _option_label(element, state["selected_option"])
    if isinstance(state.get("selected_options"), list):
        return ", ".join(_option_label(element, o) for o in state["selected_options"]) or "—"
    for key in ("value", "selected_date", "selected_time", "selected_conversation"):
        if state.get(key) not in (None, ""):
            return str(state[key])
    for key in ("selected_user", "selected_channel"):
        if state.get(key):
            mark = "@" if key == "selected_user" else "#"
            return f"<{mark}{state[key]}>"
    if state.get("selected_users"):
        return ", ".join(f"<@{u}>" for u in state["selected_users"])
    return "—"


def render_answers(view: dict[str, Any], values: dict[str, dict[str, Any]]) -> list[str]:
    """Each submitted answer as "label: what was chosen", in the modal's order."""
    lines = []
    for block in view.get("blocks", []):
        answered = values.get(block.get("block_id", ""))
        if block.get("type") != "input" or not answered:
            continue
        element = block.get("element", {})
        state: dict[str, Any] = answered.get(element.get("action_id", "")) or next(
            iter(answered.values()), {}
        )
        lines.append(f"{_text(block.get('label'))}: {_answer(element, state)}")
    return lines


def button_label(blocks: list[dict[str, Any]], action_id: str, value: str | None) -> str | None:
    """The text of the button (`action_id`, and `value` when given) among `blocks`."""
    for block in blocks:
        elements = [*block.get("elements", []), block.get("accessory") or {}]
        for element in elements:
            if element.get("type") != "button" or element.get("action_id") != action_id:
                continue
            if value is None or element.get("value") in (None, value):
                return _text(element.get("text"))
    return None
