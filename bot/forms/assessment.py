"""The assessment wizard: its state in `private_metadata`, and each step's view state → answers.

Each step owns some top-level keys of the answers' JSON form (see `bot.answers`) and replaces
them whole when submitted. A submitted step is checked by `scoring.parse_profile` once, on the
answers so far, so the engine's rules and the form's are one and the same.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, Final, TypeVar

from bot import ids
from bot.answers import DEFAULT_CURRENCY, Answers, YesNo
from bot.forms import FieldErrors, checked_id, checked_zone, state_value
from bot.forms.numbers import format_number, parse_number
from bot.i18n import Translator
from scoring.model import Audience, Capability, Mode, ObjectiveKind, Profile, Results, Speed
from scoring.profile_io import MAX_HOURS_PER_MONTH, Problem, ProfileError, parse_profile

__all__ = [
    "DEFAULT_CURRENCY",
    "FIELD_TO_BLOCK",
    "BEST_CHANCE",
    "LOWEST_COST",
    "NO",
    "NUMBER_EXAMPLES",
    "STEP_BLOCKS",
    "STEP_KEYS",
    "UNKNOWN",
    "YES",
    "StepResult",
    "WizardState",
    "field_errors_for_problems",
    "parse_metadata",
    "parse_step",
    "percent_of",
]

LOCALES: Final = ("en", "fr")
# Fifty years in the same mode: beyond that it is a typo (years typed as months, a year).
MAX_MONTHS_IN_MODE: Final = 600
# Option values of the yes / no / don't know radio buttons, and of the means step's first
# question: the lowest cost that does the job (limit_means) or the best chance to reach the
# objective.
YES: Final = YesNo.YES.value
NO: Final = YesNo.NO.value
UNKNOWN: Final = YesNo.UNKNOWN.value
LOWEST_COST: Final = "lowest_cost"
BEST_CHANCE: Final = "best_chance"
_LIMIT_CHOICES: Final = {LOWEST_COST: True, BEST_CHANCE: False}

# The top-level answer keys each step owns (and replaces when it is submitted).
STEP_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    ids.STEP_GOALS: (
        "objectives",
        "audience",
        "capabilities",
        "progress",
        "speed",
        "smo_sma_mix",
        "deadline",
    ),
    ids.STEP_MEANS: ("means",),
    ids.STEP_ORGANISATION: ("organisation",),
}
# The input blocks of each step, in the order the modal shows them.
STEP_BLOCKS: Final[Mapping[str, tuple[str, ...]]] = {
    ids.STEP_GOALS: (
        ids.BLOCK_PRIMARY_OBJECTIVE,
        ids.BLOCK_SECONDARY_OBJECTIVES,
        ids.BLOCK_AUDIENCE,
        ids.BLOCK_CAPABILITIES,
        ids.BLOCK_PROGRESS,
        ids.BLOCK_SPEED,
        ids.BLOCK_SMA_SHARE,
        ids.BLOCK_DEADLINE,
    ),
    ids.STEP_MEANS: (
        ids.BLOCK_LIMIT_MEANS,
        ids.BLOCK_CURRENCY,
        ids.BLOCK_BUDGET,
        ids.BLOCK_HOURS,
        ids.BLOCK_IN_HOUSE_HOURLY,
        ids.BLOCK_IN_HOUSE_SALARY,
        ids.BLOCK_LOAD_FACTOR,
        ids.BLOCK_AGENCY_HOURLY,
        ids.BLOCK_AGENCY_RETAINER,
    ),
    ids.STEP_ORGANISATION: (
        ids.BLOCK_CURRENT_MODE,
        ids.BLOCK_MONTHS_IN_MODE,
        ids.BLOCK_AGREED_MONTHS,
        ids.BLOCK_RESULTS,
        ids.BLOCK_MANAGER_CHECKED,
        ids.BLOCK_VERTICAL,
        ids.BLOCK_CONSTRAINTS_LIFTABLE,
        ids.BLOCK_INTERLOCUTOR,
    ),
}

# Problem.field (list indexes dropped) → the blocks that show it. A problem on a pair of fields
# ("one of", "required because limit_means") lands on both, or on the first for "required".
FIELD_TO_BLOCK: Final[Mapping[str, tuple[str, ...]]] = {
    "objectives": (ids.BLOCK_PRIMARY_OBJECTIVE,),
    "objectives.primary": (ids.BLOCK_PRIMARY_OBJECTIVE,),
    "objectives.secondary": (ids.BLOCK_SECONDARY_OBJECTIVES,),
    "audience": (ids.BLOCK_AUDIENCE,),
    "capabilities": (ids.BLOCK_CAPABILITIES,),
    "progress": (ids.BLOCK_PROGRESS,),
    "speed": (ids.BLOCK_SPEED,),
    "smo_sma_mix": (ids.BLOCK_SMA_SHARE,),
    "deadline": (ids.BLOCK_DEADLINE,),
    "means.currency": (ids.BLOCK_CURRENCY,),
    "means.budget_monthly": (ids.BLOCK_BUDGET,),
    "means.hours_per_month": (ids.BLOCK_HOURS,),
    "means.in_house": (ids.BLOCK_IN_HOUSE_HOURLY, ids.BLOCK_IN_HOUSE_SALARY),
    "means.in_house.hourly": (ids.BLOCK_IN_HOUSE_HOURLY,),
    "means.in_house.annual_salary": (ids.BLOCK_IN_HOUSE_SALARY,),
    "means.in_house.load_factor": (ids.BLOCK_LOAD_FACTOR,),
    "means.agency": (ids.BLOCK_AGENCY_HOURLY, ids.BLOCK_AGENCY_RETAINER),
    "means.agency.hourly": (ids.BLOCK_AGENCY_HOURLY,),
    "means.agency.retainer_monthly": (ids.BLOCK_AGENCY_RETAINER,),
    "means.limit_means": (ids.BLOCK_LIMIT_MEANS,),
    "organisation.current_mode": (ids.BLOCK_CURRENT_MODE,),
    "organisation.months_in_mode": (ids.BLOCK_MONTHS_IN_MODE,),
    "organisation.agreed_months": (ids.BLOCK_AGREED_MONTHS,),
    "organisation.results": (ids.BLOCK_RESULTS,),
    "organisation.manager_checked": (ids.BLOCK_MANAGER_CHECKED,),
    "organisation.vertical": (ids.BLOCK_VERTICAL,),
    "organisation.constraints_liftable": (ids.BLOCK_CONSTRAINTS_LIFTABLE,),
    "organisation.interlocutor": (ids.BLOCK_INTERLOCUTOR,),
}

# The number each field's "Enter a number" message shows as an example.
NUMBER_EXAMPLES: Final[Mapping[str, float]] = {
    ids.BLOCK_PROGRESS: 30,
    ids.BLOCK_SMA_SHARE: 40,
    ids.BLOCK_BUDGET: 3000,
    ids.BLOCK_HOURS: 60,
    ids.BLOCK_IN_HOUSE_HOURLY: 25,
    ids.BLOCK_IN_HOUSE_SALARY: 40000,
    ids.BLOCK_LOAD_FACTOR: 1.42,
    ids.BLOCK_AGENCY_HOURLY: 60,
    ids.BLOCK_AGENCY_RETAINER: 2500,
    ids.BLOCK_MONTHS_IN_MODE: 14,
    ids.BLOCK_AGREED_MONTHS: 6,
}

_METADATA_KEYS: Final = frozenset({"step", "locale", "answers", "assessment_id", "resumed", "tz"})
_INDEX = re.compile(r"\[\d+\]$")
E = TypeVar("E", bound=enum.Enum)


@dataclass(frozen=True)
class WizardState:
    """Where the wizard is and what has been answered so far; it travels in private_metadata."""

    step: str
    locale: str
    answers: Answers
    assessment_id: int | None = None  # editing this assessment (a new version of its answers)
    resumed: bool = False  # opened from a saved draft: the view offers to start over
    tz: str = "UTC"  # the person's time zone: "today" for deadlines is their day

    def to_metadata(self) -> str:
        """Compact JSON for `private_metadata` (well under Slack's 3000 characters)."""
        return json.dumps(
            {
                "step": self.step,
                "locale": self.locale,
                "answers": self.answers.to_json(),
                "assessment_id": self.assessment_id,
                "resumed": self.resumed,
                "tz": self.tz,
            },
            separators=(",", ":"),
            sort_keys=True,
        )

    def next_step(self) -> str | None:
        """The step after this one, or None on the last step."""
        index = ids.STEPS.index(self.step) + 1
        return ids.STEPS[index] if index < len(ids.STEPS) else None

    def merged_json(self, fragment: Mapping[str, Any]) -> dict[str, Any]:
        """These answers' JSON with this step's keys replaced by `fragment`."""
        kept = {k: v for k, v in self.answers.to_json().items() if k not in STEP_KEYS[self.step]}
        return _deep_merge(kept, fragment)


@dataclass(frozen=True)
class StepResult:
    """A submitted step that passed every check: the answers so far and, once the answers
    make a whole profile, that profile (scored by the caller when it was the last step)."""

    state: WizardState
    profile: Profile | None

    @property
    def answers(self) -> Answers:
        """The answers with this step's part in place."""
        return self.state.answers


def _deep_merge(base: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = _deep_merge(old, value)
        else:
            merged[key] = value
    return merged


def parse_metadata(raw: str) -> WizardState:
    """The state written by `to_metadata`; ValueError for anything we could not have written."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError) as error:
        raise ValueError("private_metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != _METADATA_KEYS:
        raise ValueError(f"private_metadata must have exactly the keys {sorted(_METADATA_KEYS)}")
    step, locale = data["step"], data["locale"]
    assessment_id, resumed = data["assessment_id"], data["resumed"]
    if step not in ids.STEPS:
        raise ValueError(f"unknown step {step!r}")
    if locale not in LOCALES:
        raise ValueError(f"unsupported locale {locale!r}")
    if assessment_id is not None:
        checked_id(assessment_id)
    if not isinstance(resumed, bool):
        raise ValueError("resumed must be a boolean")
    answers = Answers.from_json(data["answers"])
    return WizardState(step, locale, answers, assessment_id, resumed, checked_zone(data["tz"]))


def percent_of(ratio: float) -> float:
    """A 0..1 ratio as the 0..100 percentage the form shows (decimal-exact: 0.07 → 7)."""
    return float(Decimal(repr(float(ratio))) * 100)


# ---------------------------------------------------------------- one step's view state

_NOT_ANSWERED: Final = object()  # a question left blank, as opposed to answered "don't know"


class _Form:
    """Reads one step's `view.state.values`, collecting a message per bad block."""

    def __init__(self, values: Mapping[str, Any], t: Translator) -> None:
        self.values = dict(values) if isinstance(values, Mapping) else {}
        self.t = t
        self.errors: dict[str, str] = {}

    def error(self, block: str, key: str, **params: object) -> None:
        self.errors.setdefault(block, self.t(key, **params))

    def _element(self, block: str) -> dict[str, Any]:
        return state_value(self.values, block, ids.input_action(block))

    def text(self, block: str) -> str | None:
        value = self._element(block).get("value")
        return (value.strip() or None) if isinstance(value, str) else None

    def required_value(self, block: str, allowed: Mapping[str, object]) -> object:
        """The meaning of a required radio's option, or None (and an error) when unanswered."""
        value = self.choice(block)
        if value is None:
            self.error(block, "wizard.error.required")
            return None
        if value not in allowed:
            self.error(block, "wizard.error.choice")
            return None
        return allowed[value]

    def choice(self, block: str, kind: type[E] | None = None) -> str | None:
        option = self._element(block).get("selected_option")
        value = option.get("value") if isinstance(option, dict) else None
        if not isinstance(value, str):
            return None
        if kind is not None and value not in {m.value for m in kind}:
            self.error(block, "wizard.error.choice")
            return None
        return value

    def required_choice(self, block: str, kind: type[E]) -> str | None:
        value = self.choice(block, kind)
        if value is None:
            self.error(block, "wizard.error.required")
        return value

    def choices(self, block: str, allowed: Sequence[str]) -> list[str]:
        options = self._element(block).get("selected_options")
        values = (
            [o.get("value") for o in options if isinstance(o, dict)]
            if isinstance(options, list)
            else []
        )
        if any(v not in allowed for v in values):
            self.error(block, "wizard.error.choice")
        return [v for v in allowed if v in values]  # canonical order, no duplicates

    def day(self, block: str) -> str | None:
        value = self._element(block).get("selected_date")
        return value if isinstance(value, str) and value else None

    def yes_no(self, block: str) -> object:
        """True / False, None for "don't know", or `_NOT_ANSWERED`."""
        value = self.choice(block)
        if value is None:
            return _NOT_ANSWERED
        if value == UNKNOWN:
            return None
        if value not in (YES, NO):
            self.error(block, "wizard.error.choice")
            return _NOT_ANSWERED
        return value == YES

    def _decimal(self, block: str) -> Decimal | None:
        raw = self.text(block)
        if raw is None:
            return None
        value = parse_number(raw, self.t.locale)
        if value is None:
            example = format_number(NUMBER_EXAMPLES[block], self.t.locale)
            self.error(block, "wizard.error.number", example=example)
        return value

    def number(self, block: str) -> float | None:
        value = self._decimal(block)
        return None if value is None else float(value)

    def percent(self, block: str) -> float | None:
        # People think in percent; the engine takes a 0..1 share (and checks its range).
        value = self._decimal(block)
        return None if value is None else float(value / 100)


def _parse_goals(form: _Form, today: date) -> dict[str, Any]:
    objective_values = [k.value for k in ObjectiveKind]
    fragment: dict[str, Any] = {
        "objectives": {
            "primary": form.required_choice(ids.BLOCK_PRIMARY_OBJECTIVE, ObjectiveKind),
            "secondary": form.choices(ids.BLOCK_SECONDARY_OBJECTIVES, objective_values),
        },
        "audience": form.required_choice(ids.BLOCK_AUDIENCE, Audience),
        "capabilities": form.choices(ids.BLOCK_CAPABILITIES, [c.value for c in Capability]),
        "speed": form.choice(ids.BLOCK_SPEED, Speed) or Speed.STEADY.value,
    }
    progress = form.percent(ids.BLOCK_PROGRESS)
    mix = form.percent(ids.BLOCK_SMA_SHARE)
    deadline = form.day(ids.BLOCK_DEADLINE)
    day = None if deadline is None else _iso_day(deadline)
    if day is not None and day < today:
        form.error(ids.BLOCK_DEADLINE, "wizard.error.deadline_past", today=form.t.date(today))
    return fragment | _present(progress=progress, smo_sma_mix=mix, deadline=deadline)


def _iso_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None  # the engine reports it as invalid_date


def _parse_means(form: _Form, _today: date) -> dict[str, Any]:
    in_house = _present(
        hourly=form.number(ids.BLOCK_IN_HOUSE_HOURLY),
        annual_salary=form.number(ids.BLOCK_IN_HOUSE_SALARY),
        load_factor=form.number(ids.BLOCK_LOAD_FACTOR),
    )
    agency = _present(
        hourly=form.number(ids.BLOCK_AGENCY_HOURLY),
        retainer_monthly=form.number(ids.BLOCK_AGENCY_RETAINER),
    )
    means: dict[str, Any] = {
        "currency": form.choice(ids.BLOCK_CURRENCY) or DEFAULT_CURRENCY,
        "limit_means": form.required_value(ids.BLOCK_LIMIT_MEANS, _LIMIT_CHOICES) is True,
    }
    means |= _present(
        budget_monthly=form.number(ids.BLOCK_BUDGET),
        hours_per_month=form.number(ids.BLOCK_HOURS),
        in_house=in_house or None,
        agency=agency or None,
    )
    return {"means": means}


def _parse_organisation(form: _Form, _today: date) -> dict[str, Any]:
    months = form.number(ids.BLOCK_MONTHS_IN_MODE)
    if months is not None and months > MAX_MONTHS_IN_MODE:
        form.error(ids.BLOCK_MONTHS_IN_MODE, "wizard.error.months", max=MAX_MONTHS_IN_MODE)
    organisation: dict[str, Any] = {
        "current_mode": form.required_choice(ids.BLOCK_CURRENT_MODE, Mode),
    }
    for block, name in (
        (ids.BLOCK_MANAGER_CHECKED, "manager_checked"),
        (ids.BLOCK_VERTICAL, "vertical"),
        (ids.BLOCK_CONSTRAINTS_LIFTABLE, "constraints_liftable"),
        (ids.BLOCK_INTERLOCUTOR, "interlocutor"),
    ):
        # Don't know → None (the engine treats it as unknown); a blank question is left out.
        answer = form.yes_no(block)
        if answer is not _NOT_ANSWERED:
            organisation[name] = answer
    organisation |= _present(
        months_in_mode=months,
        agreed_months=form.number(ids.BLOCK_AGREED_MONTHS),
        results=form.choice(ids.BLOCK_RESULTS, Results),
    )
    return {"organisation": organisation}


def _present(**values: Any) -> dict[str, Any]:
    return {k: v for k, v in values.items() if v is not None}


_STEP_PARSERS: Final[Mapping[str, Callable[[_Form, date], dict[str, Any]]]] = {
    ids.STEP_GOALS: _parse_goals,
    ids.STEP_MEANS: _parse_means,
    ids.STEP_ORGANISATION: _parse_organisation,
}


def parse_step(
    state: WizardState, values: Mapping[str, Any], t: Translator, *, today: date
) -> StepResult | FieldErrors:
    """One submitted step (`state.step`) read from `view.state.values` and checked, with the
    answers so far, by one `scoring.parse_profile`: the new state, or every bad field's message.

    Raises ValueError when the answers of the other steps are not ones this wizard could have
    accepted (tampered metadata).
    """
    parser = _STEP_PARSERS.get(state.step)
    if parser is None:
        raise ValueError(f"unknown step {state.step!r}")
    form = _Form(values, t)
    merged = state.merged_json(parser(form, today))
    errors = dict(form.errors)
    profile: Profile | None = None
    try:
        profile = parse_profile({**merged, "as_of": today.isoformat()})
    except ProfileError as error:
        foreign = _problems_of_other_steps(error.problems, state.step)
        if foreign:
            raise ValueError(f"answers of other steps are not valid: {foreign}") from error
        for block, message in field_errors_for_problems(error.problems, t, step=state.step).items():
            errors.setdefault(block, message)  # the form's own message is the more precise
    if errors:
        return FieldErrors(errors)
    answers = Answers.from_json(merged)
    return StepResult(replace(state, answers=answers), profile)


def _block_of(problem: Problem) -> tuple[str, ...]:
    return FIELD_TO_BLOCK.get(_INDEX.sub("", problem.field), ())


def _problems_of_other_steps(problems: Sequence[Problem], step: str) -> list[Problem]:
    # A step not answered yet is "required", which is normal midway (and the last step's
    # caller checks that the answers make a whole profile); anything else on another step's
    # fields was not written by this wizard.
    mine = set(STEP_BLOCKS[step])
    return [p for p in problems if p.code != "required" and not set(_block_of(p)) & mine]


# (field, code) → the wizard's own wording, which speaks of the form rather than of JSON fields.
_FORM_MESSAGES: Final[Mapping[tuple[str, str], str]] = {
    **{
        (money, "negative"): "wizard.error.negative"
        for money in (
            "means.budget_monthly",
            "means.in_house.hourly",
            "means.in_house.annual_salary",
            "means.agency.hourly",
            "means.agency.retainer_monthly",
        )
    },
    ("progress", "negative"): "wizard.error.percent",
    ("smo_sma_mix", "negative"): "wizard.error.percent",
    ("progress", "out_of_range"): "wizard.error.percent",
    ("smo_sma_mix", "out_of_range"): "wizard.error.percent",
    ("means.hours_per_month", "too_many_hours"): "wizard.error.hours",
    ("means.in_house.load_factor", "out_of_range"): "wizard.error.load_factor",
    ("organisation.agreed_months", "out_of_range"): "wizard.error.agreed_months",
    ("means.in_house", "one_of"): "wizard.error.in_house_one",
    ("means.agency", "one_of"): "wizard.error.agency_one",
    ("means.in_house", "required"): "wizard.error.limit_in_house",
    ("means.agency", "required"): "wizard.error.limit_agency",
    ("means.hours_per_month", "required"): "wizard.error.limit_hours",
}

# The messages that show the allowed range.
_RANGE_MESSAGES: Final = frozenset({"wizard.error.load_factor", "wizard.error.agreed_months"})


def _message(problem: Problem, t: Translator) -> str:
    field = _INDEX.sub("", problem.field)
    key = _FORM_MESSAGES.get((field, problem.code))
    if key is None:
        return t.reason(f"problem.{problem.code}", problem.params)
    params = dict(problem.params)
    if problem.code == "too_many_hours":
        return t(key, max=t.number(float(MAX_HOURS_PER_MONTH)))
    if problem.code == "out_of_range" and key in _RANGE_MESSAGES:
        return t(key, min=t.number(float(params["min"])), max=t.number(float(params["max"])))
    return t(key)


def field_errors_for_problems(
    problems: Sequence[Problem], t: Translator, *, step: str
) -> dict[str, str]:
    """The engine's problems on this step's fields, as translated messages keyed by block id."""
    blocks = STEP_BLOCKS[step]
    errors: dict[str, str] = {}
    for problem in problems:
        targets = _block_of(problem)
        if problem.code == "required":
            targets = targets[:1]
        for block in targets:
            if block in blocks:
                errors.setdefault(block, _message(problem, t))
    return errors
