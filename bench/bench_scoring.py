"""Benchmark of the decision core: `python -m bench.bench_scoring` (not a test).

10,000 profile evaluations and 10,000 re-evaluations with 5 KPIs × 52 weekly check-ins each.
Targets (2-core machine): under 200 µs per evaluation, under 1 ms per re-evaluation.

The same calls also run on the `scoring/` package of a baseline commit (BASELINE, the engine
before its split into modules), extracted with `git show` into a temporary package and fed the
same inputs; after the targets, the two are timed back to back in 41 short rounds whose order
alternates, and the median of the per-round ratios is shown, so the comparison survives this
shared machine's drift. Without git or that commit, only the current package is timed.
"""

from __future__ import annotations

import argparse
import atexit
import functools
import importlib
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit
from collections.abc import Callable, Mapping, Sequence
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import scoring

TARGET_EVALUATION_US = 200.0
TARGET_REEVALUATION_US = 1000.0
AS_OF = date(2025, 3, 1)
KPIS = 5
CHECK_INS = 52
REPEATS = 5
COMPARE_ROUNDS = 41  # the comparison with BASELINE: many short rounds
COMPARE_CALLS = 500
BASELINE = "bd08b72"  # README: scoring benchmark after the speed passes (engine.py in one file)
ROOT = Path(__file__).resolve().parents[1]


def _profile_dicts(rng: random.Random, n: int) -> list[dict[str, object]]:
    kinds = ["leads", "sales", "awareness", "community", "csr", "financial_comm", "employer_brand"]
    caps = ["copywriting", "targeting", "retargeting", "social_ads", "search_ads"]
    out = []
    for _ in range(n):
        agency: dict[str, object] = (
            {"hourly": rng.uniform(20, 120)}
            if rng.random() < 0.5
            else {"retainer_monthly": rng.uniform(500, 8000)}
        )
        out.append(
            {
                "as_of": AS_OF.isoformat(),
                "objectives": {"primary": rng.choice(kinds), "secondary": rng.sample(kinds, 2)},
                "audience": rng.choice(["restricted", "niche", "broad"]),
                "capabilities": rng.sample(caps, rng.randint(0, 5)),
                "progress": round(rng.random(), 2),
                "speed": rng.choice(["steady", "fast", "maximal"]),
                "deadline": (AS_OF + timedelta(days=rng.randint(-60, 800))).isoformat(),
                "means": {
                    "budget_monthly": rng.randint(500, 10000),
                    "hours_per_month": rng.randint(10, 160),
                    "in_house": {
                        "annual_salary": rng.randint(22000, 60000),
                        "load_factor": 1.42,
                    },
                    "agency": agency,
                    "limit_means": rng.random() < 0.1,
                },
                "organisation": {
                    "current_mode": rng.choice(["none", "in_house", "agency", "hybrid"]),
                    "months_in_mode": rng.choice([0, 6, 13, 24]),
                    "results": rng.choice(["unknown", "not_convincing", "mixed", "convincing"]),
                    "manager_checked": rng.random() < 0.5,
                    "vertical": rng.random() < 0.2,
                    "constraints_liftable": rng.choice([None, True, False]),
                    "interlocutor": rng.choice([None, True, False]),
                },
            }
        )
    return out


def _history_rows(rng: random.Random) -> list[tuple[str, list[tuple[date, float]]]]:
    start = AS_OF - timedelta(weeks=CHECK_INS)
    out = []
    for i in range(KPIS):
        pace = rng.uniform(0.2, 1.2)
        points = [
            (start + timedelta(weeks=w), 1000.0 * pace * w / 69 + rng.gauss(0, 20))
            for w in range(1, CHECK_INS + 1)
        ]
        out.append((f"k{i}", points))
    return out


