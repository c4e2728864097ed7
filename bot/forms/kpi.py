"""The KPI form (add or edit): its state in private_metadata and its submitted values."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from typing import Any, Final

from bot import ids
from bot.domain import Cadence, Direction, KpiInput, ObjectiveChoice, WorkingHours
from bot.forms import (
    FieldErrors,
    checked_id,
    checked_zone,
    has_control_characters,
    parse_id,
    state_value,
)
from bot.forms.numbers import parse_number
from bot.i18n import SUPPORTED_LOCALES, Translator

DIRECTIONS: Final[tuple[str, ...]] = tuple(d.value for d in Direction)
CADENCES: Final[tuple[str, ...]] = tuple(c.value for c in Cadence)
MAX_NAME: Final = 150
MAX_UNIT: Final = 30
LAST_DAY_OF_MONTH: Final = 31  # a monthly check-in on "31" falls on each month's last day
# A quadrillion followers, euros or visits is a typo, not a KPI: it also keeps every value finite.
MAX_KPI_VALUE: Final = 1e15


@dataclass(frozen=True)
class KpiFormState:
    """What the KPI modal carries in private_metadata: which assessment and KPI, the reader's
    locale and time zone."""

    assessment_id: int
    kpi_id: int | None
    locale: str
    tz: str = "UTC"

    def to_metadata(self) -> str:
        """The private_metadata string of the modal."""
        return json.dumps(
            {
                "assessment_id": self.assessment_id,
                "kpi_id": self.kpi_id,
                "locale": self.locale,
                "tz": self.tz,
            },
            separators=(",", ":"),
        )


def parse_kpi_metadata(raw: str) -> KpiFormState:
    """Read the modal's private_metadata back; ValueError when it is not ours."""
    try:
        data = json.loads(raw)
    except (TypeError, json.JSONDecodeError) as error:
        raise ValueError("KPI form metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"assessment_id", "kpi_id", "locale", "tz"}:
        raise ValueError("KPI form metadata has unexpected fields")
    kpi_id = data["kpi_id"]
    locale = data["locale"]
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}")
    return KpiFormState(
        assessment_id=checked_id(data["assessment_id"]),
        kpi_id=None if kpi_id is None else checked_id(kpi_id),
        locale=locale,
        tz=checked_zone(data["tz"]),
    )


def _number(raw: str | None, locale: str) -> float | None:
    value = parse_number(raw, locale) if raw else None
    return None if value is None else float(value)


def _bounded_number(
    values: dict[str, Any], block_id: str, t: Translator, errors: dict[str, str]
) -> float | None:
    number = _number(_text(values, block_id), t.locale)
    if number is None:
        errors[block_id] = t("kpi.error.number")
        return None
    if abs(number) > MAX_KPI_VALUE:
        errors[block_id] = t("kpi.error.number_too_large", max=t.number(MAX_KPI_VALUE))
        return None
    return number


def _selected(values: dict[str, Any], block_id: str) -> str | None:
    option = state_value(values, block_id, ids.input_action(block_id)).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) and value else None


def _text(values: dict[str, Any], block_id: str) -> str:
    value = state_value(values, block_id, ids.input_action(block_id)).get("value")
    return value.strip() if isinstance(value, str) else ""


def _date(values: dict[str, Any], block_id: str) -> date | None:
    raw = state_value(values, block_id, ids.input_action(block_id)).get("selected_date")
    try:
        return date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def _time(values: dict[str, Any], block_id: str) -> time | None:
    raw = state_value(values, block_id, ids.input_action(block_id)).get("selected_time")
    if not isinstance(raw, str) or not re.fullmatch(r"\d{2}:\d{2}", raw):
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        return None


def _int_choice(raw: str | None, allowed: range) -> int | None:
    if raw is None or not raw.isdigit():
        return None
    value = int(raw)
    return value if value in allowed else None


