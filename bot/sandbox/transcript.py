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
