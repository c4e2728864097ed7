"""The KPI modal, its validation, its metadata, the KPI list and the refused-owner note."""

from __future__ import annotations

import dataclasses
from datetime import date, time
from typing import Any

import pytest

from bot import ids
from bot.blocks.kpi import build_kpi_list_message, build_kpi_modal, build_kpi_owner_refused
from bot.domain import Cadence, Direction, KpiInput, KpiSummary, ObjectiveChoice
from bot.forms import FieldErrors
from bot.forms.kpi import KpiFormState, parse_kpi, parse_kpi_metadata
from bot.i18n import Translator
from bot.sandbox.signed_client import (
    datepicker,
    plain_text_input,
    radio_buttons,
    static_select,
    timepicker,
    users_select,
)
from bot.sandbox.validation import check_message_blocks, check_view

TODAY = date(2026, 3, 2)
OBJECTIVES = (
    ObjectiveChoice(id=12, kind="awareness", title="Be known in Lyon", primary=False),
    ObjectiveChoice(id=11, kind="leads", title="Generate B2B leads", primary=True),
)
STATE = KpiFormState(assessment_id=5, kpi_id=None, locale="en")
LOCALES = ["en", "fr"]


def valid_values(**changes: dict[str, Any]) -> dict[str, Any]:
    """A filled-in KPI form as Slack sends view.state.values; `changes` replace elements by block."""
    elements = {
        ids.BLOCK_KPI_OBJECTIVE: static_select("11"),
        ids.BLOCK_KPI_NAME: plain_text_input("  Qualified leads  "),
        ids.BLOCK_KPI_UNIT: plain_text_input("leads"),
        ids.BLOCK_KPI_DIRECTION: radio_buttons("increase"),
        ids.BLOCK_KPI_BASELINE: plain_text_input("1 200,5"),
        ids.BLOCK_KPI_TARGET: plain_text_input("2000"),
        ids.BLOCK_KPI_START: datepicker("2026-03-02"),
        ids.BLOCK_KPI_DEADLINE: datepicker("2026-09-30"),
        ids.BLOCK_KPI_OWNER: users_select("U0OWNER"),
        ids.BLOCK_KPI_CADENCE: static_select("weekly"),
        ids.BLOCK_KPI_WEEKDAY: static_select("3"),
        ids.BLOCK_KPI_DAY_OF_MONTH: static_select("2"),
        ids.BLOCK_KPI_TIME: timepicker("09:30"),
    }
    elements.update(changes)
    return {block: {ids.input_action(block): element} for block, element in elements.items()}


def parse(values: dict[str, Any], locale: str = "fr") -> KpiInput | FieldErrors:
    return parse_kpi(values, Translator(locale), objectives=OBJECTIVES, today=TODAY)


def errors_of(values: dict[str, Any], locale: str) -> dict[str, str]:
    result = parse(values, locale)
    assert isinstance(result, FieldErrors), result
    return result.errors


def echo_initial_values(view: dict[str, Any]) -> dict[str, Any]:
    """view.state.values as Slack sends them when the user submits without touching anything."""
    values: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        kind = element["type"]
        if kind == "plain_text_input":
            state = plain_text_input(element.get("initial_value"))
        elif kind in ("static_select", "radio_buttons"):
            state = {"type": kind, "selected_option": element.get("initial_option")}
        elif kind == "datepicker":
            state = datepicker(element.get("initial_date"))
        elif kind == "timepicker":
            state = timepicker(element.get("initial_time"))
        elif kind == "users_select":
            state = users_select(element.get("initial_user"))
        else:
            raise AssertionError(f"unexpected element {kind}")
        values[block["block_id"]] = {element["action_id"]: state}
    return values


def test_a_valid_form_gives_the_kpi_with_numbers_read_the_french_way() -> None:
    assert parse(valid_values()) == KpiInput(
        objective_id=11,
        name="Qualified leads",
        unit="leads",
        direction=Direction.INCREASE,
        baseline=1200.5,
        target=2000.0,
        start=date(2026, 3, 2),
        deadline=date(2026, 9, 30),
        owner_user_id="U0OWNER",
        cadence=Cadence.WEEKLY,
        checkin_weekday=3,
        checkin_day_of_month=None,
        checkin_local_time=time(9, 30),
    )


