"""The weekly digest's parent message in the review channel (its charts go in the thread).

A channel is read by more people than an assessment's owner: the monthly cost of the recommended
option at most (never a wage, a salary or a rate), and no figure at all when the workspace chose
so (KPIs then show their status only, as in the review posts). The KPIs go in one table block
(Slack allows one per message, at most 100 rows of 20 cells); past that, or with nothing to
tabulate, they are bullet lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from bot.blocks import Message, mrkdwn_escape
from bot.blocks.kit import Block, clip, context, header, mrkdwn_section
from bot.i18n import Translator
from scoring.model import Recommendation

MAX_TABLE_ROWS: Final = 100  # the header row included
MAX_TABLE_CELL: Final = 200  # a cell's text, kept short so the table stays readable
MAX_MESSAGE_BLOCKS: Final = 50
MAX_SECTION_TEXT: Final = 3000
MAX_HEADER_TEXT: Final = 150
# Blocks kept for the header, the late note, the table, the overflow and the charts' note.
_FIXED_BLOCKS: Final = 6


@dataclass(frozen=True, slots=True)
class DigestKpi:
    """One KPI's line: where it is against where it should be by now, and this week's answers."""

    name: str
    value: float | None
    target: float
    expected_value: float
    status: str  # scoring.KpiStatus value
    answered: int
    asked: int


@dataclass(frozen=True, slots=True)
class DigestObjective:
    """One objective of an assessment, with its KPIs."""

    title: str
    kpis: tuple[DigestKpi, ...]

    @property
    def completion(self) -> tuple[int, int]:
        """(answered, asked) of the week's check-ins over its KPIs."""
        return sum(k.answered for k in self.kpis), sum(k.asked for k in self.kpis)


@dataclass(frozen=True, slots=True)
class DigestAssessment:
    """One active assessment: its current recommendation (None before one) and objectives."""

    objective_kind: str  # an assessment is named by its primary objective and its owner
    owner_user_id: str
    recommendation: Recommendation | None
    objectives: tuple[DigestObjective, ...]


@dataclass(frozen=True, slots=True)
class Digest:
    """What a workspace's digest says, for the week from `start` to `end` (local days)."""

    start: date
    end: date
    late: bool  # sent after its time (the clock was down): it says which week it covers
    assessments: tuple[DigestAssessment, ...]
    figures: bool  # the workspace lets channel posts show figures
    charts: int  # how many charts follow in the thread


def _headline(a: DigestAssessment, t: Translator, *, figures: bool) -> str:
    objective = t.label(f"objective.{a.objective_kind}")
    rec = a.recommendation
    if rec is None:
        return t("digest.not_scored", objective=objective, owner=a.owner_user_id)
    verdict = t.label(f"verdict.{rec.verdict.value}")
    confidence = t.label(f"confidence.{rec.confidence_label.value}")
    cost = rec.costs.monthly(rec.verdict) if figures else None
    if cost is None:
        return t(
            "digest.assessment",
            objective=objective,
            owner=a.owner_user_id,
            verdict=verdict,
            confidence=confidence,
        )
    return t(
        "digest.assessment_cost",
        objective=objective,
        owner=a.owner_user_id,
        verdict=verdict,
        confidence=confidence,
        cost=t.money(cost, rec.costs.currency),
    )


def _objective_line(o: DigestObjective, t: Translator) -> str:
    title = mrkdwn_escape(o.title)
    if not o.kpis:
        return t("digest.objective_no_kpi", title=title)
    answered, asked = o.completion
    if not asked:
        return t("digest.objective_no_checkins", title=title, kpis=len(o.kpis))
    return t("digest.objective", title=title, kpis=len(o.kpis), answered=answered, asked=asked)


def _value(t: Translator, value: float | None) -> str:
    return t.number(value) if value is not None else t("digest.no_value")


def _cell(text: str) -> Block:
    return {"type": "raw_text", "text": clip(text, MAX_TABLE_CELL) or "—"}


