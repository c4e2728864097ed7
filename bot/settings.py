"""Application settings, read from the environment and `.env` (pydantic-settings)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

Locale = Literal["en", "fr"]


class Settings(BaseSettings):
    """Every setting of the app; each command checks only the ones it needs."""

    model_config = SettingsConfigDict(
        env_file=".env", env_ignore_empty=True, extra="ignore", frozen=True
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    database_url: str = "sqlite:///./smm_advisor.db"
    port: int = Field(default=3000, ge=1, le=65535)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    default_locale: Locale = "en"
    checkin_tick_seconds: int = Field(default=60, ge=1, le=3600)
    token_encryption_key: SecretStr | None = None

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_ends_with_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL, e.g. https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("default_locale", mode="before")
    @classmethod
    def _lower_locale(cls, value: object) -> object:
        return value.lower() if isinstance(value, str) else value


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (read once, in the entry point or Alembic's env.py)."""
    return Settings()


class SettingsError(Exception):
    """A missing or invalid setting, explained in one line that names the variable."""


# What each variable is and where to find it: the second half of every settings error.
_HOW_TO_SET: dict[str, str] = {
    "SLACK_BOT_TOKEN": (
        "the Bot User OAuth Token (xoxb-…) from your Slack app's 'OAuth & Permissions' page"
    ),
    "SLACK_SIGNING_SECRET": "the Signing Secret from your Slack app's 'Basic Information' page",
    "SLACK_APP_TOKEN": (
        "an App-Level Token (xapp-…) with connections:write, from 'Basic Information' > "
        "'App-Level Tokens' (Socket Mode only)"
    ),
    "DATABASE_URL": "a SQLAlchemy URL, e.g. sqlite:///./smm_advisor.db or "
    "postgresql+psycopg://user@host/db",
}
_PREFIXES: dict[str, tuple[str, ...]] = {
    "SLACK_BOT_TOKEN": ("xoxb-", "xoxe.xoxb-"),
    "SLACK_APP_TOKEN": ("xapp-",),
}


def require(settings: Settings, *names: str) -> None:
    """Raise `SettingsError` for the first of `names` that is unset or malformed."""
    for name in names:
        value = getattr(settings, name.lower())
        secret = value.get_secret_value() if isinstance(value, SecretStr) else value
        where = _HOW_TO_SET.get(name, "its value")
        if not secret:
            raise SettingsError(
                f"{name} is not set: put {where} in .env or the environment "
                "(see README.md, 'Run it in your Slack workspace', and manifest.yml)."
            )
        prefixes = _PREFIXES.get(name)
        if prefixes and not str(secret).startswith(prefixes):
            raise SettingsError(
                f"{name} does not look right (it should start with {' or '.join(prefixes)}): "
                f"use {where}."
            )


def load_settings() -> Settings:
    """Read the settings, turning a validation error into a one-line `SettingsError`."""
    try:
        return get_settings()
    except ValidationError as error:
        first = error.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise SettingsError(
            f"{name} is invalid: {first['msg']} (fix it in .env or the environment; "
            "see .env.example)."
        ) from None
