"""`python -m scoring [FILE]`: profile JSON in, recommendation JSON (or an explanation) out."""

from __future__ import annotations

import argparse
import codecs
import errno
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from scoring.catalogue import LANGS, TEXTS, explain, text
from scoring.decision import recommend
from scoring.profile_io import (
    Problem,
    ProfileError,
    parse_profile,
    problem_to_dict,
)
from scoring.recommendation_io import recommendation_to_dict
from scoring.schema import json_schema

EXIT_OK = 0
EXIT_BAD_INPUT = 2  # bad JSON or bad fields, as argparse does for bad arguments


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m scoring",
        description="Recommend in-house, hybrid or agency social media management from a profile.",
    )
    p.add_argument("file", nargs="?", help="profile JSON file (stdin when omitted)")
    p.add_argument("--schema", action="store_true", help="print the input JSON Schema and exit")
    p.add_argument("--explain", action="store_true", help="print a readable explanation")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of texts (default: en)")
    return p


# The messages Python's json module raises (decoder.py, and the C scanner's shorter forms of the
# same), matched by prefix because some end with the offending character; 3.13 adds the
# trailing-comma ones. Anything else gets the generic text.
_JSON_MESSAGES: tuple[tuple[str, str], ...] = (
    ("Expecting ',' delimiter", "cli.json.expecting_comma"),
    ("Expecting ':' delimiter", "cli.json.expecting_colon"),
    ("Expecting value", "cli.json.expecting_value"),
    ("Expecting property name enclosed in double quotes", "cli.json.expecting_property_name"),
    ("Unterminated string starting at", "cli.json.unterminated_string"),
    ("Invalid control character", "cli.json.control_character"),
    ("Invalid \\escape", "cli.json.invalid_escape"),
    ("Invalid \\uXXXX escape", "cli.json.invalid_unicode_escape"),
    ("Extra data", "cli.json.extra_data"),
    ("Illegal trailing comma", "cli.json.trailing_comma"),
    ("Unexpected UTF-8 BOM", "cli.json.bom"),
)

# errno → why a file cannot be read; the OS's own strerror is English whatever --lang says.
_READ_ERRORS: Mapping[int, str] = {
    errno.ENOENT: "cli.read.not_found",
    errno.EACCES: "cli.read.permission",
    errno.EPERM: "cli.read.permission",
    errno.EISDIR: "cli.read.directory",
    errno.ENOTDIR: "cli.read.not_directory",
}


def _listed(values: str) -> str:
    """A comma-joined param ("leads,sales") as a list to read ("leads, sales")."""
    return ", ".join(v for v in values.split(",") if v)


def _problem_line(pr: Problem, lang: str) -> str:
    """One problem as a sentence naming its field."""
    params = dict(pr.params)
    if "allowed" in params:
        params["allowed"] = _listed(str(params["allowed"]))
    if "fields" in params:  # names under the problem's field: give their whole paths
        params["fields"] = ", ".join(f"`{pr.field}.{f}`" for f in str(params["fields"]).split(","))
    code = f"cli.problem.{pr.code}"
    if not pr.field and f"{code}.root" in TEXTS:
        code += ".root"
    return text(code, lang, **params, field=pr.field)


def _report(problems: Sequence[Problem], lang: str, err: TextIO) -> None:
    err.write(text("cli.problems", lang, count=len(problems)) + "\n")
    for pr in problems:
        err.write(f"  - {_problem_line(pr, lang)}\n")


def _fail(err: TextIO, code: str, lang: str, **params: str | int) -> int:
    """One line on stderr in the chosen language, and the bad-input exit code."""
    err.write(text(code, lang, **params) + "\n")
    return EXIT_BAD_INPUT


def _json_message(msg: str, lang: str) -> str:
    """A json.JSONDecodeError message in the chosen language."""
    key = next((k for prefix, k in _JSON_MESSAGES if msg.startswith(prefix)), None)
    return text(key or "cli.json.syntax_error", lang)


def _read_error(e: OSError, lang: str) -> str:
    """Why a file cannot be read, in the chosen language."""
    key = _READ_ERRORS.get(e.errno or 0)
    if key is None:
        return text("cli.read.other", lang, error=errno.errorcode.get(e.errno or 0, "?"))
    return text(key, lang)


def _read(path: str | None, inp: TextIO) -> str:
    """The input as text: bytes decoded as UTF-8 (what JSON is), a leading byte-order mark dropped."""
    if path is not None:
        with open(path, "rb") as fh:
            raw = fh.read()
    else:
        buffer = getattr(inp, "buffer", None)
        if buffer is None:  # a text stream with no bytes beneath, e.g. a StringIO
            return inp.read()
        raw = buffer.read()
    # Decoding the whole input at once makes the error's offset the file's own.
    return raw.removeprefix(codecs.BOM_UTF8).decode("utf-8")


def _bad_byte_line(e: UnicodeDecodeError) -> int:
    """The line (from 1) of the first byte that is not UTF-8."""
    return e.object[: e.start].count(b"\n") + 1


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the exit code (0, or 2 for bad input)."""
    inp = stdin or sys.stdin
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = _parser().parse_args(argv)
    if args.schema:
        out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
        return EXIT_OK
    source = args.file or "<stdin>"
    lang = args.lang
    try:
        raw = _read(args.file or None, inp)
    except OSError as e:
        return _fail(err, "cli.cannot_read", lang, source=source, message=_read_error(e, lang))
    except UnicodeDecodeError as e:
        return _fail(err, "cli.not_utf8", lang, source=source, line=_bad_byte_line(e))
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        return _fail(
            err,
            "cli.invalid_json",
            lang,
            source=source,
            line=e.lineno,
            column=e.colno,
            message=_json_message(e.msg, lang),
        )
    except RecursionError:
        return _fail(err, "cli.too_deep", lang, source=source)
    except ValueError:
        # The only other ValueError json.loads raises: an integer longer than int() converts.
        limit = sys.get_int_max_str_digits()
        return _fail(err, "cli.invalid_number", lang, source=source, limit=limit)
    if not isinstance(data, Mapping):
        _report([Problem("", "invalid_type", (("expected", "object"),))], lang, err)
        return EXIT_BAD_INPUT
    try:
        profile = parse_profile(data)
    except ProfileError as e:
        _report(e.problems, lang, err)
        if not args.explain:
            json.dump({"problems": [problem_to_dict(p) for p in e.problems]}, out, indent=2)
            out.write("\n")
        return EXIT_BAD_INPUT
    rec = recommend(profile)
    if args.explain:
        out.write(explain(rec, lang))
    else:
        out.write(json.dumps(recommendation_to_dict(rec), indent=2, ensure_ascii=False) + "\n")
    return EXIT_OK
