"""Many callers at once: counters, waiting, concurrent workers and processes, slow answers."""

from __future__ import annotations

import http.client
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from slack_sdk import WebClient

from bot.sandbox import SlackStandIn


def test_count_tells_how_many_calls_arrived_in_all_and_per_method(
    standin: SlackStandIn, client: WebClient
) -> None:
    for _ in range(3):
        client.chat_postMessage(channel="C0GENERAL", text="x")
    client.auth_test()
    assert standin.count("chat.postMessage") == 3
    assert standin.count("auth.test") == 1
    assert standin.count("views.open") == 0
    assert standin.count() == 4 == len(standin.calls())


def test_message_counts_count_each_channels_messages_and_dms_by_their_d_id(
    standin: SlackStandIn, client: WebClient
) -> None:
    client.chat_postMessage(channel="C0GENERAL", text="digest")
    for text in ("check-in", "reminder"):
        client.chat_postMessage(channel="U0ALICE", text=text)
    assert standin.message_count("C0GENERAL") == 1
    assert standin.message_count("U0ALICE") == standin.message_count(standin.dm_id("U0ALICE")) == 2
    assert standin.message_count("U0BOB") == 0
    assert standin.message_counts() == {"C0GENERAL": 1, standin.dm_id("U0ALICE"): 2}


def test_wait_for_count_returns_as_soon_as_the_calls_arrive(
    standin: SlackStandIn, client: WebClient
) -> None:
    def post_later() -> None:
        time.sleep(0.1)
        for _ in range(2):
            client.chat_postMessage(channel="C0GENERAL", text="late")

    worker = threading.Thread(target=post_later)
    started = time.monotonic()
    worker.start()
    assert standin.wait_for_count("chat.postMessage", 2, timeout=5) == 2
    assert time.monotonic() - started < 2
    worker.join()


def test_waiting_gives_up_after_the_timeout_with_what_arrived(
    standin: SlackStandIn, client: WebClient
) -> None:
    client.chat_postMessage(channel="C0GENERAL", text="only one")
    started = time.monotonic()
    assert standin.wait_for_count("chat.postMessage", 2, timeout=0.2) == 1
    assert len(standin.wait_for_calls("chat.postMessage", 2, timeout=0.2)) == 1
    assert time.monotonic() - started >= 0.4


def test_concurrent_workers_each_get_their_dm_and_the_record_stays_exact(
    standin: SlackStandIn,
) -> None:
    users = [f"U0W{i:04d}" for i in range(30)]
    for user in users:
        standin.add_user(user, user.lower())
    client = WebClient(base_url=standin.api_url, token=standin.bot_token)

    def post(i: int) -> str:
        return str(client.chat_postMessage(channel=users[i % len(users)], text=f"dm {i}")["ts"])

    with ThreadPoolExecutor(max_workers=48) as pool:
        stamps = list(pool.map(post, range(600)))
    assert len(set(stamps)) == 600
    assert standin.count("chat.postMessage") == 600
    assert {c.params["text"] for c in standin.calls("chat.postMessage")} == {
        f"dm {i}" for i in range(600)
    }
    assert standin.message_counts() == {standin.dm_id(u): 20 for u in users}


def test_calls_from_several_processes_at_once_are_all_answered_and_recorded(
    standin: SlackStandIn,
) -> None:
    script = (
        "import sys\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from slack_sdk import WebClient\n"
        "client = WebClient(base_url=sys.argv[1], token=sys.argv[2])\n"
        "post = lambda i: client.chat_postMessage(channel='U0BOB', text=sys.argv[3] + str(i))\n"
        "with ThreadPoolExecutor(8) as pool:\n"
        "    list(pool.map(post, range(50)))\n"
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", script, standin.api_url, standin.bot_token, f"p{n}-"]
        )
        for n in range(3)
    ]
    assert [w.wait(timeout=60) for w in workers] == [0, 0, 0]
    assert standin.count("chat.postMessage") == 150
    assert standin.message_count("U0BOB") == 150


def test_a_burst_of_connections_is_accepted_without_the_clients_retrying(
    standin: SlackStandIn,
) -> None:
    # With socketserver's backlog of 5, part of such a burst waits out a 1 s SYN retry.
    address = urlsplit(standin.base_url)
    host, port = address.hostname, address.port
    assert host is not None and port is not None

    def call(_: int) -> float:
        started = time.monotonic()
        connection = http.client.HTTPConnection(host, port, timeout=10)
        try:
            connection.request("POST", "/api/auth.test", headers={"Authorization": "Bearer x"})
            connection.getresponse().read()
        finally:
            connection.close()
        return time.monotonic() - started

    with ThreadPoolExecutor(max_workers=100) as pool:
        slowest = max(pool.map(call, range(100)))
    assert slowest < 0.9
    assert standin.count("auth.test") == 100


def test_slow_answers_to_one_method_are_served_side_by_side(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.slow("chat.postMessage", seconds=0.4)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        list(
            pool.map(lambda i: client.chat_postMessage(channel="C0GENERAL", text=str(i)), range(10))
        )
    elapsed = time.monotonic() - started
    assert 0.4 <= elapsed < 2.0  # one after the other would take 4 s
    assert standin.message_count("C0GENERAL") == 10


def test_other_calls_and_inspection_stay_fast_while_slow_answers_are_pending(
    standin: SlackStandIn, client: WebClient
) -> None:
    standin.slow("chat.postMessage", seconds=1.0, times=1)
    pending = threading.Thread(
        target=client.chat_postMessage, kwargs={"channel": "C0GENERAL", "text": "s"}
    )
    pending.start()
    time.sleep(0.1)  # the slow call is now sleeping
    started = time.monotonic()
    client.users_info(user="U0ALICE")
    standin.messages("C0GENERAL")
    standin.count()
    assert time.monotonic() - started < 0.5
    pending.join()
    assert standin.message_count("C0GENERAL") == 1
