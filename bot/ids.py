"""Slack callback, block and action ids shared by builders, parsers and listeners.

Values are stable: they travel in views and messages already posted in Slack.
"""

from typing import Final

COMMAND: Final = "/smm"

# ---- the assessment wizard (one modal, updated step by step) ---------------------------------
STEP_GOALS: Final = "goals"
STEP_MEANS: Final = "means"
STEP_ORGANISATION: Final = "organisation"
STEPS: Final = (STEP_GOALS, STEP_MEANS, STEP_ORGANISATION)
CALLBACK_WIZARD: Final = "assessment_wizard"  # every step; the step is in private_metadata
CALLBACK_WIZARD_DONE: Final = "assessment_done"
ACTION_START_OVER: Final = "assessment_start_over"  # button inside a resumed wizard

# goals step: block ids (the action id of each input is the block id + "_input")
BLOCK_PRIMARY_OBJECTIVE: Final = "primary_objective"
BLOCK_SECONDARY_OBJECTIVES: Final = "secondary_objectives"
BLOCK_AUDIENCE: Final = "audience"
BLOCK_CAPABILITIES: Final = "capabilities"
BLOCK_PROGRESS: Final = "progress"
BLOCK_SPEED: Final = "speed"
BLOCK_SMA_SHARE: Final = "sma_share"
BLOCK_DEADLINE: Final = "deadline"
# means step
BLOCK_CURRENCY: Final = "currency"
BLOCK_BUDGET: Final = "budget"
BLOCK_HOURS: Final = "hours_per_month"
BLOCK_IN_HOUSE_HOURLY: Final = "in_house_hourly"
BLOCK_IN_HOUSE_SALARY: Final = "in_house_salary"
BLOCK_LOAD_FACTOR: Final = "load_factor"
BLOCK_AGENCY_HOURLY: Final = "agency_hourly"
BLOCK_AGENCY_RETAINER: Final = "agency_retainer"
BLOCK_LIMIT_MEANS: Final = "limit_means"
# organisation step
BLOCK_CURRENT_MODE: Final = "current_mode"
BLOCK_MONTHS_IN_MODE: Final = "months_in_mode"
BLOCK_AGREED_MONTHS: Final = "agreed_months"  # an agency's or a hybrid's agreed period
BLOCK_RESULTS: Final = "results"
BLOCK_MANAGER_CHECKED: Final = "manager_checked"
BLOCK_VERTICAL: Final = "vertical"
BLOCK_CONSTRAINTS_LIFTABLE: Final = "constraints_liftable"
BLOCK_INTERLOCUTOR: Final = "interlocutor"


def input_action(block_id: str) -> str:
    """The action id of the input element inside an input block."""
    return f"{block_id}_input"


# ---- the result message (DM) and what hangs off it --------------------------------------------
ACTION_ADD_KPI: Final = "result_add_kpi"  # value: assessment id
ACTION_EDIT_ANSWERS: Final = "result_edit_answers"  # value: assessment id
# Opens the means step of an edit: the result lacks a figure to compare all three costs.
ACTION_ADD_COSTS: Final = "result_add_costs"  # value: assessment id
ACTION_SHARE: Final = "result_share"  # value: recommendation id
ACTION_ALL_FLIPS: Final = "result_all_flips"  # value: recommendation id
# In the result DM and in `/smm archive`'s list; value: assessment id.
ACTION_ARCHIVE: Final = "assessment_archive"
ACTION_RESTORE: Final = "assessment_restore"
# The review channel's post; value: recommendation id.
ACTION_REVIEW_ACCEPT: Final = "review_accept"
ACTION_REVIEW_KEEP: Final = "review_keep"
ACTION_REVIEW_SNOOZE: Final = "review_snooze"
ACTION_REVIEW_DETAILS: Final = "review_details"
ACTION_RESUME_DRAFT: Final = "draft_resume"  # in the "saved as a draft" DM
ACTION_DISCARD_DRAFT: Final = "draft_discard"
ACTION_ASSESS: Final = "help_assess"  # the button in /smm help

# ---- KPIs ---------------------------------------------------------------------------------------
CALLBACK_KPI: Final = "kpi_form"  # add or edit; ids in private_metadata
ACTION_EDIT_KPI: Final = "kpi_edit"  # value: kpi id (in the KPI list message)
BLOCK_KPI_OBJECTIVE: Final = "kpi_objective"
BLOCK_KPI_NAME: Final = "kpi_name"
BLOCK_KPI_UNIT: Final = "kpi_unit"
BLOCK_KPI_DIRECTION: Final = "kpi_direction"
BLOCK_KPI_BASELINE: Final = "kpi_baseline"
BLOCK_KPI_TARGET: Final = "kpi_target"
BLOCK_KPI_START: Final = "kpi_start"
BLOCK_KPI_DEADLINE: Final = "kpi_deadline"
BLOCK_KPI_OWNER: Final = "kpi_owner"
BLOCK_KPI_CADENCE: Final = "kpi_cadence"
# "the workspace's default" (preselected) or "another day and time" (the fields below)
BLOCK_KPI_SCHEDULE: Final = "kpi_schedule"
SCHEDULE_DEFAULT: Final = "default"
SCHEDULE_CUSTOM: Final = "custom"
BLOCK_KPI_WEEKDAY: Final = "kpi_weekday"
BLOCK_KPI_TIME: Final = "kpi_time"
# in the edit modal: archive the KPI (it stops asking; its check-ins are kept); value: kpi id
ACTION_ARCHIVE_KPI: Final = "kpi_archive"
CALLBACK_KPI_ARCHIVED: Final = "kpi_archived"  # read-only: what the modal turns into
# in `/smm kpis`: delete (archive) one of the person's KPIs from the list; value: kpi id
ACTION_DELETE_LISTED_KPI: Final = "kpi_list_delete"

