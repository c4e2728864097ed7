"""`python -m bot.sandbox`: run the Slack stand-in on its own and print its API URL."""

from __future__ import annotations

import sys
import threading

from bot.sandbox.standin import SlackStandIn


def main() -> int:
    """Serve until interrupted; the first line printed is the Web API base URL."""
    with SlackStandIn() as standin:
        print(standin.api_url, flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
