"""`python -m scoring [FILE]`: profile JSON in, recommendation JSON (or an explanation) out."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from scoring.catalogue import LANGS, explain, text
from scoring.decision import recommend
from scoring.profile_io import (
    Problem,
    ProfileError,
    parse_profile,
    problem_to_dict,
    recommendation_to_dict,
)
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


def _report(problems: Sequence[Problem], lang: str, err: TextIO) -> None:
    err.write(text("cli.problems", lang, count=len(problems)) + "\n")
    for pr in problems:
        message = text(f"problem.{pr.code}", lang, **dict(pr.params))
        err.write(f"  {pr.field or '(root)'}: {pr.code}: {message}\n")


def _fail(err: TextIO, code: str, lang: str, **params: str | int) -> int:
    """One line on stderr in the chosen language, and the bad-input exit code."""
    err.write(text(code, lang, **params) + "\n")
    return EXIT_BAD_INPUT


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


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
        if args.file:
            # utf-8-sig: a byte-order mark, as some editors write, is not part of the JSON.
            with open(args.file, encoding="utf-8-sig") as fh:
                raw = fh.read()
        else:
            raw = inp.read()
    except OSError as e:
        return _fail(err, "cli.cannot_read", lang, source=source, message=str(e.strerror or e))
    except UnicodeDecodeError as e:
        return _fail(err, "cli.not_utf8", lang, source=source, message=_one_line(e.reason))
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
            message=e.msg,
        )
    except RecursionError:
        return _fail(err, "cli.too_deep", lang, source=source)
    except ValueError as e:  # e.g. an integer longer than Python converts
        return _fail(err, "cli.invalid_number", lang, source=source, message=_one_line(e))
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
