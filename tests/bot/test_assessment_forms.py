"""The wizard's state survives private_metadata, and each step's answers are read and checked."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

import scoring
from bot import ids
from bot.answers import Answers
from bot.forms import FieldErrors, local_today
from bot.forms.assessment import (
    STEP_KEYS,
    WizardState,
    field_errors_for_problems,
    parse_metadata,
    parse_step,
)
from bot.forms.numbers import parse_number
from bot.i18n import Translator
from bot.sandbox.signed_client import (
    checkboxes,
    datepicker,
    number_input,
    plain_text_input,
    radio_buttons,
    static_select,
)
from tests.bot.wizard_values import (
    FULL_ANSWERS,
    STEP_VALUES,
    goals,
    means,
    organisation,
    state_values,
)

TODAY = date(2026, 11, 28)
LANGS = ("en", "fr")


def before(step: str, lang: str = "en") -> WizardState:
    """The wizard on `step`, every other step answered as FULL_ANSWERS has it."""
    others = {k: v for k, v in FULL_ANSWERS.items() if k not in STEP_KEYS[step]}
    return WizardState(step, lang, Answers.from_json(others))


def parsed(step: str, values: dict[str, Any], lang: str = "en") -> dict[str, Any]:
    """The step's part of the answers, in their JSON form."""
    result = parse_step(before(step, lang), values, Translator(lang), today=TODAY)
    assert not isinstance(result, FieldErrors), result
    answers = result.answers.to_json()
    return {key: answers[key] for key in STEP_KEYS[step] if key in answers}


def errors_of(step: str, values: dict[str, Any], lang: str = "en") -> dict[str, str]:
    result = parse_step(before(step, lang), values, Translator(lang), today=TODAY)
    assert isinstance(result, FieldErrors), result
    return result.errors


# ---------------------------------------------------------------- valid steps


def test_a_valid_goals_step_gives_its_part_of_the_profile() -> None:
    goal_keys = STEP_KEYS[ids.STEP_GOALS]
    assert parsed(ids.STEP_GOALS, goals()) == {key: FULL_ANSWERS[key] for key in goal_keys}


def test_a_valid_means_step_gives_the_means_with_numbers_read_from_text() -> None:
    assert parsed(ids.STEP_MEANS, means()) == {"means": FULL_ANSWERS["means"]}


def test_a_valid_organisation_step_turns_dont_know_into_none() -> None:
    assert parsed(ids.STEP_ORGANISATION, organisation()) == {
        "organisation": FULL_ANSWERS["organisation"]
    }


def test_optional_fields_left_empty_are_left_out_and_speed_defaults_to_steady() -> None:
    values = state_values(
        **{
            ids.BLOCK_PRIMARY_OBJECTIVE: static_select("community"),
            ids.BLOCK_AUDIENCE: radio_buttons("restricted"),
            ids.BLOCK_PROGRESS: plain_text_input("  "),
            ids.BLOCK_SPEED: radio_buttons(None),
            ids.BLOCK_DEADLINE: datepicker(None),
        }
    )
    assert parsed(ids.STEP_GOALS, values) == {
        "objectives": {"primary": "community", "secondary": []},
        "audience": "restricted",
        "capabilities": [],
        "speed": "steady",
    }


def test_the_means_step_asks_for_the_decisive_choice_first() -> None:
    assert set(errors_of(ids.STEP_MEANS, {})) == {ids.BLOCK_LIMIT_MEANS}


@pytest.mark.parametrize("choice, limit", [("lowest_cost", True), ("best_chance", False)])
def test_the_decisive_choice_alone_is_a_valid_means_step_in_the_default_currency(
    choice: str, limit: bool
) -> None:
    values = state_values(**{ids.BLOCK_LIMIT_MEANS: radio_buttons(choice)})
    if limit:  # the lowest cost compares two hourly costs
        values |= state_values(
            **{
                ids.BLOCK_IN_HOUSE_HOURLY: plain_text_input("20"),
                ids.BLOCK_AGENCY_HOURLY: plain_text_input("30"),
            }
        )
    assert parsed(ids.STEP_MEANS, values)["means"]["limit_means"] is limit
    assert parsed(ids.STEP_MEANS, values)["means"]["currency"] == "EUR"


