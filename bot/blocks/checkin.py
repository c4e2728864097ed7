"""The check-in DM (asked, then answered in place), its two modals, `/smm kpis`, and the note
that a KPI's owner has left."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, Final

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
from bot.blocks.kpi import objective_title
from bot.domain import CheckInCard, CheckInState, Confidence, KpiLine
from bot.forms.numbers import format_number
from bot.i18n import Translator

MAX_COMMENT: Final = 500
MAX_REASON: Final = 200
# /smm kpis shows this many open check-ins with their buttons; the rest wait in the DMs.
MAX_OPEN_SHOWN: Final = 5
# /smm kpis lists this many KPIs, each with its Delete button; a line counts the others.
MAX_KPIS_LISTED: Final = 12
MAX_KPI_CHUNKS: Final = 2  # the KPIs past those: at most this many sections of whole lines


def _amount(t: Translator, value: float, unit: str) -> str:
    number = t.number(value)
    return f"{number} {mrkdwn_escape(unit)}".strip()


def _objective(t: Translator, card: CheckInCard | KpiLine) -> str:
    return mrkdwn_escape(objective_title(t, title=card.objective_title, kind=card.objective_kind))


def _status(t: Translator, status: str) -> str:
    return t(f"checkin.status.{status}")


def _facts(t: Translator, card: CheckInCard) -> Block:
    last = (
        t("checkin.last_value", value=_amount(t, card.last_value, card.unit))
        if card.last_value is not None
        else t("checkin.no_value_yet", baseline=_amount(t, card.baseline, card.unit))
    )
    fields = [
        last,
        t("checkin.expected", value=_amount(t, card.expected_value, card.unit)),
        t("checkin.status", status=_status(t, card.status)),
    ]
    return {"type": "section", "fields": [{"type": "mrkdwn", "text": f} for f in fields]}


def _answer_lines(t: Translator, card: CheckInCard) -> list[str]:
    if card.state == CheckInState.SKIPPED:
        if card.comment:
            return [t("checkin.skipped_reason", reason=mrkdwn_escape(card.comment))]
        return [t("checkin.skipped")]
    if card.state == CheckInState.MISSED:
        if card.reminder >= 2:  # closed by the reminder ladder, not by the next slot
            return [t("checkin.missed_after_reminders")]
        return [t("checkin.missed")]
    if card.state != CheckInState.ANSWERED or card.value is None:
        return []
    value = _amount(t, card.value, card.unit)
    if card.confidence is None:
        lines = [t("checkin.recorded_no_change", value=value)]
    else:
        confidence = t(f"checkin.confidence.{card.confidence}")
        lines = [t("checkin.recorded", value=value, confidence=confidence)]
    if card.comment:
        lines.append(t("checkin.recorded_comment", comment=mrkdwn_escape(card.comment)))
    return lines


SNOOZES: Final = ("2h", "tomorrow", "next_day")  # services.reminders.Snooze values


def snooze_menu(t: Translator, card: CheckInCard) -> Block:
    """Snooze: in 2 hours, tomorrow morning, the next working day (option values carry the id)."""
    options = [option(t(f"checkin.snooze.{s}"), f"{s}:{card.checkin_id}") for s in SNOOZES]
    return {
        **static_select(options, placeholder=t("checkin.snooze.placeholder")),
        "action_id": ids.ACTION_CHECKIN_SNOOZE,
    }


def checkin_buttons(t: Translator, card: CheckInCard) -> Block:
    """Update (or change the answer), No change, Skip: each carries the check-in's id; and
    Snooze while it waits for its answer."""
    value = str(card.checkin_id)
    answered = card.state in (CheckInState.ANSWERED, CheckInState.SKIPPED)
    update_label = t("checkin.button.change" if answered else "checkin.button.update")
    elements = [
        button(update_label, ids.ACTION_CHECKIN_UPDATE, value=value, primary=not answered),
        button(t("checkin.button.no_change"), ids.ACTION_CHECKIN_NO_CHANGE, value=value),
        button(t("checkin.button.skip"), ids.ACTION_CHECKIN_SKIP, value=value),
    ]
    if card.snoozable:
        elements.append(snooze_menu(t, card))
    return actions(*elements)


def _notes(t: Translator, card: CheckInCard) -> list[str]:
    """Why this DM comes now: back from away, moved into working time, a reminder, a snooze."""
    notes = []
    if card.away_skipped == 1:
        notes.append(t("checkin.away_return.one"))
    elif card.away_skipped > 1:
        notes.append(t("checkin.away_return.many", count=card.away_skipped))
    if card.moved == "holiday":
        notes.append(t("checkin.moved.holiday", day=t.date(card.slot_day)))
    elif card.moved:
        notes.append(t("checkin.moved.hours", when=t.date(card.slot_day)))
    if card.snoozed_until is not None:
        when = f"{t.date(card.snoozed_until.date())} {t.time_of_day(card.snoozed_until.time())}"
        notes.append(t("checkin.snoozed", when=when))
    elif card.reminder and card.state != CheckInState.MISSED:
        notes.append(t("checkin.reminder", n=card.reminder, of=2))
    return notes


def checkin_blocks(t: Translator, card: CheckInCard, *, with_header: bool = True) -> list[Block]:
    """The blocks of one check-in: the KPI, where it stands, the answer, the buttons."""
    target = _amount(t, card.target, card.unit)
    blocks: list[Block] = []
    if with_header:
        blocks.append(header(t("checkin.header", kpi=card.kpi_name)))
    else:
        blocks.append(mrkdwn_section(f"*{mrkdwn_escape(clip(card.kpi_name, 150))}*"))
    blocks.append(
        mrkdwn_section(
            t(
                "checkin.objective",
                objective=_objective(t, card),
                target=target,
                deadline=t.date(card.deadline),
            )
        )
    )
    notes = _notes(t, card)
    if notes:
        blocks.append(context(clip("\n".join(notes), MAX_SECTION_TEXT)))
    blocks.append(_facts(t, card))
    answer = _answer_lines(t, card)
    if answer:
        blocks.append(mrkdwn_section(clip("\n".join(answer), MAX_SECTION_TEXT)))
    if card.answerable and card.state != CheckInState.MISSED:
        blocks.append(checkin_buttons(t, card))
    slot = (
        t("checkin.slot", day=t.date(card.slot_day), next=t.date(card.next_day))
        if card.next_day is not None
        else t("checkin.slot_last", day=t.date(card.slot_day))
    )
    blocks.append(context(slot))
    return blocks


def build_checkin_message(t: Translator, card: CheckInCard) -> Message:
    """The check-in DM: asked, or (updated in place) what was recorded and the new status."""
    return Message(text=t("checkin.fallback", kpi=card.kpi_name), blocks=checkin_blocks(t, card))


def build_reminder_line(t: Translator, card: CheckInCard, *, snooze_over: bool, of: int) -> Message:
    """The one short new line of a reminder (or of a snooze's end), so Slack notifies."""
    del of  # the count is on the prompt itself
    key = "checkin.snooze_over_line" if snooze_over else "checkin.reminder_line"
    text = t(key, kpi=mrkdwn_escape(clip(card.kpi_name, 150)))
    return Message(text=text, blocks=[mrkdwn_section(text)])


def build_silent_kpi_note(
    t: Translator, *, kpi_name: str, objective: str, owner: str, missed: int, kpi_id: int
) -> Message:
    """The private note to a team lead: a KPI went silent, and a button to reassign it."""
    text = t(
        "escalation.note",
        kpi=mrkdwn_escape(clip(kpi_name, 150)),
        objective=mrkdwn_escape(clip(objective, 150)),
        owner=owner,
        count=missed,
    )
    return Message(
        text=t("escalation.fallback", kpi=clip(kpi_name, 150)),
        blocks=[
            mrkdwn_section(clip(text, MAX_SECTION_TEXT)),
            actions(button(t("escalation.button"), ids.ACTION_REASSIGN_KPI, value=str(kpi_id))),
            context(t("escalation.private")),
        ],
    )


def build_reassign_modal(
    t: Translator, *, kpi_name: str, owner: str, kpi_id: int
) -> dict[str, Any]:
    """Choose a KPI's new owner (a users select)."""
    metadata = json.dumps({"kpi_id": kpi_id, "locale": t.locale}, separators=(",", ":"))
    intro = t("reassign.intro", kpi=mrkdwn_escape(clip(kpi_name, 150)), owner=owner)
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_REASSIGN_KPI,
        "private_metadata": metadata,
        "title": plain_text(clip(t("reassign.title"), MAX_MODAL_TITLE)),
        "submit": plain_text(clip(t("reassign.submit"), MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("reassign.close"), MAX_MODAL_TITLE)),
        "blocks": [
            mrkdwn_section(clip(intro, MAX_SECTION_TEXT)),
            input_block(
                ids.BLOCK_REASSIGN_OWNER, t("reassign.owner_label"), {"type": "users_select"}
            ),
        ],
    }


