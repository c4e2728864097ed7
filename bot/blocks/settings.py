"""The workspace settings modal, and what someone who may not change them is told."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot import ids
from bot.blocks import Message
from bot.blocks.kit import (
    MAX_MODAL_TITLE,
    Block,
    checkboxes,
    clip,
    context,
    grouped_select,
    input_block,
    mrkdwn_section,
    option,
    plain_text,
    static_select,
    timepicker,
)
from bot.domain import CURRENCIES, WorkspaceSettings
from bot.forms.settings import HOLIDAY_COUNTRIES, TIME_ZONES, settings_metadata
from bot.i18n import SUPPORTED_LOCALES, Translator

__all__ = [
    "build_settings_modal",
    "build_settings_refused",
    "build_settings_refused_view",
    "build_settings_saved",
]


def _zone_label(zone: str) -> str:
    return zone.replace("_", " ")


def _zone_groups(t: Translator, current: str) -> list[tuple[str, list[Block]]]:
    groups = [
        (t(f"settings.region.{region}"), [option(_zone_label(z), z) for z in zones])
        for region, zones in TIME_ZONES
    ]
    if all(current not in zones for _, zones in TIME_ZONES):
        # A zone set before (the installer's, say) stays selectable, first.
        groups.insert(0, (t("settings.region.current"), [option(_zone_label(current), current)]))
    return groups


def _weekday_select(t: Translator, initial: int) -> Block:
    return static_select([option(t(f"kpi.weekday.{d}"), str(d)) for d in range(7)], str(initial))


def _with_current(choices: Sequence[str], current: str | None) -> tuple[str, ...]:
    # A value saved before stays selectable even when the list no longer offers it.
    return tuple(choices) if current is None or current in choices else (*choices, current)


def build_settings_modal(t: Translator, settings: WorkspaceSettings) -> dict[str, Any]:
    """The settings modal, every field on the workspace's current value."""
    channel: Block = {
        "type": "conversations_select",
        "placeholder": plain_text(t("settings.channel_placeholder")),
        "default_to_current_conversation": False,
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if settings.review_channel_id:
        channel["initial_conversation"] = settings.review_channel_id
    leads: Block = {
        "type": "multi_users_select",
        "placeholder": plain_text(t("settings.leads_placeholder")),
    }
    if settings.team_lead_user_ids:
        leads["initial_users"] = list(settings.team_lead_user_ids)
    currencies = _with_current(CURRENCIES, settings.currency)
    countries = _with_current(HOLIDAY_COUNTRIES, settings.holidays_country)
    blocks: list[Block] = [
        context(t("settings.intro")),
        mrkdwn_section(t("settings.section.people")),
        input_block(
            ids.BLOCK_SETTINGS_CHANNEL,
            t("settings.channel_label"),
            channel,
            optional=True,
            hint=t("settings.channel_hint"),
        ),
        input_block(
            ids.BLOCK_SETTINGS_LEADS,
            t("settings.leads_label"),
            leads,
            optional=True,
            hint=t("settings.leads_hint"),
        ),
        mrkdwn_section(t("settings.section.time")),
        input_block(
            ids.BLOCK_SETTINGS_TZ,
            t("settings.tz_label"),
            grouped_select(_zone_groups(t, settings.tz), settings.tz),
            hint=t("settings.tz_hint"),
        ),
        input_block(
            ids.BLOCK_SETTINGS_WORKING_DAYS,
            t("settings.working_days_label"),
            checkboxes(
                [option(t(f"kpi.weekday.{d}"), str(d)) for d in range(7)],
                {str(d) for d in settings.working_days},
            ),
        ),
        input_block(
            ids.BLOCK_SETTINGS_HOURS_START,
            t("settings.hours_start_label"),
            timepicker(settings.working_hours_start),
        ),
        input_block(
            ids.BLOCK_SETTINGS_HOURS_END,
            t("settings.hours_end_label"),
            timepicker(settings.working_hours_end),
            hint=t("settings.hours_hint"),
        ),
        mrkdwn_section(t("settings.section.schedule")),
        input_block(
            ids.BLOCK_SETTINGS_CHECKIN_WEEKDAY,
            t("settings.checkin_weekday_label"),
            _weekday_select(t, settings.checkin_weekday),
            hint=t("settings.checkin_weekday_hint"),
        ),
        input_block(
            ids.BLOCK_SETTINGS_CHECKIN_TIME,
            t("settings.checkin_time_label"),
            timepicker(settings.checkin_local_time),
        ),
        input_block(
            ids.BLOCK_SETTINGS_DIGEST_WEEKDAY,
            t("settings.digest_weekday_label"),
            _weekday_select(t, settings.digest_weekday),
        ),
        input_block(
            ids.BLOCK_SETTINGS_DIGEST_TIME,
            t("settings.digest_time_label"),
            timepicker(settings.digest_local_time),
        ),
        mrkdwn_section(t("settings.section.money")),
        input_block(
            ids.BLOCK_SETTINGS_CURRENCY,
            t("settings.currency_label"),
            static_select(
                [
                    option(t("settings.currency_option", code=c, name=t.currency_name(c)), c)
                    for c in currencies
                ],
                settings.currency,
            ),
        ),
        input_block(
            ids.BLOCK_SETTINGS_LOCALE,
            t("settings.locale_label"),
            static_select(
                [option(t(f"settings.locale.{code}"), code) for code in SUPPORTED_LOCALES],
                settings.default_locale,
            ),
            hint=t("settings.locale_hint"),
        ),
        input_block(
            ids.BLOCK_SETTINGS_HOLIDAYS,
            t("settings.holidays_label"),
            static_select(
                [
                    option(t("settings.holidays.from_tz"), ids.SETTINGS_HOLIDAYS_FROM_TZ),
                    *(option(t.country_name(c), c) for c in countries),
                ],
                settings.holidays_country or ids.SETTINGS_HOLIDAYS_FROM_TZ,
            ),
            hint=t("settings.holidays_hint"),
        ),
        input_block(
            ids.BLOCK_SETTINGS_COST_FIGURES,
            t("settings.cost_figures_label"),
            checkboxes(
                [option(t("settings.cost_figures_option"), ids.SETTINGS_COST_FIGURES_SHOWN)],
                {ids.SETTINGS_COST_FIGURES_SHOWN} if settings.post_cost_figures else set(),
            ),
            optional=True,  # unticked is an answer: costs stay in direct messages
            hint=t("settings.cost_figures_hint"),
        ),
    ]
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_SETTINGS,
        "private_metadata": settings_metadata(locale=t.locale),
        "title": plain_text(clip(t("settings.title"), MAX_MODAL_TITLE)),
        "submit": plain_text(clip(t("settings.submit"), MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("settings.close"), MAX_MODAL_TITLE)),
        "blocks": blocks,
    }


