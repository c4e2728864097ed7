"""The review channel's post of a changed recommendation, its thread, and the decision buttons.

A channel is read by more people than the assessment's owner: no pay there (see
`bot.blocks.privacy`), and no figure at all when the workspace chose so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from bot import ids
from bot.blocks import Message, mrkdwn_escape
from bot.blocks.kit import (
    Block,
    actions,
    button,
    context,
    input_block,
    mrkdwn_section,
    plain_text,
    plain_text_input,
)
from bot.blocks.privacy import PAY_FIELDS, channel_safe
from bot.blocks.recommendation import MAX_REASONS, bullet_section
from bot.forms.review import MAX_KEEP_REASON
from bot.i18n import Translator
from scoring.model import Reason, Recommendation, Verdict

_OPTIONS: Final = (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)
MAX_FLIPS_IN_THREAD: Final = 12


@dataclass(frozen=True, slots=True)
class KpiLine:
    """One KPI as the post shows it: where it is against where it should be by now."""

    name: str
    value: float | None
    target: float
    expected_value: float
    status: str  # scoring.KpiStatus value


@dataclass(frozen=True, slots=True)
class ReviewPost:
    """What the post says about one assessment's new recommendation."""

    recommendation_id: int
    objective_kind: str  # the assessment is named by its primary objective…
    owner_user_id: str  # …and its owner
    previous_verdict: str | None
    changes: tuple[Reason, ...]
    alerts: tuple[str, ...]  # KPIs just off track for two check-ins in a row
    kpis: tuple[KpiLine, ...]
    figures: bool  # the workspace lets channel posts show cost figures


def _said(t: Translator, reasons: Sequence[Reason], *, figures: bool) -> list[str]:
    lines = [channel_safe(t, r.code, r.params, figures=figures) for r in reasons]
    return [line for line in lines if line is not None]


def _cost_lines(rec: Recommendation, t: Translator) -> list[str]:
    costs = rec.costs
    lines = []
    for option in _OPTIONS:
        amount = costs.monthly(option)
        if amount is None:
            continue
        line = t(
            "review.cost_line",
            option=t.label(f"verdict.{option.value}"),
            cost=t.money(amount, costs.currency),
        )
        lines.append(f"*{line}*" if option is rec.verdict else line)
    return lines


def _kpi_lines(t: Translator, kpis: Sequence[KpiLine], *, figures: bool) -> list[str]:
    lines = []
    for k in kpis:
        status = t(f"checkin.status.{k.status}")
        if not figures:
            lines.append(t("review.kpi_line_plain", name=k.name, status=status))
            continue
        value = t.number(k.value) if k.value is not None else t("review.no_value")
        lines.append(
            t(
                "review.kpi_line",
                name=k.name,
                value=value,
                target=t.number(k.target),
                expected=t.number(k.expected_value),
                status=status,
            )
        )
    return lines


def build_review_post(
    rec: Recommendation,
    post: ReviewPost,
    t: Translator,
    *,
    decided: str | None = None,
    note: str | None = None,
) -> Message:
    """The post: the change in one line, what changed, why, the monthly costs, the buttons
    (or, once decided or archived, who did it and when); `note` above them (a restore)."""
    verdict = t.label(f"verdict.{rec.verdict.value}")
    confidence = t.label(f"confidence.{rec.confidence_label.value}")
    objective = t.label(f"objective.{post.objective_kind}")
    headline = (
        t(
            "review.headline_changed",
            before=t.label(f"verdict.{post.previous_verdict}"),
            after=verdict,
            confidence=confidence,
        )
        if post.previous_verdict and post.previous_verdict != rec.verdict.value
        else t("review.headline_same", verdict=verdict, confidence=confidence)
    )
    blocks: list[Block] = [
        context(t("review.about", objective=objective, owner=post.owner_user_id)),
        mrkdwn_section(f"*{headline}*"),
    ]
    changed = _said(t, post.changes, figures=post.figures)
    changed += [t("review.kpi_off_track_twice", name=name) for name in post.alerts]
    changed += _kpi_lines(t, post.kpis, figures=post.figures)
    if changed:
        blocks.append(bullet_section(t, t("review.changed_title"), changed, keep=MAX_REASONS))
    why = _said(t, rec.top_reasons, figures=post.figures)
    if why:
        title = t(f"result.why_title.{rec.verdict.value}")
        blocks.append(bullet_section(t, title, why, keep=3))
    if post.figures:
        costs = _cost_lines(rec, t)
        if costs:
            blocks.append(bullet_section(t, t("review.costs_title"), costs, keep=len(_OPTIONS)))
    if note is not None:
        blocks.append(context(note))
    if decided is not None:
        blocks.append(context(decided))
    else:
        value = str(post.recommendation_id)
        blocks.append(
            actions(
                button(
                    t("review.button.accept"), ids.ACTION_REVIEW_ACCEPT, value=value, primary=True
                ),
                button(t("review.button.keep"), ids.ACTION_REVIEW_KEEP, value=value),
                button(t("review.button.snooze"), ids.ACTION_REVIEW_SNOOZE, value=value),
                button(t("review.button.details"), ids.ACTION_REVIEW_DETAILS, value=value),
            )
        )
    fallback = t("review.fallback", objective=objective, headline=headline)
    return Message(text=fallback, blocks=blocks)