def build_away_modal(t: Translator, *, today: str) -> dict[str, Any]:
    """`/smm away` without a date: pick the last day away."""
    metadata = json.dumps({"locale": t.locale}, separators=(",", ":"))
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_AWAY,
        "private_metadata": metadata,
        "title": plain_text(clip(t("away.title"), MAX_MODAL_TITLE)),
        "submit": plain_text(clip(t("away.submit"), MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("away.close"), MAX_MODAL_TITLE)),
        "blocks": [
            input_block(
                ids.BLOCK_AWAY_UNTIL,
                t("away.until_label"),
                datepicker(today),
                hint=t("away.hint"),
            )
        ],
    }


def checkin_metadata(*, checkin_id: int, locale: str) -> str:
    """The private_metadata of the check-in modals."""
    return json.dumps({"checkin_id": checkin_id, "locale": locale}, separators=(",", ":"))


def _modal(
    title: str, submit: str, t: Translator, callback: str, metadata: str, blocks: list[Block]
) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": callback,
        "private_metadata": metadata,
        "title": plain_text(clip(title, MAX_MODAL_TITLE)),
        "submit": plain_text(clip(submit, MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("checkin.modal.close"), MAX_MODAL_TITLE)),
        "blocks": blocks,
    }


def build_update_modal(t: Translator, card: CheckInCard) -> dict[str, Any]:
    """Value, confidence and comment (the comment required with a low confidence)."""
    example = format_number(
        card.last_value if card.last_value is not None else card.target, t.locale
    )
    initial = format_number(card.value, t.locale) if card.value is not None else None
    label = (
        t("checkin.modal.value_label", unit=card.unit)
        if card.unit
        else t("checkin.modal.value_label_plain")
    )
    confidences = [
        option(t(f"checkin.confidence.{c.value}").capitalize(), c.value) for c in Confidence
    ]
    target = _amount(t, card.target, card.unit)
    blocks: list[Block] = [
        mrkdwn_section(
            t(
                "checkin.modal.intro",
                kpi=mrkdwn_escape(card.kpi_name),
                target=target,
                deadline=t.date(card.deadline),
            )
        ),
        input_block(
            ids.BLOCK_CHECKIN_VALUE,
            clip(label, 2000),
            plain_text_input(
                initial,
                max_length=40,
                placeholder=t("checkin.modal.value_placeholder", example=example),
            ),
        ),
        input_block(
            ids.BLOCK_CHECKIN_CONFIDENCE,
            t("checkin.modal.confidence_label"),
            radio_buttons(confidences, card.confidence.value if card.confidence else None),
        ),
        input_block(
            ids.BLOCK_CHECKIN_COMMENT,
            t("checkin.modal.comment_label"),
            {**plain_text_input(card.comment, max_length=MAX_COMMENT), "multiline": True},
            optional=True,
            hint=t("checkin.modal.comment_hint"),
        ),
    ]
    metadata = checkin_metadata(checkin_id=card.checkin_id, locale=t.locale)
    return _modal(
        t("checkin.modal.title"),
        t("checkin.modal.submit"),
        t,
        ids.CALLBACK_CHECKIN_UPDATE,
        metadata,
        blocks,
    )