def test_an_agencys_agreed_period_is_kept_with_the_mode() -> None:
    values = state_values(
        **{
            ids.BLOCK_CURRENT_MODE: static_select("agency"),
            ids.BLOCK_AGREED_MONTHS: plain_text_input("6"),
        }
    )
    assert parsed(ids.STEP_ORGANISATION, values) == {
        "organisation": {"current_mode": "agency", "agreed_months": 6.0}
    }


def test_organisation_questions_left_unanswered_are_unknown() -> None:
    values = state_values(**{ids.BLOCK_CURRENT_MODE: static_select("none")})
    # Left blank, they are not answered (and not "don't know"): the engine takes them as unknown.
    assert parsed(ids.STEP_ORGANISATION, values) == {"organisation": {"current_mode": "none"}}
    result = parse_step(before(ids.STEP_ORGANISATION), values, Translator("en"), today=TODAY)
    assert not isinstance(result, FieldErrors) and result.profile is not None
    organisation = result.profile.organisation
    assert (organisation.constraints_liftable, organisation.interlocutor) == (None, None)


def test_the_three_steps_merged_make_a_profile_the_engine_accepts() -> None:
    state = WizardState(ids.STEP_GOALS, "fr", Answers())
    for step in ids.STEPS:
        result = parse_step(
            replace(state, step=step), STEP_VALUES[step](), Translator("fr"), today=TODAY
        )
        assert not isinstance(result, FieldErrors), result
        state = result.state
    assert state.answers.to_json() == FULL_ANSWERS
    assert not isinstance(result, FieldErrors) and result.profile is not None
    profile = result.profile
    assert profile == scoring.parse_profile(state.answers.profile_json(TODAY))
    assert profile.means.limit_means is True
    assert profile.organisation.constraints_liftable is None
    assert profile.progress == 0.35


def test_french_numbers_are_read_in_a_french_wizard() -> None:
    values = means(
        **{
            ids.BLOCK_BUDGET: plain_text_input("1\u202f200,50\xa0€"),
            ids.BLOCK_LOAD_FACTOR: plain_text_input("1,42"),
        }
    )
    result = parsed(ids.STEP_MEANS, values, "fr")["means"]
    assert (result["budget_monthly"], result["in_house"]["load_factor"]) == (1200.5, 1.42)


# ---------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    "text, locale, expected",
    [
        pytest.param("25000", "en", "25000", id="plain"),
        pytest.param("25 000 €", "fr", "25000", id="spaces-and-euro"),
        pytest.param("1 200,50", "fr", "1200.50", id="french-decimal-comma"),
        pytest.param("1,200.50", "en", "1200.50", id="english-grouping"),
        pytest.param("1.200,50", "en", "1200.50", id="last-mark-is-decimal"),
        pytest.param("25,000", "en", "25000", id="english-comma-thousands"),
        pytest.param("25,000", "fr", "25.000", id="french-comma-is-decimal"),
        pytest.param("25.000", "fr", "25000", id="french-dot-thousands"),
        pytest.param("1.42", "fr", "1.42", id="dot-decimal-in-french"),
        pytest.param("1,5", "en", "1.5", id="comma-decimal-in-english"),
        pytest.param("1.200.000", "fr", "1200000", id="repeated-dots-group"),
        pytest.param("EUR 300", "en", "300", id="currency-code-before"),
        pytest.param("300 FCFA", "fr", "300", id="fcfa-after"),
        pytest.param("12 %", "fr", "12", id="percent-sign"),
        pytest.param("-€500", "en", "-500", id="negative-with-symbol"),
        pytest.param("\u2212500", "fr", "-500", id="unicode-minus"),
    ],
)
def test_numbers_are_read_the_way_people_type_them(text: str, locale: str, expected: str) -> None:
    assert parse_number(text, locale) == Decimal(expected)


