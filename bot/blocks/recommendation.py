"""The result message: verdict, confidence, reasons, costs, what would flip it, next steps."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from bot import ids
from bot.blocks import Message
from bot.blocks.kit import (
    MAX_MODAL_BLOCKS,
    MAX_SECTION_TEXT,
    Block,
    actions,
    button,
    clip,
    confirm_dialog,
    context,
    header,
    mrkdwn_section,
    plain_text,
)
from bot.blocks.privacy import PAY_FIELDS, channel_safe
from bot.i18n import Translator
from scoring.model import Action, CostComparison, Reason, Recommendation, Verdict

# More than a handful of "what would flip it" lines buries the verdict: the rest are one button
# away (build_all_flips_modal).
MAX_FLIPS: Final = 3
MAX_REASONS: Final = 5
MAX_ACTIONS: Final = 5
_OPTIONS: Final = (Verdict.IN_HOUSE, Verdict.HYBRID, Verdict.AGENCY)


def bullet_section(
    t: Translator, title: str, lines: Sequence[str], *, keep: int, more_key: str = "result.more"
) -> Block:
    """A mrkdwn section: a title and bullets, at most `keep` of them and under 3000 characters."""
    shown = [f"• {line}" for line in lines[:keep]]
    hidden = len(lines) - len(shown)

    def render() -> str:
        tail = [t(more_key, count=hidden)] if hidden else []
        return "\n".join([title, *shown, *tail])

    # Drop whole lines rather than cut one in half (a cut could break a mrkdwn escape).
    while len(render()) > MAX_SECTION_TEXT and shown:
        shown.pop()
        hidden += 1
    return mrkdwn_section(clip(render(), MAX_SECTION_TEXT))


def _cost_lines(rec: Recommendation, t: Translator) -> list[str]:
    costs = rec.costs
    lines = []
    for option in _OPTIONS:
        amount = costs.monthly(option)
        shown = t("result.cost_unknown") if amount is None else t.money(amount, costs.currency)
        notes = []
        if option is rec.verdict:
            notes.append(t("result.cost_recommended"))
        if costs.within_budget(option) is False:
            notes.append(t("result.cost_over_budget"))
        line = t("result.cost_line", option=t.label(f"verdict.{option.value}"), cost=shown)
        if notes:
            line += f" ({', '.join(notes)})"
        lines.append(f"*{line}*" if option is rec.verdict else line)
    return lines


def missing_figures(costs: CostComparison) -> list[str]:
    """What the comparison of all three monthly costs still lacks, as message keys' tails:
    the in-house pay, the agency's price, the hours per month (each at most once)."""
    missing: list[str] = []
    if costs.in_house_monthly is None:
        missing.append("in_house_pay" if costs.in_house_hourly is None else "hours")
    if costs.agency_monthly is None:
        missing.append("agency_price" if costs.agency_hourly is None else "hours")
    return list(dict.fromkeys(missing))


def _missing_text(missing: Sequence[str], t: Translator) -> str:
    names = [t(f"result.missing.{key}") for key in missing]
    listed = (
        names[0]
        if len(names) == 1
        else t("result.and", first=", ".join(names[:-1]), last=names[-1])
    )
    return t("result.costs_missing", figures=listed)


def _change_lines(rec: Recommendation, changes: Sequence[Reason], t: Translator) -> list[str]:
    """What changed, in the scoring's words; a changed factor says what it says now."""
    now = {c.factor: c.reason for c in rec.contributions}
    lines = []
    for change in changes:
        factor = change.param("factor")
        reason = now.get(str(factor)) if change.code == "factor_changed" else None
        if reason is not None:
            lines.append(
                t(
                    "result.factor_now",
                    factor=t.label(f"factor.{factor}"),
                    reason=t.reason(reason.code, reason.params),
                )
            )
        else:
            lines.append(t.reason(change.code, change.params))
    return lines


def _over_budget_text(rec: Recommendation, t: Translator) -> str | None:
    costs = rec.costs
    cost = costs.monthly(rec.verdict)
    if not rec.over_budget or cost is None or costs.budget_monthly is None:
        return None
    return t(
        "result.over_budget",
        option=t.label(f"verdict.{rec.verdict.value}"),
        cost=t.money(cost, costs.currency),
        gap=t.money(cost - costs.budget_monthly, costs.currency),
        budget=t.money(costs.budget_monthly, costs.currency),
    )


def _reason_lines(
    reasons: Sequence[Reason | Action], t: Translator, *, pay: bool = True
) -> list[str]:
    if pay:
        return [t.reason(r.code, r.params) for r in reasons]
    lines = [channel_safe(t, r.code, r.params, figures=True) for r in reasons]
    return [line for line in lines if line is not None]


