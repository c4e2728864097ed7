"""Profiles for tests: a neutral base (score 0) changed through dotted JSON paths."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from datetime import date

from scoring import Profile, parse_profile

AS_OF = date(2025, 3, 1)

# Every factor neutral: niche audience, no need, steady, equal hourly costs, nothing tried yet.
BASE: dict[str, object] = {
    "as_of": AS_OF.isoformat(),
    "objectives": {"primary": "other", "secondary": []},
    "audience": "niche",
    "capabilities": [],
    "speed": "steady",
    "means": {
        "currency": "EUR",
        "hours_per_month": 60,
        "in_house": {"hourly": 25, "load_factor": 1.0},
        "agency": {"hourly": 25},
    },
    "organisation": {"current_mode": "none", "interlocutor": True},
}


def set_path(data: dict[str, object], path: str, value: object) -> None:
    """Set (or, with None, remove) a dotted path in a nested dict."""
    keys = path.split(".")
    node = data
    for key in keys[:-1]:
        child = node.setdefault(key, {})
        assert isinstance(child, dict)
        node = child
    if value is None:
        node.pop(keys[-1], None)
    else:
        node[keys[-1]] = list(value) if isinstance(value, tuple) else value


def profile_dict(changes: Mapping[str, object] | None = None) -> dict[str, object]:
    """The base profile as a dict, with dotted-path changes."""
    data = copy.deepcopy(BASE)
    for path, value in (changes or {}).items():
        set_path(data, path, value)
    return data


def make_profile(changes: Mapping[str, object] | None = None) -> Profile:
    """The base profile with dotted-path changes, parsed."""
    return parse_profile(profile_dict(changes))
