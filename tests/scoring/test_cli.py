"""`python -m scoring`, in process through main() and as a real subprocess."""

from __future__ import annotations

import codecs
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


# ---------------------------------------------------------------- messages people read

NO_PRIMARY = '{"as_of": "2025-03-01", "audience": "broad"}'
BAD_AUDIENCE = '{"as_of": "2025-03-01", "objectives": {"primary": "sales"}, "audience": "all"}'


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("en", "  - `objectives.primary` is required.\n"),
        ("fr", "  - `objectives.primary` est obligatoire.\n"),
    ],
)
def test_a_missing_field_is_named_in_a_sentence(lang: str, sentence: str) -> None:
    code, out, err = run(["--lang", lang], stdin=NO_PRIMARY)
    assert code == 2
    assert sentence in err
    assert "required:" not in err and "Required." not in err and "Champ obligatoire" not in err
    # The machine-readable list keeps its field, code and params.
    assert json.loads(out) == {
        "problems": [{"field": "objectives.primary", "code": "required", "params": {}}]
    }


@pytest.mark.parametrize(
    "lang, sentence",
    [
        ("en", "`audience` has an unknown value; one of: restricted, niche, broad."),
        (
            "fr",
            "`audience` a une valeur inconnue\u202f; valeurs possibles\u00a0: restricted, niche, broad.",
        ),
    ],
)
def test_a_bad_choice_lists_the_allowed_values(lang: str, sentence: str) -> None:
    code, out, err = run(["--lang", lang], stdin=BAD_AUDIENCE)
    assert code == 2 and sentence in err
    (problem,) = json.loads(out)["problems"]
    assert problem == {
        "field": "audience",
        "code": "invalid_choice",
        "params": {"allowed": "restricted,niche,broad"},
    }


def test_every_line_of_the_bad_example_names_its_field_in_both_languages() -> None:
    for lang in ("en", "fr"):
        code, out, err = run([str(BAD), "--lang", lang])
        lines = err.splitlines()[1:]
        problems = json.loads(out)["problems"]
        assert code == 2 and len(lines) == len(problems)
        for line, problem in zip(lines, problems, strict=True):
            assert f"`{problem['field']}" in line, line
            assert problem["code"] not in line.split("`")[0::2], line  # no raw code in the prose
    assert (
        "Only one of `means.in_house.hourly`, `means.in_house.annual_salary`" in run([str(BAD)])[2]
    )


def test_a_profile_that_is_not_an_object_says_so() -> None:
    assert run(["--lang", "fr"], stdin="[1, 2]")[2].endswith("  - Le profil doit être un objet.\n")
    assert run([], stdin='"x"')[2].endswith("  - The profile must be an object.\n")


def test_every_problem_code_has_a_command_line_sentence_with_the_same_params() -> None:
    from scoring.catalogue import TEXTS, placeholders

    for key, (fr, _) in TEXTS.items():
        if key.startswith("problem."):
            cli_fr = TEXTS[f"cli.{key}"][0]
            assert placeholders(cli_fr) - {("field", "")} == placeholders(fr), key
            assert "`{field}`" in cli_fr or "{fields}" in cli_fr, key


# Several of the messages Python's json module raises, each on a line of its own.
JSON_ERRORS = [
    pytest.param('{\n  "as_of": "2025-03-01"\n  "audience": "broad"\n}', 3, 3,
                 "il manque une virgule", id="missing-comma"),
    pytest.param('{\n  "as_of": "2025-03-01,\n  "audience": "broad"\n}', 2, 24,
                 "caractère de contrôle", id="control-character"),
    pytest.param('{\n  "as_of": "2025-03-01', 2, 12,
                 "la chaîne ouverte ici ne se termine jamais", id="unterminated-string"),
    pytest.param('{"as_of": "2025-03-01"}\n{}', 2, 1, "données en trop", id="extra-data"),
    pytest.param('{\n\n  "as_of": }', 3, 12, "une valeur est attendue ici", id="expecting-value"),
    pytest.param('{\n  as_of: "2025-03-01"}', 2, 3, "un nom de propriété entre guillemets",
                 id="unquoted-name"),
    pytest.param('{"as_of" "2025-03-01"}', 1, 10, "il manque le deux-points", id="missing-colon"),
    pytest.param('{"as_of": "\\d"}', 1, 12, "échappement invalide", id="bad-escape"),
    pytest.param('{"as_of": "\\u00e"}', 1, 13, "échappement \\uXXXX invalide", id="bad-u-escape"),
    pytest.param("\ufeff{}", 1, 1, "le texte commence par une marque d'ordre", id="bom-in-a-text-stream"),
]  # fmt: skip


