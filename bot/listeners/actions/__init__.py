"""Button listeners: each acks at once and works in a lazy listener."""

from slack_bolt import App

from bot import ids
from bot.listeners.actions.archive import archive_assessment, restore_assessment
from bot.listeners.actions.assessment import (
    ack_button,
    add_costs,
    discard_draft,
    edit_answers,
    open_wizard,
    start_over,
)
from bot.listeners.actions.checkin import open_skip, open_update, record_no_change
from bot.listeners.actions.kpi import (
    archive_kpi,
    delete_listed_kpi,
    follow_cadence,
    open_kpi_form,
)
from bot.listeners.actions.reminders import open_reassign, snooze_checkin
from bot.listeners.actions.result import open_all_flips
from bot.listeners.actions.review import accept, open_details, open_keep, snooze
from bot.listeners.actions.share import follow_pay_choice, open_share_modal
from bot.listeners.common.reporting import reported


def register(app: App) -> None:
    """Attach every button of the app."""
    app.action(ids.ACTION_ASSESS)(ack=ack_button, lazy=[reported(open_wizard)])
    app.action(ids.ACTION_RESUME_DRAFT)(ack=ack_button, lazy=[reported(open_wizard)])
    app.action(ids.ACTION_DISCARD_DRAFT)(ack=ack_button, lazy=[reported(discard_draft)])
    app.action(ids.ACTION_START_OVER)(ack=ack_button, lazy=[reported(start_over)])
    app.action(ids.ACTION_EDIT_ANSWERS)(ack=ack_button, lazy=[reported(edit_answers)])
    app.action(ids.ACTION_ADD_COSTS)(ack=ack_button, lazy=[reported(add_costs)])
    app.action(ids.ACTION_ADD_KPI)(ack=ack_button, lazy=[reported(open_kpi_form)])
    app.action(ids.ACTION_EDIT_KPI)(ack=ack_button, lazy=[reported(open_kpi_form)])
    cadence = ids.input_action(ids.BLOCK_KPI_CADENCE)  # the select inside the KPI form
    app.action(cadence)(ack=ack_button, lazy=[reported(follow_cadence)])
    app.action(ids.ACTION_ARCHIVE_KPI)(ack=ack_button, lazy=[reported(archive_kpi)])
    app.action(ids.ACTION_DELETE_LISTED_KPI)(ack=ack_button, lazy=[reported(delete_listed_kpi)])
    app.action(ids.ACTION_SHARE)(ack=ack_button, lazy=[reported(open_share_modal)])
    share_pay = ids.input_action(ids.BLOCK_SHARE_PAY)  # the tick inside the share modal
    app.action(share_pay)(ack=ack_button, lazy=[reported(follow_pay_choice)])
    app.action(ids.ACTION_ALL_FLIPS)(ack=ack_button, lazy=[reported(open_all_flips)])
    app.action(ids.ACTION_ARCHIVE)(ack=ack_button, lazy=[reported(archive_assessment)])
    app.action(ids.ACTION_RESTORE)(ack=ack_button, lazy=[reported(restore_assessment)])
    app.action(ids.ACTION_REVIEW_ACCEPT)(ack=ack_button, lazy=[reported(accept)])
    app.action(ids.ACTION_REVIEW_KEEP)(ack=ack_button, lazy=[reported(open_keep)])
    app.action(ids.ACTION_REVIEW_SNOOZE)(ack=ack_button, lazy=[reported(snooze)])
    app.action(ids.ACTION_REVIEW_DETAILS)(ack=ack_button, lazy=[reported(open_details)])
    app.action(ids.ACTION_CHECKIN_UPDATE)(ack=ack_button, lazy=[reported(open_update)])
    app.action(ids.ACTION_CHECKIN_NO_CHANGE)(ack=ack_button, lazy=[reported(record_no_change)])
    app.action(ids.ACTION_CHECKIN_SKIP)(ack=ack_button, lazy=[reported(open_skip)])
    app.action(ids.ACTION_CHECKIN_SNOOZE)(ack=ack_button, lazy=[reported(snooze_checkin)])
    app.action(ids.ACTION_REASSIGN_KPI)(ack=ack_button, lazy=[reported(open_reassign)])
