"""`python -m scoring`, in process through main() and as a real subprocess."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scoring.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
BAD = ROOT / "examples" / "invalid" / "bad-profile.json"


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("path", [pytest.param(p, id=p.stem) for p in EXAMPLES])
def test_every_example_profile_gets_a_recommendation(path: Path) -> None:
    code, out, err = run([str(path)])
    assert code == 0 and err == ""
    assert json.loads(out)["verdict"] in {"in_house", "hybrid", "agency"}


def test_examples_say_what_their_names_promise() -> None:
    verdicts = {p.stem: json.loads(run([str(p)])[1])["verdict"] for p in EXAMPLES}
    assert verdicts["investor-relations"] == "in_house"
    assert verdicts["ecommerce-growth"] == "agency"
    assert verdicts["vertical-organisation"] == "agency"
    assert verdicts["limit-means"] == "in_house"


def test_stdin_is_read_without_a_file() -> None:
    code, out, _ = run([], stdin=EXAMPLES[0].read_text())
    assert code == 0 and "verdict" in json.loads(out)


def test_schema_is_printed() -> None:
    code, out, _ = run(["--schema"])
    assert code == 0 and json.loads(out)["title"] == "SMM Advisor profile"


@pytest.mark.parametrize("lang, heading", [("fr", "Recommandation"), ("en", "Recommendation")])
def test_explain_in_either_language(lang: str, heading: str) -> None:
    code, out, _ = run([str(EXAMPLES[0]), "--explain", "--lang", lang])
    assert code == 0 and out.startswith(heading)


def test_bad_fields_exit_2_and_list_every_problem() -> None:
    code, out, err = run([str(BAD)])
    assert code == 2
    fields = {p["field"] for p in json.loads(out)["problems"]}
    assert {
        "as_of",
        "objectives.primary",
        "audience",
        "means.budget_monthly",
        "means.hours_per_month",
    } <= fields
    assert "7 problem(s)" in err


@pytest.mark.parametrize("payload", ["{bad json", "[1, 2]"])
def test_bad_json_exits_2(payload: str) -> None:
    code, _, err = run([], stdin=payload)
    assert code == 2 and err


def test_as_a_subprocess_bad_input_exits_2_without_a_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scoring", str(BAD)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "means.hours_per_month" in proc.stderr
    bad_json = subprocess.run(
        [sys.executable, "-m", "scoring"],
        input="{",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert bad_json.returncode == 2 and "Traceback" not in bad_json.stderr


def test_as_a_subprocess_a_good_profile_prints_json() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "scoring", str(EXAMPLES[0])],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["verdict"]


HUGE_WAGE = (
    '{"as_of":"2025-03-01","objectives":{"primary":"sales"},"audience":"broad",'
    '"means":{"hours_per_month":700,"in_house":{"hourly":1e306},"agency":{"hourly":30}}}'
)
HUGE_BUDGET = (
    '{"as_of":"2025-03-01","objectives":{"primary":"sales"},"audience":"broad",'
    '"means":{"budget_monthly":1' + "0" * 400 + "}}"
)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(HUGE_WAGE, id="huge-wage"),
        pytest.param(HUGE_BUDGET, id="huge-int"),
        pytest.param("[" * 100_000, id="deep-nesting"),
        pytest.param('{"as_of": ' + "1" * 5000 + "}", id="too-many-digits"),
    ],
)
def test_pathological_input_exits_2_with_one_line_not_a_traceback(payload: str) -> None:
    code, _, err = run([], stdin=payload)
    assert code == 2
    assert err.strip() and "Traceback" not in err


def test_a_utf16_file_exits_2_and_a_utf8_bom_is_read(tmp_path: Path) -> None:
    profile = EXAMPLES[0].read_text(encoding="utf-8")
    utf16 = tmp_path / "utf16.json"
    utf16.write_text(profile, encoding="utf-16")
    code, _, err = run([str(utf16)])
    assert code == 2 and "UTF-8" in err and len(err.strip().splitlines()) == 1
    bom = tmp_path / "bom.json"
    bom.write_text(profile, encoding="utf-8-sig")
    assert run([str(bom)])[0] == 0


def test_the_command_line_messages_follow_the_language(tmp_path: Path) -> None:
    code, _, err = run([str(BAD), "--lang", "fr"])
    assert code == 2 and "7 problème(s) dans le profil" in err
    code, _, err = run(["--lang", "fr"], stdin="{bad json")
    assert code == 2 and "JSON invalide" in err
    code, _, err = run([str(tmp_path / "missing.json"), "--lang", "fr"])
    assert code == 2 and err.startswith("impossible de lire")
