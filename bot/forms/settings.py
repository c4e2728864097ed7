"""The workspace settings modal: its private_metadata, its choices, its submitted values."""

from __future__ import annotations

import json
import re
from datetime import time
from typing import Any, Final

from bot import ids
from bot.domain import WorkspaceSettings
from bot.forms import FieldErrors, checked_zone, state_value
from bot.i18n import SUPPORTED_LOCALES, Translator

# More leads than this is a typo or a whole department: the review channel is for a few people.
MAX_LEADS: Final = 20
_CHANNEL: Final = re.compile(r"[CG][A-Z0-9]{2,31}")  # public and private channels only
_USER: Final = re.compile(r"[UW][A-Z0-9]{2,31}")
_CURRENCY: Final = re.compile(r"[A-Z]{3}")
_COUNTRY: Final = re.compile(r"[A-Z]{2}")
_TIME: Final = re.compile(r"\d{2}:\d{2}")

# The time zones offered, grouped by region: at most 100 options in a select, so the common
# zones of the app's French- and English-speaking workspaces (a current zone outside the list is
# added to it). The group names are catalogue keys: settings.region.<key>.
TIME_ZONES: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("utc", ("UTC",)),
    (
        "europe",
        (
            "Europe/London",
            "Europe/Dublin",
            "Europe/Lisbon",
            "Europe/Paris",
            "Europe/Brussels",
            "Europe/Luxembourg",
            "Europe/Amsterdam",
            "Europe/Zurich",
            "Europe/Berlin",
            "Europe/Madrid",
            "Europe/Rome",
            "Europe/Vienna",
            "Europe/Copenhagen",
            "Europe/Stockholm",
            "Europe/Oslo",
            "Europe/Helsinki",
            "Europe/Warsaw",
            "Europe/Prague",
            "Europe/Bucharest",
            "Europe/Athens",
            "Europe/Istanbul",
            "Europe/Kyiv",
            "Europe/Moscow",
        ),
    ),
    (
        "africa",
        (
            "Africa/Casablanca",
            "Africa/Algiers",
            "Africa/Tunis",
            "Africa/Dakar",
            "Africa/Abidjan",
            "Africa/Bamako",
            "Africa/Ouagadougou",
            "Africa/Lagos",
            "Africa/Douala",
            "Africa/Libreville",
            "Africa/Kinshasa",
            "Africa/Cairo",
            "Africa/Nairobi",
            "Africa/Kigali",
            "Africa/Johannesburg",
        ),
    ),
    (
        "americas",
        (
            "America/St_Johns",
            "America/Halifax",
            "America/Toronto",
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Phoenix",
            "America/Los_Angeles",
            "America/Vancouver",
            "America/Anchorage",
            "America/Mexico_City",
            "America/Port-au-Prince",
            "America/Martinique",
            "America/Guadeloupe",
            "America/Cayenne",
            "America/Bogota",
            "America/Lima",
            "America/Santiago",
            "America/Sao_Paulo",
            "America/Argentina/Buenos_Aires",
        ),
    ),
    (
        "asia",
        (
            "Asia/Dubai",
            "Asia/Riyadh",
            "Asia/Jerusalem",
            "Asia/Beirut",
            "Asia/Karachi",
            "Asia/Kolkata",
            "Asia/Dhaka",
            "Asia/Bangkok",
            "Asia/Ho_Chi_Minh",
            "Asia/Singapore",
            "Asia/Hong_Kong",
            "Asia/Shanghai",
            "Asia/Manila",
            "Asia/Seoul",
            "Asia/Tokyo",
        ),
    ),
    (
        "oceania",
        (
            "Australia/Perth",
            "Australia/Adelaide",
            "Australia/Brisbane",
            "Australia/Sydney",
            "Pacific/Auckland",
            "Pacific/Noumea",
            "Pacific/Tahiti",
            "Pacific/Honolulu",
            "Indian/Reunion",
            "Indian/Mauritius",
        ),
    ),
)
# The countries whose public holidays the app knows to skip (ISO 3166 alpha-2).
HOLIDAY_COUNTRIES: Final = (
    "FR",
    "BE",
    "CH",
    "LU",
    "MC",
    "CA",
    "US",
    "GB",
    "IE",
    "DE",
    "ES",
    "IT",
    "PT",
    "NL",
    "MA",
    "TN",
    "DZ",
    "SN",
    "CI",
    "CM",
)


def settings_metadata(*, locale: str) -> str:
    """The private_metadata of the settings modal."""
    return json.dumps({"locale": locale}, separators=(",", ":"))


def parse_settings_metadata(raw: str) -> str:
    """The reader's locale from the settings modal's private_metadata; ValueError if not ours."""
    try:
        data = json.loads(raw)
    except (TypeError, json.JSONDecodeError) as error:
        raise ValueError("settings metadata is not JSON") from error
    if not isinstance(data, dict) or set(data) != {"locale"}:
        raise ValueError("settings metadata has unexpected fields")
    locale = data["locale"]
    if locale not in SUPPORTED_LOCALES:
        raise ValueError(f"unsupported locale {locale!r}")
    return str(locale)


def _state(values: dict[str, Any], block_id: str) -> dict[str, Any]:
    return state_value(values, block_id, ids.input_action(block_id))


def _selected(values: dict[str, Any], block_id: str) -> str | None:
    option = _state(values, block_id).get("selected_option")
    value = option.get("value") if isinstance(option, dict) else None
    return value if isinstance(value, str) and value else None


def _ticked(values: dict[str, Any], block_id: str) -> list[str]:
    options = _state(values, block_id).get("selected_options")
    if not isinstance(options, list):
        return []
    return [o["value"] for o in options if isinstance(o, dict) and isinstance(o.get("value"), str)]


