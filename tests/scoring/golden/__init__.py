"""The golden corpus of `scoring.recommend`: today's outputs on generated profiles, frozen.

A seeded generator (standard library `random` only, so a library release cannot change the
corpus) builds COUNT profiles that cover every categorical answer and the money edge cases, each
with an incumbent verdict (or none) and a set of weights. `digests.txt` holds one SHA-256 per
profile of its recommendation's canonical JSON; `samples.json` holds SAMPLES of them in full, for
readable diffs. `tests/scoring/test_golden.py` recomputes and compares.

A change that moves outputs on purpose regenerates both files and shows the reviewed diff of
the samples in its commit:

    .venv/bin/python -m tests.scoring.golden --write
"""

from __future__ import annotations

import difflib
import hashlib
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from scoring import (
    Audience,
    Capability,
    Mode,
    ObjectiveKind,
    Results,
    Speed,
    Verdict,
    Weights,
    parse_profile,
    recommend,
    recommendation_to_dict,
)

HERE = Path(__file__).parent
DIGESTS = HERE / "digests.txt"
SAMPLES_FILE = HERE / "samples.json"

SEED = 8  # issue 8, which froze the corpus
COUNT = 10_000
SAMPLES = 50  # every COUNT // SAMPLES-th profile is also kept in full
MAX_MONEY = 1e12  # profile_io's upper bound of every amount
AS_OF_DAYS = (date(2025, 3, 1), date(2024, 2, 29), date(2026, 12, 31))

# Named weight sets: the default most of the time, and the corners the engine tests for
# (a factor weighing nothing, no band, no hysteresis).
WEIGHTS: dict[str, Weights] = {
    "default": Weights(),
    "no_cost": Weights(cost=0.0),
    "no_acceleration": Weights(acceleration=0.0),
    "no_band": Weights(band=0.0, hysteresis=0.0),
    "wide_band": Weights(band=0.3, hysteresis=0.1),
    "steep_cost": Weights(cost=0.4, cost_scale=0.1),
}


@dataclass(frozen=True, slots=True)
class Case:
    """One profile of the corpus, as JSON, and how it is decided."""

    index: int
    profile: dict[str, object]
    incumbent: str | None  # a Verdict value
    weights: str  # a key of WEIGHTS

    def as_json(self) -> dict[str, object]:
        """The case's inputs as JSON."""
        return {"profile": self.profile, "incumbent": self.incumbent, "weights": self.weights}


def _money(rng: random.Random, typical: tuple[float, float]) -> float:
    """An amount: mostly typical, sometimes a cent, a whole number, or huge up to MAX_MONEY."""
    r = rng.random()
    if r < 0.06:
        return 0.01
    if r < 0.10:
        return rng.choice([0.02, 0.1, 0.5, 1.0])
    if r < 0.14:
        return rng.choice([MAX_MONEY, MAX_MONEY - 0.01, 1e9, 123456789.12])
    if r < 0.20:
        return rng.uniform(*typical)  # unrounded: floats that are not a whole cent
    if r < 0.35:
        return float(rng.randint(int(typical[0]), int(typical[1])))
    return round(rng.uniform(*typical), 2)