def _flip_lines(rec: Recommendation, t: Translator, *, pay: bool) -> list[str]:
    every = (*rec.flips, *rec.other_flips)
    if pay:
        return [t.reason(f.code, f.params) for f in every]
    said = [
        channel_safe(t, f.code, f.params, figures=True) for f in every if f.field not in PAY_FIELDS
    ]
    return [line for line in said if line is not None]


def _flips_block(
    rec: Recommendation, t: Translator, *, recommendation_id: int | None, pay: bool = True
) -> Block | None:
    """The strongest few flips; in the DM, a "Show all" button opens the rest."""
    lines = _flip_lines(rec, t, pay=pay)
    if not lines:
        return None
    if recommendation_id is None or len(lines) <= MAX_FLIPS:
        return bullet_section(t, t("result.flips_title"), lines, keep=MAX_FLIPS)
    block = bullet_section(
        t, t("result.flips_title"), lines[:MAX_FLIPS], keep=MAX_FLIPS, more_key="result.more"
    )
    block["accessory"] = button(
        t("result.button.all_flips", count=len(lines)),
        ids.ACTION_ALL_FLIPS,
        value=str(recommendation_id),
    )
    return block


def build_recommendation_message(
    rec: Recommendation,
    t: Translator,
    *,
    assessment_id: int,
    recommendation_id: int,
    for_channel: bool = False,
    shared_by: str | None = None,
    replaced: str | None = None,
    archived: str | None = None,
    changes: Sequence[Reason] | None = None,
    show_pay: bool = False,
) -> Message:
    """The result DM (with its buttons), or the copy shared in a channel (without them), or a
    superseded DM (`replaced`: the note on top, no buttons), or an archived one (`archived`:
    the note on top, and only Restore). `changes`: what changed since the recommendation this
    one replaces (the DM lists them; None: it replaces none).

    A channel copy leaves pay out (wages, salaries, hourly costs, load factors: the monthly
    cost of each option stays) unless the sharer chose `show_pay`.

    The deciding rule on top, then "Why <verdict>" and "What pulls the other way", the costs,
    the strongest flips and the next steps."""
    pay = not for_channel or show_pay
    verdict = t.label(f"verdict_inline.{rec.verdict.value}")
    confidence = t.label(f"confidence.{rec.confidence_label.value}")
    blocks: list[Block] = [
        header(t("result.header", verdict=verdict)),
        mrkdwn_section(t("result.confidence", label=confidence, percent=t.percent(rec.confidence))),
    ]
    if replaced is not None:
        blocks.insert(0, context(replaced))
        for_channel = True  # its buttons would act on a recommendation no longer in force
    elif archived is not None:
        blocks.insert(0, context(archived))
    if changes is not None and not for_channel:
        lines = _change_lines(rec, changes, t) or [t("result.nothing_changed")]
        blocks.append(bullet_section(t, t("result.changed_title"), lines, keep=MAX_REASONS))
    why = list(rec.top_reasons)
    if rec.rules_fired and why:
        deciding = why.pop(0)
        said = _reason_lines([deciding], t, pay=pay)
        if said:
            blocks.append(mrkdwn_section(clip(t("result.decided_by", reason=said[0]), 3000)))
    over_budget = _over_budget_text(rec, t)
    if over_budget is not None:
        blocks.append(mrkdwn_section(over_budget))
    why_lines = _reason_lines(why, t, pay=pay)
    if why_lines:
        title = t(f"result.why_title.{rec.verdict.value}")
        blocks.append(bullet_section(t, title, why_lines, keep=MAX_REASONS))
    # The over-budget sentence above says it plainly; the same reason in the list would repeat it.
    against = [r for r in rec.against if over_budget is None or r.code != "over_budget"]
    against_lines = _reason_lines(against, t, pay=pay)
    if against_lines:
        title = t("result.against_title")
        blocks.append(bullet_section(t, title, against_lines, keep=MAX_REASONS))
    costs = rec.costs
    costs_title = (
        t("result.costs_title")
        if costs.budget_monthly is None
        else t("result.costs_title_budget", budget=t.money(costs.budget_monthly, costs.currency))
    )
    blocks.append(bullet_section(t, costs_title, _cost_lines(rec, t), keep=len(_OPTIONS)))
    missing = missing_figures(costs)
    if missing and not for_channel:
        blocks.append(context(_missing_text(missing, t)))
    if rec.flips or rec.other_flips:
        flips = _flips_block(
            rec, t, recommendation_id=None if for_channel else recommendation_id, pay=pay
        )
        if flips is not None:
            blocks.append(flips)
    next_steps = _reason_lines(rec.actions, t, pay=pay)
    if next_steps:
        blocks.append(bullet_section(t, t("result.actions_title"), next_steps, keep=MAX_ACTIONS))
    if for_channel:
        if shared_by is not None:
            blocks.append(context(t("result.shared_by", user=shared_by)))
    elif archived is not None:
        blocks.append(actions(restore_button(t, assessment_id)))
    else:
        # The next step is the one that completes the result: the costs when one is missing.
        add_costs = (
            [
                button(
                    t("result.button.add_costs"),
                    ids.ACTION_ADD_COSTS,
                    value=str(assessment_id),
                    primary=True,
                )
            ]
            if missing
            else []
        )
        blocks.append(
            actions(
                *add_costs,
                button(
                    t("result.button.add_kpi"),
                    ids.ACTION_ADD_KPI,
                    value=str(assessment_id),
                    primary=not missing,
                ),
                button(
                    t("result.button.edit_answers"),
                    ids.ACTION_EDIT_ANSWERS,
                    value=str(assessment_id),
                ),
                button(t("result.button.share"), ids.ACTION_SHARE, value=str(recommendation_id)),
                archive_button(t, assessment_id),
            )
        )
    return Message(text=t("result.fallback", verdict=verdict, confidence=confidence), blocks=blocks)


