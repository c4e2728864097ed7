"""Repo functions: workspace and person upserts, and request de-duplication."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import time, timedelta
from typing import Any

import pytest
from sqlmodel import Session, select

from bot.store import repo
from bot.store.db import session_scope
from bot.store.models import Person, ProcessedRequest, Workspace
from tests.store.helpers import T0


def test_remember_request_is_true_the_first_time_and_false_afterwards(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        assert repo.remember_request(session=session, team_id="T1", key="Ev1", at=T0) is True
        assert repo.remember_request(session=session, team_id="T1", key="Ev1", at=T0) is False

    with session_scope(session_factory) as session:  # a Slack retry, in a later transaction
        later = T0 + timedelta(seconds=3)
        assert repo.remember_request(session=session, team_id="T1", key="Ev1", at=later) is False
        assert repo.remember_request(session=session, team_id="T2", key="Ev1", at=later) is True

    with session_scope(session_factory) as session:
        assert len(session.exec(select(ProcessedRequest)).all()) == 2


def test_a_rolled_back_request_is_not_remembered(session_factory: Callable[[], Session]) -> None:
    with pytest.raises(RuntimeError), session_scope(session_factory) as session:
        assert repo.remember_request(session=session, team_id="T1", key="Ev1", at=T0)
        raise RuntimeError("the handler failed")

    with session_scope(session_factory) as session:
        assert repo.remember_request(session=session, team_id="T1", key="Ev1", at=T0) is True


def test_get_or_create_workspace_creates_once_with_defaults(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        created = repo.get_or_create_workspace(
            session=session, team_id="T1", at=T0, name="Acme", tz="Europe/Paris"
        )
    with session_scope(session_factory) as session:
        again = repo.get_or_create_workspace(
            session=session, team_id="T1", at=T0 + timedelta(days=1), name="Other"
        )
        assert repo.get_workspace(session=session, team_id="T2") is None

    assert again.id == created.id
    assert (again.name, again.tz, again.default_locale) == ("Acme", "Europe/Paris", "en")
    assert again.checkin_local_time == time(9, 0)
    assert again.working_days == [0, 1, 2, 3, 4]
    assert again.created_at == T0
    with session_scope(session_factory) as session:
        assert len(session.exec(select(Workspace)).all()) == 1


def test_get_or_create_workspace_refuses_unknown_fields(
    session_factory: Callable[[], Session],
) -> None:
    with pytest.raises(TypeError, match="colour"), session_scope(session_factory) as session:
        repo.get_or_create_workspace(session=session, team_id="T1", at=T0, colour="red")


def test_upsert_person_inserts_then_refreshes_the_cached_profile(
    session_factory: Callable[[], Session],
) -> None:
    profile: dict[str, Any] = {
        "tz": "Europe/Paris",
        "locale": "fr-FR",
        "is_bot": False,
        "is_admin": False,
        "is_owner": False,
        "deleted": False,
    }
    with session_scope(session_factory) as session:
        first = repo.upsert_person(
            session=session, team_id="T1", user_id="U1", refreshed_at=T0, **profile
        )
        assert first.tz == "Europe/Paris"
        first.away_until = T0 + timedelta(days=7)  # the app's own state

    later = T0 + timedelta(hours=1)
    with session_scope(session_factory) as session:
        loaded = repo.get_person(session=session, team_id="T1", user_id="U1")
        assert loaded is not None
        refreshed = repo.upsert_person(
            session=session,
            team_id="T1",
            user_id="U1",
            refreshed_at=later,
            **{**profile, "tz": "America/New_York", "is_admin": True},
        )
        assert refreshed is loaded  # the session's row, brought up to date
        assert (refreshed.tz, refreshed.is_admin, refreshed.refreshed_at) == (
            "America/New_York",
            True,
            later,
        )
        assert refreshed.away_until == T0 + timedelta(days=7)

    with session_scope(session_factory) as session:
        assert len(session.exec(select(Person)).all()) == 1
        assert repo.get_person(session=session, team_id="T2", user_id="U1") is None


def test_concurrent_deliveries_of_the_same_request_are_remembered_exactly_once(
    session_factory: Callable[[], Session],
) -> None:
    def deliver(_: int) -> bool:
        with session_scope(session_factory) as session:
            return repo.remember_request(session=session, team_id="T1", key="Ev-retry", at=T0)

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(deliver, range(12)))

    assert results.count(True) == 1


def test_workspace_settings_round_trip_and_remember_who_saved_them(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        defaults = repo.workspace_settings(
            session=session, team_id="T1", default_tz="Europe/Paris", default_locale="fr"
        )
    assert (defaults.tz, defaults.default_locale, defaults.post_cost_figures) == (
        "Europe/Paris",
        "fr",
        True,
    )
    assert defaults.working_days == (0, 1, 2, 3, 4)
    chosen = replace(
        defaults,
        review_channel_id="C1",
        team_lead_user_ids=("U1", "U2"),
        working_days=(1, 2),
        working_hours_end=time(17, 0),
        holidays_country="BE",
        post_cost_figures=False,
    )
    with session_scope(session_factory) as session:
        repo.save_workspace_settings(
            session=session, team_id="T1", settings=chosen, by_user_id="U1", at=T0
        )
    with session_scope(session_factory) as session:
        again = repo.workspace_settings(
            session=session, team_id="T1", default_tz="UTC", default_locale="en"
        )
        [row] = session.exec(select(Workspace)).all()
    assert again == chosen
    assert (row.settings_user_id, row.team_lead_user_ids, row.working_days) == (
        "U1",
        ["U1", "U2"],
        [1, 2],
    )


def test_settings_facts_say_who_may_change_the_settings_in_one_read(
    session_factory: Callable[[], Session],
) -> None:
    with session_scope(session_factory) as session:
        nobody = repo.settings_facts(session=session, team_id="T1", user_id="U1")
        repo.upsert_person(
            session=session,
            team_id="T1",
            user_id="U1",
            tz=None,
            locale=None,
            is_bot=False,
            is_admin=True,
            is_owner=False,
            deleted=False,
            refreshed_at=T0,
        )
        repo.add_assessment(session=session, team_id="T1", owner_user_id="U2", at=T0)
        repo.get_or_create_workspace(session=session, team_id="T1", at=T0)
    assert nobody == repo.SettingsFacts((), False, None, None, None)
    with session_scope(session_factory) as session:
        admin = repo.settings_facts(session=session, team_id="T1", user_id="U1")
        owner = repo.settings_facts(session=session, team_id="T1", user_id="U2")
        elsewhere = repo.settings_facts(session=session, team_id="T2", user_id="U2")
    assert (admin.is_admin, admin.is_owner, admin.owns_assessment) == (True, False, False)
    assert admin.refreshed_at == T0
    assert (owner.owns_assessment, owner.is_admin) == (True, None)
    assert elsewhere.owns_assessment is False
