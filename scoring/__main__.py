"""Entry point of `python -m scoring` (the only place in scoring/ that does I/O, with cli.py)."""

import sys

from scoring.cli import main

if __name__ == "__main__":
    sys.exit(main())
