"""Locales: cached per person in the database, remembered per process, refreshed when stale."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.deps import Deps
from bot.domain import SlackUser
from bot.memo import Memo
from bot.sandbox import SlackStandIn
from bot.services.people import PERSON_CACHE_TTL, cached_locale, locale_for, remember_user
from bot.settings import Settings
from bot.slack.clients import make_client

T0 = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
ALICE = SlackUser(
    "U1",
    tz="Europe/Paris",
    locale="fr-FR",
    is_bot=False,
    is_admin=False,
    is_owner=False,
    deleted=False,
)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def no_slack(team_id: str) -> WebClient:
    raise AssertionError(f"no Slack call expected for {team_id}")


def make_deps(session_factory, clock: Clock) -> Deps:
    settings = Settings(_env_file=None, default_locale="en")
    return Deps(settings=settings, session_factory=session_factory, slack_for=no_slack, clock=clock)


def test_a_person_never_seen_has_no_cached_locale_and_is_looked_up(session_factory) -> None:
    deps = make_deps(session_factory, Clock(T0))
    looked_up: list[str] = []

    def fetch(user_id: str) -> SlackUser:
        looked_up.append(user_id)
        return ALICE

    assert cached_locale(deps, team_id="T1", user_id="U1") is None
    locale = locale_for(deps, team_id="T1", user_id="U1", fetch=fetch)
    assert (locale, looked_up) == ("fr", ["U1"])
    assert cached_locale(deps, team_id="T1", user_id="U1") == "fr"


def test_a_profile_older_than_the_cache_lifetime_is_looked_up_again(session_factory) -> None:
    clock = Clock(T0)
    remember_user(make_deps(session_factory, clock), team_id="T1", user=ALICE)
    clock.now = T0 + PERSON_CACHE_TTL + timedelta(minutes=1)
    fresh_process = make_deps(session_factory, clock)  # its memo is empty
    assert cached_locale(fresh_process, team_id="T1", user_id="U1") is None


def test_workspaces_are_kept_apart(session_factory) -> None:
    deps = make_deps(session_factory, Clock(T0))
    remember_user(deps, team_id="T1", user=ALICE)
    assert cached_locale(deps, team_id="T2", user_id="U1") is None


def test_the_memo_forgets_entries_after_their_lifetime() -> None:
    memo: Memo[str, str] = Memo(ttl=timedelta(minutes=5))
    memo.put("a", "fr", now=T0)
    assert memo.get("a", now=T0 + timedelta(minutes=4)) == "fr"
    assert memo.get("a", now=T0 + timedelta(minutes=5)) is None


def test_the_memo_evicts_the_least_recently_used_entry_when_full() -> None:
    memo: Memo[str, int] = Memo(ttl=timedelta(hours=1), max_entries=2)
    memo.put("a", 1, now=T0)
    memo.put("b", 2, now=T0)
    assert memo.get("a", now=T0) == 1  # "b" is now the least recently used
    memo.put("c", 3, now=T0)
    assert (memo.get("a", now=T0), memo.get("b", now=T0), memo.get("c", now=T0)) == (1, None, 3)


def test_slack_clients_retry_a_short_rate_limit_but_not_a_long_one() -> None:
    with SlackStandIn() as standin:
        client = make_client(api_url=standin.api_url, token=standin.bot_token)
        standin.fail("users.info", error="ratelimited", status=429, retry_after=0, times=1)
        assert client.users_info(user="U0BOB")["ok"]  # retried once, then answered
        standin.fail("users.info", error="ratelimited", status=429, retry_after=30, times=1)
        with pytest.raises(SlackApiError) as refused:  # a 30-second wait is not taken
            client.users_info(user="U0BOB")
        assert refused.value.response["error"] == "ratelimited"