@pytest.mark.parametrize("text", ["a lot", "1,2,3", "1e3", "12.", "1.20.000", "--5", "€", "NaN"])
def test_ambiguous_or_non_numeric_text_is_not_a_number(text: str) -> None:
    assert parse_number(text, "en") is None


# ---------------------------------------------------------------- one rule, one block


RULES = [
    # step, overrides, blocks in error, message key, params (callables get the Translator)
    (ids.STEP_MEANS, {ids.BLOCK_BUDGET: plain_text_input("a lot")}, (ids.BLOCK_BUDGET,),
     "wizard.error.number", {"example": "3000"}, "non-numeric"),
    (ids.STEP_MEANS, {ids.BLOCK_BUDGET: plain_text_input("-100")}, (ids.BLOCK_BUDGET,),
     "wizard.error.negative", {}, "negative-money"),
    (ids.STEP_MEANS, {ids.BLOCK_AGENCY_HOURLY: plain_text_input("-65")},
     (ids.BLOCK_AGENCY_HOURLY,), "wizard.error.negative", {}, "negative-rate"),
    (ids.STEP_ORGANISATION, {ids.BLOCK_MONTHS_IN_MODE: plain_text_input("601")},
     (ids.BLOCK_MONTHS_IN_MODE,), "wizard.error.months", {"max": 600}, "too-many-months"),
    (ids.STEP_GOALS, {ids.BLOCK_DEADLINE: datepicker("2026-11-27")}, (ids.BLOCK_DEADLINE,),
     "wizard.error.deadline_past", {"today": lambda t: t.date(TODAY)}, "deadline-in-the-past"),
    (ids.STEP_MEANS, {ids.BLOCK_HOURS: plain_text_input("745")}, (ids.BLOCK_HOURS,),
     "wizard.error.hours", {"max": lambda t: t.number(744)}, "more-hours-than-a-month"),
    (ids.STEP_MEANS, {ids.BLOCK_IN_HOUSE_SALARY: plain_text_input("40000")},
     (ids.BLOCK_IN_HOUSE_HOURLY, ids.BLOCK_IN_HOUSE_SALARY), "wizard.error.in_house_one", {},
     "wage-and-salary"),
    (ids.STEP_MEANS, {ids.BLOCK_AGENCY_RETAINER: plain_text_input("2500")},
     (ids.BLOCK_AGENCY_HOURLY, ids.BLOCK_AGENCY_RETAINER), "wizard.error.agency_one", {},
     "rate-and-retainer"),
    (ids.STEP_MEANS, {ids.BLOCK_IN_HOUSE_HOURLY: plain_text_input(None)},
     (ids.BLOCK_IN_HOUSE_HOURLY,), "wizard.error.limit_in_house", {},
     "limit-means-without-in-house-cost"),
    (ids.STEP_MEANS, {ids.BLOCK_AGENCY_HOURLY: plain_text_input(None)},
     (ids.BLOCK_AGENCY_HOURLY,), "wizard.error.limit_agency", {},
     "limit-means-without-agency-cost"),
    (ids.STEP_MEANS, {ids.BLOCK_AGENCY_HOURLY: None, ids.BLOCK_HOURS: None,
                      ids.BLOCK_AGENCY_RETAINER: plain_text_input("2500")},
     (ids.BLOCK_HOURS,), "wizard.error.limit_hours", {}, "limit-means-retainer-without-hours"),
    (ids.STEP_GOALS, {ids.BLOCK_PROGRESS: plain_text_input("120")}, (ids.BLOCK_PROGRESS,),
     "wizard.error.percent", {}, "progress-over-100"),
    (ids.STEP_GOALS, {ids.BLOCK_SMA_SHARE: number_input("-5")}, (ids.BLOCK_SMA_SHARE,),
     "wizard.error.percent", {}, "paid-share-below-0"),
    (ids.STEP_GOALS, {ids.BLOCK_PROGRESS: plain_text_input("half")}, (ids.BLOCK_PROGRESS,),
     "wizard.error.number", {"example": "30"}, "progress-not-a-number"),
    (ids.STEP_GOALS, {ids.BLOCK_PRIMARY_OBJECTIVE: static_select(None)},
     (ids.BLOCK_PRIMARY_OBJECTIVE,), "wizard.error.required", {}, "no-primary-objective"),
    (ids.STEP_GOALS, {ids.BLOCK_AUDIENCE: None}, (ids.BLOCK_AUDIENCE,),
     "wizard.error.required", {}, "no-audience"),
    (ids.STEP_GOALS, {ids.BLOCK_AUDIENCE: radio_buttons("everyone")}, (ids.BLOCK_AUDIENCE,),
     "wizard.error.choice", {}, "forged-audience"),
    (ids.STEP_GOALS, {ids.BLOCK_CAPABILITIES: checkboxes("social_ads", "telepathy")},
     (ids.BLOCK_CAPABILITIES,), "wizard.error.choice", {}, "forged-capability"),
    (ids.STEP_ORGANISATION, {ids.BLOCK_CURRENT_MODE: None}, (ids.BLOCK_CURRENT_MODE,),
     "wizard.error.required", {}, "no-current-mode"),
    (ids.STEP_ORGANISATION, {ids.BLOCK_VERTICAL: radio_buttons("maybe")}, (ids.BLOCK_VERTICAL,),
     "wizard.error.choice", {}, "forged-yes-no"),
    (ids.STEP_MEANS, {ids.BLOCK_LOAD_FACTOR: plain_text_input("5")}, (ids.BLOCK_LOAD_FACTOR,),
     "wizard.error.load_factor", {"min": lambda t: t.number(1), "max": lambda t: t.number(3)},
     "load-factor-out-of-range"),
    (ids.STEP_ORGANISATION, {ids.BLOCK_AGREED_MONTHS: plain_text_input("0")},
     (ids.BLOCK_AGREED_MONTHS,), "wizard.error.agreed_months",
     {"min": lambda t: t.number(1), "max": lambda t: t.number(120)}, "agreed-period-of-0"),
    (ids.STEP_ORGANISATION, {ids.BLOCK_AGREED_MONTHS: plain_text_input("240")},
     (ids.BLOCK_AGREED_MONTHS,), "wizard.error.agreed_months",
     {"min": lambda t: t.number(1), "max": lambda t: t.number(120)}, "agreed-period-of-20-years"),
    # Rules only the engine has reach the form through Problem → block.
    (ids.STEP_MEANS, {ids.BLOCK_HOURS: plain_text_input("0")}, (ids.BLOCK_HOURS,),
     "problem.not_positive", {}, "engine-zero-hours"),
    (ids.STEP_MEANS, {ids.BLOCK_CURRENCY: static_select("EURO")}, (ids.BLOCK_CURRENCY,),
     "problem.invalid_currency", {}, "engine-bad-currency"),
    (ids.STEP_ORGANISATION, {ids.BLOCK_MONTHS_IN_MODE: plain_text_input("-3")},
     (ids.BLOCK_MONTHS_IN_MODE,), "problem.negative", {}, "engine-negative-months"),
]  # fmt: skip


