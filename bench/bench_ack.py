"""Acknowledgement latency of `/smm help` against two bare Bolt apps, all under gunicorn.

Each app is served by the same gunicorn command (1 gthread worker, 8 threads) on loopback;
signed slash commands are sent one at a time after a warm-up, and the app's lazy work (the
ephemeral answer, through the Slack stand-in) runs as in production. Prints median and p99 per
app, the ratios the targets are about, and the resident memory of SMM Advisor's server processes.
"""

from __future__ import annotations

import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

from bot.sandbox.signing import compute_signature
from bot.sandbox.standin import SlackStandIn
from bot.store.migrate import upgrade

SECRET = "bench-signing-secret"
WARMUP, REQUESTS = 100, 1000
ROOT = Path(__file__).resolve().parents[1]
APPS = {
    "bare Bolt, default": "bench.wsgi_apps:default_bare()",
    "bare Bolt, process_before_response": "bench.wsgi_apps:fast_bare()",
    "SMM Advisor /smm help": "bench.wsgi_apps:smm()",
}
TARGET_RSS_MB = 150


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(target: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    proc = subprocess.Popen(
        [
            gunicorn,
            "-k",
            "gthread",
            "-w",
            "1",
            "--threads",
            "8",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            target,
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{target} did not start")


def _command_body(standin: SlackStandIn, user_id: str) -> bytes:
    return urllib.parse.urlencode(
        {
            "token": "legacy",
            "team_id": standin.team_id,
            "team_domain": "bench",
            "channel_id": "C0GENERAL",
            "channel_name": "general",
            "user_id": user_id,
            "user_name": "bench",
            "command": "/smm",
            "text": "help",
            "api_app_id": "A0STANDIN",
            "is_enterprise_install": "false",
            "response_url": standin.response_url("bench"),
            "trigger_id": standin.new_trigger_id(user_id=user_id),
        }
    ).encode()


def _latencies(port: int, standin: SlackStandIn, user_id: str) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    samples: list[float] = []
    try:
        for i in range(WARMUP + REQUESTS):
            body = _command_body(standin, user_id)
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": compute_signature(SECRET, ts, body),
            }
            start = time.perf_counter()
            conn.request("POST", "/slack/events", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = time.perf_counter() - start
            if response.status != 200:
                raise RuntimeError(f"HTTP {response.status}")
            if i >= WARMUP:
                samples.append(elapsed)
    finally:
        conn.close()
    return samples


def _tree_rss_mb(pid: int) -> float:
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total_kb = 0
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total_kb += int(line.split()[1])
    return total_kb / 1024


def main() -> int:
    """Run the benchmark; 0 when every target is met."""
    results: dict[str, tuple[float, float]] = {}
    rss = 0.0
    with SlackStandIn().start() as standin, tempfile.TemporaryDirectory() as tmp:
        user_id = standin.add_user("UBENCH", name="bench", locale="en-US").id
        database_url = f"sqlite:///{tmp}/bench.db"
        upgrade(database_url)
        env = {
            **os.environ,
            "SLACK_API_URL": standin.api_url,
            "SLACK_BOT_TOKEN": standin.bot_token,
            "SLACK_SIGNING_SECRET": SECRET,
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        for label, target in APPS.items():
            proc, port = _serve(target, env)
            try:
                samples = _latencies(port, standin, user_id)
                results[label] = (
                    statistics.median(samples),
                    statistics.quantiles(samples, n=100)[98],
                )
                if label.startswith("SMM"):
                    time.sleep(0.5)  # let the last lazy answers finish before reading memory
                    rss = _tree_rss_mb(proc.pid)
            finally:
                proc.terminate()
                proc.wait(timeout=10)
        answered = len(standin.calls("response_url"))

    print(f"{REQUESTS} signed /smm help requests per app, one at a time, after {WARMUP} warm-up")
    print(f"{'app':40} {'median ms':>10} {'p99 ms':>10}")
    for label, (median, p99) in results.items():
        print(f"{label:40} {median * 1000:10.2f} {p99 * 1000:10.2f}")
    ours = results["SMM Advisor /smm help"][1]
    default = results["bare Bolt, default"][1]
    fast = results["bare Bolt, process_before_response"][1]
    ok_default, ok_fast, ok_rss = ours <= default / 2, ours <= fast * 2, rss < TARGET_RSS_MB
    print(
        f"p99 ratio vs default bare app: {ours / default:.2f} (target <= 0.50) {'OK' if ok_default else 'MISSED'}"
    )
    print(
        f"p99 ratio vs process_before_response bare app: {ours / fast:.2f} (target <= 2.00) {'OK' if ok_fast else 'MISSED'}"
    )
    print(
        f"resident memory of SMM Advisor's gunicorn processes: {rss:.0f} MB (target < {TARGET_RSS_MB}) {'OK' if ok_rss else 'MISSED'}"
    )
    print(f"lazy answers delivered to the stand-in: {answered} of {WARMUP + REQUESTS}")
    return 0 if ok_default and ok_fast and ok_rss else 1


if __name__ == "__main__":
    sys.exit(main())
