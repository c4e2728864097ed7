"""`python -m bot [all|web|socket|clock|tick|migrate|demo]`: the composition root of every process."""

from __future__ import annotations

import argparse
import logging
import signal
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import UTC, datetime
from types import FrameType
from typing import Any

from bot.settings import Settings, SettingsError, load_settings, require

COMMANDS = ("all", "web", "socket", "clock", "tick", "migrate", "demo")


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; a settings problem prints one line and returns 2."""
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("command", nargs="?", default="all", choices=COMMANDS)
    parser.add_argument(
        "--now",
        help="tick only: the instant of the pass, ISO 8601 (e.g. 2026-12-07T09:00:00+01:00; "
        "without an offset, UTC)",
    )
    args = parser.parse_args(argv)
    try:
        now = _instant(args.now) if args.now is not None else None
        if now is not None and args.command != "tick":
            raise SettingsError("--now is for `python -m bot tick` only.")
        settings = load_settings()
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        if args.command == "tick":
            return _tick(settings, now)
        if args.command == "clock":
            return _clock(settings)
        return _run(args.command, settings)
    except SettingsError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _instant(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise SettingsError(
            f"--now {text!r} is not an ISO 8601 instant (e.g. 2026-12-07T09:00:00+01:00)."
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _tick(settings: Settings, now: datetime | None) -> int:
    from bot.compose import build_clock
    from bot.scheduler import run_tick

    clock = build_clock(settings)
    try:
        run_tick(clock.deps, sender_for=clock.sender_for, now=now or clock.deps.clock())
    finally:
        clock.close()
    return 0


def _clock(settings: Settings) -> int:
    from bot.compose import build_clock
    from bot.scheduler import build_scheduler

    clock = build_clock(settings)
    stop = threading.Event()
    scheduler = build_scheduler(clock.deps, sender_for=clock.sender_for, stop=stop)

    def stop_cleanly(signum: int, _frame: FrameType | None) -> None:
        # The tick in hand finishes its current job, records it and hands the rest back.
        logging.getLogger("bot.clock").info("Stopping on signal %d", signum)
        stop.set()
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop_cleanly)
    signal.signal(signal.SIGINT, stop_cleanly)
    try:
        scheduler.start()  # blocks until shut down
    finally:
        clock.close()
    return 0


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
    if command != "all":
        return _serve_web(settings)
    # Small installs and development: the schema brought up to date, then the clock in a
    # process of its own (threads and database connections must not cross gunicorn's fork).
    _migrate(settings)
    clock = subprocess.Popen([sys.executable, "-m", "bot", "clock"])
    try:
        return _serve_web(settings)
    finally:
        clock.terminate()
        try:
            clock.wait(timeout=30)
        except subprocess.TimeoutExpired:
            clock.kill()


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
