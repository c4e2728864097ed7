"""Parsing, validation (every problem at once), round-trips and the JSON Schema."""

from __future__ import annotations

from datetime import date

import pytest

from scoring import ProfileError, json_schema, parse_profile, profile_to_dict

from .factories import BASE, profile_dict


def problems_of(data: object) -> set[tuple[str, str]]:
    with pytest.raises(ProfileError) as info:
        parse_profile(data)  # type: ignore[arg-type]
    return {(p.field, p.code) for p in info.value.problems}


def test_every_bad_field_is_listed_at_once() -> None:
    data = profile_dict(
        {
            "as_of": "2025-13-01",
            "audience": "everyone",
            "capabilities": ["ads", "targeting"],
            "progress": 1.5,
            "means.budget_monthly": -1,
            "means.hours_per_month": 800,
            "means.in_house": {"hourly": 20, "annual_salary": 1, "load_factor": 5},
            "means.agency": {"hourly": -3},
            "organisation.results": "great",
            "organisation.vertical": "yes",
            "extra": 1,
        }
    )
    assert problems_of(data) == {
        ("as_of", "invalid_date"),
        ("audience", "invalid_choice"),
        ("capabilities[0]", "invalid_choice"),
        ("progress", "out_of_range"),
        ("means.budget_monthly", "negative"),
        ("means.hours_per_month", "too_many_hours"),
        ("means.in_house", "one_of"),
        ("means.in_house.load_factor", "out_of_range"),
        ("means.agency.hourly", "negative"),
        ("organisation.results", "invalid_choice"),
        ("organisation.vertical", "invalid_type"),
        ("extra", "unknown_field"),
    }


def test_required_fields_are_reported_when_missing() -> None:
    assert problems_of({}) == {
        ("as_of", "required"),
        ("objectives.primary", "required"),
        ("audience", "required"),
    }


@pytest.mark.parametrize(
    "means, missing",
    [
        pytest.param(
            {"limit_means": True, "hours_per_month": 10},
            {"means.in_house", "means.agency"},
            id="no-costs",
        ),
        pytest.param(
            {"limit_means": True, "in_house": {"hourly": 20}, "agency": {"retainer_monthly": 900}},
            {"means.hours_per_month"},
            id="retainer-needs-hours",
        ),
    ],
)
def test_limit_means_needs_both_hourly_costs(means: dict[str, object], missing: set[str]) -> None:
    data = profile_dict({"means": means})
    assert problems_of(data) == {(field, "required") for field in missing}


def test_numbers_must_be_numbers_and_finite() -> None:
    data = profile_dict(
        {"means.budget_monthly": "1000", "means.hours_per_month": float("inf"), "progress": True}
    )
    assert problems_of(data) == {
        ("means.budget_monthly", "invalid_type"),
        ("means.hours_per_month", "not_finite"),
        ("progress", "invalid_type"),
    }


def test_a_past_deadline_and_a_datetime_as_of_are_accepted() -> None:
    profile = parse_profile(
        profile_dict({"as_of": "2025-03-01T10:30:00+01:00", "deadline": "2024-12-31"})
    )
    assert profile.as_of == date(2025, 3, 1)
    assert profile.deadline == date(2024, 12, 31)


def test_defaults_fill_what_is_left_out() -> None:
    profile = parse_profile(
        {"as_of": "2025-03-01", "objectives": {"primary": "leads"}, "audience": "broad"}
    )
    assert profile.means.currency == "EUR"
    assert profile.means.in_house.load_factor == 1.3
    assert profile.means.in_house.productive_hours_per_year == 1607
    assert profile.organisation.current_mode.value == "none"


def test_a_profile_round_trips_through_its_dict() -> None:
    profile = parse_profile(
        profile_dict({"capabilities": ["social_ads", "copywriting", "social_ads"]})
    )
    assert [c.value for c in profile.capabilities] == ["copywriting", "social_ads"]
    assert parse_profile(profile_to_dict(profile)) == profile


def test_the_schema_names_exactly_the_fields_the_parser_reads() -> None:
    schema = json_schema()
    props = schema["properties"]
    assert isinstance(props, dict)
    assert set(props) >= set(BASE) and schema["required"] == ["as_of", "objectives", "audience"]
    means = props["means"]["properties"]
    assert set(means) == {
        "currency",
        "budget_monthly",
        "hours_per_month",
        "in_house",
        "agency",
        "limit_means",
    }
    assert set(means["in_house"]["properties"]) == {
        "hourly",
        "annual_salary",
        "load_factor",
        "productive_hours_per_year",
    }
    org = props["organisation"]["properties"]
    assert set(org) == {
        "current_mode",
        "months_in_mode",
        "results",
        "manager_checked",
        "vertical",
        "constraints_liftable",
        "interlocutor",
        "agreed_months",
    }
    # Every unknown key is rejected, as the parser does.
    for path in (
        "objectives.x",
        "means.x",
        "means.in_house.x",
        "means.agency.x",
        "organisation.x",
        "x",
    ):
        assert (path, "unknown_field") in problems_of(profile_dict({path: 1}))


@pytest.mark.parametrize(
    "path",
    [
        "means.in_house.hourly",
        "means.in_house.annual_salary",
        "means.agency.hourly",
        "means.agency.retainer_monthly",
    ],
)
def test_a_cost_of_zero_is_refused_as_not_positive(path: str) -> None:
    changes: dict[str, object] = {path: 0}
    if path.endswith("annual_salary"):
        changes["means.in_house.hourly"] = None
    if path.endswith("retainer_monthly"):
        changes["means.agency.hourly"] = None
    assert (path, "not_positive") in problems_of(profile_dict(changes))


@pytest.mark.parametrize(
    "path, value",
    [
        ("means.in_house.hourly", 1e306),
        ("means.agency.hourly", 1e13),
        ("means.budget_monthly", 10**400),
        ("means.agency.retainer_monthly", 10**400),
    ],
)
def test_money_past_a_trillion_is_out_of_range(path: str, value: float) -> None:
    changes: dict[str, object] = {path: value}
    if path.endswith("retainer_monthly"):
        changes["means.agency.hourly"] = None
    assert (path, "out_of_range") in problems_of(profile_dict(changes))


def test_a_huge_integer_where_no_bound_applies_is_not_finite() -> None:
    data = profile_dict({"organisation.months_in_mode": 10**400})
    assert ("organisation.months_in_mode", "not_finite") in problems_of(data)