def _means(rng: random.Random) -> dict[str, object]:
    means: dict[str, object] = {}
    r = rng.random()
    if r < 0.6:
        means["currency"] = rng.choice(["EUR", "USD", "XOF", "JPY"])
    hours: float | None
    r = rng.random()
    if r < 0.15:
        hours = None
    elif r < 0.20:
        hours = rng.choice([0.01, 0.5, 1.0, 744.0, 743.99])
    elif r < 0.55:
        hours = float(rng.randint(5, 200))
    else:
        hours = round(rng.uniform(1, 200), 1)
    if hours is not None:
        means["hours_per_month"] = hours

    in_house: dict[str, object] = {}
    ih_kind = rng.choice(["hourly", "hourly", "salary", "salary", "none"])
    if ih_kind == "hourly":
        in_house["hourly"] = _money(rng, (8.0, 90.0))
    elif ih_kind == "salary":
        in_house["annual_salary"] = _money(rng, (12000.0, 120000.0))
    r = rng.random()
    if r < 0.5:
        in_house["load_factor"] = rng.choice([1.0, 1.25, 1.3, 1.42, 2.0, 3.0])
    elif r < 0.6:
        in_house["load_factor"] = round(rng.uniform(1.0, 3.0), 3)
    r = rng.random()
    if r < 0.15:
        in_house["productive_hours_per_year"] = rng.choice([1.0, 1607.0, 1820.0, 8784.0, 0.5])
    agency: dict[str, object] = {}
    ag_kind = rng.choice(["hourly", "hourly", "retainer", "retainer", "none"])
    if ag_kind == "hourly":
        agency["hourly"] = _money(rng, (15.0, 150.0))
    elif ag_kind == "retainer":
        agency["retainer_monthly"] = _money(rng, (300.0, 15000.0))

    # Ties: the same hourly cost on both sides, or a retainer equal to the in-house month.
    if rng.random() < 0.12 and ih_kind == "hourly" and ag_kind != "none":
        in_house["load_factor"] = 1.0
        ih = in_house["hourly"]
        assert isinstance(ih, float)
        if ag_kind == "hourly":
            agency["hourly"] = ih
        elif hours is not None and ih * hours <= MAX_MONEY:
            agency["retainer_monthly"] = ih * hours
    if in_house:
        means["in_house"] = in_house
    if agency:
        means["agency"] = agency

    # The budget: none, zero, a random amount, or exactly on (or one cent off) a monthly cost.
    ih_monthly = _in_house_monthly(in_house, hours)
    ag_monthly = _agency_monthly(agency, hours)
    r = rng.random()
    budget: float | None
    if r < 0.25:
        budget = None
    elif r < 0.30:
        budget = 0.0
    elif r < 0.50 and (ih_monthly is not None or ag_monthly is not None):
        on = rng.choice([c for c in (ih_monthly, ag_monthly) if c is not None])
        budget = on + rng.choice([0.0, 0.0, 0.01, -0.01])
        if not 0.0 <= budget <= MAX_MONEY:
            budget = None
    elif r < 0.54:
        budget = rng.choice([MAX_MONEY, 1e9])
    elif r < 0.70:
        budget = float(rng.randint(0, 20000))
    else:
        budget = round(rng.uniform(100, 15000), 2)
    if budget is not None:
        means["budget_monthly"] = budget

    # limit_means needs both costs and, with a retainer, the hours (else profile_io refuses it).
    comparable = ih_kind != "none" and (
        ag_kind == "hourly" or (ag_kind == "retainer" and hours is not None)
    )
    if comparable and rng.random() < 0.3:
        means["limit_means"] = True
    elif rng.random() < 0.1:
        means["limit_means"] = False
    return means


def _in_house_monthly(in_house: dict[str, object], hours: float | None) -> float | None:
    """A rough in-house month (loaded hourly × hours), to put budgets on and around it."""
    load = in_house.get("load_factor", 1.3)
    hourly = in_house.get("hourly")
    assert isinstance(load, float)
    if isinstance(hourly, float):
        return hourly * load * hours if hours is not None else None
    salary = in_house.get("annual_salary")
    if isinstance(salary, float):
        return salary * load / 12.0 if hours is None else None
    return None


def _agency_monthly(agency: dict[str, object], hours: float | None) -> float | None:
    retainer = agency.get("retainer_monthly")
    if isinstance(retainer, float):
        return retainer
    hourly = agency.get("hourly")
    if isinstance(hourly, float) and hours is not None:
        return hourly * hours
    return None