def baseline_package(commit: str = BASELINE) -> ModuleType | None:
    """The `scoring/` package of a commit, importable as `scoring_<commit>`; None without git."""
    name = f"scoring_{commit}"
    try:
        listed = subprocess.run(
            ["git", "ls-tree", "-r", "--name-only", commit, "scoring/"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        sources = {
            path: subprocess.run(
                ["git", "show", f"{commit}:{path}"],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            for path in listed
        }
    except (OSError, subprocess.CalledProcessError):
        return None
    tmp = tempfile.mkdtemp(prefix="bench-scoring-")
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    root = Path(tmp) / name
    for path, source in sources.items():
        target = root / Path(path).relative_to("scoring")
        target.parent.mkdir(parents=True, exist_ok=True)
        # Its own imports point at itself, so old and new never share a module.
        target.write_text(
            re.sub(r"^(\s*)(from|import) scoring\b", rf"\1\2 {name}", source, flags=re.M)
        )
    sys.path.insert(0, str(root.parent))
    return importlib.import_module(name)


class Workload:
    """The benchmark's calls on one scoring package, its inputs parsed by that package."""

    def __init__(
        self,
        package: ModuleType,
        dicts: list[dict[str, object]],
        rows: list[list[tuple[str, list[tuple[date, float]]]]],
    ) -> None:
        kpi = importlib.import_module(f"{package.__name__}.kpi")
        self.package = package
        self.recommend: Callable[..., Any] = package.recommend
        self.reevaluate: Callable[..., Any] = _reevaluate_function(package)
        self.mode: Any = package.Mode.IN_HOUSE
        self.profiles = [package.parse_profile(d) for d in dicts]
        start = AS_OF - timedelta(weeks=CHECK_INS)
        deadline = AS_OF + timedelta(days=120)
        self.histories = [
            [
                (
                    kpi.KpiSpec(kpi.Direction.INCREASE, 0.0, 1000.0, start, deadline, name=name),
                    [kpi.CheckInPoint(day, value) for day, value in points],
                )
                for name, points in history
            ]
            for history in rows
        ]
        self.previous = [self.recommend(p) for p in self.profiles]

    def outputs(self) -> list[object]:
        """Every profile's recommendation as JSON (to check both packages agree)."""
        return [self.package.recommendation_to_dict(self.recommend(p)) for p in self.profiles]

    def evaluate(self, n: int) -> None:
        """n evaluations, cycling over the profiles."""
        recommend, profiles = self.recommend, self.profiles
        for i in range(n):
            recommend(profiles[i % len(profiles)])

    def reevaluate_all(self, n: int) -> None:
        """n re-evaluations of an in-house team with 5 KPIs × 52 check-ins."""
        profiles, histories, previous = self.profiles, self.histories, self.previous
        since = AS_OF - timedelta(weeks=CHECK_INS)
        for i in range(n):
            j = i % len(profiles)
            self.reevaluate(
                profiles[j],
                mode=self.mode,
                mode_since=since,
                kpis=histories[i % len(histories)],
                previous=previous[j],
                as_of=AS_OF,
            )


def _reevaluate_function(package: ModuleType) -> Callable[..., Any]:
    function: Callable[..., Any] | ModuleType | None = getattr(package, "reevaluate", None)
    if not callable(function):
        # Before the split, `scoring.reevaluate` was only the module of that name.
        function = importlib.import_module(f"{package.__name__}.reevaluate").reevaluate
    assert callable(function)
    return function


def _timed(
    calls: Mapping[str, Callable[[], object]], n: int, rounds: int
) -> dict[str, list[float]]:
    """µs per call for each labelled workload (n calls each), over some rounds; within a round
    they run back to back, in an order that alternates from one round to the next."""
    runs: dict[str, list[float]] = {label: [] for label in calls}
    order = list(calls)
    for round_ in range(rounds):
        for label in order if round_ % 2 == 0 else order[::-1]:
            # timeit's way: the garbage collector paused during the run.
            runs[label].append(timeit.timeit(calls[label], number=1) / n * 1e6)
    return runs


def main(argv: Sequence[str] | None = None) -> int:
    """Run both benchmarks and print µs per call against the targets; exit 1 if one is missed."""
    parser = argparse.ArgumentParser(prog="python -m bench.bench_scoring")
    parser.add_argument("-n", type=int, default=10_000, help="calls per benchmark")
    parser.add_argument("--no-baseline", action="store_true", help=f"do not time {BASELINE}")
    args = parser.parse_args(argv)
    n: int = args.n
    rng = random.Random(20250301)
    dicts = _profile_dicts(rng, 500)
    rows = [_history_rows(rng) for _ in range(50)]
    workloads = {"now": Workload(scoring, dicts, rows)}
    old = None if args.no_baseline else baseline_package()
    if old is not None:
        workloads[BASELINE] = Workload(old, dicts, rows)
        same = workloads["now"].outputs() == workloads[BASELINE].outputs()
        print(f"baseline {BASELINE} loaded; same recommendations on the 500 profiles: {same}")
    elif not args.no_baseline:
        print(f"baseline {BASELINE} not available (no git or no such commit): current only")

    for w in workloads.values():  # warm-up
        w.evaluate(200)
        w.reevaluate_all(20)

    evals = _timed({k: functools.partial(w.evaluate, n) for k, w in workloads.items()}, n, REPEATS)
    reevals = _timed(
        {k: functools.partial(w.reevaluate_all, n) for k, w in workloads.items()}, n, REPEATS
    )
    per_eval = statistics.median(evals["now"])
    per_reeval = statistics.median(reevals["now"])
    ok_eval = per_eval < TARGET_EVALUATION_US
    ok_reeval = per_reeval < TARGET_REEVALUATION_US
    print(
        f"evaluation:    {REPEATS} × {n} calls, median {per_eval:6.1f} µs each (best {min(evals['now']):.1f})"
        f" (target < {TARGET_EVALUATION_US:.0f} µs): {'met' if ok_eval else 'MISSED'}"
    )
    print(
        f"re-evaluation: {REPEATS} × {n} calls, median {per_reeval:6.1f} µs each (best {min(reevals['now']):.1f}),"
        f" {KPIS} KPIs × {CHECK_INS} check-ins"
        f" (target < {TARGET_REEVALUATION_US:.0f} µs): {'met' if ok_reeval else 'MISSED'}"
    )
    if BASELINE in workloads:
        # Many short rounds, the two packages back to back in each: this machine's speed
        # drifts within seconds, so the ratio is taken per round and its median reported.
        m = COMPARE_CALLS
        for what, method in (("evaluation", "evaluate"), ("re-evaluation", "reevaluate_all")):
            pair = {k: functools.partial(getattr(w, method), m) for k, w in workloads.items()}
            runs = _timed(pair, m, COMPARE_ROUNDS)
            ratios = sorted(a / b for a, b in zip(runs["now"], runs[BASELINE], strict=True))
            quartiles = statistics.quantiles(ratios, n=4)
            print(
                f"  {what} vs {BASELINE} (pre-split engine), {COMPARE_ROUNDS} alternating rounds"
                f" × {m} calls: now {statistics.median(runs['now']):6.1f} µs, then"
                f" {statistics.median(runs[BASELINE]):6.1f} µs; now / then per round: median"
                f" {statistics.median(ratios):.3f} (quartiles {quartiles[0]:.3f}–{quartiles[2]:.3f})"
            )
    return 0 if ok_eval and ok_reeval else 1


if __name__ == "__main__":
    raise SystemExit(main())
