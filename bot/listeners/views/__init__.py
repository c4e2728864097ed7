"""Modal submission and close listeners."""

from slack_bolt import App

from bot import ids
from bot.listeners.common.reporting import reported
from bot.listeners.views.checkin import ack_skip, ack_update, save_answer
from bot.listeners.views.kpi import ack_kpi_form, save_kpi_form
from bot.listeners.views.reminders import ack_away, ack_reassign, save_away, save_reassign
from bot.listeners.views.review import ack_accept, ack_keep, save_accept, save_keep
from bot.listeners.views.settings import ack_settings, save_settings
from bot.listeners.views.share import ack_share, ack_share_closed, post_share, share_closed
from bot.listeners.views.wizard import ack_closed, ack_wizard_step, offer_resume, store_wizard_step


def register(app: App) -> None:
    """Attach the wizard, KPI, share and settings modals."""
    app.view(ids.CALLBACK_WIZARD)(ack=ack_wizard_step, lazy=[reported(store_wizard_step)])
    app.view_closed(ids.CALLBACK_WIZARD)(ack=ack_closed, lazy=[reported(offer_resume)])
    app.view(ids.CALLBACK_KPI)(ack=ack_kpi_form, lazy=[reported(save_kpi_form)])
    app.view(ids.CALLBACK_SHARE)(ack=ack_share, lazy=[reported(post_share)])
    app.view_closed(ids.CALLBACK_SHARE)(ack=ack_share_closed, lazy=[reported(share_closed)])
    app.view(ids.CALLBACK_SETTINGS)(ack=ack_settings, lazy=[reported(save_settings)])
    app.view(ids.CALLBACK_REVIEW_KEEP)(ack=ack_keep, lazy=[reported(save_keep)])
    app.view(ids.CALLBACK_REVIEW_ACCEPT)(ack=ack_accept, lazy=[reported(save_accept)])
    app.view(ids.CALLBACK_CHECKIN_UPDATE)(ack=ack_update, lazy=[reported(save_answer)])
    app.view(ids.CALLBACK_CHECKIN_SKIP)(ack=ack_skip, lazy=[reported(save_answer)])
    app.view(ids.CALLBACK_REASSIGN_KPI)(ack=ack_reassign, lazy=[reported(save_reassign)])
    app.view(ids.CALLBACK_AWAY)(ack=ack_away, lazy=[reported(save_away)])
