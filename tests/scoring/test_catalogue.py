"""The fr/en catalogue: same codes, same placeholders, and formatting."""

from __future__ import annotations

import pytest

from scoring import recommend
from scoring.catalogue import TEXTS, explain, format_money, placeholders, text

from .factories import make_profile


def test_both_languages_have_every_code_with_the_same_placeholders() -> None:
    for code, (fr, en) in TEXTS.items():
        assert fr and en, code
        assert placeholders(fr) == placeholders(en), code


def test_every_label_placeholder_points_to_existing_labels() -> None:
    for fr, _ in TEXTS.values():
        for _, spec in placeholders(fr):
            if spec.startswith(("label:", "labels:")):
                ns = spec.split(":", 1)[1]
                assert any(k.startswith(f"{ns}.") for k in TEXTS), spec


@pytest.mark.parametrize(
    "amount, currency, lang, expected",
    [
        pytest.param(1200, "EUR", "fr", "1\u202f200\u00a0€", id="fr-euro"),
        pytest.param(1200, "EUR", "en", "€1,200", id="en-euro"),
        pytest.param(28.5, "USD", "en", "$28.50", id="en-cents"),
        pytest.param(350000, "XOF", "fr", "350\u202f000\u00a0FCFA", id="fr-cfa"),
        pytest.param(99, "CAD", "en", "99\u00a0CAD", id="unknown-symbol"),
    ],
)
def test_money_is_formatted_simply(amount: float, currency: str, lang: str, expected: str) -> None:
    assert format_money(amount, currency, lang) == expected


def test_texts_fill_labels_and_money() -> None:
    params: dict[str, str | int | float] = {
        "option": "agency",
        "cost": 3000,
        "budget": 2000,
        "gap": 1000,
        "currency": "EUR",
    }
    assert text("over_budget", "en", **params) == (
        "The Agency option costs €3,000/month, €1,000 over the €2,000/month budget."
    )
    assert "« Agence »" in text("over_budget", "fr", **params)


def test_explain_reads_in_both_languages() -> None:
    rec = recommend(make_profile({"speed": "maximal", "means.budget_monthly": 1000}))
    fr, en = explain(rec, "fr"), explain(rec, "en")
    assert fr.startswith("Recommandation\u00a0: Agence")
    assert en.startswith("Recommendation: Agency")
    assert "over budget" in en and "au-delà du budget" in fr
