"""The weekly digest through the real tick, the real database and the Slack stand-in over
loopback HTTP: once per (workspace, ISO week) whatever the number of clocks, late but once after
downtime, charts in the thread by files upload v2, a refused chart that never blocks the parent,
and no pay in the channel."""

from __future__ import annotations

import json
import re
import threading
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from bot.blocks.digest import (
    Digest,
    DigestAssessment,
    DigestKpi,
    DigestObjective,
    build_digest,
)
from bot.compose import Web
from bot.domain import JobKind, JobState
from bot.i18n import Translator
from bot.sandbox import SignedSlackClient, SlackStandIn
from bot.sandbox.validation import MAX_MESSAGE_BLOCKS, check_message_blocks
from bot.scheduler import run_tick
from bot.services import digest
from bot.store import repo
from bot.store.db import session_scope
from bot.store.models import Job, Workspace
from tests.bot.test_checkins_over_http import sender_for
from tests.bot.test_review_posts import PAY, REVIEW, hybrid_in_house_team

PARIS = "Europe/Paris"


def configure(web: Web, *, weekday: int = 0, at: time = time(9, 0), tz: str = PARIS) -> None:
    with session_scope(web.deps.session_factory) as session:
        workspace = session.exec(select(Workspace)).one()
        workspace.digest_weekday, workspace.digest_local_time, workspace.tz = weekday, at, tz


