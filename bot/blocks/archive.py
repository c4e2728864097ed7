"""`/smm archive`: the person's assessments, each with Archive (active) or Restore (archived)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from bot.blocks import Message
from bot.blocks.kit import MAX_MESSAGE_BLOCKS, Block, context, mrkdwn_section
from bot.blocks.recommendation import archive_button, restore_button
from bot.domain import AssessmentLine
from bot.i18n import Translator

# Two blocks for the title and the note, one per assessment, one for "…and N more".
MAX_LISTED: Final = MAX_MESSAGE_BLOCKS - 3


def _line(t: Translator, line: AssessmentLine) -> str:
    objective = t.label(f"objective.{line.objective_kind}")
    verdict = (
        t(
            "archive.list.verdict",
            verdict=t.label(f"verdict.{line.verdict}"),
            percent=t.percent(line.confidence or 0.0),
        )
        if line.verdict
        else t("archive.list.no_verdict")
    )
    if line.archived_day is not None:
        return t(
            "archive.list.archived_line",
            objective=objective,
            verdict=verdict,
            date=t.date(line.archived_day),
        )
    return t(
        "archive.list.active_line",
        objective=objective,
        verdict=verdict,
        date=t.date(line.created_day),
    )


def build_my_assessments(
    t: Translator, lines: Sequence[AssessmentLine], *, note: str | None = None
) -> Message:
    """The person's assessments, active first, each with the button that changes it; `note`
    on top says what was just done."""
    if not lines:
        text = t("archive.list.none")
        return Message(text=text, blocks=[mrkdwn_section(text)])
    ordered = sorted(lines, key=lambda line: line.archived_day is not None)
    blocks: list[Block] = []
    if note is not None:
        blocks.append(context(note))
    blocks.append(mrkdwn_section(t("archive.list.title")))
    for line in ordered[:MAX_LISTED]:
        section = mrkdwn_section(_line(t, line))
        section["accessory"] = (
            restore_button(t, line.assessment_id)
            if line.archived_day is not None
            else archive_button(t, line.assessment_id)
        )
        blocks.append(section)
    hidden = len(ordered) - MAX_LISTED
    if hidden > 0:
        blocks.append(context(t("result.more", count=hidden)))
    return Message(text=t("archive.list.fallback"), blocks=blocks)