@pytest.mark.parametrize("payload, line, column, french", JSON_ERRORS)
def test_a_json_syntax_error_is_said_in_french_with_its_line_and_column(
    payload: str, line: int, column: int, french: str
) -> None:
    code, out, err = run(["--lang", "fr"], stdin=payload)
    assert code == 2 and out == ""
    assert err.startswith(
        f"<stdin>\u00a0: JSON invalide ligne {line}, colonne {column}\u00a0: {french}"
    )
    assert err.count("\n") == 1
    for english in ("Expecting", "delimiter", "Unterminated", "Extra data", "Invalid", "BOM ("):
        assert english not in err


@pytest.mark.parametrize("payload, line, column, _french", JSON_ERRORS)
def test_the_english_json_messages_are_the_projects_own(
    payload: str, line: int, column: int, _french: str
) -> None:
    code, _, err = run([], stdin=payload)
    assert code == 2 and err.startswith(f"<stdin>: invalid JSON at line {line} column {column}: ")
    assert "Expecting" not in err and "delimiter" not in err


@pytest.mark.parametrize(
    "message, french",
    [
        pytest.param("Illegal trailing comma before end of array", "une virgule avant une fermeture",
                     id="python-3.13"),
        pytest.param("Some message of a later Python", "erreur de syntaxe", id="unknown"),
    ],
)  # fmt: skip
def test_newer_and_unknown_json_messages_are_said_in_french(
    monkeypatch: pytest.MonkeyPatch, message: str, french: str
) -> None:
    def later_python(raw: str) -> object:
        raise json.JSONDecodeError(message, raw, 0)

    monkeypatch.setattr("scoring.cli.json.loads", later_python)
    code, _, err = run(["--lang", "fr"], stdin="{}")
    assert code == 2 and err.startswith(
        f"<stdin>\u00a0: JSON invalide ligne 1, colonne 1\u00a0: {french}"
    )


def test_unreadable_files_say_why_in_french(tmp_path: Path) -> None:
    code, _, err = run([str(tmp_path / "missing.json"), "--lang", "fr"])
    assert code == 2 and err.endswith("missing.json\u00a0: fichier introuvable\n")
    code, _, err = run([str(tmp_path), "--lang", "fr"])
    assert code == 2 and err.endswith("\u00a0: c'est un dossier, pas un fichier\n")
    assert "No such file" not in err and "Is a directory" not in err


def test_a_file_not_in_utf8_gives_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{\n  "as_of": "2025-03-01",\n  "x": "é"\n}'.encode("latin-1"))
    code, _, err = run([str(latin1), "--lang", "fr"])
    assert code == 2
    assert (
        err
        == f"{latin1}\u00a0: le texte n'est pas en UTF-8 (ligne 3)\u202f; l'enregistrer en UTF-8\n"
    )
    assert "invalid" not in err and "byte" not in err


def test_a_number_with_too_many_digits_is_said_in_french() -> None:
    code, _, err = run(["--lang", "fr"], stdin='{"as_of": ' + "1" * 5000 + "}")
    assert code == 2
    assert err == "<stdin>\u00a0: un nombre a trop de chiffres pour être lu (au plus 4\u202f300)\n"


def test_as_a_subprocess_french_errors_from_stdin_bytes() -> None:
    def scoring(stdin: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "scoring", "--lang", "fr"],
            input=stdin,
            capture_output=True,
            cwd=ROOT,
            check=False,
        )

    syntax = scoring(b'{"as_of": "2025-03-01"\n "audience": "broad"}')
    assert syntax.returncode == 2
    assert syntax.stderr.decode() == (
        "<stdin>\u00a0: JSON invalide ligne 2, colonne 2\u00a0: il manque une virgule (,) ou une"
        " fermeture } ou ]\n"
    )
    not_utf8 = scoring(b'{\n"as_of": "\xff"}')
    assert not_utf8.returncode == 2 and b"(ligne 2)" in not_utf8.stderr
    # A byte-order mark is not part of the JSON, on stdin as in a file.
    assert (
        scoring(codecs.BOM_UTF8 + NO_PRIMARY.encode())
        .stderr.decode()
        .endswith("`objectives.primary` est obligatoire.\n")
    )
