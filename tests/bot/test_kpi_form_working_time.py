"""The KPI form inside the workspace's working time: only working days are offered, and a
check-in time outside the working hours is refused on its field, saying the hours."""

from __future__ import annotations

from datetime import date, time, timedelta
from time import monotonic, sleep
from typing import Any

import pytest
from sqlmodel import select

from bot import ids
from bot.blocks.kpi import build_kpi_modal, with_cadence
from bot.compose import Web
from bot.domain import KpiInput, WorkingHours
from bot.forms import FieldErrors
from bot.forms.kpi import parse_kpi
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.signed_client import radio_buttons, static_select, timepicker
from bot.sandbox.simulated import kpi_values
from bot.sandbox.validation import check_view
from bot.store.models import Kpi, Workspace
from tests.bot.flows import ALICE, BOB, assessed, rows
from tests.bot.test_kpi_forms import OBJECTIVES, STATE, TODAY, valid_values

TUESDAY_TO_SATURDAY = WorkingHours(days=(1, 2, 3, 4, 5), start=time(8, 0), end=time(16, 30))
CUSTOM = {ids.BLOCK_KPI_SCHEDULE: radio_buttons(ids.SCHEDULE_CUSTOM)}


def modal(hours: WorkingHours, locale: str = "en", **kwargs: Any) -> dict[str, Any]:
    return build_kpi_modal(
        Translator(locale),
        state=STATE,
        objectives=OBJECTIVES,
        today=TODAY,
        default_owner="U0ME",
        default_weekday=1,
        default_time=time(9, 0),
        hours=hours,
        **kwargs,
    )


def weekday_block(view: dict[str, Any]) -> dict[str, Any]:
    return next(b for b in view["blocks"] if b["block_id"] == ids.BLOCK_KPI_WEEKDAY)


def offered(view: dict[str, Any]) -> list[str]:
    return [o["value"] for o in weekday_block(view)["element"]["options"]]


def parse(values: dict[str, Any], hours: WorkingHours, locale: str) -> KpiInput | FieldErrors:
    return parse_kpi(values, Translator(locale), objectives=OBJECTIVES, today=TODAY, hours=hours)


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_weekday_field_offers_the_working_days_only(locale: str) -> None:
    view = modal(TUESDAY_TO_SATURDAY, locale)
    assert offered(view) == ["1", "2", "3", "4", "5"]
    assert check_view(view) is None
    # The default workspace: Monday to Friday.
    assert offered(modal(WorkingHours(), locale)) == ["0", "1", "2", "3", "4"]


def test_a_kpi_on_a_day_no_longer_worked_opens_on_the_next_working_day() -> None:
    monday = parse(valid_values(**CUSTOM, **{ids.BLOCK_KPI_WEEKDAY: static_select("0")}),
                   WorkingHours(), "en")  # fmt: skip
    assert isinstance(monday, KpiInput) and monday.checkin_weekday == 0
    view = modal(TUESDAY_TO_SATURDAY, kpi=monday)
    assert weekday_block(view)["element"]["initial_option"]["value"] == "1"
    assert check_view(view) is None  # the initial option is one of the options


def test_following_the_cadence_keeps_offering_the_working_days_only() -> None:
    view = modal(TUESDAY_TO_SATURDAY)
    monthly = with_cadence(view, Translator("en"), "monthly", weekday=1, day_of_month=2)
    weekly = with_cadence(
        monthly, Translator("en"), "weekly", weekday=0, day_of_month=2,
        weekdays=TUESDAY_TO_SATURDAY.weekdays,
    )  # fmt: skip
    assert offered(weekly) == ["1", "2", "3", "4", "5"]
    assert weekday_block(weekly)["element"]["initial_option"]["value"] == "1"


