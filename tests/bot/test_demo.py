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
        "The modal turns into the verdict",  # his last step, scored at once
        "[Add KPIs] [Edit answers] [Share to channel]",  # his result
        "Qualified leads",  # his KPI
        "In #general",  # his share
        "Le bot propose de reprendre",  # Alice's draft
        "Recommandation\u00a0: en interne",  # her result, in French
        "HTTP 429, `Retry-After: 90`",  # Dana's result, refused first
        "Slack answers 500 twice",  # then refused again
        "The recommendation arrives, once",  # and delivered by a later tick
        "09:30 EST (14:30 UTC)",  # Bob's check-ins in New York, in winter…
        "09:30 EDT (13:30 UTC)",  # …and after the clocks went forward, still at 9:30 for him
        "10:00 CEST (08:00 UTC)",  # Alice's in Paris, after hers did
        "clicks *No change*",
        "clicks *Skip*, because",
        "no answer this week",
        "HTTP 429 (`Retry-After: 60`)",
        "Alice types `/smm kpis`",
    ):
        assert seen in transcript
    harbor = transcript.split("## Harbor Coffee")[1]
    for seen in (
        "types `/smm settings`",  # the review channel and the lead, set through the modal
        "posts a change in #smm-review",  # the daily re-evaluation, after a year in-house
        "*In-house → Hybrid (in-house + agency) · confidence",
        "Only the team leads decide on recommendations: <@U0ERIN>.",  # Frank is refused
        "the period agreed with the agency: 12 months",  # Accept asks it of a hybrid
        "Accepted by <@U0ERIN> on",  # Erin's decision, on the post changed in place
        "His previous result DM, replaced in place",
        "Replaced on",
    ):
        assert seen in harbor, seen
    summer = transcript.split("## Atelier Lumière")[1]
    for seen in (
        "Snoozed until Jun 30, 2027 12:05\u202fPM",  # the snooze, shown on the prompt in place
        "Your snoozed check-in for *Instagram followers* is back (above)",  # and it comes back
        "Bastille Day, a public holiday in France",  # the Wednesday slot excused…
        "Inès gets nothing (0 new messages)",  # …with nothing sent that day
        "types `/smm away until 2027-07-30`",
        "You are away until Jul 30, 2027 included",
        "2 check-ins were skipped while you were away; the latest is below",  # the return
        "reminder 1 of 2 — the prompt, changed in place",
        "Reminder 1 of 2: this check-in is still waiting for your answer.",
        "reminder 2 of 2 — the prompt, changed in place",
        "Reminder: your check-in for *Instagram followers* is waiting for your answer (above)",
        "No answer after two reminders: this check-in counts as missed.",
        "Hugo, the team lead, gets a private note",
        "has gone silent: its owner <@U0INES> missed the last 2 check-ins in a row",
        "[Reassign the KPI]",
        "now belongs to <@U0LEA>",
    ):
        assert seen in summer, seen
    assert summer.count("…and the short new line") == 2  # one per reminder, no third
    dana = transcript.split("## Dana")[1].split("\n## ")[0]
    assert dana.count("**Recommendation:") == 1
    assert "0 refused by the stand-in" in capsys.readouterr().out
