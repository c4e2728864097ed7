"""Who may change the workspace's settings, asked of the database and, when it cannot say, Slack."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.domain import SlackUser
from bot.services import settings
from bot.services.errors import NotAllowed
from bot.services.people import PERSON_CACHE_TTL, remember_user
from bot.services.settings import Access
from tests.bot.test_people import T0, Clock, make_deps

ADMIN = SlackUser("U1", None, None, is_bot=False, is_admin=True, is_owner=False, deleted=False)
MEMBER = replace(ADMIN, user_id="U2", is_admin=False)


def nobody(user_id: str) -> SlackUser | None:
    raise AssertionError(f"no users.info expected for {user_id}")


def test_an_uncached_admin_is_looked_up_once_then_allowed(session_factory) -> None:
    deps = make_deps(session_factory, Clock(T0))
    assert settings.access(deps, team_id="T1", user_id="U1").access is Access.UNKNOWN
    looked_up: list[str] = []

    def fetch(user_id: str) -> SlackUser | None:
        looked_up.append(user_id)
        return ADMIN

    assert settings.check_access(deps, team_id="T1", user_id="U1", fetch=fetch).allowed
    assert settings.check_access(deps, team_id="T1", user_id="U1", fetch=nobody).allowed
    assert looked_up == ["U1"]


def test_a_member_is_refused_and_asked_again_once_their_profile_is_stale(session_factory) -> None:
    clock = Clock(T0)
    deps = make_deps(session_factory, clock)
    remember_user(deps, team_id="T1", user=MEMBER)
    assert settings.access(deps, team_id="T1", user_id="U2").access is Access.NOT_ALLOWED
    clock.now = T0 + PERSON_CACHE_TTL + timedelta(seconds=1)
    assert settings.access(deps, team_id="T1", user_id="U2").access is Access.UNKNOWN


def test_once_leads_are_set_an_admin_who_is_not_one_cannot_save(session_factory) -> None:
    deps = make_deps(session_factory, Clock(T0))
    remember_user(deps, team_id="T1", user=ADMIN)
    current = settings.current_settings(deps, team_id="T1", user_id="U1")
    leads = replace(current, team_lead_user_ids=("U3",))
    assert settings.save_settings(
        deps, team_id="T1", user_id="U1", settings=leads, delivery_key="k1", fetch=nobody
    )
    with pytest.raises(NotAllowed) as refused:
        settings.save_settings(
            deps,
            team_id="T1",
            user_id="U1",
            settings=replace(leads, currency="USD"),
            delivery_key="k2",
            fetch=nobody,
        )
    assert (refused.value.reason, refused.value.lead_user_ids) == ("not_a_lead", ("U3",))
    assert settings.current_settings(deps, team_id="T1", user_id="U1") == leads
    # The refused delivery's key was rolled back with it; a repeat of the first is a no-op.
    assert not settings.save_settings(
        deps, team_id="T1", user_id="U1", settings=leads, delivery_key="k1", fetch=nobody
    )