def next_slot(after: datetime, *, weekday: int = 0, at: time = time(9, 0)) -> datetime:
    """The first local weekday/time (Paris) strictly after `after`, in UTC."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(PARIS)
    day = after.astimezone(zone).date()
    while True:
        slot = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        if day.weekday() == weekday and slot > after:
            return slot
        day += timedelta(days=1)


def digest_posts(standin: SlackStandIn) -> list[dict[str, Any]]:
    return [
        m
        for m in standin.messages(REVIEW)
        if any(b.get("type") == "header" for b in m.get("blocks") or [])
        and "digest" in json.dumps(m.get("blocks")).lower()
    ]


def thread_files(standin: SlackStandIn, ts: str) -> list[dict[str, Any]]:
    return [m for m in standin.messages(REVIEW) if m.get("thread_ts") == ts and m.get("files")]


def jobs(web: Web, kind: str) -> list[Job]:
    with session_scope(web.deps.session_factory) as session:
        return [j for j in session.exec(select(Job).order_by(col(Job.id))) if j.kind == kind]


@pytest.fixture
def team(slack: SignedSlackClient, standin: SlackStandIn, web: Web) -> datetime:
    """Bob's team with a review channel and a KPI; the digest on Mondays 09:00 in Paris: the
    first slot after the workspace was created."""
    hybrid_in_house_team(slack, standin, web)
    configure(web)
    return next_slot(datetime.now(UTC))


def test_the_tick_posts_one_digest_with_a_table_and_its_chart_in_the_thread(
    standin: SlackStandIn, web: Web, team: datetime
) -> None:
    run_tick(web.deps, sender_for=sender_for(standin), now=team - timedelta(minutes=1))
    assert digest_posts(standin) == []
    run_tick(web.deps, sender_for=sender_for(standin), now=team + timedelta(minutes=1))
    [parent] = digest_posts(standin)
    blocks = parent["blocks"]
    assert check_message_blocks(blocks) is None
    [table] = [b for b in blocks if b["type"] == "table"]
    assert [c["text"] for c in table["rows"][0]][:3] == ["Objective", "KPI", "Value"]
    assert table["rows"][1][1]["text"] == "Qualified leads"
    text = json.dumps(blocks)
    assert "Sent late" not in text and "confidence" in text
    [upload] = standin.calls("files.completeUploadExternal")
    assert upload.params["channel_id"] == REVIEW and upload.params["thread_ts"] == parent["ts"]
    [chart] = thread_files(standin, parent["ts"])
    stored = standin.file(chart["files"][0]["id"])
    assert stored.content is not None and stored.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert stored.alt_txt and re.search(r"on track|at risk|off track|too early", stored.alt_txt)
    # The same week again, an hour later: nothing more.
    run_tick(web.deps, sender_for=sender_for(standin), now=team + timedelta(hours=1))
    assert len(digest_posts(standin)) == 1
    assert len(standin.calls("files.completeUploadExternal")) == 1
    [job] = jobs(web, JobKind.DIGEST)
    assert job.occurrence.date().weekday() == 0 and job.state == JobState.DONE


@pytest.mark.parametrize("clocks", [2, 4])
def test_concurrent_clocks_queue_and_send_the_weeks_digest_once(
    standin: SlackStandIn, web: Web, team: datetime, clocks: int
) -> None:
    now = team + timedelta(minutes=2)
    start = threading.Barrier(clocks)
    added: list[int] = []
    errors: list[BaseException] = []

    def clock() -> None:
        try:
            start.wait()
            added.append(digest.schedule_digests(web.deps, now=now))
            run_tick(web.deps, sender_for=sender_for(standin), now=now)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=clock) for _ in range(clocks)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(added) == [0] * (clocks - 1) + [1]
    assert len(jobs(web, JobKind.DIGEST)) == 1
    assert len(jobs(web, JobKind.DIGEST_POST)) == 1
    [parent] = digest_posts(standin)
    assert len(thread_files(standin, parent["ts"])) == 1


def test_after_downtime_only_the_latest_week_is_sent_once_and_says_it_is_late(
    standin: SlackStandIn, web: Web, team: datetime
) -> None:
    # The clock was down across two slots: back two days after the second.
    back = team + timedelta(days=9)
    run_tick(web.deps, sender_for=sender_for(standin), now=back)
    [parent] = digest_posts(standin)
    text = json.dumps(parent["blocks"], ensure_ascii=False)
    assert "Sent late: this digest covers the week of" in text
    covered_end = (team + timedelta(days=7)).date()
    assert Translator("en").date(covered_end) in text
    [job] = jobs(web, JobKind.DIGEST)
    assert job.occurrence.date() == covered_end
    run_tick(web.deps, sender_for=sender_for(standin), now=back + timedelta(hours=2))
    assert len(digest_posts(standin)) == 1


def test_a_refused_chart_never_blocks_the_parent_which_says_it_is_missing_until_it_arrives(
    standin: SlackStandIn, web: Web, team: datetime
) -> None:
    standin.fail("files.completeUploadExternal", "file_uploads_disabled")
    now = team + timedelta(minutes=1)
    run_tick(web.deps, sender_for=sender_for(standin), now=now)
    [parent] = digest_posts(standin)
    assert thread_files(standin, parent["ts"]) == []
    [chart_job] = jobs(web, JobKind.DIGEST_CHART)
    assert chart_job.state == JobState.PENDING and chart_job.last_error == "file_uploads_disabled"
    [note] = standin.calls("chat.update")
    assert "Chart missing for" in json.dumps(note.params["blocks"])
    # Its retry, after the backoff: the chart arrives and the note goes.
    run_tick(web.deps, sender_for=sender_for(standin), now=now + timedelta(minutes=10))
    assert len(thread_files(standin, parent["ts"])) == 1
    updates = standin.calls("chat.update")
    assert len(updates) == 2 and "Chart missing" not in json.dumps(updates[-1].params["blocks"])
    [posted] = digest_posts(standin)
    assert "Chart missing" not in json.dumps(posted["blocks"])


def test_an_upload_refused_at_the_upload_url_is_retried_too(
    standin: SlackStandIn, web: Web, team: datetime
) -> None:
    standin.fail("files.upload", "server_error", status=503)
    now = team + timedelta(minutes=1)
    run_tick(web.deps, sender_for=sender_for(standin), now=now)
    [chart_job] = jobs(web, JobKind.DIGEST_CHART)
    assert chart_job.state == JobState.PENDING and chart_job.last_error == "upload_http_503"
    run_tick(web.deps, sender_for=sender_for(standin), now=now + timedelta(minutes=10))
    [parent] = digest_posts(standin)
    assert len(thread_files(standin, parent["ts"])) == 1


def test_without_figures_the_digest_shows_no_value_no_cost_and_charts_in_percent(
    slack: SignedSlackClient, standin: SlackStandIn, web: Web
) -> None:
    hybrid_in_house_team(slack, standin, web, figures=False)
    configure(web)
    now = next_slot(datetime.now(UTC)) + timedelta(minutes=1)
    run_tick(web.deps, sender_for=sender_for(standin), now=now)
    [parent] = digest_posts(standin)
    text = json.dumps(parent["blocks"], ensure_ascii=False)
    assert "€" not in text and "a month" not in text and not PAY.search(text)
    [table] = [b for b in parent["blocks"] if b["type"] == "table"]
    assert "Value" not in [c["text"] for c in table["rows"][0]]
    assert "80" not in json.dumps(table)  # the KPI's target is not shown
    [job] = jobs(web, JobKind.DIGEST_POST)
    assert job.payload["digest"]["charts"][0]["progress_only"] is True


def test_with_figures_the_digest_shows_a_monthly_cost_and_never_pay(
    standin: SlackStandIn, web: Web, team: datetime
) -> None:
    run_tick(web.deps, sender_for=sender_for(standin), now=team + timedelta(minutes=1))
    [parent] = digest_posts(standin)
    text = json.dumps(parent["blocks"], ensure_ascii=False)
    assert "a month" in text and not PAY.search(text)
    [job] = jobs(web, JobKind.DIGEST_POST)
    assert not PAY.search(json.dumps(job.payload, ensure_ascii=False))


def test_no_digest_without_a_review_channel(
    standin: SlackStandIn, web: Web, team: datetime
) -> None:
    with session_scope(web.deps.session_factory) as session:
        session.exec(select(Workspace)).one().review_channel_id = None
    run_tick(web.deps, sender_for=sender_for(standin), now=team + timedelta(minutes=1))
    assert jobs(web, JobKind.DIGEST) == []


# ---- pure parts: the slot, and the parent message's Slack limits ------------------------------


def workspace(tz: str, weekday: int, at: time) -> repo.DigestWorkspace:
    return repo.DigestWorkspace("T1", tz, weekday, at, datetime(2026, 1, 1, tzinfo=UTC))


def test_a_slot_in_the_spring_forward_gap_falls_when_the_gap_ends() -> None:
    # Paris skips 02:00 → 03:00 on Sunday 29 March 2026.
    ws = workspace(PARIS, 6, time(2, 30))
    slot = digest.latest_slot(ws, datetime(2026, 3, 29, 12, 0, tzinfo=UTC))
    assert slot is not None and slot.at == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert slot.week_monday == date(2026, 3, 23) and slot.label == "2026-W13"


def test_a_slot_the_fall_back_repeats_is_the_first_one_and_the_week_is_local() -> None:
    # Paris repeats 02:00–03:00 on Sunday 25 October 2026; Monday 00:30 local is Sunday UTC.
    ws = workspace(PARIS, 6, time(2, 30))
    slot = digest.latest_slot(ws, datetime(2026, 10, 25, 12, 0, tzinfo=UTC))
    assert slot is not None and slot.at == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    monday = digest.latest_slot(
        workspace(PARIS, 0, time(0, 30)), datetime(2026, 10, 26, 12, 0, tzinfo=UTC)
    )
    assert monday is not None and monday.at == datetime(2026, 10, 25, 23, 30, tzinfo=UTC)
    assert monday.week_monday == date(2026, 10, 26)


def test_no_slot_before_the_workspace_existed() -> None:
    ws = repo.DigestWorkspace("T1", "UTC", 0, time(9), datetime(2026, 3, 4, tzinfo=UTC))
    assert digest.latest_slot(ws, datetime(2026, 3, 5, tzinfo=UTC)) is None
    assert digest.latest_slot(ws, datetime(2026, 3, 9, 9, 0, tzinfo=UTC)) is not None


def big_digest(assessments: int, kpis: int, *, figures: bool = True) -> Digest:
    kpi = DigestKpi("Qualified leads " + "x" * 40, 42.0, 80.0, 40.0, "at_risk", 1, 1)
    objective = DigestObjective("Leads <!channel>", tuple(kpi for _ in range(kpis)))
    return Digest(
        start=date(2026, 3, 2),
        end=date(2026, 3, 8),
        late=True,
        assessments=tuple(
            DigestAssessment("leads", "U1", None, (objective, objective))
            for _ in range(assessments)
        ),
        figures=figures,
        charts=assessments * 2,
    )


@pytest.mark.parametrize(
    "assessments, kpis",
    [
        pytest.param(0, 0, id="nothing-active"),
        pytest.param(3, 2, id="a-table"),
        pytest.param(40, 10, id="too-many-for-one-table-becomes-lines"),
    ],
)
@pytest.mark.parametrize("locale", ["en", "fr"])
def test_the_parent_message_stays_within_slacks_limits(
    assessments: int, kpis: int, locale: str
) -> None:
    message = build_digest(big_digest(assessments, kpis), Translator(locale))
    assert check_message_blocks(message.blocks) is None
    assert len(message.blocks) <= MAX_MESSAGE_BLOCKS
    assert sum(b["type"] == "table" for b in message.blocks) <= 1
    # User text is escaped wherever mrkdwn would act on it (a table's raw_text never does).
    mrkdwn = [b for b in message.blocks if b["type"] != "table"]
    assert "<!channel>" not in json.dumps(mrkdwn)


def test_a_french_workspace_gets_a_french_digest_with_french_numbers() -> None:
    message = build_digest(big_digest(1, 1), Translator("fr"))
    text = json.dumps(message.blocks, ensure_ascii=False)
    assert "Synthèse de la semaine" in text and "Envoyée en retard" in text
    [table] = [b for b in message.blocks if b["type"] == "table"]
    assert table["rows"][1][2]["text"] == "42"
    assert [c["text"] for c in table["rows"][0]][2:4] == ["Valeur", "Cible"]