# ---- sharing ------------------------------------------------------------------------------------
CALLBACK_SHARE: Final = "share_result"  # recommendation id in private_metadata
CALLBACK_ALL_FLIPS: Final = "result_all_flips"  # read-only: no submission
CALLBACK_REVIEW_KEEP: Final = "review_keep_form"  # recommendation id in private_metadata
CALLBACK_REVIEW_ACCEPT: Final = "review_accept_form"  # accepting an agency: its agreed period
CALLBACK_REVIEW_DETAILS: Final = "review_details"  # read-only
BLOCK_KEEP_REASON: Final = "review_keep_reason"
BLOCK_ACCEPT_PERIOD: Final = "review_accept_period"
BLOCK_SHARE_CHANNEL: Final = "share_channel"
# "show pay figures" (off by default; dispatches an action so the preview follows it)
BLOCK_SHARE_PAY: Final = "share_pay"
SHARE_PAY_SHOW: Final = "show_pay"
# "share it there again": asked when this version is already in the chosen channel; the
# option's value is that channel's id, so a tick for one channel never passes for another
BLOCK_SHARE_AGAIN: Final = "share_again"
BLOCK_SHARE_PREVIEW: Final = "share_preview"  # the context line above the preview
# monthly check-ins only: the day of the month (1–31, 31 meaning the last day)
BLOCK_KPI_DAY_OF_MONTH: Final = "kpi_day_of_month"

# ---- check-ins ----------------------------------------------------------------------------------
ACTION_CHECKIN_UPDATE: Final = "checkin_update"  # value: check-in id
ACTION_CHECKIN_NO_CHANGE: Final = "checkin_no_change"  # value: check-in id
ACTION_CHECKIN_SKIP: Final = "checkin_skip"  # value: check-in id
CALLBACK_CHECKIN_UPDATE: Final = "checkin_update_form"  # check-in id in private_metadata
CALLBACK_CHECKIN_SKIP: Final = "checkin_skip_form"
BLOCK_CHECKIN_VALUE: Final = "checkin_value"
BLOCK_CHECKIN_CONFIDENCE: Final = "checkin_confidence"
BLOCK_CHECKIN_COMMENT: Final = "checkin_comment"
BLOCK_CHECKIN_REASON: Final = "checkin_reason"
ACTION_CHECKIN_SNOOZE: Final = "checkin_snooze"  # option value: "<choice>:<check-in id>"
ACTION_REASSIGN_KPI: Final = "kpi_reassign"  # value: KPI id (the silent-KPI note's button)
CALLBACK_REASSIGN_KPI: Final = "kpi_reassign_form"  # KPI id in private_metadata
BLOCK_REASSIGN_OWNER: Final = "reassign_owner"
CALLBACK_AWAY: Final = "away_form"  # `/smm away` without a date
BLOCK_AWAY_UNTIL: Final = "away_until"

# ---- workspace settings (`/smm settings`) -------------------------------------------------------
CALLBACK_SETTINGS: Final = "workspace_settings"  # the reader's locale in private_metadata
CALLBACK_SETTINGS_REFUSED: Final = "workspace_settings_refused"  # read-only: no submission
BLOCK_SETTINGS_CHANNEL: Final = "settings_review_channel"
BLOCK_SETTINGS_LEADS: Final = "settings_team_leads"
BLOCK_SETTINGS_TZ: Final = "settings_tz"
BLOCK_SETTINGS_WORKING_DAYS: Final = "settings_working_days"
BLOCK_SETTINGS_HOURS_START: Final = "settings_hours_start"
BLOCK_SETTINGS_HOURS_END: Final = "settings_hours_end"
BLOCK_SETTINGS_CHECKIN_WEEKDAY: Final = "settings_checkin_weekday"
BLOCK_SETTINGS_CHECKIN_TIME: Final = "settings_checkin_time"
BLOCK_SETTINGS_DIGEST_WEEKDAY: Final = "settings_digest_weekday"
BLOCK_SETTINGS_DIGEST_TIME: Final = "settings_digest_time"
BLOCK_SETTINGS_CURRENCY: Final = "settings_currency"
BLOCK_SETTINGS_LOCALE: Final = "settings_locale"
BLOCK_SETTINGS_HOLIDAYS: Final = "settings_holidays_country"
BLOCK_SETTINGS_COST_FIGURES: Final = "settings_cost_figures"
SETTINGS_COST_FIGURES_SHOWN: Final = "shown"  # the checkbox's value
SETTINGS_HOLIDAYS_FROM_TZ: Final = "from_tz"  # the holidays option "derived from the time zone"
