"""`python -m bench`: every benchmark, one after the other."""

from __future__ import annotations

import importlib
import sys

BENCHMARKS = (
    "bench.bench_scoring",
    "bench.bench_ack",
    "bench.bench_outbox",
    "bench.bench_checkins",
    "bench.bench_charts",
    "bench.bench_reevaluation",
)


def main() -> int:
    """Run each benchmark module's `main()`; the exit code says whether every target was met."""
    failed = 0
    for name in BENCHMARKS:
        print(f"\n== {name}")
        failed += importlib.import_module(name).main() != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