def _expected(t: Translator, key: str, params: dict[str, Any]) -> str:
    values = {name: value(t) if callable(value) else value for name, value in params.items()}
    if key.startswith("problem."):
        return t.reason(key, tuple(values.items()))
    return t(key, **values)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "step, overrides, blocks, key, params",
    [pytest.param(*rule[:5], id=rule[5]) for rule in RULES],
)
def test_each_validation_rule_puts_its_message_on_the_exact_block(
    lang: str,
    step: str,
    overrides: dict[str, Any],
    blocks: tuple[str, ...],
    key: str,
    params: dict[str, Any],
) -> None:
    t = Translator(lang)
    errors = errors_of(step, STEP_VALUES[step](**overrides), lang)
    assert errors == {block: _expected(t, key, params) for block in blocks}


def test_every_bad_field_of_a_step_is_reported_at_once() -> None:
    values = goals(
        **{
            ids.BLOCK_PRIMARY_OBJECTIVE: None,
            ids.BLOCK_PROGRESS: plain_text_input("150"),
            ids.BLOCK_SMA_SHARE: plain_text_input("some"),
            ids.BLOCK_DEADLINE: datepicker("2020-01-01"),
        }
    )
    assert set(errors_of(ids.STEP_GOALS, values)) == {
        ids.BLOCK_PRIMARY_OBJECTIVE,
        ids.BLOCK_PROGRESS,
        ids.BLOCK_SMA_SHARE,
        ids.BLOCK_DEADLINE,
    }


