"""What a channel may read of a recommendation: never pay (a wage, a salary, an hourly cost, a
load factor), the monthly cost of each option at most.

A channel is read by more people than the assessment's owner. A reason whose text carries pay
is replaced by its `.channel` variant (the same sentence without the figures) or left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from bot.i18n import Translator
from scoring.catalogue import TEXTS
from scoring.model import Param

# Parameters that are pay (what a person earns, what an hour costs, what a wage is loaded by).
PAY_PARAMS: Final = frozenset({"in_house_hourly", "in_house_wage", "agency_hourly", "load_factor"})
# Inputs whose flips name pay.
PAY_FIELDS: Final = frozenset(
    {"means.agency.hourly", "means.in_house.hourly", "means.in_house.annual_salary"}
)
# Parameters that are money of any kind (for a workspace that shows no figures).
MONEY_PARAMS: Final = PAY_PARAMS | {"cost", "budget", "gap", "current", "value", "shown"}


def channel_safe(
    t: Translator, code: str, params: Iterable[tuple[str, Param]], *, figures: bool
) -> str | None:
    """A reason's sentence fit for a channel, or None when it cannot be said without pay (or,
    with `figures` off, without money)."""
    values = dict(params)
    hidden = PAY_PARAMS if figures else MONEY_PARAMS
    if not hidden & set(values):
        return t.reason(code, values.items())
    variant = f"{code}.channel"
    if variant in TEXTS:
        return t.reason(variant, values.items())
    return None