def build_skip_modal(t: Translator, card: CheckInCard) -> dict[str, Any]:
    """Skip a check-in, with an optional reason."""
    blocks: list[Block] = [
        mrkdwn_section(t("checkin.skip_modal.text", kpi=mrkdwn_escape(card.kpi_name))),
        input_block(
            ids.BLOCK_CHECKIN_REASON,
            t("checkin.skip_modal.reason_label"),
            plain_text_input(
                card.comment if card.state == CheckInState.SKIPPED else None,
                max_length=MAX_REASON,
                placeholder=t("checkin.skip_modal.reason_placeholder"),
            ),
            optional=True,
        ),
    ]
    metadata = checkin_metadata(checkin_id=card.checkin_id, locale=t.locale)
    return _modal(
        t("checkin.skip_modal.title"),
        t("checkin.skip_modal.submit"),
        t,
        ids.CALLBACK_CHECKIN_SKIP,
        metadata,
        blocks,
    )


def _my_kpi_line(t: Translator, kpi: KpiLine) -> str:
    value = _amount(t, kpi.last_value, kpi.unit) if kpi.last_value is not None else "—"
    line = t(
        "checkin.mine.line",
        name=mrkdwn_escape(kpi.name),
        objective=_objective(t, kpi),
        status=_status(t, kpi.status),
        value=value,
        target=_amount(t, kpi.target, kpi.unit),
        deadline=t.date(kpi.deadline),
    )
    if kpi.paused:
        return f"{line} · {t('checkin.mine.paused')}"
    if kpi.next_day is not None:
        return line + "\n" + t("checkin.mine.next", day=t.date(kpi.next_day))
    return line + "\n" + t("checkin.mine.no_next")


