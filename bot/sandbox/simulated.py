"""Simulated people's answers: the `view.state.values` they submit (tests and the demo)."""

from __future__ import annotations

from typing import Any

from bot import ids
from bot.sandbox.signed_client import (
    checkboxes,
    datepicker,
    number_input,
    plain_text_input,
    radio_buttons,
    static_select,
    timepicker,
    users_select,
)


def state_values(**elements: dict[str, Any] | None) -> dict[str, Any]:
    """`view.state.values` with one element per block id (None: the block sent nothing)."""
    return {
        block: {ids.input_action(block): element}
        for block, element in elements.items()
        if element is not None
    }


def goals(**overrides: dict[str, Any] | None) -> dict[str, Any]:
    return state_values(
        **{
            ids.BLOCK_PRIMARY_OBJECTIVE: static_select("leads"),
            ids.BLOCK_SECONDARY_OBJECTIVES: checkboxes("awareness", "community"),
            ids.BLOCK_AUDIENCE: radio_buttons("broad"),
            ids.BLOCK_CAPABILITIES: checkboxes("social_ads", "targeting"),
            ids.BLOCK_PROGRESS: plain_text_input("35"),
            ids.BLOCK_SPEED: radio_buttons("maximal"),
            ids.BLOCK_SMA_SHARE: number_input("40"),
            ids.BLOCK_DEADLINE: datepicker("2027-06-30"),
            **overrides,
        }
    )


def means(**overrides: dict[str, Any] | None) -> dict[str, Any]:
    return state_values(
        **{
            ids.BLOCK_LIMIT_MEANS: radio_buttons("lowest_cost"),
            ids.BLOCK_CURRENCY: static_select("EUR"),
            ids.BLOCK_BUDGET: plain_text_input("4 000 €"),
            ids.BLOCK_HOURS: plain_text_input("60"),
            ids.BLOCK_IN_HOUSE_HOURLY: plain_text_input("22.5"),
            ids.BLOCK_IN_HOUSE_SALARY: plain_text_input(None),
            ids.BLOCK_LOAD_FACTOR: plain_text_input("1.42"),
            ids.BLOCK_AGENCY_HOURLY: plain_text_input("65"),
            ids.BLOCK_AGENCY_RETAINER: plain_text_input(""),
            **overrides,
        }
    )


def organisation(**overrides: dict[str, Any] | None) -> dict[str, Any]:
    return state_values(
        **{
            ids.BLOCK_CURRENT_MODE: static_select("in_house"),
            ids.BLOCK_MONTHS_IN_MODE: plain_text_input("14"),
            ids.BLOCK_RESULTS: static_select("not_convincing"),
            ids.BLOCK_MANAGER_CHECKED: radio_buttons("yes"),
            ids.BLOCK_VERTICAL: radio_buttons("yes"),
            ids.BLOCK_CONSTRAINTS_LIFTABLE: radio_buttons("unknown"),
            ids.BLOCK_INTERLOCUTOR: radio_buttons("no"),
            **overrides,
        }
    )


STEP_VALUES = {ids.STEP_GOALS: goals, ids.STEP_MEANS: means, ids.STEP_ORGANISATION: organisation}


def kpi_values(
    objective_id: int, owner: str, *, start: str, deadline: str, **overrides: dict[str, Any] | None
) -> dict[str, Any]:
    """A filled KPI form: qualified leads from 20 to 80, weekly on Mondays at 09:30."""
    return state_values(
        **{
            ids.BLOCK_KPI_OBJECTIVE: static_select(str(objective_id)),
            ids.BLOCK_KPI_NAME: plain_text_input("Qualified leads"),
            ids.BLOCK_KPI_UNIT: plain_text_input("leads"),
            ids.BLOCK_KPI_DIRECTION: radio_buttons("increase"),
            ids.BLOCK_KPI_BASELINE: plain_text_input("20"),
            ids.BLOCK_KPI_TARGET: plain_text_input("80"),
            ids.BLOCK_KPI_START: datepicker(start),
            ids.BLOCK_KPI_DEADLINE: datepicker(deadline),
            ids.BLOCK_KPI_OWNER: users_select(owner),
            ids.BLOCK_KPI_CADENCE: static_select("weekly"),
            ids.BLOCK_KPI_WEEKDAY: static_select("0"),
            ids.BLOCK_KPI_TIME: timepicker("09:30"),
            **overrides,
        }
    )
