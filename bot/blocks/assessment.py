"""The assessment wizard's modal (one view per step), its closing view and the resume-a-draft DM."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from enum import Enum
from typing import Any, Final

from bot import ids
from bot.answers import Agency, Answers, InHouse, Means, Organisation, YesNo
from bot.blocks import Message
from bot.blocks.confirm import confirm_for
from bot.blocks.kit import (
    Block,
    actions,
    button,
    checkboxes,
    datepicker,
    input_block,
    mrkdwn_section,
    option,
    plain_text,
    plain_text_input,
    radio_buttons,
    static_select,
)
from bot.domain import CURRENCIES
from bot.forms.assessment import (
    BEST_CHANCE,
    LOWEST_COST,
    NUMBER_EXAMPLES,
    WizardState,
    percent_of,
)
from bot.forms.numbers import format_number
from bot.i18n import Translator
from scoring.model import Audience, Capability, InHouseCost, Mode, ObjectiveKind, Results, Speed

# What the load factor hint quotes for France (employer charges ≈ 42 % of gross pay).
FRANCE_LOAD_FACTOR: Final = 1.42
# The deadline's placeholder suggests a date one quarter ahead.
_DEADLINE_EXAMPLE: Final = timedelta(days=91)


def build_wizard_view(state: WizardState, t: Translator, *, today: date) -> dict[str, Any]:
    """The modal for `state.step`, every input pre-filled from `state.answers`."""
    number = ids.STEPS.index(state.step) + 1
    last = state.next_step() is None
    blocks: list[Block] = []
    if state.resumed:
        blocks.append(_resumed_notice(t))
    blocks.append(mrkdwn_section(t(f"wizard.{state.step}.intro")))
    blocks.extend(_STEP_INPUTS[state.step](state.answers, t, today))
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_WIZARD,
        "title": plain_text(t("wizard.title", number=number, total=len(ids.STEPS))),
        "submit": plain_text(t("wizard.submit.finish" if last else "wizard.submit.next")),
        "close": plain_text(t("wizard.close")),
        # Slack then sends view_closed, so the app can offer to resume the draft.
        "notify_on_close": True,
        "private_metadata": state.to_metadata(),
        "blocks": blocks,
    }


def done_external_id(view_id: str, view_hash: str) -> str:
    """The closing view's external id: one per submission, so the verdict finds its modal."""
    return f"{ids.CALLBACK_WIZARD_DONE}:{view_id}:{view_hash}"


def build_wizard_done_view(t: Translator, *, external_id: str | None = None) -> dict[str, Any]:
    """What the last step turns into: the recommendation is being worked out (the verdict
    replaces this view, by `external_id`, once it is scored)."""
    extra = {"external_id": external_id} if external_id else {}
    return {
        **extra,
        "type": "modal",
        "callback_id": ids.CALLBACK_WIZARD_DONE,
        "title": plain_text(t("wizard.done.title")),
        "close": plain_text(t("wizard.done.close")),
        "blocks": [mrkdwn_section(t("wizard.done.text"))],
    }


def build_resume_offer(t: Translator) -> Message:
    """The DM sent when someone closes the wizard midway: resume the draft, or discard it."""
    return Message(
        text=t("wizard.draft.text"),
        blocks=[
            mrkdwn_section(t("wizard.draft.text")),
            actions(
                button(t("wizard.draft.resume"), ids.ACTION_RESUME_DRAFT, primary=True),
                button(
                    t("wizard.draft.discard"),
                    ids.ACTION_DISCARD_DRAFT,
                    confirm=confirm_for(t, "discard_draft"),
                ),
            ),
        ],
    )


# ---------------------------------------------------------------- the three steps


