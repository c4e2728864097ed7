"""The KPI modal (add or edit), the KPI list message, and the "owner is not a person" note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any, Final

from bot import ids
from bot.blocks import Message, mrkdwn_escape
from bot.blocks.recommendation import MAX_BUTTON_TEXT, MAX_HEADER_TEXT, MAX_SECTION_TEXT, clip
from bot.domain import KpiInput, KpiSummary, ObjectiveChoice
from bot.forms.kpi import (
    CADENCES,
    DIRECTIONS,
    LAST_DAY_OF_MONTH,
    MAX_NAME,
    MAX_UNIT,
    KpiFormState,
)
from bot.forms.numbers import format_number
from bot.i18n import Translator

__all__ = ["build_kpi_list_message", "build_kpi_modal", "build_kpi_owner_refused"]

MAX_OPTION_TEXT: Final = 75
MAX_OPTIONS: Final = 100
MAX_MESSAGE_BLOCKS: Final = 50
MAX_MODAL_TITLE: Final = 24


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": _plain(clip(text, MAX_OPTION_TEXT)), "value": value}


def _input(
    t: Translator,
    block_id: str,
    label_key: str,
    element: dict[str, Any],
    *,
    hint_key: str | None = None,
    optional: bool = False,
) -> dict[str, Any]:
    block: dict[str, Any] = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(t(label_key)),
        "element": {**element, "action_id": ids.input_action(block_id)},
    }
    if hint_key is not None:
        block["hint"] = _plain(t(hint_key))
    if optional:
        block["optional"] = True
    return block


def _select(
    options: list[dict[str, Any]], initial: str | None, placeholder: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "static_select", "options": options[:MAX_OPTIONS]}
    if placeholder is not None:
        element["placeholder"] = _plain(placeholder)
    # Slack refuses an initial option that is not, text and value alike, one of the options.
    chosen = next((o for o in element["options"] if o["value"] == initial), None)
    if chosen is not None:
        element["initial_option"] = chosen
    return element


def _text_input(
    initial: str | None, *, max_length: int, placeholder: str | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input", "max_length": max_length}
    if initial:
        element["initial_value"] = initial
    if placeholder is not None:
        element["placeholder"] = _plain(placeholder)
    return element


def _objective_options(
    t: Translator, objectives: Sequence[ObjectiveChoice]
) -> list[dict[str, Any]]:
    # Primary first; sorted() is stable, so secondary objectives keep the order given.
    ordered = sorted(objectives, key=lambda o: not o.primary)
    titles = [(o, objective_title(t, title=o.title, kind=o.kind)) for o in ordered]
    return [
        _option(t("kpi.objective_primary", title=title) if o.primary else title, str(o.id))
        for o, title in titles
    ]


def objective_title(t: Translator, *, title: str, kind: str) -> str:
    """An objective's own title, or the name of its kind in the reader's language."""
    if title:
        return title
    label = t.label(f"objective.{kind}")
    return label[:1].upper() + label[1:]


def _day_of_month_label(t: Translator, day: int) -> str:
    return t("kpi.day_of_month.last") if day == LAST_DAY_OF_MONTH else str(day)


def build_kpi_modal(
    t: Translator,
    *,
    state: KpiFormState,
    objectives: Sequence[ObjectiveChoice],
    today: date,
    default_owner: str,
    default_weekday: int,
    default_time: time,
    kpi: KpiInput | None = None,
) -> dict[str, Any]:
    """The add-a-KPI modal, or with `kpi` the edit modal with every field pre-filled."""
    primary = next((o.id for o in objectives if o.primary), None)
    objective_id = kpi.objective_id if kpi else primary
    start = kpi.start if kpi else today
    weekday = kpi.checkin_weekday if kpi else default_weekday
    at = kpi.checkin_local_time if kpi else default_time
    day_of_month = (kpi.checkin_day_of_month if kpi else None) or start.day
    blocks: list[dict[str, Any]] = [
        _input(
            t,
            ids.BLOCK_KPI_OBJECTIVE,
            "kpi.objective_label",
            _select(
                _objective_options(t, objectives),
                None if objective_id is None else str(objective_id),
                t("kpi.objective_placeholder"),
            ),
        ),
        _input(
            t,
            ids.BLOCK_KPI_NAME,
            "kpi.name_label",
            _text_input(
                kpi.name if kpi else None,
                max_length=MAX_NAME,
                placeholder=t("kpi.name_placeholder"),
            ),
        ),
        _input(
            t,
            ids.BLOCK_KPI_UNIT,
            "kpi.unit_label",
            _text_input(
                kpi.unit if kpi else None,
                max_length=MAX_UNIT,
                placeholder=t("kpi.unit_placeholder"),
            ),
            optional=True,
        ),
        _input(
            t,
            ids.BLOCK_KPI_DIRECTION,
            "kpi.direction_label",
            {
                "type": "radio_buttons",
                **_radio(
                    [_option(t(f"kpi.direction.{d}"), d) for d in DIRECTIONS],
                    kpi.direction if kpi else DIRECTIONS[0],
                ),
            },
        ),
    ]
    for block_id, label_key, value in (
        (ids.BLOCK_KPI_BASELINE, "kpi.baseline_label", kpi.baseline if kpi else None),
        (ids.BLOCK_KPI_TARGET, "kpi.target_label", kpi.target if kpi else None),
    ):
        initial = None if value is None else format_number(value, t.locale)
        # A plain text input, not number_input: Slack's own number check refuses "1 200,5".
        element = _text_input(initial, max_length=40, placeholder=t("kpi.number_placeholder"))
        blocks.append(_input(t, block_id, label_key, element))
    blocks += [
        _input(
            t,
            ids.BLOCK_KPI_START,
            "kpi.start_label",
            {"type": "datepicker", "initial_date": start.isoformat()},
        ),
        _input(
            t,
            ids.BLOCK_KPI_DEADLINE,
            "kpi.deadline_label",
            {"type": "datepicker", **({"initial_date": kpi.deadline.isoformat()} if kpi else {})},
        ),
        _input(
            t,
            ids.BLOCK_KPI_OWNER,
            "kpi.owner_label",
            {"type": "users_select", "initial_user": kpi.owner_user_id if kpi else default_owner},
        ),
        _input(
            t,
            ids.BLOCK_KPI_CADENCE,
            "kpi.cadence_label",
            _select(
                [_option(t(f"kpi.cadence.{c}"), c) for c in CADENCES],
                kpi.cadence if kpi else CADENCES[0],
            ),
        ),
        _input(
            t,
            ids.BLOCK_KPI_WEEKDAY,
            "kpi.weekday_label",
            _select([_option(t(f"kpi.weekday.{d}"), str(d)) for d in range(7)], str(weekday)),
            hint_key="kpi.weekday_hint",
        ),
        _input(
            t,
            ids.BLOCK_KPI_DAY_OF_MONTH,
            "kpi.day_of_month_label",
            _select(
                [
                    _option(_day_of_month_label(t, d), str(d))
                    for d in range(1, LAST_DAY_OF_MONTH + 1)
                ],
                str(day_of_month),
            ),
            hint_key="kpi.day_of_month_hint",
            optional=True,
        ),
        _input(
            t,
            ids.BLOCK_KPI_TIME,
            "kpi.time_label",
            {"type": "timepicker", "initial_time": at.strftime("%H:%M")},
            hint_key="kpi.time_hint",
        ),
    ]
    title = t("kpi.title_edit") if kpi or state.kpi_id is not None else t("kpi.title_add")
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_KPI,
        "private_metadata": state.to_metadata(),
        "title": _plain(clip(title, MAX_MODAL_TITLE)),
        "submit": _plain(clip(t("kpi.submit"), MAX_MODAL_TITLE)),
        "close": _plain(clip(t("kpi.close"), MAX_MODAL_TITLE)),
        "blocks": blocks,
    }


def _radio(options: list[dict[str, Any]], initial: str | None) -> dict[str, Any]:
    chosen = next((o for o in options if o["value"] == initial), None)
    return {"options": options, **({"initial_option": chosen} if chosen else {})}


def _kpi_section(t: Translator, kpi: KpiSummary) -> dict[str, Any]:
    line = t(
        "kpi.list_line",
        name=mrkdwn_escape(kpi.name),
        owner=kpi.owner_user_id,
        baseline=t.number(kpi.baseline),
        target=t.number(kpi.target),
        unit=mrkdwn_escape(kpi.unit),
        deadline=t.date(kpi.deadline),
        cadence=t(f"kpi.cadence.{kpi.cadence}") if kpi.cadence in CADENCES else kpi.cadence,
    )
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(line, MAX_SECTION_TEXT)},
        "accessory": {
            "type": "button",
            "action_id": ids.ACTION_EDIT_KPI,
            "text": _plain(clip(t("kpi.button.edit"), MAX_BUTTON_TEXT)),
            "value": str(kpi.id),
        },
    }


def build_kpi_list_message(
    t: Translator, *, assessment_id: int, kpis: Sequence[KpiSummary]
) -> Message:
    """An assessment's KPIs grouped by objective, each with an Edit button; under 50 blocks."""
    groups: dict[str, list[KpiSummary]] = {}
    for kpi in kpis:
        title = objective_title(t, title=kpi.objective_title, kind=kpi.objective_kind)
        groups.setdefault(title, []).append(kpi)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": _plain(clip(t("kpi.list_header"), MAX_HEADER_TEXT))}
    ]
    if not kpis:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": t("kpi.list_empty")}})
    # Room left once the "…and N more" line and the Add button are counted.
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 2
    shown = 0
    for title, members in groups.items():
        if room < 2:  # a heading alone, without one of its KPIs, says nothing
            break
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": f"*{mrkdwn_escape(clip(title, 200))}*"},
            }
        )
        room -= 1
        for kpi in members[:room]:
            blocks.append(_kpi_section(t, kpi))
            shown += 1
        room -= min(len(members), room)
    if shown < len(kpis):
        blocks.append(
            {
                "type": "context",
                "elements": [
                    {"type": "mrkdwn", "text": t("kpi.list_more", count=len(kpis) - shown)}
                ],
            }
        )
    blocks.append(
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "action_id": ids.ACTION_ADD_KPI,
                    "text": _plain(clip(t("kpi.button.add"), MAX_BUTTON_TEXT)),
                    "value": str(assessment_id),
                    "style": "primary",
                }
            ],
        }
    )
    return Message(text=t("kpi.list_fallback", count=len(kpis)), blocks=blocks)


def build_kpi_owner_refused(t: Translator, *, owner_user_id: str, reason: str) -> Message:
    """Tell the submitter the chosen owner cannot answer check-ins (a bot, deactivated, unknown)."""
    known = reason if reason in ("bot", "deactivated", "unknown") else "unknown"
    why = t(f"kpi.owner_refused.{known}", owner=owner_user_id)
    text = f"{why}\n{t('kpi.owner_refused_next')}"
    return Message(
        text=t("kpi.owner_refused_fallback"),
        blocks=[{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
    )