def delete_listed_kpi_button(t: Translator, kpi_id: int) -> Block:
    """Delete (archive) a KPI from `/smm kpis`, behind the same dialog as the edit modal's."""
    return button(
        t("checkin.mine.delete"),
        ids.ACTION_DELETE_LISTED_KPI,
        value=str(kpi_id),
        danger=True,
        confirm=confirm_for(t, "archive_kpi"),
    )


def build_my_kpis(
    t: Translator,
    kpis: Sequence[KpiLine],
    open_cards: Sequence[CheckInCard],
    *,
    note: str | None = None,
) -> Message:
    """`/smm kpis`: the person's KPIs (status, next check-in), each with Delete (they own it),
    and the check-ins they can answer; `note` on top says what was just done."""
    blocks: list[Block] = [] if note is None else [context(clip(note, MAX_SECTION_TEXT))]
    blocks.append(header(t("checkin.mine.header")))
    if not kpis:
        blocks.append(mrkdwn_section(t("checkin.mine.none")))
        return Message(text=t("checkin.mine.fallback"), blocks=blocks)
    # One section per KPI, its Delete button beside it, up to MAX_KPIS_LISTED; the others in
    # a few sections of whole lines (no button), then a line counts any left: the open
    # check-ins keep their room within Slack's 50 blocks.
    for kpi in kpis[:MAX_KPIS_LISTED]:
        section = mrkdwn_section(clip(_my_kpi_line(t, kpi), MAX_SECTION_TEXT))
        section["accessory"] = delete_listed_kpi_button(t, kpi.kpi_id)
        blocks.append(section)
    rest = [clip(_my_kpi_line(t, kpi), MAX_SECTION_TEXT) for kpi in kpis[MAX_KPIS_LISTED:]]
    chunks: list[list[str]] = []
    while rest and len(chunks) < MAX_KPI_CHUNKS:
        chunk = [rest.pop(0)]
        while rest and len("\n\n".join([*chunk, rest[0]])) <= MAX_SECTION_TEXT:
            chunk.append(rest.pop(0))
        chunks.append(chunk)
    blocks += [mrkdwn_section("\n\n".join(chunk)) for chunk in chunks]
    if rest:
        blocks.append(context(t("checkin.mine.kpis_more", count=len(rest))))
    blocks.append(header(t("checkin.mine.open_header")))
    if not open_cards:
        blocks.append(context(t("checkin.mine.nothing_open")))
    shown = 0
    for card in open_cards[:MAX_OPEN_SHOWN]:
        candidate = checkin_blocks(t, card, with_header=False)
        if len(blocks) + len(candidate) + 1 > MAX_MESSAGE_BLOCKS:
            break
        blocks += candidate
        shown += 1
    hidden = len(open_cards) - shown
    if hidden > 0:
        blocks.append(context(t("checkin.mine.more", count=hidden)))
    return Message(text=t("checkin.mine.fallback"), blocks=blocks[:MAX_MESSAGE_BLOCKS])


def build_owner_left(
    t: Translator, *, owner: str, kpi_name: str, objective: str, kpi_id: int
) -> Message:
    """To an assessment's author: a KPI's owner left; a button to choose someone else."""
    text = t(
        "checkin.owner_left.text",
        owner=owner,
        kpi=mrkdwn_escape(kpi_name),
        objective=mrkdwn_escape(objective),
    )
    return Message(
        text=t("checkin.owner_left.fallback"),
        blocks=[
            mrkdwn_section(clip(text, MAX_SECTION_TEXT)),
            actions(
                button(
                    t("checkin.owner_left.button"),
                    ids.ACTION_EDIT_KPI,
                    value=str(kpi_id),
                    primary=True,
                )
            ),
        ],
    )