def _goals_inputs(answers: Answers, t: Translator, today: date) -> list[Block]:
    goals = answers.goals
    objective_options = _labelled(t, "objective", ObjectiveKind)
    example_deadline = t.date(today + _DEADLINE_EXAMPLE)
    return [
        input_block(
            ids.BLOCK_PRIMARY_OBJECTIVE,
            t("wizard.primary_objective.label"),
            _select(objective_options, _value(goals.primary if goals else None), t),
        ),
        input_block(
            ids.BLOCK_SECONDARY_OBJECTIVES,
            t("wizard.secondary_objectives.label"),
            checkboxes(objective_options, _values(goals.secondary if goals else ())),
            optional=True,
            hint=t("wizard.secondary_objectives.hint"),
        ),
        input_block(
            ids.BLOCK_AUDIENCE,
            t("wizard.audience.label"),
            radio_buttons(
                _labelled(t, "audience", Audience), _value(goals.audience if goals else None)
            ),
            hint=t("wizard.audience.hint"),
        ),
        input_block(
            ids.BLOCK_CAPABILITIES,
            t("wizard.capabilities.label"),
            checkboxes(
                _labelled(t, "capability", Capability),
                _values(goals.capabilities if goals else ()),
            ),
            optional=True,
            hint=t("wizard.capabilities.hint"),
        ),
        _number_input(
            ids.BLOCK_PROGRESS, t, _percent(goals.progress if goals else None), "progress"
        ),
        input_block(
            ids.BLOCK_SPEED,
            t("wizard.speed.label"),
            radio_buttons(
                _labelled(t, "speed", Speed), (goals.speed if goals else Speed.STEADY).value
            ),
            hint=t("wizard.speed.hint"),
        ),
        _number_input(
            ids.BLOCK_SMA_SHARE, t, _percent(goals.smo_sma_mix if goals else None), "sma_share"
        ),
        input_block(
            ids.BLOCK_DEADLINE,
            t("wizard.deadline.label"),
            datepicker(
                goals.deadline.isoformat() if goals and goals.deadline else None,
                placeholder=t("wizard.date_placeholder", date=example_deadline),
            ),
            optional=True,
            hint=t("wizard.deadline.hint"),
        ),
    ]


def _means_inputs(answers: Answers, t: Translator, _today: date) -> list[Block]:
    means = answers.means or Means()
    in_house: InHouse = means.in_house
    agency: Agency = means.agency
    currency = means.currency
    currencies = CURRENCIES if currency in CURRENCIES else (*CURRENCIES, currency)
    return [
        # The choice that decides how everything else is weighed comes first.
        input_block(
            ids.BLOCK_LIMIT_MEANS,
            t("wizard.limit_means.label"),
            radio_buttons(
                [_described(t, "wizard.limit_means", v) for v in (LOWEST_COST, BEST_CHANCE)],
                _limit_choice(answers.means),
            ),
            hint=t("wizard.limit_means.hint"),
        ),
        input_block(
            ids.BLOCK_CURRENCY,
            t("wizard.currency.label"),
            _select([option(c, c) for c in currencies], currency, t),
        ),
        _number_input(ids.BLOCK_BUDGET, t, means.budget_monthly, "budget"),
        _number_input(ids.BLOCK_HOURS, t, means.hours_per_month, "hours"),
        _number_input(ids.BLOCK_IN_HOUSE_HOURLY, t, in_house.hourly, "in_house_hourly"),
        _number_input(ids.BLOCK_IN_HOUSE_SALARY, t, in_house.annual_salary, "in_house_salary"),
        _number_input(
            ids.BLOCK_LOAD_FACTOR,
            t,
            in_house.load_factor,
            "load_factor",
            default=t.number(InHouseCost().load_factor),
            france=t.number(FRANCE_LOAD_FACTOR),
        ),
        _number_input(ids.BLOCK_AGENCY_HOURLY, t, agency.hourly, "agency_hourly"),
        _number_input(ids.BLOCK_AGENCY_RETAINER, t, agency.retainer_monthly, "agency_retainer"),
    ]


def _limit_choice(means: Means | None) -> str | None:
    # Never answered: nothing selected, so the person makes the choice rather than inherit it.
    if means is None:
        return None
    return LOWEST_COST if means.limit_means else BEST_CHANCE


def _described(t: Translator, prefix: str, value: str) -> Block:
    return {
        **option(t(f"{prefix}.{value}"), value),
        "description": plain_text(t(f"{prefix}.{value}.description")),
    }


