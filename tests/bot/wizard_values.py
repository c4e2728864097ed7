"""Wizard answers in the profile's shape, and the simulated people's form values re-exported."""

from __future__ import annotations

from typing import Any

from bot.sandbox.simulated import STEP_VALUES, goals, means, organisation, state_values

__all__ = ["FULL_ANSWERS", "STEP_VALUES", "goals", "means", "organisation", "state_values"]

FULL_ANSWERS: dict[str, Any] = {
    "objectives": {"primary": "leads", "secondary": ["awareness", "community"]},
    "audience": "broad",
    "capabilities": ["targeting", "social_ads"],
    "speed": "maximal",
    "progress": 0.35,
    "smo_sma_mix": 0.4,
    "deadline": "2027-06-30",
    "means": {
        "currency": "EUR",
        "limit_means": True,
        "budget_monthly": 4000.0,
        "hours_per_month": 60.0,
        "in_house": {"hourly": 22.5, "load_factor": 1.42},
        "agency": {"hourly": 65.0},
    },
    "organisation": {
        "current_mode": "in_house",
        "months_in_mode": 14.0,
        "results": "not_convincing",
        "manager_checked": True,
        "vertical": True,
        "constraints_liftable": None,
        "interlocutor": False,
    },
}