def test_a_deadline_today_is_fine() -> None:
    values = goals(**{ids.BLOCK_DEADLINE: datepicker(TODAY.isoformat())})
    assert parsed(ids.STEP_GOALS, values)["deadline"] == TODAY.isoformat()


def test_a_salary_counts_as_the_in_house_cost_when_means_are_limited() -> None:
    values = means(
        **{
            ids.BLOCK_IN_HOUSE_HOURLY: None,
            ids.BLOCK_IN_HOUSE_SALARY: plain_text_input("38 000"),
        }
    )
    assert parsed(ids.STEP_MEANS, values)["means"]["in_house"] == {
        "annual_salary": 38000.0,
        "load_factor": 1.42,
    }


def test_engine_problems_map_indexed_fields_and_skip_other_steps() -> None:
    t = Translator("en")
    problems = [
        scoring.Problem("objectives.secondary[1]", "invalid_choice", (("allowed", "leads"),)),
        scoring.Problem("means.budget_monthly", "negative"),
        scoring.Problem("means.in_house", "one_of", (("fields", "hourly,annual_salary"),)),
    ]
    assert field_errors_for_problems(problems, t, step=ids.STEP_GOALS) == {
        ids.BLOCK_SECONDARY_OBJECTIVES: "Unknown value; allowed: leads."
    }
    assert set(field_errors_for_problems(problems, t, step=ids.STEP_MEANS)) == {
        ids.BLOCK_BUDGET,
        ids.BLOCK_IN_HOUSE_HOURLY,
        ids.BLOCK_IN_HOUSE_SALARY,
    }


def test_an_unknown_step_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown step"):
        parse_step(WizardState("payment", "en", Answers()), {}, Translator("en"), today=TODAY)


# ---------------------------------------------------------------- the state


def test_the_steps_follow_each_other_and_the_last_has_no_next() -> None:
    steps = [WizardState(step, "en", Answers()).next_step() for step in ids.STEPS]
    assert steps == [ids.STEP_MEANS, ids.STEP_ORGANISATION, None]


def test_a_second_pass_on_a_step_replaces_its_answers_and_keeps_the_others() -> None:
    state = WizardState(ids.STEP_MEANS, "en", Answers.from_json(FULL_ANSWERS))
    result = parse_step(state, means(**{ids.BLOCK_BUDGET: None}), Translator("en"), today=TODAY)
    assert not isinstance(result, FieldErrors)
    answers = result.answers.to_json()
    assert "budget_monthly" not in answers["means"]
    assert answers["organisation"] == FULL_ANSWERS["organisation"]
    assert answers["objectives"] == FULL_ANSWERS["objectives"]
    assert "budget_monthly" in FULL_ANSWERS["means"]  # the old state is untouched


def test_clearing_an_optional_goal_removes_it_from_the_answers() -> None:
    state = WizardState(ids.STEP_GOALS, "en", Answers.from_json(FULL_ANSWERS))
    values = goals(**{ids.BLOCK_DEADLINE: None})
    result = parse_step(state, values, Translator("en"), today=TODAY)
    assert not isinstance(result, FieldErrors)
    assert "deadline" not in result.answers.to_json()
    assert result.answers.to_json()["means"] == FULL_ANSWERS["means"]


def test_the_state_round_trips_through_private_metadata() -> None:
    answers = Answers.from_json(FULL_ANSWERS)
    state = WizardState(ids.STEP_MEANS, "fr", answers, assessment_id=42, resumed=True)
    assert parse_metadata(state.to_metadata()) == state


