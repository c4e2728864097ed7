"""`python -m bot [all|web|socket|migrate|demo]`: the composition root of every process."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from bot.settings import Settings, SettingsError, load_settings, require

COMMANDS = ("all", "web", "socket", "migrate", "demo")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a settings problem prints one line and returns 2."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("command", nargs="?", default="all", choices=COMMANDS)
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        return _run(args.command, settings)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _run(command: str, settings: Settings) -> int:
    if command == "migrate":
        return _migrate(settings)
    if command == "demo":
        from bot.demo import run_demo

        return run_demo()
    if command == "socket":
        from bot.compose import build_socket, check_bot_token

        require(settings, "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
        check_bot_token(settings)
        socket = build_socket(settings)
        try:
            socket.handler.start()  # type: ignore[no-untyped-call]  # blocks until interrupted
        finally:
            socket.close()
        return 0
    require(settings, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    if command == "all":  # small installs and development: bring the schema up to date first
        _migrate(settings)
    return _serve_web(settings)


def _migrate(settings: Settings) -> int:
    from bot.store.migrate import MigrationError, upgrade

    require(settings, "DATABASE_URL")
    try:
        upgrade(settings.database_url)
    except MigrationError as error:
        raise SettingsError(f"DATABASE_URL: {error}") from None
    return 0


def _serve_web(settings: Settings) -> int:
    from gunicorn.app.base import BaseApplication

    from bot.compose import build_web, check_bot_token

    check_bot_token(settings)  # fail here, with one line, rather than in every worker

    class Server(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
        def load_config(self) -> None:
            # Threaded workers: Bolt runs lazy listeners in a thread pool per worker.
            # The number of workers follows gunicorn's WEB_CONCURRENCY (default 1).
            options: dict[str, Any] = {
                "bind": f"0.0.0.0:{settings.port}",
                "worker_class": "gthread",
                "threads": 8,
                "accesslog": "-",
                "loglevel": settings.log_level.lower(),
            }
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return build_web(settings).wsgi  # built in each worker: engines must not cross a fork

    Server().run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
