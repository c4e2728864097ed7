"""The input JSON Schema of a profile (what `python -m scoring --schema` prints).

Cross-field rules (one of hourly or salary, what limit_means needs) are checked by
`scoring.profile_io.parse_profile`, whose bounds the schema repeats.
"""

from __future__ import annotations

import enum

from scoring.model import Audience, Capability, Mode, ObjectiveKind, Results, Speed
from scoring.profile_io import (
    AGREED_MONTHS_RANGE,
    LOAD_FACTOR_RANGE,
    MAX_HOURS_PER_MONTH,
    MAX_HOURS_PER_YEAR,
    MAX_MONEY,
)


def _enum(kind: type[enum.Enum]) -> dict[str, object]:
    return {"type": "string", "enum": [m.value for m in kind]}


def _num(description: str, **extra: object) -> dict[str, object]:
    return {"type": "number", "description": description, **extra}


def _bool(description: str, nullable: bool = False) -> dict[str, object]:
    return {"type": ["boolean", "null"] if nullable else "boolean", "description": description}


def json_schema() -> dict[str, object]:
    """The input JSON Schema (draft 2020-12); cross-field rules are checked by parse_profile."""
    date_ = {"type": "string", "format": "date", "description": "ISO-8601 date (YYYY-MM-DD)"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "SMM Advisor profile",
        "type": "object",
        "additionalProperties": False,
        "required": ["as_of", "objectives", "audience"],
        "properties": {
            "as_of": {
                **date_,
                "description": "The day of the assessment; the engine never reads the clock. "
                "A datetime is accepted and cut to its date.",
            },
            "objectives": {
                "type": "object",
                "additionalProperties": False,
                "required": ["primary"],
                "properties": {
                    "primary": _enum(ObjectiveKind),
                    "secondary": {"type": "array", "items": _enum(ObjectiveKind)},
                },
            },
            "audience": {
                **_enum(Audience),
                "description": "restricted: a small community such as investors and partners",
            },
            "capabilities": {
                "type": "array",
                "items": _enum(Capability),
                "description": "commercial capabilities the plan needs",
            },
            "progress": _num("progress toward the primary objective", minimum=0, maximum=1),
            "speed": {**_enum(Speed), "default": "steady"},
            "smo_sma_mix": _num(
                "share of paid (SMA) in the SMO+SMA mix; also the agency's share in a hybrid",
                minimum=0,
                maximum=1,
            ),
            "deadline": {**date_, "description": "may already be past at as_of"},
            "means": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "currency": {"type": "string", "pattern": "^[A-Z]{3}$", "default": "EUR"},
                    "budget_monthly": _num("maximum monthly budget", minimum=0, maximum=MAX_MONEY),
                    "hours_per_month": _num(
                        "hours of work needed per month",
                        exclusiveMinimum=0,
                        maximum=MAX_HOURS_PER_MONTH,
                    ),
                    "in_house": {
                        "type": "object",
                        "additionalProperties": False,
                        "description": "give hourly or annual_salary, not both",
                        "properties": {
                            "hourly": _num(
                                "gross hourly wage", exclusiveMinimum=0, maximum=MAX_MONEY
                            ),
                            "annual_salary": _num(
                                "gross annual salary", exclusiveMinimum=0, maximum=MAX_MONEY
                            ),
                            "load_factor": _num(
                                "employer cost / gross pay",
                                minimum=LOAD_FACTOR_RANGE[0],
                                maximum=LOAD_FACTOR_RANGE[1],
                                default=1.3,
                            ),
                            "productive_hours_per_year": _num(
                                "hours worked per year",
                                exclusiveMinimum=0,
                                maximum=MAX_HOURS_PER_YEAR,
                                default=1607,
                            ),
                        },
                    },
                    "agency": {
                        "type": "object",
                        "additionalProperties": False,
                        "description": "give hourly or retainer_monthly, not both",
                        "properties": {
                            "hourly": _num(
                                "agency hourly rate", exclusiveMinimum=0, maximum=MAX_MONEY
                            ),
                            "retainer_monthly": _num(
                                "agency monthly retainer", exclusiveMinimum=0, maximum=MAX_MONEY
                            ),
                        },
                    },
                    "limit_means": _bool(
                        "do just what is needed: the cheaper hourly cost decides; "
                        "needs both costs (and hours_per_month with a retainer)"
                    ),
                },
            },
            "organisation": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "current_mode": {**_enum(Mode), "default": "none"},
                    "months_in_mode": _num("months in the current mode", minimum=0, default=0),
                    "results": {**_enum(Results), "default": "unknown"},
                    "manager_checked": _bool("the manager's own effectiveness was checked"),
                    "vertical": _bool("a vertical organisation narrows the manager's creativity"),
                    "constraints_liftable": _bool("those constraints can be lifted", True),
                    "interlocutor": _bool("an internal interlocutor with marketing notions", True),
                    "agreed_months": {
                        "type": ["number", "null"],
                        "description": "the period agreed with the agency (agency or hybrid), "
                        "months; it is judged at its end",
                        "minimum": AGREED_MONTHS_RANGE[0],
                        "maximum": AGREED_MONTHS_RANGE[1],
                    },
                },
            },
        },
    }