def parse_kpi(
    values: dict[str, Any],
    t: Translator,
    *,
    objectives: Sequence[ObjectiveChoice],
    today: date,
    hours: WorkingHours = WorkingHours(),  # noqa: B008  (frozen: one shared default is safe)
) -> KpiInput | FieldErrors:
    """Validate the KPI form; every bad field is reported at once, keyed by its block id. A
    custom schedule must fall on one of the workspace's working days, inside its hours."""
    errors: dict[str, str] = {}

    # The objective id comes back from the client: only the assessment's own objectives count.
    objective_raw = _selected(values, ids.BLOCK_KPI_OBJECTIVE)
    objective_id = next((o.id for o in objectives if str(o.id) == objective_raw), None)
    if objective_id is None:
        errors[ids.BLOCK_KPI_OBJECTIVE] = t("kpi.error.objective")

    name = _text(values, ids.BLOCK_KPI_NAME)
    if not name:
        errors[ids.BLOCK_KPI_NAME] = t("kpi.error.name_required")
    elif len(name) > MAX_NAME:
        errors[ids.BLOCK_KPI_NAME] = t("kpi.error.name_too_long", max=MAX_NAME)
    elif has_control_characters(name):
        errors[ids.BLOCK_KPI_NAME] = t("kpi.error.control_characters")

    unit = _text(values, ids.BLOCK_KPI_UNIT)
    if len(unit) > MAX_UNIT:
        errors[ids.BLOCK_KPI_UNIT] = t("kpi.error.unit_too_long", max=MAX_UNIT)
    elif has_control_characters(unit):
        errors[ids.BLOCK_KPI_UNIT] = t("kpi.error.control_characters")

    direction = _selected(values, ids.BLOCK_KPI_DIRECTION)
    if direction not in DIRECTIONS:
        errors[ids.BLOCK_KPI_DIRECTION] = t("kpi.error.direction")

    baseline = _bounded_number(values, ids.BLOCK_KPI_BASELINE, t, errors)
    target = _bounded_number(values, ids.BLOCK_KPI_TARGET, t, errors)
    if target is not None and baseline is not None:
        # scoring.kpi.KpiSpec refuses a target that is not in the KPI's direction from the baseline.
        if target == baseline:
            errors[ids.BLOCK_KPI_TARGET] = t("kpi.error.target_equals_baseline")
        elif direction == Direction.INCREASE and target < baseline:
            errors[ids.BLOCK_KPI_TARGET] = t("kpi.error.target_direction_increase")
        elif direction == Direction.DECREASE and target > baseline:
            errors[ids.BLOCK_KPI_TARGET] = t("kpi.error.target_direction_decrease")

    start = _date(values, ids.BLOCK_KPI_START)
    if start is None:
        errors[ids.BLOCK_KPI_START] = t("kpi.error.date_required")
    deadline = _date(values, ids.BLOCK_KPI_DEADLINE)
    if deadline is None:
        errors[ids.BLOCK_KPI_DEADLINE] = t("kpi.error.date_required")
    elif start is not None and deadline <= start:
        errors[ids.BLOCK_KPI_DEADLINE] = t("kpi.error.deadline_before_start")
    elif deadline <= today:
        errors[ids.BLOCK_KPI_DEADLINE] = t("kpi.error.deadline_past")

    owner = state_value(values, ids.BLOCK_KPI_OWNER, ids.input_action(ids.BLOCK_KPI_OWNER)).get(
        "selected_user"
    )
    if not isinstance(owner, str) or not owner:
        errors[ids.BLOCK_KPI_OWNER] = t("kpi.error.owner")

    cadence = _selected(values, ids.BLOCK_KPI_CADENCE)
    if cadence not in CADENCES:
        errors[ids.BLOCK_KPI_CADENCE] = t("kpi.error.cadence")

    # The workspace's default unless another day and time was chosen: then those are read.
    custom = _selected(values, ids.BLOCK_KPI_SCHEDULE) != ids.SCHEDULE_DEFAULT
    weekday = _int_choice(_selected(values, ids.BLOCK_KPI_WEEKDAY), range(7))
    day_of_month = _int_choice(
        _selected(values, ids.BLOCK_KPI_DAY_OF_MONTH), range(1, LAST_DAY_OF_MONTH + 1)
    )
    at = _time(values, ids.BLOCK_KPI_TIME)
    # The form shows the day field of the chosen cadence only: the other one is not read.
    if cadence == Cadence.MONTHLY:
        weekday = None
    else:
        day_of_month = None
    if custom:
        if cadence != Cadence.MONTHLY and weekday is None:
            errors[ids.BLOCK_KPI_WEEKDAY] = t("kpi.error.weekday")
        elif cadence != Cadence.MONTHLY and weekday not in hours.weekdays:
            errors[ids.BLOCK_KPI_WEEKDAY] = t("kpi.error.weekday_off")
        if cadence == Cadence.MONTHLY and day_of_month is None:
            errors[ids.BLOCK_KPI_DAY_OF_MONTH] = t("kpi.error.day_of_month")
        if at is None:
            errors[ids.BLOCK_KPI_TIME] = t("kpi.error.time")
        elif not hours.allows(at):
            errors[ids.BLOCK_KPI_TIME] = t(
                "kpi.error.time_outside_hours",
                start=t.time_of_day(hours.start),
                end=t.time_of_day(hours.end),
            )
    else:
        weekday = day_of_month = at = None

    if errors:
        return FieldErrors(errors)
    # Every None was turned into an error above; the asserts only tell mypy so.
    assert objective_id is not None and direction is not None and cadence is not None
    assert baseline is not None and target is not None and start is not None
    assert deadline is not None and isinstance(owner, str)
    return KpiInput(
        objective_id=objective_id,
        name=name,
        unit=unit,
        direction=Direction(direction),
        baseline=baseline,
        target=target,
        start=start,
        deadline=deadline,
        owner_user_id=owner,
        cadence=Cadence(cadence),
        checkin_weekday=weekday,
        checkin_day_of_month=day_of_month if cadence == Cadence.MONTHLY else None,
        checkin_local_time=at,
    )


def chosen_cadence(values: dict[str, Any]) -> str | None:
    """The cadence selected in the form, while it is being filled in (None if none is)."""
    cadence = _selected(values, ids.BLOCK_KPI_CADENCE)
    return cadence if cadence in CADENCES else None


def chosen_schedule_days(values: dict[str, Any]) -> tuple[int | None, int | None]:
    """(weekday, day of month) as the form holds them now (None where not shown or not set)."""
    weekday = _int_choice(_selected(values, ids.BLOCK_KPI_WEEKDAY), range(7))
    day = _int_choice(
        _selected(values, ids.BLOCK_KPI_DAY_OF_MONTH), range(1, LAST_DAY_OF_MONTH + 1)
    )
    return weekday, day


def offered_objectives(blocks: Sequence[dict[str, Any]]) -> list[ObjectiveChoice]:
    """The objectives a submitted KPI modal offered, read back from the view's blocks."""
    # The objectives the modal offered (Slack keeps the view; the user cannot alter it). The
    # service checks the choice against the database again before saving.
    for block in blocks:
        if block.get("block_id") == ids.BLOCK_KPI_OBJECTIVE:
            element = block.get("element")
            options = element.get("options") if isinstance(element, dict) else None
            ids_offered = [parse_id(o.get("value")) for o in options or () if isinstance(o, dict)]
            return [
                ObjectiveChoice(id=i, kind="", title="", primary=False)
                for i in ids_offered
                if i is not None
            ]
    return []