@pytest.mark.parametrize(
    ("at", "allowed"),
    [("07:59", False), ("08:00", True), ("12:00", True), ("16:29", True), ("16:30", False),
     ("23:00", False)],
)  # fmt: skip
def test_a_time_outside_the_working_hours_is_refused_saying_the_hours(
    at: str, allowed: bool
) -> None:
    values = valid_values(**CUSTOM, **{ids.BLOCK_KPI_TIME: timepicker(at)})
    for locale in ("en", "fr"):
        t = Translator(locale)
        result = parse(values, TUESDAY_TO_SATURDAY, locale)
        if allowed:
            assert isinstance(result, KpiInput) and result.checkin_local_time == time.fromisoformat(
                at
            )
            continue
        assert isinstance(result, FieldErrors) and set(result.errors) == {ids.BLOCK_KPI_TIME}
        message = result.errors[ids.BLOCK_KPI_TIME]
        assert message == t(
            "kpi.error.time_outside_hours",
            start=t.time_of_day(time(8, 0)),
            end=t.time_of_day(time(16, 30)),
        )
        assert t.time_of_day(time(8, 0)) in message and t.time_of_day(time(16, 30)) in message


def test_a_weekday_off_is_refused_and_the_workspace_default_schedule_is_not_checked() -> None:
    sunday = valid_values(**CUSTOM, **{ids.BLOCK_KPI_WEEKDAY: static_select("6")})
    result = parse(sunday, TUESDAY_TO_SATURDAY, "fr")
    assert isinstance(result, FieldErrors)
    assert result.errors == {ids.BLOCK_KPI_WEEKDAY: Translator("fr")("kpi.error.weekday_off")}
    # The workspace's own schedule is not the form's to refuse: nothing of it is read.
    default = valid_values(
        **{ids.BLOCK_KPI_SCHEDULE: radio_buttons(ids.SCHEDULE_DEFAULT)},
        **{ids.BLOCK_KPI_WEEKDAY: static_select("6"), ids.BLOCK_KPI_TIME: timepicker("23:00")},
    )
    assert isinstance(parse(default, TUESDAY_TO_SATURDAY, "fr"), KpiInput)


def test_hours_that_make_no_sense_refuse_no_time() -> None:
    broken = WorkingHours(days=(), start=time(18, 0), end=time(9, 0))
    values = valid_values(**CUSTOM, **{ids.BLOCK_KPI_TIME: timepicker("03:00")})
    assert isinstance(parse(values, broken, "en"), KpiInput)
    assert offered(modal(broken)) == [str(d) for d in range(7)]


def test_over_http_the_form_follows_the_workspaces_working_time(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    assessment_id = assessed(slack, standin, web, BOB)
    with web.deps.session_factory() as session:
        [workspace] = session.exec(select(Workspace)).all()
        workspace.working_days = [1, 2, 3]
        workspace.working_hours_start, workspace.working_hours_end = time(10, 0), time(16, 0)
        session.add(workspace)
        session.commit()
    before = standin.count("views.open")
    slack.block_action(BOB, ids.ACTION_ADD_KPI, value=str(assessment_id))
    view = standin.wait_for_calls("views.open", before + 1, timeout=5)[-1].response["view"]
    assert offered(view) == ["1", "2", "3"]
    objective = next(b for b in view["blocks"] if b["block_id"] == ids.BLOCK_KPI_OBJECTIVE)
    today = date.today()
    values = kpi_values(
        int(objective["element"]["options"][0]["value"]),
        ALICE,
        start=today.isoformat(),
        deadline=(today + timedelta(days=200)).isoformat(),
        **{
            **CUSTOM,
            ids.BLOCK_KPI_WEEKDAY: static_select("2"),
            ids.BLOCK_KPI_TIME: timepicker("09:30"),
        },
    )
    refused = slack.view_submission(BOB, view["id"], values)
    t = Translator("en")  # Bob's form
    assert refused.status == 200 and refused.json() == {
        "response_action": "errors",
        "errors": {
            ids.BLOCK_KPI_TIME: t(
                "kpi.error.time_outside_hours",
                start=t.time_of_day(time(10, 0)),
                end=t.time_of_day(time(16, 0)),
            )
        },
    }
    assert rows(web, Kpi) == []
    values[ids.BLOCK_KPI_TIME] = {ids.input_action(ids.BLOCK_KPI_TIME): timepicker("10:30")}
    accepted = slack.view_submission(BOB, view["id"], values)
    assert accepted.status == 200 and not accepted.body
    deadline = monotonic() + 5
    while monotonic() < deadline and not rows(web, Kpi):
        sleep(0.05)
    [kpi] = rows(web, Kpi)
    assert (kpi.checkin_weekday, kpi.checkin_local_time) == (2, time(10, 30))
