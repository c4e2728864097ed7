"""The KPI modal (add or edit), the KPI list message, and the "owner is not a person" note."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time
from typing import Any

from bot import ids
from bot.blocks import Message, mrkdwn_escape
from bot.blocks.confirm import confirm_for
from bot.blocks.kit import (
    MAX_MESSAGE_BLOCKS,
    MAX_MODAL_TITLE,
    MAX_SECTION_TEXT,
    Block,
    actions,
    button,
    clip,
    context,
    datepicker,
    header,
    input_block,
    mrkdwn_section,
    option,
    plain_text,
    plain_text_input,
    radio_buttons,
    static_select,
)
from bot.domain import Cadence, KpiInput, KpiSummary, ObjectiveChoice, WorkingHours
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


def _objective_options(t: Translator, objectives: Sequence[ObjectiveChoice]) -> list[Block]:
    # Primary first; sorted() is stable, so secondary objectives keep the order given.
    ordered = sorted(objectives, key=lambda o: not o.primary)
    titles = [(o, objective_title(t, title=o.title, kind=o.kind)) for o in ordered]
    return [
        option(t("kpi.objective_primary", title=title) if o.primary else title, str(o.id))
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
    hours: WorkingHours = WorkingHours(),  # noqa: B008  (frozen: one shared default is safe)
) -> dict[str, Any]:
    """The add-a-KPI modal, or with `kpi` the edit modal with every field pre-filled; its
    weekdays are the workspace's working days (`hours`)."""
    primary = next((o.id for o in objectives if o.primary), None)
    objective_id = kpi.objective_id if kpi else primary
    start = kpi.start if kpi else today
    own_schedule = kpi is not None and not kpi.uses_default_schedule
    weekday = kpi.checkin_weekday if kpi and kpi.checkin_weekday is not None else default_weekday
    at = kpi.checkin_local_time if kpi and kpi.checkin_local_time else default_time
    day_of_month = (kpi.checkin_day_of_month if kpi else None) or start.day
    default_label = t(
        "kpi.schedule.default",
        every=t(f"kpi.every_weekday.{default_weekday}"),
        time=t.time_of_day(default_time),
    )
    blocks: list[Block] = [
        input_block(
            ids.BLOCK_KPI_OBJECTIVE,
            t("kpi.objective_label"),
            static_select(
                _objective_options(t, objectives),
                None if objective_id is None else str(objective_id),
                placeholder=t("kpi.objective_placeholder"),
            ),
        ),
        input_block(
            ids.BLOCK_KPI_NAME,
            t("kpi.name_label"),
            plain_text_input(
                kpi.name if kpi else None,
                max_length=MAX_NAME,
                placeholder=t("kpi.name_placeholder"),
            ),
        ),
        input_block(
            ids.BLOCK_KPI_UNIT,
            t("kpi.unit_label"),
            plain_text_input(
                kpi.unit if kpi else None,
                max_length=MAX_UNIT,
                placeholder=t("kpi.unit_placeholder"),
            ),
            optional=True,
        ),
        input_block(
            ids.BLOCK_KPI_DIRECTION,
            t("kpi.direction_label"),
            radio_buttons(
                [option(t(f"kpi.direction.{d}"), d) for d in DIRECTIONS],
                kpi.direction if kpi else DIRECTIONS[0],
            ),
        ),
    ]
    for block_id, label_key, value in (
        (ids.BLOCK_KPI_BASELINE, "kpi.baseline_label", kpi.baseline if kpi else None),
        (ids.BLOCK_KPI_TARGET, "kpi.target_label", kpi.target if kpi else None),
    ):
        initial = None if value is None else format_number(value, t.locale)
        # A plain text input, not number_input: Slack's own number check refuses "1 200,5".
        element = plain_text_input(initial, max_length=40, placeholder=t("kpi.number_placeholder"))
        blocks.append(input_block(block_id, t(label_key), element))
    blocks += [
        input_block(ids.BLOCK_KPI_START, t("kpi.start_label"), datepicker(start.isoformat())),
        input_block(
            ids.BLOCK_KPI_DEADLINE,
            t("kpi.deadline_label"),
            datepicker(kpi.deadline.isoformat() if kpi else None),
        ),
        input_block(
            ids.BLOCK_KPI_OWNER,
            t("kpi.owner_label"),
            {"type": "users_select", "initial_user": kpi.owner_user_id if kpi else default_owner},
        ),
        cadence_block(t, kpi.cadence if kpi else CADENCES[0]),
        input_block(
            ids.BLOCK_KPI_SCHEDULE,
            t("kpi.schedule_label"),
            radio_buttons(
                [
                    option(default_label, ids.SCHEDULE_DEFAULT),
                    option(t("kpi.schedule.custom"), ids.SCHEDULE_CUSTOM),
                ],
                ids.SCHEDULE_CUSTOM if own_schedule else ids.SCHEDULE_DEFAULT,
            ),
            hint=t("kpi.schedule_hint"),
        ),
        schedule_day_block(
            t,
            kpi.cadence if kpi else CADENCES[0],
            weekday=weekday,
            day_of_month=day_of_month,
            weekdays=hours.weekdays,
        ),
        input_block(
            ids.BLOCK_KPI_TIME,
            t("kpi.time_label"),
            {"type": "timepicker", "initial_time": at.strftime("%H:%M")},
            optional=True,
            hint=t("kpi.time_hint"),
        ),
    ]
    if state.kpi_id is not None:
        # Deleting archives it: it asks no more, its check-ins are kept (the dialog says so).
        blocks.append(
            actions(
                button(
                    t("kpi.button.archive"),
                    ids.ACTION_ARCHIVE_KPI,
                    value=str(state.kpi_id),
                    danger=True,
                    confirm=confirm_for(t, "archive_kpi"),
                )
            )
        )
    title = t("kpi.title_edit") if kpi or state.kpi_id is not None else t("kpi.title_add")
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_KPI,
        "private_metadata": state.to_metadata(),
        "title": plain_text(clip(title, MAX_MODAL_TITLE)),
        "submit": plain_text(clip(t("kpi.submit"), MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("kpi.close"), MAX_MODAL_TITLE)),
        "blocks": blocks,
    }


