"""The database's vocabularies agree with the decision core's (a stored value always parses)."""

from __future__ import annotations

import enum

import pytest

import scoring
from bot.store import models


@pytest.mark.parametrize(
    "stored, core",
    [
        pytest.param(models.ObjectiveKind, scoring.ObjectiveKind, id="objective-kinds"),
        pytest.param(models.Mode, scoring.Mode, id="modes"),
        pytest.param(models.Verdict, scoring.Verdict, id="verdicts"),
    ],
)
def test_stored_values_are_the_cores_values(stored: type[enum.Enum], core: type[enum.Enum]) -> None:
    assert {m.value for m in stored} == {m.value for m in core}


def test_stored_kpi_directions_are_the_cores() -> None:
    from scoring.kpi import Direction

    assert {m.value for m in models.Direction} == {m.value for m in Direction}