def _worst_case_answers() -> dict[str, Any]:
    long = 1.2345678901234567e-05  # the longest repr a float has is about this long
    answers: dict[str, Any] = json.loads(json.dumps(FULL_ANSWERS))
    answers["objectives"] = {
        "primary": "employer_brand",
        "secondary": [k.value for k in scoring.ObjectiveKind],
    }
    answers["capabilities"] = [c.value for c in scoring.Capability]
    answers["progress"] = answers["smo_sma_mix"] = long
    answers["means"] = {
        "currency": "XAF",
        "limit_means": True,
        "budget_monthly": 123456789.12345679,
        "hours_per_month": 743.12345678901234,
        "in_house": {
            "annual_salary": 123456789.12345679,
            "load_factor": 1.2345678901234567,
            "productive_hours_per_year": 1607.1234567890123,  # kept from a stored assessment
        },
        "agency": {"retainer_monthly": 123456789.12345679},
    }
    answers["organisation"] |= {"months_in_mode": 599.12345678901234}
    return answers


def test_private_metadata_fits_slack_even_with_every_field_filled() -> None:
    state = WizardState(
        ids.STEP_ORGANISATION,
        "fr",
        Answers.from_json(_worst_case_answers()),
        assessment_id=9_223_372_036_854_775_807,
        resumed=True,
    )
    metadata = state.to_metadata()
    assert len(metadata) <= 3000
    assert parse_metadata(metadata) == state


def _metadata(**changes: Any) -> str:
    data = json.loads(
        WizardState(ids.STEP_GOALS, "en", Answers.from_json(FULL_ANSWERS), 3).to_metadata()
    )
    return json.dumps({**data, **changes})


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("{not json", id="not-json"),
        pytest.param("[]", id="a-list"),
        pytest.param(_metadata(step="payment"), id="unknown-step"),
        pytest.param(_metadata(locale="de"), id="unsupported-locale"),
        pytest.param(_metadata(answers=[]), id="answers-not-an-object"),
        pytest.param(_metadata(answers={"audience": "everyone"}), id="forged-choice"),
        pytest.param(_metadata(answers={"progress": "lots"}), id="wrong-type"),
        pytest.param(_metadata(answers={"as_of": "2020-01-01"}), id="answers-with-as-of"),
        pytest.param(_metadata(answers={"admin": True}), id="unknown-answer"),
        pytest.param(_metadata(answers={"progress": float("nan")}), id="nan"),
        pytest.param(_metadata(assessment_id="7"), id="id-as-text"),
        pytest.param(_metadata(assessment_id=True), id="id-as-boolean"),
        pytest.param(_metadata(assessment_id=0), id="id-zero"),
        pytest.param(_metadata(resumed="yes"), id="resumed-not-boolean"),
        pytest.param(_metadata(team_id="T2"), id="extra-key"),
        pytest.param(json.dumps({"step": "goals", "locale": "en"}), id="missing-keys"),
    ],
)
def test_tampered_metadata_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_metadata(raw)


def test_partial_answers_midway_are_accepted() -> None:
    goals_only = {k: v for k, v in FULL_ANSWERS.items() if k in STEP_KEYS[ids.STEP_GOALS]}
    raw = WizardState(ids.STEP_MEANS, "en", Answers.from_json(goals_only)).to_metadata()
    assert parse_metadata(raw).answers.to_json() == goals_only


def test_the_state_keeps_the_persons_time_zone_and_refuses_an_unknown_one() -> None:
    state = WizardState(ids.STEP_MEANS, "fr", Answers(), tz="America/Los_Angeles")
    assert parse_metadata(state.to_metadata()).tz == "America/Los_Angeles"
    forged = state.to_metadata().replace("America/Los_Angeles", "Mars/Olympus_Mons")
    with pytest.raises(ValueError, match="time zone"):
        parse_metadata(forged)


def test_today_is_the_persons_day_not_utcs() -> None:
    evening_in_california = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)  # 19:00 on the 28th there
    assert local_today(evening_in_california, "America/Los_Angeles") == date(2026, 11, 28)
    assert local_today(evening_in_california, "Europe/Paris") == date(2026, 11, 29)
