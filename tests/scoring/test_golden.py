"""The golden corpus: the engine's outputs on 10,000 generated profiles do not move unnoticed."""

from __future__ import annotations

import collections

import pytest

from scoring import Audience, Capability, Mode, ObjectiveKind, Results, Speed, Verdict

from .golden import COUNT, SAMPLES, WEIGHTS, Case, Corpus, cases, compute, differences, load


@pytest.fixture(scope="module")
def seen() -> tuple[Corpus, collections.Counter[str]]:
    """The corpus recomputed once, with a count of every code its recommendations carry."""
    codes: collections.Counter[str] = collections.Counter()

    def observe(_: Case, rec: dict[str, object]) -> None:
        rules = rec["rules_fired"]
        assert isinstance(rules, list)
        codes.update(f"rule:{r}" for r in rules)
        codes[f"decides:{rules[0] if rules else 'band'}"] += 1
        codes[f"verdict:{rec['verdict']}"] += 1
        codes[f"over_budget:{rec['over_budget']}"] += 1
        for key in ("flips", "actions", "top_reasons"):
            items = rec[key]
            assert isinstance(items, list)
            codes.update(f"{key}:{x['code']}" for x in items)
        contributions = rec["contributions"]
        assert isinstance(contributions, list)
        codes.update(f"reason:{c['reason']['code']}" for c in contributions)

    return compute(observe), codes


def test_the_engine_reproduces_every_recommendation_of_the_golden_corpus(
    seen: tuple[Corpus, collections.Counter[str]],
) -> None:
    stored = load()
    assert len(stored.outputs) == COUNT
    assert len(stored.samples) == SAMPLES
    report = differences(stored, seen[0])
    assert not report, "\n" + report


def test_the_corpus_asks_every_categorical_answer_and_the_money_edge_cases() -> None:
    asked: collections.Counter[str] = collections.Counter()
    for case in cases():
        p = case.profile
        objectives, means, org = p["objectives"], p.get("means", {}), p.get("organisation", {})
        assert isinstance(objectives, dict) and isinstance(means, dict) and isinstance(org, dict)
        asked[f"primary:{objectives['primary']}"] += 1
        asked.update(f"secondary:{k}" for k in objectives["secondary"])
        asked[f"audience:{p['audience']}"] += 1
        asked.update(f"capability:{c}" for c in p.get("capabilities", []))  # type: ignore[attr-defined]
        asked[f"speed:{p.get('speed')}"] += 1
        for key in ("current_mode", "results", "manager_checked", "vertical"):
            asked[f"{key}:{org.get(key)}"] += 1
        for key in ("constraints_liftable", "interlocutor"):
            asked[f"{key}:{org.get(key, 'missing')}"] += 1  # null, or not answered at all
        asked[f"limit_means:{means.get('limit_means')}"] += 1
        asked[f"incumbent:{case.incumbent}"] += 1
        asked[f"weights:{case.weights}"] += 1
        in_house, agency = means.get("in_house", {}), means.get("agency", {})
        assert isinstance(in_house, dict) and isinstance(agency, dict)
        if not {"hourly", "annual_salary"} & in_house.keys():
            asked["money:no_in_house_cost"] += 1
        if not agency:
            asked["money:no_agency_cost"] += 1
        amounts = [*in_house.values(), *agency.values(), means.get("budget_monthly")]
        asked.update(f"money:{x}" for x in amounts if x in (0.0, 0.01, 1e12))
    expected = {f"primary:{k.value}" for k in ObjectiveKind}
    expected |= {f"secondary:{k.value}" for k in ObjectiveKind}
    expected |= {f"audience:{a.value}" for a in Audience}
    expected |= {f"capability:{c.value}" for c in Capability}
    expected |= {f"speed:{s}" for s in (*[s.value for s in Speed], None)}
    expected |= {f"current_mode:{m}" for m in (*[m.value for m in Mode], None)}
    expected |= {f"results:{r}" for r in (*[r.value for r in Results], None)}
    expected |= {f"{k}:{b}" for k in ("manager_checked", "vertical") for b in (True, False, None)}
    expected |= {
        f"{k}:{b}"
        for k in ("constraints_liftable", "interlocutor")
        for b in (True, False, None, "missing")
    }
    expected |= {"limit_means:True", "limit_means:False", "limit_means:None"}
    expected |= {f"incumbent:{v}" for v in (*[v.value for v in Verdict], None)}
    expected |= {f"weights:{w}" for w in WEIGHTS}
    expected |= {"money:no_in_house_cost", "money:no_agency_cost"}
    expected |= {"money:0.0", "money:0.01", "money:1000000000000.0"}
    assert expected <= asked.keys(), sorted(expected - asked.keys())


def test_the_corpus_reaches_every_rule_and_every_kind_of_flip(
    seen: tuple[Corpus, collections.Counter[str]],
) -> None:
    codes = seen[1]
    rules = [
        "vertical_unliftable",
        "restricted_no_commercial",
        "limit_means",
        "budget_single_option",
        "positioning_plus_commercial",
        "convincing_in_house_plus_growth",
        "hysteresis_hold",
    ]
    expected = {f"decides:{r}" for r in [*rules, "band"]}
    expected |= {f"verdict:{v.value}" for v in Verdict} | {
        "over_budget:True",
        "reason:same_hourly_cost",
    }
    flips = [
        "audience",
        "no_capabilities",
        "drop_capability",
        "add_capability",
        "speed",
        "progress",
        "deadline",
        "no_deadline",
        "objective",
        "results",
        "manager_checked",
        "months_in_mode",
        "constraints_liftable",
        "constraints_not_liftable",
        "limit_means",
        "no_limit_means",
        "agency_hourly",
        "agency_retainer",
        "in_house_hourly",
        "in_house_salary",
        "budget",
    ]
    expected |= {f"flips:flip_{f}" for f in flips}
    assert expected <= codes.keys(), sorted(expected - codes.keys())