def _organisation(rng: random.Random) -> dict[str, object]:
    org: dict[str, object] = {}
    if rng.random() < 0.9:
        org["current_mode"] = rng.choice([m.value for m in Mode])
    r = rng.random()
    if r < 0.7:
        org["months_in_mode"] = rng.choice([0, 1, 6, 11, 11.99, 12, 12.01, 13, 24, 60])
    elif r < 0.8:
        org["months_in_mode"] = round(rng.uniform(0, 40), 2)
    if rng.random() < 0.9:
        org["results"] = rng.choice([x.value for x in Results])
    for key in ("manager_checked", "vertical"):
        r = rng.random()
        if r < 0.8:
            org[key] = rng.random() < (0.5 if key == "manager_checked" else 0.25)
    for key in ("constraints_liftable", "interlocutor"):
        if rng.random() < 0.85:
            org[key] = rng.choice([None, True, False])
    return org


def _profile(rng: random.Random) -> dict[str, object]:
    as_of = rng.choice(AS_OF_DAYS)
    kinds = [k.value for k in ObjectiveKind]
    caps = [c.value for c in Capability]
    data: dict[str, object] = {
        "as_of": as_of.isoformat(),
        "objectives": {
            "primary": rng.choice(kinds),
            "secondary": [rng.choice(kinds) for _ in range(rng.choice([0, 0, 1, 2, 3]))],
        },
        "audience": rng.choice([a.value for a in Audience]),
    }
    r = rng.random()
    if r < 0.85:
        n = rng.choice([0, 0, 1, 1, 2, 3, 4, 5])
        chosen = rng.sample(caps, n)
        if n and rng.random() < 0.05:
            chosen.append(chosen[0])  # a repeated answer
        data["capabilities"] = chosen
    if rng.random() < 0.9:
        data["speed"] = rng.choice([s.value for s in Speed])
    r = rng.random()
    if r < 0.65:
        data["progress"] = round(rng.random(), 2)
    elif r < 0.8:
        data["progress"] = rng.choice([0.0, 1.0, 0.5, 0.005])
    r = rng.random()
    if r < 0.5:
        data["smo_sma_mix"] = round(rng.random(), 2)
    elif r < 0.6:
        data["smo_sma_mix"] = rng.choice([0.0, 1.0])
    r = rng.random()
    if r < 0.55:
        days = rng.randint(-400, 1500)
    elif r < 0.75:
        # On as_of, a day before it, and both sides of the 6- and 12-month band edges.
        days = rng.choice([0, -1, 1, 182, 183, 365, 366])
    else:
        days = None
    if days is not None:
        data["deadline"] = (as_of + timedelta(days=days)).isoformat()
    if rng.random() < 0.97:
        data["means"] = _means(rng)
    if rng.random() < 0.95:
        data["organisation"] = _organisation(rng)
    return data


def cases() -> Iterator[Case]:
    """The corpus, in order: COUNT cases from one seeded generator."""
    rng = random.Random(SEED)
    verdicts = [v.value for v in Verdict]
    names = list(WEIGHTS)
    for index in range(COUNT):
        profile = _profile(rng)
        incumbent = rng.choice(verdicts) if rng.random() < 0.3 else None
        weights = "default" if rng.random() < 0.85 else rng.choice(names[1:])
        yield Case(index, profile, incumbent, weights)


def canonical(data: object) -> str:
    """The canonical JSON of a value: sorted keys, compact separators."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def evaluate(case: Case) -> dict[str, object]:
    """The recommendation for one case, as JSON."""
    incumbent = None if case.incumbent is None else Verdict(case.incumbent)
    profile = parse_profile(case.profile)
    rec = recommend(profile, weights=WEIGHTS[case.weights], incumbent=incumbent)
    return recommendation_to_dict(rec)


def digest(data: object) -> str:
    """SHA-256 of a value's canonical JSON."""
    return hashlib.sha256(canonical(data).encode()).hexdigest()


