"""`make demo` runs the whole loop offline and writes a readable transcript."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.demo import run_demo


def test_the_demo_runs_the_whole_loop_with_no_call_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_demo(tmp_path) == 0
    transcript = (tmp_path / "transcript.md").read_text(encoding="utf-8")
    for seen in (
        "Enter a number",  # Bob's mistake, refused inline
        "[Add KPIs] [Edit answers] [Share to channel]",  # his result
        "Qualified leads",  # his KPI
        "In #general",  # his share
        "Le bot propose de reprendre",  # Alice's draft
        "Recommandation : En interne",  # her result, in French
    ):
        assert seen in transcript
    assert "0 refused by the stand-in" in capsys.readouterr().out