def _organisation_inputs(answers: Answers, t: Translator, _today: date) -> list[Block]:
    o: Organisation | None = answers.organisation
    return [
        input_block(
            ids.BLOCK_CURRENT_MODE,
            t("wizard.current_mode.label"),
            _select(_labelled(t, "mode", Mode), _value(o.current_mode if o else None), t),
        ),
        _number_input(
            ids.BLOCK_MONTHS_IN_MODE, t, o.months_in_mode if o else None, "months_in_mode"
        ),
        _number_input(ids.BLOCK_AGREED_MONTHS, t, o.agreed_months if o else None, "agreed_months"),
        input_block(
            ids.BLOCK_RESULTS,
            t("wizard.results.label"),
            _select(_labelled(t, "results", Results), _value(o.results if o else None), t),
            optional=True,
            hint=t("wizard.results.hint"),
        ),
        _yes_no(
            ids.BLOCK_MANAGER_CHECKED,
            o.manager_checked if o else None,
            "manager_checked",
            t,
            hint=True,
        ),
        _yes_no(ids.BLOCK_VERTICAL, o.vertical if o else None, "vertical", t, hint=True),
        _yes_no(
            ids.BLOCK_CONSTRAINTS_LIFTABLE,
            o.constraints_liftable if o else None,
            "constraints_liftable",
            t,
            hint=True,
        ),
        _yes_no(
            ids.BLOCK_INTERLOCUTOR, o.interlocutor if o else None, "interlocutor", t, hint=True
        ),
    ]


_STEP_INPUTS: Final[Mapping[str, Callable[[Answers, Translator, date], list[Block]]]] = {
    ids.STEP_GOALS: _goals_inputs,
    ids.STEP_MEANS: _means_inputs,
    ids.STEP_ORGANISATION: _organisation_inputs,
}


# ---------------------------------------------------------------- Block Kit pieces


def _resumed_notice(t: Translator) -> Block:
    return {
        **mrkdwn_section(t("wizard.resumed.text")),
        "accessory": button(
            t("wizard.resumed.start_over"),
            ids.ACTION_START_OVER,
            confirm=confirm_for(t, "start_over"),
        ),
    }


def _value(member: Enum | None) -> str | None:
    return None if member is None else str(member.value)


def _values(members: Iterable[Enum]) -> list[str]:
    return [str(m.value) for m in members]


# Labels come from the scoring catalogue, so the wizard and the result name options alike;
# they are lower case for use mid-sentence, hence the capital here.
def _labelled(t: Translator, namespace: str, values: Iterable[Any]) -> list[Block]:
    options = []
    for member in values:
        label = t.label(f"{namespace}.{member.value}")
        options.append(option(label[:1].upper() + label[1:], member.value))
    return options


def _select(options: list[Block], value: object, t: Translator) -> Block:
    return static_select(options, value, placeholder=t("wizard.choose"))


def _percent(ratio: float | None) -> float | None:
    return None if ratio is None else percent_of(ratio)


# Plain text rather than number_input: people type "1 200,50" or "25 000 €", which Slack's
# number_input refuses without saying why; parse_number reads them and explains what it can't.
def _number_input(
    block_id: str, t: Translator, value: float | None, key: str, **hint_params: object
) -> Block:
    example = format_number(NUMBER_EXAMPLES[block_id], t.locale)
    initial = None if value is None else format_number(value, t.locale)
    element = plain_text_input(initial, placeholder=t("wizard.number_placeholder", example=example))
    return input_block(
        block_id,
        t(f"wizard.{key}.label"),
        element,
        optional=True,
        hint=t(f"wizard.{key}.hint", **hint_params),
    )


def _yes_no(block_id: str, answer: YesNo | None, field: str, t: Translator, *, hint: bool) -> Block:
    options = [
        option(t("wizard.option.yes"), YesNo.YES.value),
        option(t("wizard.option.no"), YesNo.NO.value),
        option(t("wizard.option.unknown"), YesNo.UNKNOWN.value),
    ]
    # None: never answered (nothing selected); YesNo.UNKNOWN: an answered "don't know".
    return input_block(
        block_id,
        t(f"wizard.{field}.label"),
        radio_buttons(options, None if answer is None else answer.value),
        optional=True,
        hint=t(f"wizard.{field}.hint") if hint else None,
    )