def archive_button(t: Translator, assessment_id: int) -> Block:
    """Archive, behind Slack's confirmation dialog: it stops the check-ins and the reviews."""
    return button(
        t("archive.button.archive"),
        ids.ACTION_ARCHIVE,
        value=str(assessment_id),
        confirm=confirm_dialog(
            t("archive.confirm.title"),
            t("archive.confirm.text"),
            t("archive.confirm.yes"),
            t("archive.confirm.no"),
            danger=True,
        ),
    )


def restore_button(t: Translator, assessment_id: int) -> Block:
    """Restore an archived assessment: its check-ins resume from the next slot."""
    return button(
        t("archive.button.restore"), ids.ACTION_RESTORE, value=str(assessment_id), primary=True
    )


# The modal shows the verdict and its first reasons; the rest is in the DM.
MAX_MODAL_REASONS: Final = 3


def build_result_modal(rec: Recommendation, t: Translator) -> dict[str, Any]:
    """What the wizard turns into once the answers are scored: the verdict and its first
    reasons (the whole result follows by DM)."""
    verdict = t.label(f"verdict_inline.{rec.verdict.value}")
    confidence = t.label(f"confidence.{rec.confidence_label.value}")
    blocks: list[Block] = [
        header(t("result.header", verdict=verdict)),
        mrkdwn_section(t("result.confidence", label=confidence, percent=t.percent(rec.confidence))),
    ]
    reasons = _reason_lines(rec.top_reasons, t)
    if reasons:
        title = t(f"result.why_title.{rec.verdict.value}")
        blocks.append(bullet_section(t, title, reasons, keep=MAX_MODAL_REASONS))
    missing = missing_figures(rec.costs)
    if missing:
        blocks.append(context(_missing_text(missing, t)))
    blocks.append(context(t("wizard.result.more")))
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_WIZARD_DONE,
        "title": plain_text(t("wizard.result.title")),
        "close": plain_text(t("wizard.result.close")),
        "blocks": blocks,
    }


def build_all_flips_modal(rec: Recommendation, t: Translator) -> dict[str, Any]:
    """Every change of one answer that would change the recommendation, nearest first."""
    lines = [f"• {t.reason(f.code, f.params)}" for f in (*rec.flips, *rec.other_flips)]
    verdict = t.label(f"verdict_inline.{rec.verdict.value}")
    blocks: list[Block] = [context(t("result.all_flips_intro", verdict=verdict))]
    chunk: list[str] = []
    for line in lines:
        line = clip(line, MAX_SECTION_TEXT)
        if chunk and len("\n".join([*chunk, line])) > MAX_SECTION_TEXT:
            blocks.append(mrkdwn_section("\n".join(chunk)))
            chunk = []
        chunk.append(line)
    if chunk:
        blocks.append(mrkdwn_section("\n".join(chunk)))
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_ALL_FLIPS,
        "title": plain_text(t("result.all_flips_title")),
        "close": plain_text(t("result.all_flips_close")),
        "blocks": blocks[:MAX_MODAL_BLOCKS],
    }


def build_reevaluated(
    t: Translator, results: Sequence[tuple[bool, str, float]], *, archived: int = 0
) -> Message:
    """What `/smm reevaluate` did: for each assessment, (changed, verdict, confidence); and
    how many of the person's assessments it left alone, archived."""
    skipped = [context(t("reevaluate.archived", count=archived))] if archived else []
    if not results:
        key = "reevaluate.only_archived" if archived else "reevaluate.none"
        return Message(text=t(key, count=archived), blocks=[mrkdwn_section(t(key, count=archived))])
    lines = [
        t(
            "reevaluate.changed" if changed else "reevaluate.same",
            verdict=t.label(f"verdict_inline.{verdict}"),
            percent=t.percent(confidence),
        )
        for changed, verdict, confidence in results
    ]
    return Message(
        text=t("reevaluate.title_plain"),
        blocks=[bullet_section(t, t("reevaluate.title"), lines, keep=20), *skipped],
    )