def build_review_thread(rec: Recommendation, t: Translator, *, figures: bool) -> Message:
    """The thread under the post: each factor's contribution, and what would change it."""
    factors = [
        t(
            "review.factor_line",
            factor=t.label(f"factor.{c.factor}"),
            value=t.number(c.value),
        )
        for c in rec.contributions
    ]
    blocks: list[Block] = [bullet_section(t, t("review.factors_title"), factors, keep=10)]
    flips = [
        line
        for f in (*rec.flips, *rec.other_flips)
        if f.field not in PAY_FIELDS
        and (line := channel_safe(t, f.code, f.params, figures=figures)) is not None
    ]
    if flips:
        blocks.append(bullet_section(t, t("result.flips_title"), flips, keep=MAX_FLIPS_IN_THREAD))
    return Message(text=t("review.thread_fallback"), blocks=blocks)


def build_keep_modal(t: Translator, *, metadata: str) -> dict[str, Any]:
    """Keep: the lead says why (kept with the decision)."""
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_REVIEW_KEEP,
        "private_metadata": metadata,
        "title": plain_text(t("review.keep.title")),
        "submit": plain_text(t("review.keep.submit")),
        "close": plain_text(t("review.keep.close")),
        "blocks": [
            mrkdwn_section(t("review.keep.text")),
            input_block(
                ids.BLOCK_KEEP_REASON,
                t("review.keep.label"),
                plain_text_input(
                    placeholder=t("review.keep.placeholder"), max_length=MAX_KEEP_REASON
                ),
            ),
        ],
    }


def build_accept_modal(t: Translator, *, metadata: str, verdict: str) -> dict[str, Any]:
    """Accept toward an agency or a hybrid: the lead gives the period agreed with the agency."""
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_REVIEW_ACCEPT,
        "private_metadata": metadata,
        "title": plain_text(t("review.accept.title")),
        "submit": plain_text(t("review.accept.submit")),
        "close": plain_text(t("review.accept.close")),
        "blocks": [
            mrkdwn_section(t("review.accept.text", mode=t.label(f"verdict.{verdict}"))),
            input_block(
                ids.BLOCK_ACCEPT_PERIOD,
                t("review.accept.label"),
                plain_text_input(placeholder=t("review.accept.placeholder"), max_length=20),
                hint=t("review.accept.hint"),
            ),
        ],
    }


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One decision in the details' history."""

    day: date
    user_id: str
    action: str
    note: str | None


def build_details_modal(
    rec: Recommendation,
    t: Translator,
    *,
    kpis: Sequence[KpiLine],
    history: Sequence[HistoryLine],
    figures: bool,
) -> dict[str, Any]:
    """Details: the factors, every flip, the KPI table and the decisions (no pay: anyone in
    the channel may open it)."""
    thread = build_review_thread(rec, t, figures=figures)
    blocks: list[Block] = list(thread.blocks)
    kpi_lines = _kpi_lines(t, kpis, figures=figures)
    if kpi_lines:
        blocks.append(bullet_section(t, t("review.details.kpis_title"), kpi_lines, keep=40))
    lines = [
        t(
            "review.details.history_line",
            date=t.date(h.day),
            user=h.user_id,
            action=t(f"review.action.{h.action}"),
            note=f" — {mrkdwn_escape(h.note)}" if h.note else "",
        )
        for h in history
    ] or [t("review.details.no_history")]
    blocks.append(bullet_section(t, t("review.details.history_title"), lines, keep=40))
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_REVIEW_DETAILS,
        "title": plain_text(t("review.details.title")),
        "close": plain_text(t("review.details.close")),
        "blocks": blocks,
    }