def cadence_block(t: Translator, cadence: str) -> Block:
    """The cadence select: choosing one updates the form (dispatch_action) so that only the
    day field of that cadence shows."""
    block = input_block(
        ids.BLOCK_KPI_CADENCE,
        t("kpi.cadence_label"),
        static_select([option(t(f"kpi.cadence.{c}"), c) for c in CADENCES], cadence),
    )
    block["dispatch_action"] = True
    return block


def schedule_day_block(
    t: Translator,
    cadence: str,
    *,
    weekday: int,
    day_of_month: int,
    weekdays: Sequence[int] = tuple(range(7)),
) -> Block:
    """The day a custom schedule asks on: one of `weekdays` (weekly, every two weeks; the
    workspace's working days) or a day of the month (monthly)."""
    if cadence == Cadence.MONTHLY:
        return input_block(
            ids.BLOCK_KPI_DAY_OF_MONTH,
            t("kpi.day_of_month_label"),
            static_select(
                [
                    option(_day_of_month_label(t, d), str(d))
                    for d in range(1, LAST_DAY_OF_MONTH + 1)
                ],
                str(day_of_month),
            ),
            optional=True,
            hint=t("kpi.day_of_month_hint"),
        )
    offered = list(weekdays) or list(range(7))
    # The initial option must be one offered: a day no longer worked shows the next one that is.
    chosen = (
        weekday if weekday in offered else next((d for d in offered if d > weekday), offered[0])
    )
    return input_block(
        ids.BLOCK_KPI_WEEKDAY,
        t("kpi.weekday_label"),
        static_select([option(t(f"kpi.weekday.{d}"), str(d)) for d in offered], str(chosen)),
        optional=True,
        hint=t("kpi.weekday_hint"),
    )