def _time(values: dict[str, Any], block_id: str) -> time | None:
    raw = _state(values, block_id).get("selected_time")
    if not isinstance(raw, str) or not _TIME.fullmatch(raw):
        return None
    try:
        return time.fromisoformat(raw)
    except ValueError:
        return None


def _weekday(values: dict[str, Any], block_id: str) -> int | None:
    raw = _selected(values, block_id)
    return int(raw) if raw is not None and raw in {str(d) for d in range(7)} else None


def review_channel(values: dict[str, Any]) -> str | None:
    """The review channel chosen, as given (None when none is)."""
    raw = _state(values, ids.BLOCK_SETTINGS_CHANNEL).get("selected_conversation")
    return raw.strip() or None if isinstance(raw, str) else None


def parse_settings(values: dict[str, Any], t: Translator) -> WorkspaceSettings | FieldErrors:
    """Validate the settings form; every bad field is reported at once, keyed by its block id."""
    errors: dict[str, str] = {}

    channel = review_channel(values)
    if channel is not None and not _CHANNEL.fullmatch(channel):
        errors[ids.BLOCK_SETTINGS_CHANNEL] = t("settings.error.not_a_channel")

    raw_leads = _state(values, ids.BLOCK_SETTINGS_LEADS).get("selected_users")
    picked = [u for u in raw_leads if isinstance(u, str)] if isinstance(raw_leads, list) else []
    leads = tuple(dict.fromkeys(u.strip() for u in picked if u.strip()))  # once each, in order
    if any(not _USER.fullmatch(u) for u in leads):
        errors[ids.BLOCK_SETTINGS_LEADS] = t("settings.error.leads")
    elif len(leads) > MAX_LEADS:
        errors[ids.BLOCK_SETTINGS_LEADS] = t("settings.error.too_many_leads", max=MAX_LEADS)

    tz = _selected(values, ids.BLOCK_SETTINGS_TZ)
    try:
        tz = checked_zone(tz)
    except ValueError:
        errors[ids.BLOCK_SETTINGS_TZ] = t("settings.error.tz")

    ticked = _ticked(values, ids.BLOCK_SETTINGS_WORKING_DAYS)
    days = tuple(d for d in range(7) if str(d) in ticked)
    if not days or len(days) != len(set(ticked)):
        errors[ids.BLOCK_SETTINGS_WORKING_DAYS] = t("settings.error.working_days")

    start = _time(values, ids.BLOCK_SETTINGS_HOURS_START)
    end = _time(values, ids.BLOCK_SETTINGS_HOURS_END)
    if start is None:
        errors[ids.BLOCK_SETTINGS_HOURS_START] = t("settings.error.time")
    if end is None:
        errors[ids.BLOCK_SETTINGS_HOURS_END] = t("settings.error.time")
    elif start is not None and end <= start:
        errors[ids.BLOCK_SETTINGS_HOURS_END] = t("settings.error.end_before_start")

    schedule: dict[str, int | time | None] = {}
    for block_id in (ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY, ids.BLOCK_SETTINGS_DIGEST_WEEKDAY):
        schedule[block_id] = _weekday(values, block_id)
        if schedule[block_id] is None:
            errors[block_id] = t("settings.error.weekday")
    for block_id in (ids.BLOCK_SETTINGS_CHECKIN_TIME, ids.BLOCK_SETTINGS_DIGEST_TIME):
        schedule[block_id] = _time(values, block_id)
        if schedule[block_id] is None:
            errors[block_id] = t("settings.error.time")

    currency = _selected(values, ids.BLOCK_SETTINGS_CURRENCY)
    if currency is None or not _CURRENCY.fullmatch(currency):
        errors[ids.BLOCK_SETTINGS_CURRENCY] = t("settings.error.currency")

    locale = _selected(values, ids.BLOCK_SETTINGS_LOCALE)
    if locale not in SUPPORTED_LOCALES:
        errors[ids.BLOCK_SETTINGS_LOCALE] = t("settings.error.locale")

    country = _selected(values, ids.BLOCK_SETTINGS_HOLIDAYS)
    if country is None or (
        country != ids.SETTINGS_HOLIDAYS_FROM_TZ and not _COUNTRY.fullmatch(country)
    ):
        errors[ids.BLOCK_SETTINGS_HOLIDAYS] = t("settings.error.country")

    shown = ids.SETTINGS_COST_FIGURES_SHOWN in _ticked(values, ids.BLOCK_SETTINGS_COST_FIGURES)

    if errors:
        return FieldErrors(errors)
    # Every None was turned into an error above; the asserts only tell mypy so.
    assert isinstance(tz, str) and start is not None and end is not None
    assert currency is not None and locale is not None and country is not None
    checkin_weekday, digest_weekday = (
        schedule[ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY],
        schedule[ids.BLOCK_SETTINGS_DIGEST_WEEKDAY],
    )
    checkin_time, digest_time = (
        schedule[ids.BLOCK_SETTINGS_CHECKIN_TIME],
        schedule[ids.BLOCK_SETTINGS_DIGEST_TIME],
    )
    assert isinstance(checkin_weekday, int) and isinstance(digest_weekday, int)
    assert isinstance(checkin_time, time) and isinstance(digest_time, time)
    return WorkspaceSettings(
        review_channel_id=channel,
        team_lead_user_ids=leads,
        tz=tz,
        working_days=days,
        working_hours_start=start,
        working_hours_end=end,
        checkin_weekday=checkin_weekday,
        checkin_local_time=checkin_time,
        digest_weekday=digest_weekday,
        digest_local_time=digest_time,
        currency=currency,
        default_locale=locale,
        holidays_country=None if country == ids.SETTINGS_HOLIDAYS_FROM_TZ else country,
        post_cost_figures=shown,
    )