def _refusal(t: Translator, *, reason: str, lead_user_ids: Sequence[str]) -> str:
    if reason == "not_a_lead" and lead_user_ids:
        leads = ", ".join(f"<@{u}>" for u in lead_user_ids)
        return t("settings.refused.not_a_lead", leads=leads)
    return t("settings.refused.not_allowed")


def build_settings_refused(
    t: Translator, *, reason: str, lead_user_ids: Sequence[str] = ()
) -> Message:
    """Who can change the settings, for someone who may not (`reason`: a settings.Access)."""
    return Message(
        text=t("settings.refused_fallback"),
        blocks=[mrkdwn_section(_refusal(t, reason=reason, lead_user_ids=lead_user_ids))],
    )


def build_settings_refused_view(
    t: Translator, *, reason: str, lead_user_ids: Sequence[str] = ()
) -> dict[str, Any]:
    """The same, in place of a settings modal submitted by someone who may no longer save it."""
    return {
        "type": "modal",
        "callback_id": ids.CALLBACK_SETTINGS_REFUSED,
        "title": plain_text(clip(t("settings.refused_title"), MAX_MODAL_TITLE)),
        "close": plain_text(clip(t("settings.refused_close"), MAX_MODAL_TITLE)),
        "blocks": [mrkdwn_section(_refusal(t, reason=reason, lead_user_ids=lead_user_ids))],
    }


def build_settings_saved(t: Translator) -> Message:
    """A short confirmation that the settings are saved."""
    return Message(text=t("settings.saved_fallback"), blocks=[context(t("settings.saved"))])