def test_a_monthly_kpi_keeps_its_day_of_the_month() -> None:
    kpi = parse(valid_values(**{ids.BLOCK_KPI_CADENCE: static_select("monthly")}))
    assert isinstance(kpi, KpiInput)
    assert (kpi.cadence, kpi.checkin_day_of_month) == ("monthly", 2)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "block, element, key",
    [
        pytest.param(ids.BLOCK_KPI_NAME, plain_text_input("   "), "kpi.error.name_required", id="name-empty"),
        pytest.param(ids.BLOCK_KPI_NAME, plain_text_input("x" * 151), "kpi.error.name_too_long", id="name-too-long"),
        pytest.param(ids.BLOCK_KPI_UNIT, plain_text_input("u" * 31), "kpi.error.unit_too_long", id="unit-too-long"),
        pytest.param(ids.BLOCK_KPI_BASELINE, plain_text_input("lots"), "kpi.error.number", id="baseline-not-a-number"),
        pytest.param(ids.BLOCK_KPI_TARGET, plain_text_input("2k"), "kpi.error.number", id="target-not-a-number"),
        pytest.param(ids.BLOCK_KPI_TARGET, plain_text_input("1200.5"), "kpi.error.target_equals_baseline", id="target-equals-baseline"),
        pytest.param(ids.BLOCK_KPI_TARGET, plain_text_input("10"), "kpi.error.target_direction_increase", id="target-below-for-increase"),
        pytest.param(ids.BLOCK_KPI_DIRECTION, radio_buttons(None), "kpi.error.direction", id="direction-missing"),
        pytest.param(ids.BLOCK_KPI_START, datepicker(None), "kpi.error.date_required", id="start-missing"),
        pytest.param(ids.BLOCK_KPI_DEADLINE, datepicker("2026-03-02"), "kpi.error.deadline_before_start", id="deadline-on-start"),
        pytest.param(ids.BLOCK_KPI_DEADLINE, datepicker("2026-13-40"), "kpi.error.date_required", id="deadline-garbled"),
        pytest.param(ids.BLOCK_KPI_OBJECTIVE, static_select(None), "kpi.error.objective", id="objective-missing"),
        pytest.param(ids.BLOCK_KPI_OBJECTIVE, static_select("999"), "kpi.error.objective", id="objective-not-of-this-assessment"),
        pytest.param(ids.BLOCK_KPI_OWNER, users_select(None), "kpi.error.owner", id="owner-missing"),
        pytest.param(ids.BLOCK_KPI_CADENCE, static_select("daily"), "kpi.error.cadence", id="cadence-unknown"),
        pytest.param(ids.BLOCK_KPI_WEEKDAY, static_select("7"), "kpi.error.weekday", id="weekday-out-of-range"),
        pytest.param(ids.BLOCK_KPI_TIME, timepicker("9h30"), "kpi.error.time", id="time-garbled"),
        pytest.param(ids.BLOCK_KPI_TIME, timepicker(None), "kpi.error.time", id="time-missing"),
    ],
)  # fmt: skip
def test_each_bad_field_gets_its_error_on_its_own_block(
    locale: str, block: str, element: dict[str, Any], key: str
) -> None:
    limits = {"kpi.error.name_too_long": {"max": 150}, "kpi.error.unit_too_long": {"max": 30}}
    expected = Translator(locale)(key, **limits.get(key, {}))
    assert errors_of(valid_values(**{block: element}), locale) == {block: expected}