def _table(rows: Sequence[tuple[str, DigestKpi]], t: Translator, *, figures: bool) -> Block:
    names = ["objective", "kpi"] + (["value", "target", "expected"] if figures else [])
    names += ["status", "checkins"]
    table_rows = [[_cell(t(f"digest.col.{name}")) for name in names]]
    for objective, k in rows:
        cells = [objective, k.name]
        if figures:
            cells += [_value(t, k.value), t.number(k.target), t.number(k.expected_value)]
        # raw_text shows `:emoji:` codes as typed: the status's own characters instead.
        cells += [t(f"digest.status.{k.status}"), f"{k.answered}/{k.asked}"]
        table_rows.append([_cell(c) for c in cells])
    right = {"align": "right"}
    settings = [None, {"is_wrapped": True}] + ([right, right, right] if figures else [])
    return {"type": "table", "rows": table_rows, "column_settings": settings}


def _kpi_lines(rows: Sequence[tuple[str, DigestKpi]], t: Translator, *, figures: bool) -> list[str]:
    lines = []
    for objective, k in rows:
        common = {
            "objective": mrkdwn_escape(objective),
            "name": mrkdwn_escape(k.name),
            "status": t(f"checkin.status.{k.status}"),
            "answered": k.answered,
            "asked": k.asked,
        }
        if figures:
            lines.append(
                t("digest.kpi_line", value=_value(t, k.value), target=t.number(k.target),
                  expected=t.number(k.expected_value), **common)
            )  # fmt: skip
        else:
            lines.append(t("digest.kpi_line_plain", **common))
    return lines


def _line_sections(lines: Sequence[str], budget: int) -> list[Block]:
    """Bullet lines in as few sections as their 3,000 characters allow (at most `budget`)."""
    sections: list[str] = []
    current = ""
    for line in lines:
        bullet = f"• {line}"
        if current and len(current) + 1 + len(bullet) > MAX_SECTION_TEXT:
            sections.append(current)
            current = ""
        current = f"{current}\n{bullet}" if current else clip(bullet, MAX_SECTION_TEXT)
    if current:
        sections.append(current)
    return [mrkdwn_section(text) for text in sections[: max(0, budget)]]


def build_digest(digest: Digest, t: Translator) -> Message:
    """The parent message: the week, each assessment's recommendation in one line with its
    objectives and their week's check-ins, the KPIs in a table, and the charts' note."""
    start, end = t.date(digest.start), t.date(digest.end)
    blocks: list[Block] = [header(clip(t("digest.header", start=start, end=end), MAX_HEADER_TEXT))]
    if digest.late:
        blocks.append(context(t("digest.late", start=start, end=end)))
    if not digest.assessments:
        blocks.append(mrkdwn_section(t("digest.nothing")))
    room = (MAX_MESSAGE_BLOCKS - _FIXED_BLOCKS) // 2  # two blocks per assessment
    shown = digest.assessments[:room]
    rows: list[tuple[str, DigestKpi]] = []
    for a in shown:
        blocks.append(mrkdwn_section(_headline(a, t, figures=digest.figures)))
        if a.objectives:
            said = "\n".join(_objective_line(o, t) for o in a.objectives)
            blocks.append(context(clip(said, MAX_SECTION_TEXT)))
        rows += [(o.title, k) for o in a.objectives for k in o.kpis]
    if rows and len(rows) < MAX_TABLE_ROWS:
        blocks.append(_table(rows, t, figures=digest.figures))
    elif rows:  # too many for one table (Slack allows one per message): bullet lines
        lines = _kpi_lines(rows, t, figures=digest.figures)
        blocks += _line_sections(lines, MAX_MESSAGE_BLOCKS - len(blocks) - 2)
    if len(digest.assessments) > len(shown):
        blocks.append(context(t("digest.more", count=len(digest.assessments) - len(shown))))
    if digest.charts:
        blocks.append(context(t("digest.charts_follow")))
    fallback = t("digest.fallback", start=start, end=end, count=len(digest.assessments))
    return Message(text=fallback, blocks=blocks)


def with_missing_charts(
    message: Message, t: Translator, *, retrying: Sequence[str], failed: Sequence[str]
) -> Message:
    """The parent message, saying which charts are missing (none: as it was posted)."""
    blocks = list(message.blocks)
    if retrying:
        titles = ", ".join(mrkdwn_escape(title) for title in retrying)
        blocks.append(context(clip(t("digest.charts_missing", titles=titles), MAX_SECTION_TEXT)))
    if failed:
        titles = ", ".join(mrkdwn_escape(title) for title in failed)
        blocks.append(context(clip(t("digest.charts_failed", titles=titles), MAX_SECTION_TEXT)))
    return Message(text=message.text, blocks=blocks[:MAX_MESSAGE_BLOCKS])
