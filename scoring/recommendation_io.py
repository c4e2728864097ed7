"""A recommendation as JSON and back: what `python -m scoring` prints and what the bot freezes.

`recommendation_from_dict(recommendation_to_dict(rec))` renders exactly as `rec` does (every
text is built from codes and params), and `recommendation_to_dict` of it gives the same JSON:
a stored recommendation is shown as it was, whatever the model has become since.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from scoring.model import (
    Action,
    ConfidenceLabel,
    Contribution,
    CostComparison,
    Flip,
    FlipValue,
    Param,
    Params,
    Reason,
    Recommendation,
    Verdict,
)
from scoring.profile_io import params_to_dict

# Bumped whenever a change of the model can change an output: stored recommendations keep the
# version that produced them, and a new version alone never counts as a change to announce.
MODEL_VERSION = "2026.12.2"

_OPTIONS = (("in_house", Verdict.IN_HOUSE), ("hybrid", Verdict.HYBRID), ("agency", Verdict.AGENCY))


class RecommendationFormatError(ValueError):
    """Stored JSON that is not a recommendation this module wrote."""


def reason_to_dict(reason: Reason) -> dict[str, object]:
    """A reason (or any code + params) as JSON."""
    return {"code": reason.code, "params": params_to_dict(reason.params)}


def _cents(amount: float | None) -> float | None:
    """Money in JSON: to the cent."""
    return None if amount is None else round(amount, 2)


def _ratio(x: float) -> float:
    """Scores, weights and confidences in JSON: four decimals."""
    return round(x, 4)


def _contribution(c: Contribution) -> dict[str, object]:
    return {
        "factor": c.factor,
        "weight": _ratio(c.weight),
        "score": _ratio(c.score),
        "value": _ratio(c.value),
        "known": c.known,
        "reason": reason_to_dict(c.reason),
    }


def _costs(c: CostComparison) -> dict[str, object]:
    return {
        "currency": c.currency,
        "budget_monthly": _cents(c.budget_monthly),
        "hours_per_month": c.hours_per_month,
        "in_house_hourly": _cents(c.in_house_hourly),
        "agency_hourly": _cents(c.agency_hourly),
        "hybrid_agency_share": _ratio(c.hybrid_agency_share),
        "monthly": {
            "in_house": _cents(c.in_house_monthly),
            "hybrid": _cents(c.hybrid_monthly),
            "agency": _cents(c.agency_monthly),
        },
        # On the amounts as stored (to the cent), so a frozen copy says the same.
        "within_budget": {key: _within(c, verdict) for key, verdict in _OPTIONS},
    }


def _within(c: CostComparison, verdict: Verdict) -> bool | None:
    cost, budget = _cents(c.monthly(verdict)), _cents(c.budget_monthly)
    return None if cost is None or budget is None else cost <= budget


def flip_to_dict(f: Flip) -> dict[str, object]:
    """A flip as JSON: its value exact (to the cent), the rounded one in `params.shown`."""
    return {
        "code": f.code,
        "field": f.field,
        "value": list(f.value) if isinstance(f.value, tuple) else f.value,
        "verdict": f.verdict.value,
        "params": params_to_dict(f.params),
    }


def recommendation_to_dict(rec: Recommendation) -> dict[str, object]:
    """The JSON-able form of a recommendation (what `python -m scoring` prints)."""
    return {
        "as_of": rec.as_of.isoformat(),
        "verdict": rec.verdict.value,
        "confidence": _ratio(rec.confidence),
        "confidence_label": rec.confidence_label.value,
        "score": _ratio(rec.score),
        "over_budget": rec.over_budget,
        "rules_fired": list(rec.rules_fired),
        "top_reasons": [reason_to_dict(r) for r in rec.top_reasons],
        "against": [reason_to_dict(r) for r in rec.against],
        "contributions": [_contribution(c) for c in rec.contributions],
        "flips": [flip_to_dict(f) for f in rec.flips],
        "other_flips": [flip_to_dict(f) for f in rec.other_flips],
        "actions": [{"code": a.code, "params": params_to_dict(a.params)} for a in rec.actions],
        "costs": _costs(rec.costs),
    }


# ---------------------------------------------------------------- back from JSON


def _obj(value: object, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise RecommendationFormatError(f"{what}: an object expected")
    return value


def _list(value: object, what: str) -> Sequence[Any]:
    if not isinstance(value, list):
        raise RecommendationFormatError(f"{what}: a list expected")
    return value


def _number(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise RecommendationFormatError(f"{what}: a number expected")
    return float(value)


def _money(value: object, what: str) -> float | None:
    return None if value is None else _number(value, what)


def _param(value: object, what: str) -> Param:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise RecommendationFormatError(f"{what}: a text or a number expected")
    return value


def _params(value: object, what: str) -> Params:
    return tuple((str(k), _param(v, f"{what}.{k}")) for k, v in _obj(value, what).items())


def _reason(value: object, what: str) -> Reason:
    d = _obj(value, what)
    return Reason(str(d.get("code", "")), _params(d.get("params", {}), f"{what}.params"))


def _flip_value(value: object) -> FlipValue:
    if isinstance(value, list):
        return tuple(str(v) for v in value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise RecommendationFormatError("flip value: not JSON-shaped")


def _flip(value: object, what: str) -> Flip:
    d = _obj(value, what)
    return Flip(
        str(d.get("code", "")),
        str(d.get("field", "")),
        _flip_value(d.get("value")),
        _verdict(d.get("verdict"), f"{what}.verdict"),
        _params(d.get("params", {}), f"{what}.params"),
    )


def _verdict(value: object, what: str) -> Verdict:
    try:
        return Verdict(value)
    except ValueError as e:
        raise RecommendationFormatError(f"{what}: not a verdict") from e


def _contribution_from(value: object, what: str) -> Contribution:
    d = _obj(value, what)
    return Contribution(
        str(d.get("factor", "")),
        _number(d.get("weight"), f"{what}.weight"),
        _number(d.get("score"), f"{what}.score"),
        _number(d.get("value"), f"{what}.value"),
        bool(d.get("known")),
        _reason(d.get("reason"), f"{what}.reason"),
    )


def _costs_from(value: object) -> CostComparison:
    d = _obj(value, "costs")
    monthly = _obj(d.get("monthly", {}), "costs.monthly")
    return CostComparison(
        currency=str(d.get("currency", "EUR")),
        budget_monthly=_money(d.get("budget_monthly"), "costs.budget_monthly"),
        hours_per_month=_money(d.get("hours_per_month"), "costs.hours_per_month"),
        in_house_hourly=_money(d.get("in_house_hourly"), "costs.in_house_hourly"),
        agency_hourly=_money(d.get("agency_hourly"), "costs.agency_hourly"),
        in_house_monthly=_money(monthly.get("in_house"), "costs.monthly.in_house"),
        agency_monthly=_money(monthly.get("agency"), "costs.monthly.agency"),
        hybrid_monthly=_money(monthly.get("hybrid"), "costs.monthly.hybrid"),
        hybrid_agency_share=_number(d.get("hybrid_agency_share"), "costs.hybrid_agency_share"),
    )


def recommendation_from_dict(data: Mapping[str, Any]) -> Recommendation:
    """The recommendation `recommendation_to_dict` wrote; RecommendationFormatError if not."""
    try:
        label = ConfidenceLabel(data.get("confidence_label"))
        as_of = date.fromisoformat(str(data.get("as_of")))
    except ValueError as e:
        raise RecommendationFormatError(str(e)) from e
    reasons = [_reason(r, "top_reasons") for r in _list(data.get("top_reasons"), "top_reasons")]
    return Recommendation(
        verdict=_verdict(data.get("verdict"), "verdict"),
        confidence=_number(data.get("confidence"), "confidence"),
        confidence_label=label,
        score=_number(data.get("score"), "score"),
        contributions=tuple(
            _contribution_from(c, "contributions")
            for c in _list(data.get("contributions"), "contributions")
        ),
        rules_fired=tuple(str(r) for r in _list(data.get("rules_fired"), "rules_fired")),
        top_reasons=tuple(reasons),
        against=tuple(_reason(r, "against") for r in _list(data.get("against", []), "against")),
        flips=tuple(_flip(f, "flips") for f in _list(data.get("flips"), "flips")),
        other_flips=tuple(
            _flip(f, "other_flips") for f in _list(data.get("other_flips", []), "other_flips")
        ),
        actions=tuple(
            Action(str(_obj(a, "actions").get("code", "")), _params(a.get("params", {}), "actions"))
            for a in _list(data.get("actions"), "actions")
        ),
        costs=_costs_from(data.get("costs")),
        over_budget=bool(data.get("over_budget")),
        as_of=as_of,
    )