@pytest.mark.parametrize("locale", LOCALES)
def test_a_decreasing_kpi_needs_a_target_below_the_baseline(locale: str) -> None:
    values = valid_values(**{ids.BLOCK_KPI_DIRECTION: radio_buttons("decrease")})
    assert errors_of(values, locale) == {
        ids.BLOCK_KPI_TARGET: Translator(locale)("kpi.error.target_direction_decrease")
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_a_deadline_already_past_is_refused(locale: str) -> None:
    values = valid_values(
        **{
            ids.BLOCK_KPI_START: datepicker("2025-01-01"),
            ids.BLOCK_KPI_DEADLINE: datepicker("2026-03-01"),
        }
    )
    assert errors_of(values, locale) == {
        ids.BLOCK_KPI_DEADLINE: Translator(locale)("kpi.error.deadline_past")
    }


@pytest.mark.parametrize("locale", LOCALES)
def test_a_monthly_kpi_without_a_day_of_the_month_is_refused(locale: str) -> None:
    values = valid_values(
        **{
            ids.BLOCK_KPI_CADENCE: static_select("monthly"),
            ids.BLOCK_KPI_DAY_OF_MONTH: static_select(None),
        }
    )
    assert errors_of(values, locale) == {
        ids.BLOCK_KPI_DAY_OF_MONTH: Translator(locale)("kpi.error.day_of_month")
    }


def test_every_bad_field_is_reported_at_once() -> None:
    errors = errors_of({}, "en")
    assert set(errors) == {
        ids.BLOCK_KPI_OBJECTIVE,
        ids.BLOCK_KPI_NAME,
        ids.BLOCK_KPI_DIRECTION,
        ids.BLOCK_KPI_BASELINE,
        ids.BLOCK_KPI_TARGET,
        ids.BLOCK_KPI_START,
        ids.BLOCK_KPI_DEADLINE,
        ids.BLOCK_KPI_OWNER,
        ids.BLOCK_KPI_CADENCE,
        ids.BLOCK_KPI_WEEKDAY,
        ids.BLOCK_KPI_TIME,
    }


def modal(locale: str, kpi: KpiInput | None = None, **changes: Any) -> dict[str, Any]:
    return build_kpi_modal(
        Translator(locale),
        state=dataclasses.replace(STATE, locale=locale, kpi_id=77 if kpi else None),
        objectives=changes.get("objectives", OBJECTIVES),
        today=TODAY,
        default_owner="U0ME",
        default_weekday=4,
        default_time=time(10, 0),
        kpi=kpi,
    )


EDITED = KpiInput(
    objective_id=12,
    name="Abonnés <Instagram> & co",
    unit="%",
    direction=Direction.DECREASE,
    baseline=1234567.891,
    target=-0.5,
    start=date(2026, 1, 31),
    deadline=date(2027, 1, 31),
    owner_user_id="U0OTHER",
    cadence=Cadence.MONTHLY,
    checkin_weekday=None,  # a monthly KPI asks on a day of the month: no weekday is shown
    checkin_day_of_month=31,
    checkin_local_time=time(17, 45),
)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_edit_modal_submitted_untouched_gives_back_the_same_kpi(locale: str) -> None:
    view = modal(locale, EDITED)
    assert parse(echo_initial_values(view), locale) == EDITED


@pytest.mark.parametrize("locale", LOCALES)
def test_a_new_kpi_form_starts_today_with_the_submitter_and_workspace_defaults(locale: str) -> None:
    values = echo_initial_values(modal(locale))
    errors = errors_of(values, locale)
    # Only what nobody can guess is left to fill in.
    assert set(errors) == {
        ids.BLOCK_KPI_NAME,
        ids.BLOCK_KPI_BASELINE,
        ids.BLOCK_KPI_TARGET,
        ids.BLOCK_KPI_DEADLINE,
    }
    filled = {
        **values,
        **valid_values(
            **{
                ids.BLOCK_KPI_BASELINE: plain_text_input("10"),
                ids.BLOCK_KPI_TARGET: plain_text_input("20"),
            }
        ),
    }
    for block in (
        ids.BLOCK_KPI_OBJECTIVE,
        ids.BLOCK_KPI_START,
        ids.BLOCK_KPI_OWNER,
        ids.BLOCK_KPI_CADENCE,
        ids.BLOCK_KPI_WEEKDAY,
        ids.BLOCK_KPI_TIME,
    ):
        filled[block] = values[block]
    filled[ids.BLOCK_KPI_SCHEDULE] = values[ids.BLOCK_KPI_SCHEDULE]
    kpi = parse(filled, locale)
    assert isinstance(kpi, KpiInput)
    assert (kpi.objective_id, kpi.start, kpi.owner_user_id) == (11, TODAY, "U0ME")
    # The workspace's default is preselected, and chosen it stores no override of its own.
    assert kpi.uses_default_schedule and kpi.checkin_day_of_month is None
    schedule = next(b for b in modal(locale)["blocks"] if b["block_id"] == ids.BLOCK_KPI_SCHEDULE)
    chosen = schedule["element"]["initial_option"]
    assert chosen["value"] == ids.SCHEDULE_DEFAULT
    t = Translator(locale)
    assert t("kpi.every_weekday.4") in chosen["text"]["text"]  # Fridays, the workspace's day
    assert t.time_of_day(time(10, 0)) in chosen["text"]["text"]


@pytest.mark.parametrize("locale", LOCALES)
def test_another_day_and_time_is_stored_only_when_chosen(locale: str) -> None:
    custom = valid_values(**{ids.BLOCK_KPI_SCHEDULE: radio_buttons(ids.SCHEDULE_CUSTOM)})
    kpi = parse(custom, locale)
    assert isinstance(kpi, KpiInput) and not kpi.uses_default_schedule
    default = valid_values(**{ids.BLOCK_KPI_SCHEDULE: radio_buttons(ids.SCHEDULE_DEFAULT)})
    kpi = parse(default, locale)
    assert isinstance(kpi, KpiInput)
    assert (kpi.checkin_weekday, kpi.checkin_day_of_month, kpi.checkin_local_time) == (
        None,
        None,
        None,
    )
    # Another day chosen without its time: said on the field.
    missing = valid_values(
        **{
            ids.BLOCK_KPI_SCHEDULE: radio_buttons(ids.SCHEDULE_CUSTOM),
            ids.BLOCK_KPI_TIME: {"type": "timepicker", "selected_time": None},
        }
    )
    assert ids.BLOCK_KPI_TIME in errors_of(missing, locale)


def test_the_primary_objective_is_listed_first() -> None:
    element = modal("en")["blocks"][0]["element"]
    assert [o["value"] for o in element["options"]] == ["11", "12"]
    assert element["options"][0]["text"]["text"] == "Generate B2B leads (primary)"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_modal_titles_fit_and_name_add_or_edit(locale: str) -> None:
    t = Translator(locale)
    assert modal(locale)["title"]["text"] == t("kpi.title_add")
    assert modal(locale, EDITED)["title"]["text"] == t("kpi.title_edit")
    assert modal(locale)["callback_id"] == ids.CALLBACK_KPI


@pytest.mark.parametrize("locale", LOCALES)
def test_every_kpi_modal_passes_slacks_checks_even_with_long_titles(locale: str) -> None:
    many = [
        ObjectiveChoice(id=i, kind="other", title="Objectif " + "très long " * 20, primary=i == 1)
        for i in range(1, 120)
    ]
    long_name = dataclasses.replace(EDITED, name="n" * 150, unit="u" * 30, objective_id=1)
    for view in (modal(locale), modal(locale, EDITED), modal(locale, long_name, objectives=many)):
        assert check_view(view) is None


def test_the_form_state_survives_the_round_trip_through_private_metadata() -> None:
    for state in (STATE, KpiFormState(assessment_id=1, kpi_id=99, locale="fr")):
        assert parse_kpi_metadata(state.to_metadata()) == state


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param("", id="empty"),
        pytest.param("not json", id="not-json"),
        pytest.param("[1, 2]", id="a-list"),
        pytest.param('{"assessment_id": "5", "kpi_id": null, "locale": "en"}', id="id-as-text"),
        pytest.param('{"assessment_id": true, "kpi_id": null, "locale": "en"}', id="id-as-bool"),
        pytest.param('{"assessment_id": -5, "kpi_id": null, "locale": "en"}', id="negative-id"),
        pytest.param('{"assessment_id": 5, "kpi_id": 1.5, "locale": "en"}', id="float-kpi-id"),
        pytest.param('{"assessment_id": 5, "kpi_id": null, "locale": "de"}', id="unknown-locale"),
        pytest.param('{"assessment_id": 5, "kpi_id": null}', id="missing-field"),
        pytest.param('{"assessment_id": 5, "kpi_id": null, "locale": "en", "team_id": "T"}', id="extra-field"),
    ],
)  # fmt: skip
def test_tampered_or_foreign_metadata_is_refused(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_kpi_metadata(raw)


def summaries(count: int, *, name: str = "Leads", objectives: int = 3) -> list[KpiSummary]:
    return [
        KpiSummary(
            id=i,
            objective_title=f"Objective {i % objectives} <!channel>",
            name=f"{name} {i}",
            unit="€",
            baseline=1200.5,
            target=3000,
            deadline=date(2026, 12, 31),
            owner_user_id=f"U{i:04d}",
            cadence=tuple(Cadence)[i % 3],
        )
        for i in range(1, count + 1)
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_kpi_list_groups_by_objective_with_an_edit_button_per_kpi(locale: str) -> None:
    t = Translator(locale)
    message = build_kpi_list_message(t, assessment_id=5, kpis=summaries(4, objectives=2))
    texts = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    # Objective 1 (KPIs 1 and 3) before objective 0 (KPIs 2 and 4): first appearance order.
    assert texts[0] == "*Objective 1 &lt;!channel&gt;*"
    assert texts[1].startswith("*Leads 1* · <@U0001>")
    assert f"{t.number(1200.5)} → {t.number(3000)} €" in texts[1]
    assert t.date(date(2026, 12, 31)) in texts[1]
    assert t("kpi.cadence.biweekly") in texts[1]
    assert texts[3] == "*Objective 0 &lt;!channel&gt;*"
    edits = [b["accessory"]["value"] for b in message.blocks if "accessory" in b]
    assert edits == ["1", "3", "2", "4"]
    assert all(
        b["accessory"]["action_id"] == ids.ACTION_EDIT_KPI
        for b in message.blocks
        if "accessory" in b
    )
    add = message.blocks[-1]["elements"][0]
    assert (add["action_id"], add["value"]) == (ids.ACTION_ADD_KPI, "5")
    assert check_message_blocks(message.blocks) is None


@pytest.mark.parametrize("locale", LOCALES)
def test_sixty_kpis_with_long_names_stay_under_fifty_blocks_and_say_how_many_are_hidden(
    locale: str,
) -> None:
    t = Translator(locale)
    kpis = summaries(60, name="<@U999> " + "x" * 150, objectives=7)
    message = build_kpi_list_message(t, assessment_id=5, kpis=kpis)
    assert len(message.blocks) <= 50
    assert check_message_blocks(message.blocks) is None
    shown = sum(1 for b in message.blocks if "accessory" in b)
    assert t("kpi.list_more", count=60 - shown) in message.blocks[-2]["elements"][0]["text"]
    assert "<@U999>" not in str(message.blocks)
    for block in message.blocks:
        button = block.get("accessory") or {}
        assert len(button.get("text", {}).get("text", "")) <= 75


@pytest.mark.parametrize("locale", LOCALES)
def test_an_empty_kpi_list_invites_to_add_one(locale: str) -> None:
    t = Translator(locale)
    message = build_kpi_list_message(t, assessment_id=5, kpis=[])
    assert t("kpi.list_empty") in str(message.blocks)
    assert message.blocks[-1]["elements"][0]["action_id"] == ids.ACTION_ADD_KPI
    assert check_message_blocks(message.blocks) is None


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("reason", ["bot", "deactivated", "unknown", "something-new"])
def test_a_refused_owner_is_named_with_the_reason_and_what_to_do(locale: str, reason: str) -> None:
    t = Translator(locale)
    message = build_kpi_owner_refused(t, owner_user_id="U0BOT", reason=reason)
    text = message.blocks[0]["text"]["text"]
    expected = reason if reason != "something-new" else "unknown"
    assert t(f"kpi.owner_refused.{expected}", owner="U0BOT") in text
    assert t("kpi.owner_refused_next") in text
    assert check_message_blocks(message.blocks) is None


def test_the_deadline_default_is_left_empty_for_a_new_kpi() -> None:
    deadline = next(b for b in modal("en")["blocks"] if b["block_id"] == ids.BLOCK_KPI_DEADLINE)
    assert "initial_date" not in deadline["element"]
