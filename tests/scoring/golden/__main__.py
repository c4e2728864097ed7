"""`python -m tests.scoring.golden [--write]`: compare the engine with the corpus, or store it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from tests.scoring.golden import compute, differences, load, write


def main(argv: Sequence[str] | None = None) -> int:
    """Check the stored corpus (exit 1 on a difference), or rewrite it with --write."""
    parser = argparse.ArgumentParser(prog="python -m tests.scoring.golden")
    parser.add_argument("--write", action="store_true", help="store the engine's current outputs")
    args = parser.parse_args(argv)
    corpus = compute()
    if args.write:
        write(corpus)
        sys.stdout.write(f"wrote {len(corpus.outputs)} digests and {len(corpus.samples)} samples\n")
        return 0
    report = differences(load(), corpus)
    sys.stdout.write((report or "the engine matches the golden corpus") + "\n")
    return 1 if report else 0


if __name__ == "__main__":
    sys.exit(main())
