"""Migrations build the whole schema, agree with the models, and go back down cleanly."""

from __future__ import annotations

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import inspect
from sqlmodel import SQLModel

import bot.store.models  # noqa: F401  (registers the tables)
from bot.store import migrate
from bot.store.db import Engine, make_engine

EXPECTED_TABLES = {
    "workspace",
    "person",
    "assessment",
    "assessment_version",
    "assessment_draft",
    "objective",
    "kpi",
    "checkin",
    "recommendation",
    "recommendation_message",
    "decision",
    "job",
    "processed_request",
    "slack_installations",
    "slack_bots",
    "slack_oauth_states",
}


def table_names(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_the_metadata_holds_every_table_of_the_data_model() -> None:
    assert set(SQLModel.metadata.tables) == EXPECTED_TABLES


def test_upgrade_head_on_an_empty_database_creates_every_table_and_matches_the_models(
    database_url: str,
) -> None:
    assert table_names(database_url) == set()

    migrate.upgrade(database_url)

    assert table_names(database_url) == EXPECTED_TABLES | {"alembic_version"}
    migrate.check(database_url)  # raises SchemaDriftError on any difference


def test_check_reports_a_schema_that_drifted_from_the_models(migrated_database_url: str) -> None:
    engine = make_engine(migrated_database_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP INDEX ix_kpi_next_due_at")
    finally:
        engine.dispose()

    with pytest.raises(migrate.SchemaDriftError, match="ix_kpi_next_due_at"):
        migrate.check(migrated_database_url)


def test_downgrade_to_base_removes_everything_and_upgrade_rebuilds_it(
    migrated_database_url: str,
) -> None:
    migrate.downgrade(migrated_database_url, "base")
    assert table_names(migrated_database_url) <= {"alembic_version"}

    migrate.upgrade(migrated_database_url)
    migrate.check(migrated_database_url)


def test_upgrade_is_a_no_op_when_already_at_head(migrated_database_url: str) -> None:
    migrate.upgrade(migrated_database_url)
    migrate.check(migrated_database_url)


def test_an_unreachable_database_raises_a_one_line_error(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'missing-dir' / 'x.db'}"
    with pytest.raises(migrate.DatabaseUnavailableError, match="cannot connect") as info:
        migrate.upgrade(url)
    assert "\n" not in str(info.value)


def test_an_invalid_url_raises_a_clear_error() -> None:
    with pytest.raises(migrate.DatabaseUnavailableError, match="invalid database URL"):
        migrate.upgrade("not a url")


def test_slack_sdk_oauth_stores_work_on_the_migrated_tables(engine: Engine) -> None:
    installations = SQLAlchemyInstallationStore(client_id="111.222", engine=engine)
    installations.save(
        Installation(
            app_id="A1",
            team_id="T1",
            user_id="U1",
            bot_token="xoxb-1",
            bot_id="B1",
            bot_user_id="UB1",
            bot_scopes=["chat:write"],
        )
    )
    bot = installations.find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == "xoxb-1"

    states = SQLAlchemyOAuthStateStore(expiration_seconds=60, engine=engine)
    state = states.issue()
    assert states.consume(state) is True
    assert states.consume(state) is False


def workspace_columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("workspace")}
    finally:
        engine.dispose()


def test_0004_shows_costs_in_existing_workspaces_and_goes_back_down(database_url: str) -> None:
    migrate.upgrade(database_url, "0003")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO workspace (team_id, tz, default_locale, currency, team_lead_user_ids,"
                " checkin_weekday, checkin_local_time, working_hours_start, working_hours_end,"
                " working_days, digest_weekday, digest_local_time, created_at, updated_at)"
                " VALUES ('T1', 'UTC', 'en', 'EUR', '[]', 0, '09:00:00', '09:00:00', '18:00:00',"
                " '[0, 1, 2, 3, 4]', 0, '09:00:00', '2026-12-01 00:00:00+00:00',"
                " '2026-12-01 00:00:00+00:00')"
            )
        migrate.upgrade(database_url, "0004")
        with engine.connect() as connection:
            row = connection.exec_driver_sql(
                "SELECT post_cost_figures, settings_user_id FROM workspace"
            ).one()
        assert (bool(row[0]), row[1]) == (True, None)
    finally:
        engine.dispose()

    migrate.downgrade(database_url, "0003")
    assert {"post_cost_figures", "settings_user_id"}.isdisjoint(workspace_columns(database_url))
    migrate.upgrade(database_url)
    assert {"post_cost_figures", "settings_user_id"} <= workspace_columns(database_url)
    migrate.check(database_url)


def assessment_columns(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return {c["name"] for c in inspect(engine).get_columns("assessment")}
    finally:
        engine.dispose()


def test_0006_keeps_existing_assessments_unarchived_and_goes_back_down(database_url: str) -> None:
    migrate.upgrade(database_url, "0005")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO assessment (team_id, owner_user_id, status, current_mode, answers,"
                " version, created_at, updated_at) VALUES ('T1', 'U1', 'active', 'none', '{}', 1,"
                " '2026-12-01 00:00:00+00:00', '2026-12-01 00:00:00+00:00')"
            )
        migrate.upgrade(database_url, "0006")
        with engine.connect() as connection:
            row = connection.exec_driver_sql(
                "SELECT status, archived_at, archived_by_user_id FROM assessment"
            ).one()
        assert tuple(row) == ("active", None, None)
    finally:
        engine.dispose()

    migrate.downgrade(database_url, "0005")
    assert {"archived_at", "archived_by_user_id"}.isdisjoint(assessment_columns(database_url))
    migrate.upgrade(database_url)
    assert {"archived_at", "archived_by_user_id"} <= assessment_columns(database_url)
    migrate.check(database_url)
