"""A recommendation comes back from its JSON as it was: same JSON, same texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from scoring import (
    RecommendationFormatError,
    parse_profile,
    recommend,
    recommendation_from_dict,
    recommendation_to_dict,
)
from scoring.catalogue import explain

from .test_properties import SETTINGS, profile_dicts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@SETTINGS
@given(profile_dicts())
def test_json_round_trips_and_the_frozen_copy_explains_itself_the_same_way(
    data: dict[str, object],
) -> None:
    stored = recommendation_to_dict(recommend(parse_profile(data)))
    # Through a real JSON column: text and back.
    thawed = recommendation_from_dict(json.loads(json.dumps(stored)))
    assert recommendation_to_dict(thawed) == stored
    again = recommendation_from_dict(recommendation_to_dict(thawed))
    for lang in ("fr", "en"):
        assert explain(again, lang) == explain(thawed, lang)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.json")))
def test_the_examples_read_back_explain_exactly_as_computed(example: str) -> None:
    rec = recommend(parse_profile(json.loads((EXAMPLES / example).read_text())))
    thawed = recommendation_from_dict(recommendation_to_dict(rec))
    for lang in ("fr", "en"):
        assert explain(thawed, lang) == explain(rec, lang)


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"verdict": "outsourced"},
        {"confidence_label": "high", "as_of": "2026-13-01"},
    ],
)
def test_json_that_is_no_recommendation_is_refused_with_a_clear_error(
    broken: dict[str, object],
) -> None:
    rec = recommendation_to_dict(
        recommend(parse_profile(json.loads((EXAMPLES / "limit-means.json").read_text())))
    )
    with pytest.raises(RecommendationFormatError):
        recommendation_from_dict(broken if not broken else {**rec, **broken})
