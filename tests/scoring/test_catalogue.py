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


def test_texts_fill_labels_and_money_with_option_names_in_lower_case_mid_sentence() -> None:
    params: dict[str, str | int | float] = {
        "option": "agency",
        "cost": 3000,
        "budget": 2000,
        "gap": 1000,
        "currency": "EUR",
    }
    assert text("over_budget", "en", **params) == (
        "The agency option costs €3,000/month, €1,000 over the €2,000/month budget."
    )
    assert "« agence »" in text("over_budget", "fr", **params)


def test_explain_reads_in_both_languages() -> None:
    rec = recommend(make_profile({"speed": "maximal", "means.budget_monthly": 1000}))
    fr, en = explain(rec, "fr"), explain(rec, "en")
    assert fr.startswith("Recommandation\u00a0: Agence")
    assert en.startswith("Recommendation: Agency")
    assert "over budget" in en and "au-delà du budget" in fr


def test_flip_texts_read_as_sentences() -> None:
    results = text("flip_results", "en", results="convincing", verdict="hybrid")
    assert results == "If the results were convincing: Hybrid (in-house + agency)."
    speed = text("flip_speed", "en", speed="maximal", verdict="agency")
    assert speed == "With “maximal acceleration” as the wanted speed: Agency."
    wage = text("flip_in_house_hourly", "en", shown=21, value=20.01, current=20, verdict="agency")
    assert wage.startswith("If the in-house hourly wage were €21/h (instead of €20/h)")


def test_money_is_shown_rounded_to_what_a_person_reads() -> None:
    # Cents under 100 where there are some, whole units from 100 up: no "€3,199.99/month".
    assert format_money(3199.99, "EUR", "en") == "€3,200"
    assert format_money(52153.92, "EUR", "fr") == "52\u202f154\u00a0€"
    assert format_money(28.276, "EUR", "en") == "€28.28"
    assert format_money(45.0, "EUR", "en") == "€45"


@pytest.mark.parametrize(
    "months, en, fr",
    [(5.9, "in 6 months", "dans 6\u00a0mois"), (0.4, "in 1 month", "dans 1\u00a0mois")],
)
def test_months_are_whole(months: float, en: str, fr: str) -> None:
    params: dict[str, str | float] = {"deadline": "2027-03-02", "months": months}
    assert en in text("deadline_soon", "en", **params)
    assert fr in text("deadline_soon", "fr", **params)


def test_dates_are_in_the_locale_format_not_iso() -> None:
    flip: dict[str, str | float] = {"deadline": "2027-03-02", "months": 3.0, "verdict": "agency"}
    assert text("flip_deadline", "en", **flip) == "With a Mar 2, 2027 deadline: Agency."
    assert text("flip_deadline", "fr", **flip) == "Avec une échéance au 2 mars 2027\u00a0: agence."


def test_objective_labels_are_nouns() -> None:
    assert text("objective.sales", "fr") == "ventes"
    assert text("objective.leads", "en") == "leads"
    assert text("objective.leads", "fr") == "leads"


@pytest.mark.parametrize(
    "lang, expected", [("en", "Expected an object."), ("fr", "Type attendu\u00a0: un objet.")]
)
def test_type_names_are_translated(lang: str, expected: str) -> None:
    assert text("problem.invalid_type", lang, expected="object") == expected


def test_range_bounds_are_localised() -> None:
    assert text("problem.out_of_range", "fr", min=0.0, max=1.0) == "Hors limites (0 à 1)."
    assert text("problem.out_of_range", "en", min=0.0, max=1e12) == (
        "Out of range (0 to 1,000,000,000,000)."
    )


def test_a_field_required_to_limit_the_means_says_why() -> None:
    assert "for the lowest cost" in text("problem.required", "en", because="limit_means")
    assert text("problem.required", "en") == "Required."


def test_exactly_twelve_months_is_not_over_a_year() -> None:
    rec = recommend(
        make_profile(
            {
                "organisation.current_mode": "in_house",
                "organisation.months_in_mode": 12,
                "organisation.results": "not_convincing",
                "organisation.manager_checked": True,
            }
        )
    )
    assert "Over a year" not in explain(rec, "en")
    assert "Plus d'un an" not in explain(rec, "fr")


def test_the_interlocutor_is_said_in_plain_words_in_english() -> None:
    assert "someone in-house with marketing experience" in text("name_interlocutor", "en")


def test_every_new_action_has_a_label_for_the_changes_list() -> None:
    for code in ("give_hours_per_month", "review_in_house_results"):
        assert f"action.{code}" in TEXTS and code in TEXTS
