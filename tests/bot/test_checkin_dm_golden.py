"""The check-in DM, byte for byte: cards of several KPIs in French and English against the
messages recorded before the asking path was made faster (tests/bot/golden/checkin_dms.json).

Regenerate only for an intended change of what a person receives:
`python -m tests.bot.test_checkin_dm_golden`.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.blocks.checkin import build_checkin_message, build_my_kpis, checkin_blocks
from bot.domain import CheckInState
from bot.i18n import Translator, resolve_locale
from bot.services.checkins import CheckInRenderer, card_of
from bot.store.repo import CheckInContext

GOLDEN = Path(__file__).parent / "golden" / "checkin_dms.json"
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)

_BASE = CheckInContext(
    checkin_id=41,
    team_id="T1",
    occurrence=datetime(2026, 12, 7, 8, 0, tzinfo=UTC),
    state=CheckInState.PENDING,
    value=None,
    confidence=None,
    comment=None,
    channel_id=None,
    message_ts=None,
    kpi_id=7,
    kpi_name="Qualified leads",
    unit="leads",
    direction="increase",
    baseline=20.0,
    target=80.0,
    start=date(2026, 10, 8),
    deadline=date(2027, 4, 6),
    owner_user_id="U1",
    kpi_next_due_at=datetime(2026, 12, 14, 8, 0, tzinfo=UTC),
    kpi_paused=False,
    objective_kind="leads",
    objective_title="",
    aspirational=False,
    assessment_id=3,
    assessment_owner_id="U0",
    assessment_active=True,
    owner_locale="fr-FR",
    owner_tz="Europe/Paris",
    owner_deleted=False,
    owner_is_bot=False,
    owner_refreshed_at=NOW,
    workspace_locale="fr",
    workspace_tz="Europe/Paris",
)

_HISTORY = (
    (date(2026, 10, 15), 24.0),
    (date(2026, 10, 22), 29.5),
    (date(2026, 11, 5), 31.25),
    (date(2026, 11, 19), 38.0),
    (date(2026, 11, 30), 41.0),
)

CASES: dict[str, CheckInContext] = {
    "fresh": _BASE,
    "history": replace(_BASE, history=_HISTORY),
    "behind": replace(_BASE, history=((date(2026, 11, 1), 21.0), (date(2026, 11, 20), 22.0))),
    "achieved": replace(_BASE, history=((date(2026, 12, 1), 85.0),)),
    "decrease": replace(
        _BASE,
        kpi_name="Cost per lead <€>",
        unit="€ & co",
        direction="decrease",
        baseline=1234.5,
        target=987.25,
        objective_title="Spend *less* & <better>",
        aspirational=True,
        history=((date(2026, 11, 1), 1200.0), (date(2026, 11, 28), 1100.125)),
    ),
    "no_unit_last_slot": replace(
        _BASE, unit="", kpi_next_due_at=None, objective_kind="awareness", kpi_name="N" * 200
    ),
    "utc_owner": replace(
        _BASE, owner_tz=None, workspace_tz=None, owner_locale=None, workspace_locale=None
    ),
    "unknown_zone": replace(_BASE, owner_tz="Mars/Olympus", workspace_tz="America/New_York"),
    "invalid_kpi": replace(_BASE, target=20.0),
    "answered": replace(
        _BASE,
        state=CheckInState.ANSWERED,
        value=44.5,
        confidence="medium",
        comment="Webinar <@U2> & co",
        history=_HISTORY,
    ),
    "no_change": replace(_BASE, state=CheckInState.ANSWERED, value=41.0, history=_HISTORY),
    "skipped": replace(_BASE, state=CheckInState.SKIPPED, comment="On leave"),
    "skipped_plain": replace(_BASE, state=CheckInState.SKIPPED),
    "missed": replace(_BASE, state=CheckInState.MISSED),
    "future_slot": replace(_BASE, occurrence=datetime(2026, 12, 9, 8, 0, tzinfo=UTC)),
}


def _render() -> dict[str, Any]:
    rendered: dict[str, Any] = {}
    for name, base in CASES.items():
        for locale in ("fr-FR", "en-US"):
            ctx = replace(base, owner_locale=locale) if base.owner_locale else base
            t = Translator(resolve_locale(ctx.owner_locale, ctx.workspace_locale or "en"))
            card = card_of(ctx, now=NOW)
            message = build_checkin_message(t, card)
            rendered[f"{name}/{locale}"] = {
                "text": message.text,
                "blocks": message.blocks,
                "listed": checkin_blocks(t, replace(card, answerable=False), with_header=False),
            }
    t = Translator("fr")
    cards = [card_of(ctx, now=NOW) for ctx in CASES.values()]
    rendered["my_kpis/fr"] = build_my_kpis(t, [], cards).blocks
    return rendered


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True, default=str) + "\n"


@pytest.mark.parametrize("name", [*CASES, "my_kpis"])
def test_check_in_dm_is_unchanged(name: str) -> None:
    """Every card renders exactly as recorded, in both languages."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    rendered = json.loads(_dump(_render()))
    keys = [k for k in golden if k.split("/", 1)[0] == name]
    assert keys
    for key in keys:
        assert rendered[key] == golden[key], key


def test_a_batch_renders_the_same_messages() -> None:
    """One renderer over every card, both languages (its caches shared): the same DMs."""
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    renderer = CheckInRenderer(NOW)
    for _ in range(2):  # the second pass reads every cache
        for name, base in CASES.items():
            for locale in ("fr-FR", "en-US"):
                ctx = replace(base, owner_locale=locale) if base.owner_locale else base
                message = json.loads(_dump(renderer.message(ctx).__dict__))
                expected = golden[f"{name}/{locale}"]
                assert message == {"text": expected["text"], "blocks": expected["blocks"]}, name


if __name__ == "__main__":
    GOLDEN.write_text(_dump(_render()), encoding="utf-8")