def is_sample(index: int) -> bool:
    """Whether a case is kept in full in samples.json."""
    return index % (COUNT // SAMPLES) == 0


@dataclass(frozen=True, slots=True)
class Corpus:
    """What the files hold: the digest of the inputs, one output digest per case, the samples."""

    inputs: str
    outputs: tuple[str, ...]
    samples: dict[int, dict[str, object]]  # index -> {"case": ..., "recommendation": ...}


def compute(observe: Callable[[Case, dict[str, object]], None] | None = None) -> Corpus:
    """Recompute the corpus with the engine as it is now; `observe` sees each recommendation."""
    inputs = hashlib.sha256()
    outputs: list[str] = []
    samples: dict[int, dict[str, object]] = {}
    for case in cases():
        inputs.update(canonical(case.as_json()).encode())
        inputs.update(b"\n")
        rec = evaluate(case)
        outputs.append(digest(rec))
        if observe is not None:
            observe(case, rec)
        if is_sample(case.index):
            samples[case.index] = {"case": case.as_json(), "recommendation": rec}
    return Corpus(inputs.hexdigest(), tuple(outputs), samples)


_HEADER = (
    "# Golden corpus of scoring.recommend (tests/scoring/golden/__init__.py).\n"
    "# Regenerate only for a reviewed change of outputs: python -m tests.scoring.golden --write\n"
)


def write(corpus: Corpus) -> None:
    """Store a corpus in digests.txt and samples.json."""
    lines = [f"# seed {SEED}, {COUNT} cases, inputs {corpus.inputs}", *corpus.outputs]
    DIGESTS.write_text(_HEADER + "\n".join(lines) + "\n")
    samples = {str(i): s for i, s in sorted(corpus.samples.items())}
    SAMPLES_FILE.write_text(json.dumps(samples, sort_keys=True, indent=1) + "\n")


def load() -> Corpus:
    """The stored corpus."""
    lines = [x for x in DIGESTS.read_text().splitlines() if x and not x.startswith("# ")]
    header = next(x for x in DIGESTS.read_text().splitlines() if x.startswith("# seed "))
    inputs = header.rsplit(" ", 1)[1]
    raw = json.loads(SAMPLES_FILE.read_text())
    samples = {int(k): v for k, v in raw.items()}
    return Corpus(inputs, tuple(lines), samples)


def differences(stored: Corpus, now: Corpus, *, shown: int = 3) -> str:
    """What differs between the stored corpus and a recomputed one, readably; '' if nothing."""
    out: list[str] = []
    if stored.inputs != now.inputs:
        out.append(
            f"the generator's cases changed (inputs {stored.inputs[:12]}… now {now.inputs[:12]}…):"
            " the corpus no longer tests the same profiles"
        )
    if len(stored.outputs) != len(now.outputs):
        out.append(f"{len(stored.outputs)} stored digests, {len(now.outputs)} cases now")
    changed = [
        i for i, (a, b) in enumerate(zip(stored.outputs, now.outputs, strict=False)) if a != b
    ]
    if changed:
        listed = ", ".join(map(str, changed[:40])) + (" …" if len(changed) > 40 else "")
        out.append(f"{len(changed)} of {len(now.outputs)} recommendations differ: {listed}")
        by_index = {c.index: c for c in cases() if c.index in set(changed[:shown])}
        for i in changed[:shown]:
            out.append(f"case {i}: {canonical(by_index[i].as_json())}")
        for i in [i for i in changed if i in stored.samples][:shown]:
            out.append(f"sample {i}, stored then now:")
            out += _diff(stored.samples[i]["recommendation"], now.samples[i]["recommendation"])
    return "\n".join(out)


def _diff(before: object, after: object) -> list[str]:
    a = json.dumps(before, sort_keys=True, indent=1).splitlines()
    b = json.dumps(after, sort_keys=True, indent=1).splitlines()
    return list(difflib.unified_diff(a, b, "stored", "now", n=2, lineterm=""))[:80]
