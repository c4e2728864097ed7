"""The monthly cost of each option, against the budget."""

from __future__ import annotations

from scoring.facts import Facts
from scoring.model import CostComparison, Profile, Verdict
from scoring.weights import DEFAULT_HYBRID_AGENCY_SHARE


def hybrid_share(p: Profile) -> float:
    """The agency's share of a hybrid: the paid (SMA) share of the mix, or half."""
    return DEFAULT_HYBRID_AGENCY_SHARE if p.smo_sma_mix is None else p.smo_sma_mix


def option_monthly(f: Facts, v: Verdict, share: float) -> float | None:
    """The monthly cost of one option (None where inputs are missing)."""
    if v is Verdict.IN_HOUSE:
        return f.ih_monthly
    if v is Verdict.AGENCY:
        return f.ag_monthly
    if f.ih_monthly is None or f.ag_monthly is None:
        return None
    # The organic (SMO) part stays in-house, the paid (SMA) part goes to the agency.
    return (1.0 - share) * f.ih_monthly + share * f.ag_monthly


def cost_comparison(p: Profile, f: Facts) -> CostComparison:
    """Every option's monthly cost, the hourly costs and the budget."""
    share = hybrid_share(p)
    return CostComparison(
        currency=p.means.currency,
        budget_monthly=p.means.budget_monthly,
        hours_per_month=p.means.hours_per_month,
        in_house_hourly=f.ih_hourly,
        agency_hourly=f.ag_hourly,
        in_house_monthly=f.ih_monthly,
        agency_monthly=f.ag_monthly,
        hybrid_monthly=option_monthly(f, Verdict.HYBRID, share),
        hybrid_agency_share=share,
    )
