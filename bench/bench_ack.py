"""Acknowledgement latency of `/smm help` against two bare Bolt apps, all under gunicorn.

Each app is served by the same gunicorn command (1 gthread worker, 8 threads) on loopback;
signed slash commands are sent one at a time after a warm-up, and the app's lazy work (the
ephemeral answer, through the Slack stand-in) runs as in production. The stand-in runs in a
process of its own, as Slack is remote: in the measuring process its threads would compete with
the timing loop. Prints median and p99 per app, the ratios the targets are about, and the
resident memory of SMM Advisor's server processes.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bot.sandbox.signing import compute_signature
from bot.store.migrate import upgrade

SECRET = "bench-signing-secret"
WARMUP, REQUESTS = 100, 1000
ROOT = Path(__file__).resolve().parents[1]
# label -> (gunicorn target, whether every request comes from someone the app has not met)
APPS = {
    "bare Bolt, default": ("bench.wsgi_apps:default_bare()", False),
    "bare Bolt, process_before_response": ("bench.wsgi_apps:fast_bare()", False),
    "SMM Advisor /smm help": ("bench.wsgi_apps:smm()", False),
    "SMM Advisor /smm help, first contact": ("bench.wsgi_apps:smm()", True),
}
OURS = "SMM Advisor /smm help"
TARGET_RSS_MB = 150
USER_ID = "U0BOB"  # one of the stand-in's people (English)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _serve(target: str, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    command = [gunicorn, "-k", "gthread", "-w", "1", "--threads", "8"]
    command += ["-b", f"127.0.0.1:{port}", "--log-level", "warning", target]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
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


def _start_standin(env: dict[str, str]) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.sandbox"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def _answered(api_url: str) -> int:
    base = api_url.removesuffix("/api/")
    with urllib.request.urlopen(f"{base}/_standin/calls", timeout=10) as response:
        calls = json.loads(response.read())
    return sum(1 for call in calls if call["method"] == "response_url" and call["ok"])


def _command_body(api_url: str, n: int, user_id: str) -> bytes:
    base = api_url.removesuffix("/api/")
    fields = {
        "token": "legacy",
        "team_id": "T0STANDIN",
        "team_domain": "standin",
        "channel_id": "C0GENERAL",
        "channel_name": "general",
        "user_id": user_id,
        "user_name": "bob",
        "command": "/smm",
        "text": "help",
        "api_app_id": "A0STANDIN",
        "is_enterprise_install": "false",
        "response_url": f"{base}/response_url/T0STANDIN/{n}/bench",
        "trigger_id": f"{n}.1.bench",
    }
    return urllib.parse.urlencode(fields).encode()


def _latencies(port: int, api_url: str, *, first_contact: bool) -> list[float]:
    """Latency of each request; a first contact is answered by the lazy listener (users.info)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    samples: list[float] = []
    try:
        for i in range(WARMUP + REQUESTS):
            body = _command_body(api_url, i, f"UNEW{i:05d}" if first_contact else USER_ID)
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
    base_env = {**os.environ, "PYTHONPATH": str(ROOT)}
    standin, api_url = _start_standin(base_env)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            database_url = f"sqlite:///{tmp}/bench.db"
            upgrade(database_url)
            env = {
                **base_env,
                "SLACK_API_URL": api_url,
                "SLACK_BOT_TOKEN": "xoxb-standin",
                "SLACK_SIGNING_SECRET": SECRET,
                "DATABASE_URL": database_url,
                "LOG_LEVEL": "WARNING",
            }
            for label, (target, first_contact) in APPS.items():
                proc, port = _serve(target, env)
                try:
                    samples = _latencies(port, api_url, first_contact=first_contact)
                    p99 = statistics.quantiles(samples, n=100)[98]
                    results[label] = (statistics.median(samples), p99)
                    if label == OURS:
                        time.sleep(0.5)  # let the last lazy answers finish before reading memory
                        rss = _tree_rss_mb(proc.pid)
                finally:
                    proc.terminate()
                    proc.wait(timeout=10)
        answered = _answered(api_url)
    finally:
        standin.terminate()
        standin.wait(timeout=10)

    print(f"{REQUESTS} signed /smm help requests per app, one at a time, after {WARMUP} warm-up")
    print("targets apply to a known user's help; first contact (users.info, lazy) is shown too")
    print(f"{'app':40} {'median ms':>10} {'p99 ms':>10}")
    for label, (median, p99) in results.items():
        print(f"{label:40} {median * 1000:10.2f} {p99 * 1000:10.2f}")
    ours = results[OURS][1]
    default = results["bare Bolt, default"][1]
    fast = results["bare Bolt, process_before_response"][1]
    checks = {
        f"p99 vs default bare app: {ours / default:.2f} (target <= 0.50)": ours <= default / 2,
        f"p99 vs process_before_response bare app: {ours / fast:.2f} (target <= 2.00)": ours
        <= fast * 2,
        f"resident memory of SMM Advisor's server: {rss:.0f} MB (target < {TARGET_RSS_MB})": rss
        < TARGET_RSS_MB,
    }
    for line, ok in checks.items():
        print(f"{line} {'OK' if ok else 'MISSED'}")
    # Known users get help in the acknowledgement; people met for the first time get it from
    # the lazy listener through response_url (as does a known user's first request, and any
    # request that arrives before that first answer cached their locale).
    delivered = answered >= WARMUP + REQUESTS + 1
    print(
        f"lazy answers delivered through response_url: {answered} (at least {WARMUP + REQUESTS + 1}) {'OK' if delivered else 'MISSED'}"
    )
    checks["delivered"] = delivered
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