_DAY_BLOCKS = frozenset({ids.BLOCK_KPI_WEEKDAY, ids.BLOCK_KPI_DAY_OF_MONTH})
_VIEW_FIELDS = ("type", "callback_id", "private_metadata", "title", "submit", "close", "blocks")


def with_cadence(
    view: dict[str, Any],
    t: Translator,
    cadence: str,
    *,
    weekday: int,
    day_of_month: int,
    weekdays: Sequence[int] = tuple(range(7)),
) -> dict[str, Any]:
    """The KPI modal `view` (as Slack sent it back) with `cadence` chosen and only its day
    field; every other block unchanged, so Slack keeps what was typed in them."""
    blocks: list[Block] = []
    for block in view.get("blocks") or []:
        block_id = block.get("block_id")
        if block_id in _DAY_BLOCKS:
            continue
        if block_id == ids.BLOCK_KPI_CADENCE:
            block = cadence_block(t, cadence)
        blocks.append(block)
        if block_id == ids.BLOCK_KPI_SCHEDULE:
            blocks.append(
                schedule_day_block(
                    t, cadence, weekday=weekday, day_of_month=day_of_month, weekdays=weekdays
                )
            )
    return {**{k: view[k] for k in _VIEW_FIELDS if k in view}, "blocks": blocks}


def build_kpi_archived(t: Translator, *, name: str) -> dict[str, Any]:
    """What the KPI modal turns into once the KPI is deleted (archived)."""
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_KPI_ARCHIVED,
        "title": plain_text(clip(t("kpi.archived_title"), MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("kpi.archived_close"), MAX_MODAL_TITLE)),
        "blocks": [mrkdwn_section(t("kpi.archived_text", name=mrkdwn_escape(name)))],
    }


def _kpi_section(t: Translator, kpi: KpiSummary) -> Block:
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
        **mrkdwn_section(clip(line, MAX_SECTION_TEXT)),
        "accessory": button(t("kpi.button.edit"), ids.ACTION_EDIT_KPI, value=str(kpi.id)),
    }


def build_kpi_list_message(
    t: Translator, *, assessment_id: int, kpis: Sequence[KpiSummary]
) -> Message:
    """An assessment's KPIs grouped by objective, each with an Edit button; under 50 blocks."""
    groups: dict[str, list[KpiSummary]] = {}
    for kpi in kpis:
        title = objective_title(t, title=kpi.objective_title, kind=kpi.objective_kind)
        groups.setdefault(title, []).append(kpi)
    blocks: list[Block] = [header(t("kpi.list_header"))]
    if not kpis:
        blocks.append(mrkdwn_section(t("kpi.list_empty")))
    # Room left once the "…and N more" line and the Add button are counted.
    room = MAX_MESSAGE_BLOCKS - len(blocks) - 2
    shown = 0
    for title, members in groups.items():
        if room < 2:  # a heading alone, without one of its KPIs, says nothing
            break
        blocks.append(mrkdwn_section(f"*{mrkdwn_escape(clip(title, 200))}*"))
        room -= 1
        for kpi in members[:room]:
            blocks.append(_kpi_section(t, kpi))
            shown += 1
        room -= min(len(members), room)
    if shown < len(kpis):
        blocks.append(context(t("kpi.list_more", count=len(kpis) - shown)))
    blocks.append(
        actions(
            button(t("kpi.button.add"), ids.ACTION_ADD_KPI, value=str(assessment_id), primary=True)
        )
    )
    return Message(text=t("kpi.list_fallback", count=len(kpis)), blocks=blocks)


def build_kpi_owner_refused(t: Translator, *, owner_user_id: str, reason: str) -> Message:
    """Tell the submitter the chosen owner cannot answer check-ins (a bot, deactivated, unknown)."""
    known = reason if reason in ("bot", "deactivated", "unknown") else "unknown"
    why = t(f"kpi.owner_refused.{known}", owner=owner_user_id)
    text = f"{why}\n{t('kpi.owner_refused_next')}"
    return Message(
        text=t("kpi.owner_refused_fallback"),
        blocks=[mrkdwn_section(text)],
    )
